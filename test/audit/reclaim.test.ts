// audit with reclaim: batches, pacing, read-back, breaker, policy check, dry
// run and the idempotent second run, asserted at the HTTP boundary.
import { describe, expect, it } from 'vitest'
import { json, mswServer, requestLines, runAction } from '../support/harness.js'
import {
  addIdleSeats,
  NEXT_CYCLE,
  NOW,
  pendingOf,
  usedSeat,
  usernamesOf,
  writes
} from '../support/audit-fixtures.js'

const { useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })

describe('audit with reclaim', () => {
  it('cancels 250 idle seats in batches of 100/100/50, a second apart, and reports them as read back', async () => {
    const gh = fake()
    const idle = addIdleSeats(gh, 250)
    gh.addSeat('acme', usedSeat('busy', 1))

    const r = await runAction(
      { mode: 'audit', reclaim: 'true', 'max-cancellations': '250' },
      { now: NOW }
    )

    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    const deletes = writes(gh)
    expect(deletes.map((w) => `${w.method} ${w.path}`)).toEqual(
      Array(3).fill('DELETE /orgs/acme/copilot/billing/selected_users')
    )
    expect(deletes.map((w) => usernamesOf(w.body).length)).toEqual([100, 100, 50])
    expect(deletes.flatMap((w) => usernamesOf(w.body)).sort()).toEqual(idle)
    expect(deletes[1]!.startedAt - deletes[0]!.startedAt).toBeGreaterThanOrEqual(1000)
    expect(deletes[2]!.startedAt - deletes[1]!.startedAt).toBeGreaterThanOrEqual(1000)
    // Policy check first, then the listing; after the writes, the listing again (read-back).
    const lines = requestLines(gh)
    expect(lines[0]).toBe('GET /orgs/acme/copilot/billing')
    const firstDelete = lines.indexOf('DELETE /orgs/acme/copilot/billing/selected_users')
    // three pages, then page 1 again to check that nothing moved while they were read; then the
    // same again to confirm the 250 cancellations just before they are sent (fewer requests than
    // 250 look-ups)
    expect(lines.slice(1, firstDelete)).toEqual(
      Array(8).fill('GET /orgs/acme/copilot/billing/seats')
    )
    expect(lines.slice(firstDelete + 3)).toEqual(
      Array(4).fill('GET /orgs/acme/copilot/billing/seats')
    )

    for (const login of idle) expect(pendingOf(gh, login)).toBe(NEXT_CYCLE)
    expect(pendingOf(gh, 'busy')).toBeNull()
    expect(r.outputs['seats-cancelled']).toBe('250')
    expect(json(r.outputs['cancelled-users'])).toEqual(idle)
    expect(r.outputs['pending-seats']).toBe('250')
    expect(r.outputs['idle-seats']).toBe('0')
    const meta = r.reportJson!.meta
    expect(meta.seats_cancelled).toBe(250)
    expect(meta.cancelled).toEqual(
      idle.map((login) => ({ login, pending_cancellation_date: NEXT_CYCLE }))
    )
    expect(
      r.reportJson!.seats.filter((s) => s.pending_cancellation_date === NEXT_CYCLE)
    ).toHaveLength(250)
    expect(r.summary).toContain(
      `Reclaimed **250 seats**: pending cancellation, still billed and usable until ${NEXT_CYCLE}.`
    )
    expect(r.summary).toContain(`| idle0001 | pending until ${NEXT_CYCLE} |`)
  })

  it('reports what GitHub shows after the writes, not what was sent', async () => {
    const gh = fake()
    addIdleSeats(gh, 3)
    // Someone removes idle0002 from the org between the DELETE and the read-back.
    gh.onRequest((req, g) => {
      if (
        req.method === 'GET' &&
        g.requests.some((q) => q.method === 'DELETE') &&
        req.path === '/orgs/acme/copilot/billing/seats' &&
        g.seat('acme', 'idle0002')
      )
        g.removeSeat('acme', 'idle0002')
    })

    const r = await runAction({ mode: 'audit', reclaim: 'true' }, { now: NOW })

    expect(usernamesOf(writes(gh)[0]!.body)).toEqual(['idle0001', 'idle0002', 'idle0003'])
    expect(json(r.outputs['cancelled-users'])).toEqual(['idle0001', 'idle0003'])
    expect(json<{ login: string; reason: string }[]>(r.outputs['skipped-users'])).toContainEqual({
      login: 'idle0002',
      reason: expect.stringContaining('GitHub accepted the request but shows no seat')
    })
    expect(r.exitCode).toBe(1)
  })

  it('the second run right after a reclaim finds the seats pending and sends nothing', async () => {
    const gh = fake()
    const idle = addIdleSeats(gh, 5)
    gh.addSeat('acme', usedSeat('busy', 1))
    const first = await runAction({ mode: 'audit', reclaim: 'true' }, { now: NOW })
    expect(first.exitCode).toBe(0)
    expect(json(first.outputs['cancelled-users'])).toEqual(idle)
    gh.clearRequests()

    const second = await runAction({ mode: 'audit', reclaim: 'true' }, { now: NOW + 60_000 })

    expect(second.errors).toEqual([])
    expect(second.exitCode).toBe(0)
    expect(writes(gh)).toEqual([])
    expect(second.outputs['pending-seats']).toBe('5')
    expect(second.outputs['idle-seats']).toBe('0')
    expect(second.outputs['seats-cancelled']).toBe('0')
    expect(json(second.outputs['cancelled-users'])).toEqual([])
    for (const login of idle) expect(pendingOf(gh, login)).toBe(NEXT_CYCLE)
    expect(second.summary).toContain('- Nothing to reclaim.')
  })
})

