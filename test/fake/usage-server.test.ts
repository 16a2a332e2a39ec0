import { afterEach, describe } from 'vitest'
import { startFakeServer, startUsageDownloadServer } from '../../fake/index.js'
import { usageDownloadSuite } from './usage-suite.js'

const open: Array<() => Promise<void>> = []
afterEach(async () => {
  while (open.length) await open.pop()!()
})

describe('usage reports through loopback servers (API and download host on two ports)', () => {
  usageDownloadSuite('server', async (gh, usage) => {
    const api = await startFakeServer(gh)
    open.push(() => api.close())
    const dl = await startUsageDownloadServer(usage)
    open.push(() => dl.close())
    return { api: api.url }
  })
})
