// Issue 9, item 5: request counts. Before the fix, more than 20 users meant whole listings
// (the seat listing before and after the writes, the member list), whatever the org's size:
// 21 users in a large org cost thousands of pages. Look-ups versus a listing are now chosen by
// request count from `total_seats` on page 1.
import { describe, expect, it } from 'vitest'
import type { FakeGitHub } from '../../fake/index.js'
import { json, mswServer, runAction } from '../support/harness.js'
import { NOW, OLD } from '../support/assign-revoke-fixtures.js'

const { useFake } = mswServer()
const SEATS = '/orgs/acme/copilot/billing/seats'
const RECENT = '2026-05-09T08:00:00Z'
const LONG_AGO = '2026-02-01T00:00:00Z'

function largeOrg(seats: number, idle = (_i: number) => false): FakeGitHub {
  const gh = useFake({ now: () => new Date(NOW) })
  for (let i = 0; i < seats; i++) {
    gh.addSeat('acme', {
      login: `s${String(i).padStart(5, '0')}`,
      created_at: OLD,
      last_activity_at: idle(i) ? LONG_AGO : RECENT
    })
  }
  return gh
}

/** What the run says it sent: the limiter's count, in the log line "N API request(s).". */
const reported = (stdout: string) => Number(/(\d+) API request\(s\)\./.exec(stdout)?.[1])

describe('Issue 9: request counts', () => {
  it('assign of n = 21 users in a 3,000-seat org: at most 3n + 3 requests, and no listing beyond page 1', async () => {
    const gh = largeOrg(3000) // 30 pages
    const users = Array.from({ length: 21 }, (_, i) => `new${String(i).padStart(2, '0')}`)
    for (const u of users) gh.addMember('acme', u)
    const r = await runAction({ mode: 'assign', users: users.join(' ') }, { now: NOW })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(json<string[]>(r.outputs['assigned-users']).sort()).toEqual(users)
    expect(gh.requests.length).toBeLessThanOrEqual(3 * 21 + 3)
    expect(gh.requests.filter((q) => q.path === SEATS).map((q) => q.query.page)).toEqual(['1'])
    expect(gh.requests.some((q) => q.path === '/orgs/acme/members')).toBe(false)
    expect(reported(r.stdout)).toBe(gh.requests.length)
  })

  it('reclaim of n = 21 idle seats in a 5,000-seat org: at most 2n + 2 requests after the listing', async () => {
    const idle = new Set(Array.from({ length: 21 }, (_, k) => k * 233 + 7))
    const gh = largeOrg(5000, (i) => idle.has(i)) // 50 pages
    const r = await runAction(
      { mode: 'audit', reclaim: 'true' },
      { now: NOW, limiter: { writeSpacingMs: 50 } }
    )
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(json<string[]>(r.outputs['cancelled-users'])).toHaveLength(21)
    // The policy check, then the listing: every page once and page 1 once more (nothing moved).
    const listing = gh.requests.slice(1, 52)
    expect(gh.requests[0]!.path).toBe('/orgs/acme/copilot/billing')
    expect(listing.every((q) => q.path === SEATS)).toBe(true)
    expect(listing.map((q) => Number(q.query.page)).sort((a, b) => a - b)).toEqual([
      1,
      ...Array.from({ length: 50 }, (_, i) => i + 1)
    ])
    const after = gh.requests.slice(52)
    expect(after.length).toBeLessThanOrEqual(2 * 21 + 2)
    expect(after.some((q) => q.path === SEATS)).toBe(false)
    expect(reported(r.stdout)).toBe(gh.requests.length)
  })
})