describe('audit with reclaim: the breaker', () => {
  it('sends nothing when the idle seats exceed max-cancellations, naming the count, the limit and the input', async () => {
    const gh = fake()
    addIdleSeats(gh, 150)

    const r = await runAction({ mode: 'audit', reclaim: 'true' }, { now: NOW })

    expect(r.exitCode).toBe(1)
    expect(writes(gh)).toEqual([])
    expect(pendingOf(gh, 'idle0001')).toBeNull()
    expect(r.errors.join('\n')).toMatch(
      /150 seats, over `max-cancellations` \(100\)\. Nothing was sent/
    )
    expect(r.outputs['idle-seats']).toBe('150')
    expect(json(r.outputs['cancelled-users'])).toEqual([])
    expect(r.summary).toContain('**150 idle seats** could be reclaimed, but none was')
    // The reason is the first thing under the title.
    expect(r.summary.indexOf('[!CAUTION]')).toBeLessThan(r.summary.indexOf('idle seats**'))
  })

  it('counts only what would be cancelled: protected and via-team seats do not trip it', async () => {
    const gh = fake()
    addIdleSeats(gh, 2)
    gh.addSeat('acme', usedSeat('svc-bot', 90))
    gh.addSeat('acme', usedSeat('designer', 90, { team: 'design' }))

    const tripped = await runAction(
      { mode: 'audit', reclaim: 'true', 'max-cancellations': '1', 'exclude-users': 'svc-bot' },
      { now: NOW }
    )
    expect(tripped.exitCode).toBe(1)
    expect(tripped.errors.join('\n')).toMatch(/2 seats, over `max-cancellations` \(1\)/)
    expect(writes(gh)).toEqual([])

    const ok = await runAction(
      { mode: 'audit', reclaim: 'true', 'max-cancellations': '2', 'exclude-users': 'svc-bot' },
      { now: NOW }
    )
    expect(ok.exitCode).toBe(0)
    expect(writes(gh).flatMap((w) => usernamesOf(w.body))).toEqual(['idle0001', 'idle0002'])
  })

  it('max-cancellations 0 allows none', async () => {
    const gh = fake()
    addIdleSeats(gh, 1)
    const r = await runAction(
      { mode: 'audit', reclaim: 'true', 'max-cancellations': '0' },
      { now: NOW }
    )
    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(/1 seats?, over `max-cancellations` \(0\)/)
    expect(writes(gh)).toEqual([])
  })

  it('a dry run trips the same way, so it predicts the real run', async () => {
    const gh = fake()
    addIdleSeats(gh, 150)

    const r = await runAction({ mode: 'audit', reclaim: 'true', 'dry-run': 'true' }, { now: NOW })

    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(/150 seats, over `max-cancellations` \(100\)/)
    expect(gh.requests.every((q) => q.method === 'GET')).toBe(true)
    expect(json(r.outputs['cancelled-users'])).toEqual([])
  })
})

