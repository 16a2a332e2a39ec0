// Issue 9, item 2: writes trusted a listing that shifted while it was read. With 250 seats,
// removing u150 and adding zz-new just before page 3 is read moves u200 onto page 2, which the
// reader has already read: the listing misses u200 and still looks consistent (same total,
// page 1 unchanged). Before the fix, assign took the missing row as "no seat" and re-sent u200
// (resetting its grace period), revoke reported it as "no seat" and left it billed, and reclaim
// sent a seat that no longer existed. A listing proves that a seat exists, never that it does not.
import { describe, expect, it } from 'vitest'
import type { FakeGitHub } from '../../fake/index.js'
import { json, mswServer, runAction } from '../support/harness.js'
import { NEXT_CYCLE, NOW, OLD, skipsOf, writeBodies } from '../support/assign-revoke-fixtures.js'

const { useFake } = mswServer()
const SEATS = '/orgs/acme/copilot/billing/seats'
const USERS = '/orgs/acme/copilot/billing/selected_users'
const RECENT = '2026-05-09T08:00:00Z'
const LONG_AGO = '2026-02-01T00:00:00Z'
const QUICK_WRITES = { writeSpacingMs: 50 }

const login = (i: number) => `u${String(i).padStart(3, '0')}`

/**
 * `seats` seats u000…, a shift just before page `beforePage` is first computed, and the pages
 * from `beforePage` on answered a little later, so that the pages before it are computed first
 * (pages are read concurrently; without this the shift could come before them).
 */
function shiftedOrg(
  seats: number,
  shift: { beforePage: number; remove: string },
  seat: (i: number) => { last_activity_at: string; team?: string } = () => ({
    last_activity_at: RECENT
  })
): { gh: FakeGitHub; computed: number[] } {
  const gh = useFake({
    now: () => new Date(NOW),
    latencyMs: (req) => (req.path === SEATS && Number(req.query.page) >= shift.beforePage ? 40 : 0)
  })
  for (let i = 0; i < seats; i++)
    gh.addSeat('acme', { login: login(i), created_at: OLD, ...seat(i) })
  gh.shiftListingOnce({
    org: 'acme',
    beforePage: shift.beforePage,
    remove: [shift.remove],
    add: ['zz-new']
  })
  const computed: number[] = []
  gh.onListingPage((p) => computed.push(p.page))
  return { gh, computed }
}

/** The page before the shift was computed first: the listing misses the row that moved onto it. */
function expectShiftHidRowFrom(computed: number[], beforePage: number) {
  expect(computed.indexOf(beforePage - 1)).toBeGreaterThanOrEqual(0)
  expect(computed.indexOf(beforePage - 1)).toBeLessThan(computed.indexOf(beforePage))
}

const lookUps = (gh: FakeGitHub, before = Infinity) =>
  gh.requests
    .slice(0, before)
    .filter((q) => q.method === 'GET' && /^\/orgs\/acme\/members\/[^/]+\/copilot$/.test(q.path))
    .map((q) => q.path.split('/')[4]!)
const firstWrite = (gh: FakeGitHub) => gh.requests.findIndex((q) => q.method !== 'GET')

