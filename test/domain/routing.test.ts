import { describe, expect, it } from 'vitest'
import { emptyPlan, type SeatPlan } from '../../src/domain/outcome.js'
import {
  cancelDestination,
  cancelResult,
  compareDestinations,
  destinationName,
  directRowAt,
  grantOf,
  liveGrants,
  matchesRow,
  assignedRow,
  grantedAt,
  planEnterpriseReclaim,
  routeRows,
  rowBreakerProblem,
  cancelledRowsOf,
  type Destination
} from '../../src/domain/routing.js'
import type { ProtectionLookup } from '../../src/domain/plan.js'
import { DAY, ENT, grant as g, NOW, O1, seat } from '../support/report-seat.js'

const idle = { lastActivityAt: NOW - 60 * DAY }
const active = { lastActivityAt: NOW - 2 * DAY }
const none: ProtectionLookup = () => null

describe('rows and destinations', () => {
  it('names the row a per-user write cancels at a destination', () => {
    expect(directRowAt(ENT)).toEqual({ org: null, team: null })
    expect(directRowAt(O1)).toEqual({ org: 'o1', team: null })
    expect(destinationName(ENT)).toBe('enterprise ent')
    expect(destinationName(O1)).toBe('org o1')
  })

  it('finds a row by grantor, org names case-insensitively, team exactly', () => {
    const s = seat({ grants: [g('Acme'), g('o2', 'red'), g(null, 'ent:eng'), g(null)] })
    expect(grantOf(s, { org: 'acme', team: null })).toBe(s.grants[0])
    expect(grantOf(s, { org: 'o2', team: 'red' })).toBe(s.grants[1])
    expect(grantOf(s, { org: 'o2', team: null })).toBeNull()
    expect(grantOf(s, { org: null, team: 'ent:eng' })).toBe(s.grants[2])
    expect(grantOf(s, { org: null, team: null })).toBe(s.grants[3])
    expect(grantOf(null, { org: null, team: null })).toBeNull()
    expect(grantOf(seat({ grants: [g('o1')] }), { org: null, team: null })).toBeNull()
    expect(matchesRow(g(null, 'x'), { org: null, team: 'x' })).toBe(true)
    expect(matchesRow(g('a'), { org: 'b', team: null })).toBe(false)
    expect(matchesRow(g(null), { org: 'a', team: null })).toBe(false)
  })

  it('live rows are the ones not pending', () => {
    const s = seat({ grants: [g('o1', null, '2026-12-01'), g('o2')] })
    expect(liveGrants(s)).toEqual([g('o2')])
    expect(liveGrants(null)).toEqual([])
  })

  it('routes an org-direct row to its org, an enterprise-direct row to the enterprise, a team row nowhere', () => {
    expect(cancelDestination(g('o1'), 'ent')).toEqual(O1)
    expect(cancelDestination(g(null), 'ent')).toEqual(ENT)
    expect(cancelDestination(g('o1', 'red'), 'ent')).toBeNull()
    expect(cancelDestination(g(null, 'ent:eng'), 'ent')).toBeNull()
  })

  it('orders the enterprise first, then orgs by name', () => {
    const list: Destination[] = [
      { kind: 'org', org: 'b' },
      ENT,
      { kind: 'org', org: 'a' },
      { kind: 'org', org: 'b' }
    ]
    expect([...list].sort(compareDestinations).map(destinationName)).toEqual([
      'enterprise ent',
      'org a',
      'org b',
      'org b'
    ])
    expect(compareDestinations(O1, ENT)).toBe(1)
    expect(compareDestinations(ENT, { kind: 'enterprise', enterprise: 'ent' })).toBe(0)
  })
})