describe('audit with reclaim: the policy check', () => {
  it.each([
    [
      'seat management "assign_all"',
      { seat_management_setting: 'assign_all' as const },
      /set to "assign_all".*Selected members.*Nothing was sent/s
    ],
    [
      'unconfigured public code suggestions',
      { public_code_suggestions: 'unconfigured' as const },
      /suggestions matching public code.*Nothing was sent/s
    ]
  ])('with %s sends nothing and fails, explaining the setting', async (_name, policy, message) => {
    const gh = fake()
    addIdleSeats(gh, 3)
    gh.setPolicy('acme', policy)

    const r = await runAction({ mode: 'audit', reclaim: 'true' }, { now: NOW })

    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(message)
    expect(r.errors.join('\n')).toContain('https://github.com/organizations/acme/settings/copilot')
    expect(requestLines(gh)).toEqual(['GET /orgs/acme/copilot/billing'])
    expect(pendingOf(gh, 'idle0001')).toBeNull()
    expect(r.summary).toContain('**The seats were not read**')
  })

  it('fails a dry run the same way, so the dry run predicts the real one', async () => {
    const gh = fake()
    addIdleSeats(gh, 3)
    gh.setPolicy('acme', { seat_management_setting: 'assign_all' })
    const r = await runAction({ mode: 'audit', reclaim: 'true', 'dry-run': 'true' }, { now: NOW })
    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(/set to "assign_all"/)
    expect(requestLines(gh)).toEqual(['GET /orgs/acme/copilot/billing'])
    expect(json(r.outputs['cancelled-users'])).toEqual([])
  })

  it('is not run by a findings-only audit, which works under any policy', async () => {
    const gh = fake()
    addIdleSeats(gh, 3)
    gh.setPolicy('acme', { seat_management_setting: 'assign_all' })
    const r = await runAction({ mode: 'audit' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(r.outputs['idle-seats']).toBe('3')
    expect(requestLines(gh)).toEqual(['GET /orgs/acme/copilot/billing/seats'])
  })
})

describe('audit with reclaim: dry run', () => {
  it('sends only GETs and lists what would be cancelled', async () => {
    const gh = fake()
    const idle = addIdleSeats(gh, 4)
    gh.addSeat('acme', usedSeat('svc-bot', 90))
    gh.addSeat('acme', usedSeat('designer', 90, { team: 'design' }))

    const r = await runAction(
      { mode: 'audit', reclaim: 'true', 'dry-run': 'true', 'exclude-users': 'svc-bot' },
      { now: NOW }
    )

    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(gh.requests.length).toBeGreaterThan(0)
    expect(gh.requests.every((q) => q.method === 'GET')).toBe(true)
    expect(json(r.outputs['cancelled-users'])).toEqual(idle)
    expect(r.outputs['seats-cancelled']).toBe('0')
    expect(r.outputs['idle-seats']).toBe('6')
    for (const login of [...idle, 'svc-bot', 'designer']) expect(pendingOf(gh, login)).toBeNull()
    expect(r.reportJson!.meta.dry_run).toBe(true)
    expect(r.summary).toContain('**dry run: nothing was changed**')
    expect(r.summary).toContain('Would reclaim **4 seats**.')
    expect(r.summary).toContain('### Would cancel (4)')
    expect(r.summary).toContain('| idle0001 | would be set to pending |')
  })
})
