import { afterEach, describe } from 'vitest'
import { startFakeServer } from '../../fake/index.js'
import { issuesSuite } from './issues-suite.js'

const open: Array<() => Promise<void>> = []
afterEach(async () => {
  while (open.length) await open.pop()!()
})

describe('issues extension through the loopback server', () => {
  issuesSuite(async (gh) => {
    const s = await startFakeServer(gh)
    open.push(() => s.close())
    return s.url
  })
})