describe('planEnterpriseReclaim and routeRows', () => {
  const route = (seats: ReturnType<typeof seat>[], protectedBy: ProtectionLookup = none) => {
    const plan = planEnterpriseReclaim({ seats, now: NOW, inactiveDays: 30, protectedBy })
    const byKey = new Map(seats.map((s) => [s.key, s]))
    const routed = routeRows({
      enterprise: 'ent',
      users: plan.cancelUsers,
      seatOf: (login) => byKey.get(login) ?? null
    })
    return { ...routed, plan, skipped: plan.skipped }
  }

  it('sends each idle user’s live direct rows where they are granted, team rows to the skips', () => {
    const r = route([
      seat({ login: 'multi', ...idle, grants: [g(null, 'ent:eng'), g('o1'), g('o2')] }),
      seat({ login: 'solo', ...idle, grants: [g(null)] }),
      seat({ login: 'one', ...idle, grants: [g('o1')] }),
      seat({ login: 'half', ...idle, grants: [g('o1', null, '2026-12-01'), g(null)] }),
      seat({ login: 'teamed', ...idle, grants: [g('o2', 'red')] }),
      seat({ login: 'busy', ...active, grants: [g('o1')] }),
      seat({
        login: 'gone',
        ...idle,
        pendingDate: '2026-12-01',
        grants: [g('o1', null, '2026-12-01')]
      })
    ])
    expect(r.plan.cancelUsers).toEqual(['multi', 'solo', 'one', 'half'])
    expect(r.plan.cancels).toEqual(r.plan.cancelUsers)
    expect(r.destinations.map((d) => [destinationName(d.at), d.plan.cancelUsers])).toEqual([
      ['enterprise ent', ['solo', 'half']],
      ['org o1', ['multi', 'one']],
      ['org o2', ['multi']]
    ])
    for (const d of r.destinations) expect(d.plan.cancels).toEqual(d.plan.cancelUsers)
    expect(r.rows).toBe(5)
    expect(r.users).toEqual(['multi', 'solo', 'one', 'half'])
    expect(r.skipped).toEqual([
      {
        subject: { kind: 'user', login: 'multi' },
        reason: { kind: 'granted-elsewhere', grants: [g(null, 'ent:eng')] },
        failed: false
      },
      {
        subject: { kind: 'user', login: 'teamed' },
        reason: { kind: 'granted-elsewhere', grants: [g('o2', 'red')] },
        failed: false
      }
    ])
  })

  it('keeps protected users out entirely, and skips seats without an assignee', () => {
    const r = route(
      [
        seat({ login: 'keep', ...idle, grants: [g('o1')] }),
        seat({ login: null, ...idle, grants: [g('o1')] })
      ],
      (login) => (login === 'keep' ? { kind: 'exclude-users' } : null)
    )
    expect(r.destinations).toEqual([])
    expect(r.rows).toBe(0)
    expect(r.plan.cancelUsers).toEqual([])
    expect(r.skipped).toEqual([
      {
        subject: { kind: 'user', login: 'keep' },
        reason: { kind: 'protected', by: { kind: 'exclude-users' } },
        failed: false
      }
    ])
  })

  it('groups an org’s rows whatever the spelling of its login', () => {
    const r = route([
      seat({ login: 'a', ...idle, grants: [g('Acme')] }),
      seat({ login: 'b', ...idle, grants: [g('acme')] })
    ])
    expect(r.destinations).toHaveLength(1)
    expect(r.destinations[0]!.plan.cancelUsers).toEqual(['a', 'b'])
  })

  it('keeps a user the usage report shows active within inactive-days: the signals disagree', () => {
    const seats = [
      seat({ login: 'used', ...idle, grants: [g(null), g('o1')] }),
      seat({ login: 'stale', ...idle, grants: [g('o1')] }),
      seat({ login: 'quiet', ...idle, grants: [g('o1')] }),
      // Protected as well: the disagreement is what the summary shows for it.
      seat({ login: 'both', ...idle, grants: [g('o1')] })
    ]
    const day = (d: number) => new Date(NOW - d * DAY).toISOString().slice(0, 10)
    const days: Record<string, string | null> = {
      used: day(3),
      stale: day(45),
      quiet: null,
      both: day(1)
    }
    const plan = planEnterpriseReclaim({
      seats,
      now: NOW,
      inactiveDays: 30,
      protectedBy: (login) => (login === 'both' ? { kind: 'exclude-users' } : null),
      lastActiveDay: (s) => days[s.key] ?? null
    })
    expect(plan.cancelUsers).toEqual(['stale', 'quiet'])
    expect(plan.skipped).toEqual([
      {
        subject: { kind: 'user', login: 'used' },
        reason: { kind: 'signals-disagree', latestActivity: NOW - 60 * DAY, activeDay: day(3) },
        failed: false
      },
      {
        subject: { kind: 'user', login: 'both' },
        reason: { kind: 'signals-disagree', latestActivity: NOW - 60 * DAY, activeDay: day(1) },
        failed: false
      }
    ])
  })

  it('routes only the users given, and none without a live row a per-user write cancels', () => {
    const seats = new Map(
      [
        seat({ login: 'a', ...idle, grants: [g('o1'), g(null)] }),
        seat({ login: 'b', ...idle, grants: [g('o1', 'red')] }),
        seat({ login: 'c', ...idle, grants: [g('o2')] })
      ].map((s) => [s.key, s])
    )
    const r = routeRows({
      enterprise: 'ent',
      users: ['b', 'a', 'nobody'],
      seatOf: (login) => seats.get(login) ?? null
    })
    expect(r.users).toEqual(['a'])
    expect(r.rows).toBe(2)
    expect(r.destinations.map((d) => destinationName(d.at))).toEqual(['enterprise ent', 'org o1'])
  })
})

