// The same fault expectations, run through msw (faults-msw.test.ts) and the real server (faults-server.test.ts).
import { expect, it } from 'vitest'
import { FakeGitHub, PRIMARY_MESSAGE } from '../../fake/index.js'
import { client } from './util.js'

export function faultSuite(mount: (gh: FakeGitHub) => Promise<string>) {
  async function fresh() {
    const gh = new FakeGitHub()
    gh.addOrg('acme')
    gh.addSeat('acme', { login: 'a' })
    const base = await mount(gh)
    return { gh, api: client(base), base }
  }
  const SEATS = '/orgs/acme/copilot/billing/seats'

  it("'status' once, then OK (times), with custom headers and body", async () => {
    const { gh, api } = await fresh()
    gh.fault({ path: SEATS, status: 502, times: 2, headers: { 'x-extra': '1' } })
    const r1 = await api('GET', SEATS)
    expect(r1.status).toBe(502)
    expect(r1.headers.get('x-extra')).toBe('1')
    expect(r1.json.status).toBe('502')
    expect((await api('GET', SEATS)).status).toBe(502)
    expect((await api('GET', SEATS)).status).toBe(200)
    gh.fault({ method: 'POST', path: /selected_users$/, status: 500, body: { message: 'boom' } })
    expect((await api('GET', SEATS)).status).toBe(200) // method does not match
    const p = await api('POST', '/orgs/acme/copilot/billing/selected_users', {
      selected_usernames: ['a']
    })
    expect(p.status).toBe(500)
    expect(p.json).toEqual({ message: 'boom' })
    expect(gh.requests.map((r) => r.status)).toEqual([502, 502, 200, 200, 500])
  })

  it("'secondary' with and without retry-after, and 'primary'", async () => {
    const { gh, api } = await fresh()
    gh.fault({ kind: 'secondary' })
    gh.fault({ kind: 'secondary', status: 429, headers: { 'retry-after': '7' } })
    gh.fault({ kind: 'primary', resetInSeconds: 30 })
    const s1 = await api('GET', SEATS)
    expect(s1.status).toBe(403)
    expect(s1.json.message).toMatch(/\bsecondary rate\b/i)
    expect(s1.headers.get('retry-after')).toBeNull()
    const s2 = await api('GET', SEATS)
    expect(s2.status).toBe(429)
    expect(s2.headers.get('retry-after')).toBe('7')
    const p = await api('GET', SEATS)
    expect(p.status).toBe(403)
    expect(p.json.message).toBe(PRIMARY_MESSAGE)
    expect(p.headers.get('x-ratelimit-remaining')).toBe('0')
    const reset = Number(p.headers.get('x-ratelimit-reset'))
    expect(Math.abs(reset - (Math.floor(Date.now() / 1000) + 30))).toBeLessThanOrEqual(2)
    expect(gh.stats.secondaryLimited).toBe(2)
  })

  it("'html' and 'malformed-json'", async () => {
    const { gh, api } = await fresh()
    gh.fault({ kind: 'html' })
    gh.fault({ kind: 'malformed-json' })
    const h = await api('GET', SEATS)
    expect(h.status).toBe(502)
    expect(h.headers.get('content-type')).toMatch(/^text\/html/)
    expect(h.text).toContain('<html')
    const m = await api('GET', SEATS)
    expect(m.status).toBe(200)
    expect(m.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(() => JSON.parse(m.text)).toThrow()
  })

  it("'reset' is a network error", async () => {
    const { gh, api } = await fresh()
    gh.fault({ kind: 'reset' })
    await expect(api('GET', SEATS)).rejects.toThrow()
    expect((await api('GET', SEATS)).status).toBe(200)
    expect(gh.requests[0]!.status).toBe(0)
  })

  it("'hang' never answers until the client aborts", async () => {
    const { gh, api } = await fresh()
    gh.fault({ kind: 'hang', path: SEATS })
    const t0 = Date.now()
    await expect(
      api('GET', SEATS, undefined, { signal: AbortSignal.timeout(150) })
    ).rejects.toThrow()
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140)
    await expect.poll(() => gh.requests.length).toBe(1)
    expect(gh.requests[0]!.status).toBe(0)
    expect((await api('GET', SEATS)).status).toBe(200)
  })

  it('Infinity times and stats endpoints (not counted, no auth)', async () => {
    const { gh, api, base } = await fresh()
    gh.fault({ path: SEATS, status: 503, times: Infinity })
    for (let i = 0; i < 3; i++) expect((await api('GET', SEATS)).status).toBe(503)
    const s = await client(base, null)('GET', '/_fake/stats')
    expect(s.json).toMatchObject({ requests: 3, byStatus: { '503': 3 }, points: 3 })
    await client(base, null)('POST', '/_fake/reset-stats')
    expect(gh.stats.requests).toBe(0)
    expect(gh.requests).toHaveLength(3)
  })
}
