// audit: what "idle" means at the edges, and which idle seats reclaim may
// touch (never pending, via-team or protected ones).
import { describe, expect, it } from 'vitest'
import { json, mswServer, requestLines, runAction } from '../support/harness.js'
import {
  ago,
  NEXT_CYCLE,
  NOW,
  pendingOf,
  usedSeat,
  usernamesOf,
  writes
} from '../support/audit-fixtures.js'

const { useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })

type Skipped = { login: string; reason: string }[]

describe('audit: the inactive-days boundary', () => {
  it('idle means latest activity more than N days ago, latest of activity, authentication and grant', async () => {
    const gh = fake()
    // Exactly 30 days: not idle. 30 days and 1 ms: idle.
    gh.addSeat('acme', {
      login: 'exactly',
      created_at: ago(400),
      last_activity_at: ago(30),
      last_authenticated_at: ago(45)
    })
    gh.addSeat('acme', {
      login: 'one-ms-over',
      created_at: ago(400),
      last_activity_at: ago(30, 1),
      last_authenticated_at: ago(50)
    })
    // Offsets are parsed as such: 14:00+02:00 is 12:00Z, exactly 30 days.
    gh.addSeat('acme', {
      login: 'offset',
      created_at: ago(400),
      last_activity_at: '2026-05-16T14:00:00+02:00'
    })
    // Never used: the grant date is the latest activity (grace period).
    gh.addSeat('acme', { login: 'new-hire', created_at: ago(29) })
    gh.addSeat('acme', { login: 'never-came', created_at: ago(31) })
    // Re-granted yesterday after a year without activity.
    gh.addSeat('acme', {
      login: 'regranted',
      created_at: ago(1),
      last_activity_at: ago(380),
      last_authenticated_at: ago(370)
    })
    // IDE telemetry off: no activity, but authenticates.
    gh.addSeat('acme', {
      login: 'no-telemetry',
      created_at: ago(500),
      last_activity_at: null,
      last_authenticated_at: ago(2)
    })
    gh.addSeat('acme', {
      login: 'leaving',
      created_at: ago(500),
      last_activity_at: ago(200),
      pending_cancellation_date: NEXT_CYCLE
    })

    const r = await runAction({ mode: 'audit' }, { now: NOW })

    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(json(r.outputs['idle-users'])).toEqual(['never-came', 'one-ms-over'])
    expect(r.outputs['total-seats']).toBe('8')
    expect(r.outputs['idle-seats']).toBe('2')
    expect(r.outputs['active-seats']).toBe('5')
    expect(r.outputs['pending-seats']).toBe('1')
    const status = Object.fromEntries(r.reportJson!.seats.map((s) => [s.login, s.status]))
    expect(status).toEqual({
      exactly: 'active',
      leaving: 'pending',
      'never-came': 'idle',
      'new-hire': 'active',
      'no-telemetry': 'active',
      offset: 'active',
      'one-ms-over': 'idle',
      regranted: 'active'
    })
    const days = Object.fromEntries(r.reportJson!.seats.map((s) => [s.login, s.days_since]))
    expect(days).toMatchObject({
      exactly: 30,
      'one-ms-over': 30,
      'never-came': 31,
      regranted: 1,
      'no-telemetry': 2
    })
    // regranted's activity (380 days ago) is past GitHub's 90 days, so GitHub shows both fields
    // null on a seat granted yesterday: never used, by the data GitHub keeps. leaving's (200 days)
    // is gone too, on a seat granted 500 days ago: no activity in 90 days, not "never used".
    const counts = r.reportJson!.meta.counts as Record<string, number>
    expect(counts.never_used).toBe(3)
    expect(counts.no_activity_in_90_days).toBe(1)
    expect(r.summary).toMatch(/\| Never used \(granted within 90 days\) \| 3 \|/)
    // Findings only: the listing is all it reads.
    expect(requestLines(gh)).toEqual(['GET /orgs/acme/copilot/billing/seats'])
  })

  it('uses inactive-days as given', async () => {
    const gh = fake()
    gh.addSeat('acme', usedSeat('week-ago', 7))
    gh.addSeat('acme', usedSeat('eight-days', 8))
    gh.addSeat('acme', { login: 'granted-6d', created_at: ago(6) })
    const r = await runAction({ mode: 'audit', 'inactive-days': '7' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(json(r.outputs['idle-users'])).toEqual(['eight-days'])
    expect(r.reportJson!.meta.inactive_days).toBe(7)
    expect(r.summary).toContain('no activity for more than 7 days')
  })
})

describe('audit with reclaim: what is never cancelled', () => {
  it('counts pending seats as pending and never cancels them again', async () => {
    const gh = fake()
    gh.addSeat('acme', usedSeat('idle-one', 90))
    gh.addSeat('acme', usedSeat('already-going', 300, { pending_cancellation_date: '2026-06-30' }))

    const r = await runAction({ mode: 'audit', reclaim: 'true' }, { now: NOW })

    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    // As read back: the reclaimed seat is pending now, next to the one that already was.
    expect(r.outputs['pending-seats']).toBe('2')
    expect(r.outputs['idle-seats']).toBe('0')
    const deletes = writes(gh)
    expect(deletes).toHaveLength(1)
    expect(usernamesOf(deletes[0]!.body)).toEqual(['idle-one'])
    expect(json(r.outputs['cancelled-users'])).toEqual(['idle-one'])
    expect(pendingOf(gh, 'already-going')).toBe('2026-06-30')
    expect(pendingOf(gh, 'idle-one')).toBe(NEXT_CYCLE)
  })

  it('lists idle seats granted through a team per team, with the fix, and never sends them in a DELETE', async () => {
    const gh = fake()
    gh.addSeat('acme', usedSeat('direct-idle', 90))
    gh.addSeat('acme', usedSeat('designer-a', 60, { team: 'design' }))
    gh.addSeat('acme', usedSeat('designer-b', 70, { team: 'design' }))
    gh.addSeat('acme', usedSeat('designer-c', 3, { team: 'design' }))
    gh.addSeat('acme', usedSeat('operator', 45, { team: 'ops' }))

    const r = await runAction({ mode: 'audit', reclaim: 'true' }, { now: NOW })

    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    const sent = writes(gh).flatMap((w) => usernamesOf(w.body))
    expect(sent).toEqual(['direct-idle'])
    expect(requestLines(gh, true)).toEqual(['DELETE /orgs/acme/copilot/billing/selected_users'])
    for (const login of ['designer-a', 'designer-b', 'operator'])
      expect(pendingOf(gh, login)).toBeNull()
    const skipped = json<Skipped>(r.outputs['skipped-users'])
    expect(skipped).toEqual(
      expect.arrayContaining([
        {
          login: 'designer-a',
          reason: expect.stringMatching(/granted via team design.*remove them from team design/)
        },
        { login: 'designer-b', reason: expect.stringMatching(/granted via team design/) },
        { login: 'operator', reason: expect.stringMatching(/granted via team ops/) }
      ])
    )
    expect(skipped.map((s) => s.login)).not.toContain('designer-c')
    const teamSection = r.summary.slice(r.summary.indexOf('### Idle seats granted through teams'))
    expect(teamSection).toMatch(/\| design \| 2 \| Remove idle members from team design/)
    expect(teamSection).toMatch(/\| ops \| 1 \|/)
  })
})

describe('audit with reclaim: protected accounts', () => {
  it('never cancels exclude-users (any case, leading @) or members of exclude-teams, read through every page', async () => {
    const gh = fake()
    gh.addSeat('acme', usedSeat('svc-build', 200))
    gh.addSeat('acme', usedSeat('CEO', 120))
    gh.addSeat('acme', usedSeat('plain-idle', 100))
    // copilot-keep has 150 members (two pages of 100); the idle protected one is on page 2.
    const keep = Array.from({ length: 150 }, (_, i) => `keeper${String(i).padStart(3, '0')}`)
    gh.addTeam('acme', 'copilot-keep', { members: keep })
    gh.addSeat('acme', usedSeat('keeper149', 365))
    gh.addSeat('acme', usedSeat('keeper000', 2))

    const r = await runAction(
      {
        mode: 'audit',
        reclaim: 'true',
        'exclude-users': '@SVC-Build\nceo',
        'exclude-teams': 'copilot-keep'
      },
      { now: NOW }
    )

    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(
      gh.requests
        .filter((q) => q.path === '/orgs/acme/teams/copilot-keep/members')
        .map((q) => q.query.page)
    ).toEqual(['1', '2'])
    expect(writes(gh).flatMap((w) => usernamesOf(w.body))).toEqual(['plain-idle'])
    for (const login of ['svc-build', 'CEO', 'keeper149']) expect(pendingOf(gh, login)).toBeNull()
    expect(json(r.outputs['cancelled-users'])).toEqual(['plain-idle'])
    const skipped = json<Skipped>(r.outputs['skipped-users'])
    expect(skipped).toEqual(
      expect.arrayContaining([
        { login: 'svc-build', reason: 'idle but protected (in exclude-users)' },
        { login: 'ceo', reason: 'idle but protected (in exclude-users)' },
        { login: 'keeper149', reason: 'idle but protected (member of protected team copilot-keep)' }
      ])
    )
    expect(r.summary).toContain('### Protected, not reclaimed (3)')
  })

  it('cancels nothing and fails, naming the team, when a protection team cannot be read (403)', async () => {
    const gh = fake()
    gh.addSeat('acme', usedSeat('plain-idle', 100))
    gh.addTeam('acme', 'keep', { members: ['boss'] })
    gh.fault({ method: 'GET', path: /teams\/keep\/members/, status: 403, times: Infinity })

    const r = await runAction(
      { mode: 'audit', reclaim: 'true', 'exclude-teams': 'keep' },
      { now: NOW }
    )

    expect(r.exitCode).toBe(1)
    expect(writes(gh)).toEqual([])
    expect(pendingOf(gh, 'plain-idle')).toBeNull()
    expect(r.errors.join('\n')).toMatch(/protected team "keep".*nothing is cancelled/s)
    expect(r.errors.join('\n')).toMatch(/403/)
    expect(json(r.outputs['cancelled-users'])).toEqual([])
    expect(r.outputs['seats-cancelled']).toBe('0')
    // The summary leads with why, and shows no zero counts for seats it never read.
    expect(r.summary).toMatch(
      /^## Copilot seats: audit \(reclaim\), org acme\n\n> \[!CAUTION\]\n> Cannot read the members of the protected team &#34;keep&#34;/
    )
    expect(r.summary).toContain('**The seats were not read**')
    expect(r.summary).not.toContain('| Total seats |')
  })

  it('fails a dry run the same way when a protection cannot be read', async () => {
    const gh = fake()
    gh.addSeat('acme', usedSeat('plain-idle', 100))
    gh.addTeam('acme', 'keep', { members: ['boss'] })
    gh.fault({ method: 'GET', path: /teams\/keep\/members/, status: 403, times: Infinity })
    const r = await runAction(
      { mode: 'audit', reclaim: 'true', 'dry-run': 'true', 'exclude-teams': 'keep' },
      { now: NOW }
    )
    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(/protected team "keep"/)
    expect(gh.requests.every((q) => q.method === 'GET')).toBe(true)
    expect(json(r.outputs['cancelled-users'])).toEqual([])
  })

  it('cancels nothing and fails, naming the team, when a protection team does not exist', async () => {
    const gh = fake()
    gh.addSeat('acme', usedSeat('plain-idle', 100))

    const r = await runAction(
      { mode: 'audit', reclaim: 'true', 'exclude-teams': 'copilot-keep' },
      { now: NOW }
    )

    expect(r.exitCode).toBe(1)
    expect(writes(gh)).toEqual([])
    expect(pendingOf(gh, 'plain-idle')).toBeNull()
    expect(r.errors.join('\n')).toMatch(
      /protected team "copilot-keep".*not found.*nothing is cancelled/s
    )
    expect(json(r.outputs['cancelled-users'])).toEqual([])
  })
})