describe('grantedAt and assignedRow', () => {
  it('at the enterprise its direct and enterprise-team rows; at an org its own rows', () => {
    expect(grantedAt(g(null), ENT)).toBe(true)
    expect(grantedAt(g(null, 'ent:eng'), ENT)).toBe(true)
    expect(grantedAt(g('o1'), ENT)).toBe(false)
    expect(grantedAt(g('O1'), O1)).toBe(true)
    expect(grantedAt(g('o1', 'red'), O1)).toBe(true)
    expect(grantedAt(g('o2'), O1)).toBe(false)
    expect(grantedAt(g(null), O1)).toBe(false)
  })

  it('finds the live row a user write or a team write grants, ignoring other grantors', () => {
    const plan: SeatPlan = {
      ...emptyPlan(),
      assignUsers: ['a', 'both'],
      assignTeams: ['ent:eng', 'ent:ops'],
      teamMembers: new Map([
        ['ent:eng', ['t', 'both']],
        ['ent:ops', ['t']]
      ])
    }
    const row = assignedRow(plan, ENT)
    expect(row(seat({ grants: [g('o1'), g(null)] }), 'a')).toEqual(g(null))
    expect(row(seat({ grants: [g('o1')] }), 'a')).toBeNull()
    expect(row(seat({ grants: [g(null, null, '2026-12-01')] }), 'a')).toBeNull()
    expect(row(null, 'a')).toBeNull()
    expect(row(seat({ grants: [g(null, 'ent:ops')] }), 't')).toEqual(g(null, 'ent:ops'))
    expect(row(seat({ grants: [g(null, 'ent:eng')] }), 't')).toEqual(g(null, 'ent:eng'))
    expect(row(seat({ grants: [g(null)] }), 't')).toBeNull()
    expect(row(seat({ grants: [g(null, 'ent:eng')] }), 'both')).toEqual(g(null, 'ent:eng'))
    expect(row(seat({ grants: [g(null)] }), 'nobody')).toBeNull()
    expect(assignedRow(plan, O1)(seat({ grants: [g('o1')] }), 'a')).toEqual(g('o1'))
  })
})

describe('rowBreakerProblem', () => {
  it('allows up to the limit and names rows, users and the input over it', () => {
    expect(rowBreakerProblem(3, 2, 3)).toBeNull()
    expect(rowBreakerProblem(0, 0, 0)).toBeNull()
    expect(rowBreakerProblem(4, 3, 3)).toBe(
      'The plan would cancel 4 seat rows (of 3 users; at enterprise scope `max-cancellations` counts rows), over `max-cancellations` (3). Nothing was sent. Fix: check the plan in the summary (or a dry run); if it is right, raise `max-cancellations` to at least 4.'
    )
    expect(rowBreakerProblem(1, 1, 0)).toMatch(/^The plan would cancel 1 seat row \(of 1 user;/)
  })
})

describe('cancelResult', () => {
  const direct = [directRowAt(ENT)]
  it('a pending row is cancelled, with its date; the latest of several', () => {
    expect(cancelResult(seat({ grants: [g(null, null, '2026-12-01')] }), direct, ENT)).toEqual({
      done: true,
      pendingDate: '2026-12-01'
    })
    const rows = [directRowAt(ENT), { org: null, team: 'ent:eng' }]
    const s = seat({ grants: [g(null, null, '2026-12-01'), g(null, 'ent:eng', '2027-01-01')] })
    expect(cancelResult(s, rows, ENT)).toEqual({ done: true, pendingDate: '2027-01-01' })
    const t = seat({ grants: [g(null, null, '2027-01-01'), g(null, 'ent:eng', '2026-12-01')] })
    expect(cancelResult(t, rows, ENT)).toEqual({ done: true, pendingDate: '2027-01-01' })
  })

  it('at the enterprise a row that is gone counts as cancelled (access ended at once)', () => {
    expect(cancelResult(seat({ grants: [g('o1')] }), direct, ENT)).toEqual({
      done: true,
      pendingDate: null
    })
    expect(cancelResult(null, direct, ENT)).toEqual({ done: true, pendingDate: null })
  })

  it('an org’s row must show pending; a live row is not cancelled', () => {
    const at = [directRowAt(O1)]
    expect(cancelResult(seat({ grants: [g('o1')] }), at, O1)).toEqual({
      done: false,
      shows: 'live'
    })
    expect(cancelResult(seat({ grants: [g('o2')] }), at, O1)).toEqual({
      done: false,
      shows: 'not-granted-here'
    })
    expect(cancelResult(null, at, O1)).toEqual({ done: false, shows: 'no-seat' })
    expect(cancelResult(seat({ grants: [g(null)] }), direct, ENT)).toEqual({
      done: false,
      shows: 'live'
    })
  })
})

describe('cancelledRowsOf', () => {
  it('the direct row for a user write, the team’s row for each team write that names the user', () => {
    const plan: SeatPlan = {
      ...emptyPlan(),
      cancelUsers: ['a'],
      cancelTeams: ['ent:x', 'ent:y', 'ent:z'],
      teamMembers: new Map([
        ['ent:x', ['a', 'b']],
        ['ent:y', ['c']]
      ])
    }
    const atEnt = cancelledRowsOf(plan, ENT)
    expect(atEnt('a')).toEqual([
      { org: null, team: null },
      { org: null, team: 'ent:x' }
    ])
    expect(atEnt('c')).toEqual([{ org: null, team: 'ent:y' }])
    expect(cancelledRowsOf(plan, O1)('a')).toEqual([
      { org: 'o1', team: null },
      { org: 'o1', team: 'ent:x' }
    ])
    expect(atEnt('z')).toEqual([])
  })
})