describe('Issue 9: writes trust a listing that shifted', () => {
  it('assign: more than 20 users including u200, which the shifted listing misses, does not re-send u200', async () => {
    const { gh, computed } = shiftedOrg(250, { beforePage: 3, remove: 'u150' })
    const fresh = Array.from({ length: 24 }, (_, i) => `new${String(i).padStart(2, '0')}`)
    for (const l of fresh) gh.addMember('acme', l)
    const r = await runAction(
      { mode: 'assign', users: ['u200', ...fresh].join(' ') },
      { now: NOW, limiter: QUICK_WRITES }
    )
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expectShiftHidRowFrom(computed, 3)
    // Not in the listing, so u200 was looked up on its own before anything was sent.
    expect(lookUps(gh, firstWrite(gh))).toContain('u200')
    expect(writeBodies(gh)).toEqual([{ method: 'POST', path: USERS, names: fresh }])
    expect(gh.seat('acme', 'u200')?.created_at).toBe(OLD) // grace period kept
    expect(json<string[]>(r.outputs['assigned-users'])).toEqual(fresh)
    expect(skipsOf(r.outputs['skipped-users'])).toEqual([
      { login: 'u200', reason: expect.stringMatching(/^already holds a seat; not re-sent/) }
    ])
  })

  const range = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => login(from + i))
  // The others: 12 from page 1 and 12 from the page read before the shift (not the removed seat).
  const cases = [
    {
      name: 'page 3 of 3 (the last page)',
      seats: 250,
      beforePage: 3,
      remove: 'u150',
      missed: 'u200',
      others: [...range(1, 12), ...range(160, 171)]
    },
    {
      name: 'page 2 of 3',
      seats: 250,
      beforePage: 2,
      remove: 'u050',
      missed: 'u100',
      others: [...range(1, 12), ...range(60, 71)]
    },
    {
      name: 'page 3 of 5 (a middle page)',
      seats: 450,
      beforePage: 3,
      remove: 'u150',
      missed: 'u200',
      others: [...range(1, 12), ...range(160, 171)]
    }
  ]
  for (const c of cases) {
    it(`revoke: the shift while ${c.name} is read; ${c.missed} and 24 others are all cancelled, exit 0`, async () => {
      const { gh, computed } = shiftedOrg(c.seats, c)
      const users = [c.missed, ...c.others]
      const r = await runAction(
        { mode: 'revoke', users: users.join(',') },
        { now: NOW, limiter: QUICK_WRITES }
      )
      expect(r.errors).toEqual([])
      expect(r.exitCode).toBe(0)
      expectShiftHidRowFrom(computed, c.beforePage)
      expect(json<string[]>(r.outputs['cancelled-users']).sort()).toEqual([...users].sort())
      expect(skipsOf(r.outputs['skipped-users'])).toEqual([])
      for (const l of users) expect(gh.seat('acme', l)?.pending_cancellation_date).toBe(NEXT_CYCLE)
      expect(writeBodies(gh).flatMap((w) => w.names)).toContain(c.missed)
      if (c.beforePage > 2) {
        // Page 1 did not change, so the listing looked consistent: only u200 is looked up.
        expect(lookUps(gh, firstWrite(gh))).toEqual([c.missed])
      } else {
        // Page 1 changed (u100 moved onto it): re-checking page 1 shows it, and the listing is read again.
        const page2Reads = gh.requests
          .slice(0, firstWrite(gh))
          .filter((q) => q.path === SEATS && q.query.page === '2')
        expect(page2Reads).toHaveLength(2)
      }
    })
  }

  it('audit with reclaim: cancels exactly the idle direct seats GitHub holds; the seat removed mid-listing is looked up and not sent', async () => {
    // Idle: every third seat (u150 among them); via team eng: 9 of the idle ones; u200 is active.
    const { gh, computed } = shiftedOrg(250, { beforePage: 3, remove: 'u150' }, (i) => ({
      last_activity_at: i % 3 === 0 ? LONG_AGO : RECENT,
      ...(i % 30 === 3 ? { team: 'eng' } : {})
    }))
    const expected = Array.from({ length: 250 }, (_, i) => i)
      .filter((i) => i % 3 === 0 && i % 30 !== 3 && i !== 150)
      .map(login)
    const r = await runAction(
      { mode: 'audit', reclaim: 'true' },
      { now: NOW, limiter: QUICK_WRITES }
    )
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expectShiftHidRowFrom(computed, 3)
    const sent = writeBodies(gh)
    expect(sent.every((w) => w.method === 'DELETE' && w.path === USERS)).toBe(true)
    expect(sent.flatMap((w) => w.names).sort()).toEqual(expected)
    // The plan had u150 (read on page 2 before it was removed); the confirming listing did
    // not show it, so it was looked up on its own (404) and left out.
    expect(lookUps(gh, firstWrite(gh))).toEqual(['u150'])
    expect(json<string[]>(r.outputs['cancelled-users']).sort()).toEqual(expected)
    for (const l of expected) expect(gh.seat('acme', l)?.pending_cancellation_date).toBe(NEXT_CYCLE)
    const pending = gh.seats('acme').filter((s) => s.pending_cancellation_date !== null)
    expect(pending.map((s) => s.assignee!.login).sort()).toEqual(expected)
    expect(gh.seat('acme', 'u200')?.created_at).toBe(OLD)
  })
})
