import { afterEach, describe, expect, it } from 'vitest'
import { FakeGitHub, startFakeServer } from '../../fake/index.js'
import { faultSuite } from './fault-suite.js'

const open: Array<() => Promise<void>> = []
afterEach(async () => {
  while (open.length) await open.pop()!()
})

describe('fault rules through the loopback server', () => {
  faultSuite(async (gh) => {
    const s = await startFakeServer(gh)
    open.push(() => s.close())
    return s.url
  })
})

describe('server lifecycle', () => {
  it('close() does not hang on hung or keep-alive sockets', async () => {
    const gh = new FakeGitHub()
    gh.addOrg('acme')
    const s = await startFakeServer(gh)
    await fetch(`${s.url}/orgs/acme/copilot/billing`, {
      headers: { authorization: 'token t' }
    }).then((r) => r.text())
    gh.fault({ kind: 'hang' })
    let arrived = 0
    gh.onRequest(() => arrived++)
    const hung = fetch(`${s.url}/orgs/acme/copilot/billing`, {
      headers: { authorization: 'token t' }
    })
    await expect.poll(() => arrived).toBe(1)
    const t0 = Date.now()
    await s.close()
    expect(Date.now() - t0).toBeLessThan(1000)
    await expect(hung).rejects.toThrow()
    await expect.poll(() => gh.requests.length).toBe(2)
    expect(gh.requests[1]!.status).toBe(0)
  })
})
