import { afterEach, describe, expect, it } from 'vitest'
import {
  FakeGitHub,
  SECONDARY_MESSAGE,
  startFakeServer,
  type FakeGitHubOptions
} from '../../fake/index.js'
import { client } from './util.js'

const open: Array<() => Promise<void>> = []
afterEach(async () => {
  while (open.length) await open.pop()!()
})

async function fake(opts: FakeGitHubOptions) {
  const gh = new FakeGitHub(opts)
  gh.addOrg('acme')
  gh.addMember('acme', 'a')
  gh.addSeat('acme', { login: 's' })
  const s = await startFakeServer(gh)
  open.push(() => s.close())
  return { gh, api: client(s.url) }
}
const SEATS = '/orgs/acme/copilot/billing/seats'
const USERS = '/orgs/acme/copilot/billing/selected_users'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('secondary rate limits (enforced)', () => {
  it('refuses a request that would exceed the points budget (GET 1, write 5)', async () => {
    const { gh, api } = await fake({
      limits: { enforce: true, pointsPerMinute: 10, writeSpacingMs: 0 }
    })
    for (let i = 0; i < 6; i++) expect((await api('GET', SEATS)).status).toBe(200)
    const w = await api('POST', USERS, { selected_usernames: ['a'] }) // 6 + 5 > 10
    expect(w.status).toBe(403)
    expect(w.json.message.startsWith(SECONDARY_MESSAGE)).toBe(true)
    expect(w.json.documentation_url).toContain('secondary-rate-limits')
    expect(w.headers.get('retry-after')).toBe('60')
    // refused requests are charged too: 6 + 5 = 11 already > 10
    expect((await api('GET', SEATS)).status).toBe(403)
    expect(gh.stats).toMatchObject({ secondaryLimited: 2, requests: 8, writes: 1, points: 12 })
    expect(gh.seat('acme', 'a')).toBeUndefined()
  })

  it('refuses requests beyond maxConcurrent in flight', async () => {
    const { gh, api } = await fake({ latencyMs: 150, limits: { enforce: true, maxConcurrent: 2 } })
    const res = await Promise.all(Array.from({ length: 5 }, () => api('GET', SEATS)))
    const codes = res.map((r) => r.status).sort()
    expect(codes).toEqual([200, 200, 403, 403, 403])
    expect(gh.stats.maxInFlight).toBe(5)
    expect(gh.stats.secondaryLimited).toBe(3)
  })

  it('refuses a write that starts less than writeSpacingMs after the previous write', async () => {
    const { gh, api } = await fake({
      limits: { enforce: true, writeSpacingMs: 200, retryAfterSeconds: null }
    })
    expect((await api('POST', USERS, { selected_usernames: ['a'] })).status).toBe(201)
    const r = await api('DELETE', USERS, { selected_usernames: ['a'] })
    expect(r.status).toBe(403)
    expect(r.headers.get('retry-after')).toBeNull()
    expect((await api('GET', SEATS)).status).toBe(200) // reads are not spaced
    await sleep(220)
    expect((await api('DELETE', USERS, { selected_usernames: ['a'] })).status).toBe(200)
    expect(gh.stats.secondaryLimited).toBe(1)
  })

  it('refuses once the request-time budget of the last minute is used up', async () => {
    const { api } = await fake({
      latencyMs: 60,
      limits: { enforce: true, requestSecondsPerMinute: 0.1 }
    })
    expect((await api('GET', SEATS)).status).toBe(200)
    expect((await api('GET', SEATS)).status).toBe(200) // 60 ms used < 100 ms at arrival
    expect((await api('GET', SEATS)).status).toBe(403) // >= 120 ms used
  })

  it('does not enforce anything by default', async () => {
    const { gh, api } = await fake({})
    const res = await Promise.all(
      Array.from({ length: 20 }, () => api('POST', USERS, { selected_usernames: ['a'] }))
    )
    expect(res.every((r) => r.status === 201)).toBe(true)
    expect(gh.stats).toMatchObject({ writes: 20, points: 100, secondaryLimited: 0 })
  })

  it('latency function sees the request', async () => {
    const seen: string[] = []
    const { gh, api } = await fake({
      latencyMs: (req) => {
        seen.push(`${req.method} ${req.path}`)
        return req.method === 'GET' ? 30 : 0
      }
    })
    await api('GET', SEATS)
    expect(seen).toEqual([`GET ${SEATS}`])
    expect(gh.requests[0]!.durationMs).toBeGreaterThanOrEqual(25)
  })
})
