// The rows behind a seat: their words, their breakdowns, merging, and what
// access remains after a run.
import { describe, expect, it } from 'vitest'
import { accessAfter } from '../../src/domain/enterprise-outcome.js'
import { grantorBreakdown } from '../../src/domain/grant-stats.js'
import { grantFix, grantList, grantName } from '../../src/domain/grant-text.js'
import { mergeSeatRows } from '../../src/domain/merge.js'
import { describeSkip } from '../../src/domain/skip-text.js'
import { toSeat } from '../../src/github/seat-json.js'
import { DAY, grant as g, NOW, seat } from '../support/report-seat.js'

describe('grant words', () => {
  it('names each kind of row', () => {
    expect(grantName(g('o1'))).toBe('org o1')
    expect(grantName(g('o1', 'red'))).toBe('team red of org o1')
    expect(grantName(g(null, 'ent:eng'))).toBe('enterprise team ent:eng')
    expect(grantName({ ...g('o1', 'ent:x'), teamKind: 'enterprise' })).toBe('enterprise team ent:x')
    expect(grantName(g(null))).toBe('the enterprise (direct)')
    expect(grantList([g('o1'), g(null, 'ent:eng')])).toBe('org o1; enterprise team ent:eng')
  })

  it('says what removes each kind of row', () => {
    expect(grantFix(g('o1'))).toBe(
      'cancel it in org o1 (mode revoke with `org: o1`, or audit with `reclaim` and `enterprise` once they are idle)'
    )
    expect(grantFix(g('o1', 'red'))).toBe(
      'remove them from team red in org o1, or revoke that team there (mode revoke, `org: o1`, `teams: red`)'
    )
    expect(grantFix(g(null, 'ent:eng'))).toBe(
      'remove them from enterprise team ent:eng, or revoke the team (mode revoke, `teams: ent:eng` with `enterprise`)'
    )
    expect(grantFix(g(null))).toBe('cancel it at the enterprise (mode revoke with `enterprise`)')
    // A team row is an enterprise team's when GitHub's shape says so, or when no org grants it.
    expect(grantFix({ ...g('o1', 'ent:x'), teamKind: 'enterprise' })).toMatch(
      /^remove them from enterprise team ent:x/
    )
    expect(grantFix({ ...g(null, 'x'), teamKind: null })).toMatch(
      /^remove them from enterprise team x/
    )
    expect(grantName({ ...g(null, 'x'), teamKind: null })).toBe('enterprise team x')
  })

  it('skip sentences for rows other grantors hold', () => {
    const skip = (reason: Parameters<typeof describeSkip>[0]['reason'], failed: boolean) =>
      describeSkip({ subject: { kind: 'user', login: 'x' }, reason, failed }, 'acme')
    expect(skip({ kind: 'granted-elsewhere', grants: [g('o2', 'red')] }, false)).toBe(
      'idle, granted through team red of org o2, which no per-user cancellation removes. To reclaim it: remove them from team red in org o2, or revoke that team there (mode revoke, `org: o2`, `teams: red`)'
    )
    expect(skip({ kind: 'granted-elsewhere', grants: [g('o1')] }, true)).toBe(
      'not granted by the enterprise directly, so the enterprise endpoint cannot cancel it; granted through org o1. Fix: cancel it in org o1 (mode revoke with `org: o1`, or audit with `reclaim` and `enterprise` once they are idle)'
    )
    expect(skip({ kind: 'still-granted', grants: [g('o1'), g(null, 'ent:eng')] }, true)).toBe(
      'the enterprise seat was cancelled, but access remains through org o1; enterprise team ent:eng. Fix: for org o1, cancel it in org o1 (mode revoke with `org: o1`, or audit with `reclaim` and `enterprise` once they are idle); for enterprise team ent:eng, remove them from enterprise team ent:eng, or revoke the team (mode revoke, `teams: ent:eng` with `enterprise`)'
    )
    expect(
      describeSkip(
        {
          subject: { kind: 'team', slug: 'ent:nope' },
          reason: { kind: 'enterprise-team-not-found' },
          failed: true
        },
        'acme'
      )
    ).toBe(
      'enterprise team "ent:nope" not found. Fix: use the team\'s slug as in its URL (`ent:` prefix optional)'
    )
    expect(skip({ kind: 'changed', direction: 'cancel', now: 'not-granted-here' }, false)).toBe(
      'not cancelled: checked just before sending, GitHub now shows no seat granted there any more; not sent'
    )
  })
})

describe('merging rows keeps each row’s grantor', () => {
  it('every row once, ordered by grantor whatever the order of the rows', () => {
    const rows = [
      seat({ login: 'a', grants: [g('o2')] }),
      seat({ login: 'a', grants: [g(null, 'ent:eng')] }),
      seat({ login: 'a', grants: [g('o1', null, '2026-12-01')] }),
      seat({ login: 'a', grants: [g('o2')] })
    ]
    const forward = mergeSeatRows(rows)[0]!.grants
    const backward = mergeSeatRows([...rows].reverse())[0]!.grants
    expect(forward).toEqual([g(null, 'ent:eng'), g('o1', null, '2026-12-01'), g('o2')])
    expect(backward).toEqual(forward)
  })

  it('a row pending and the same grantor live are two rows', () => {
    const merged = mergeSeatRows([
      seat({ login: 'a', grants: [g('o1', null, '2026-12-01')] }),
      seat({ login: 'a', grants: [g('o1')] })
    ])[0]!
    expect(merged.grants).toEqual([g('o1'), g('o1', null, '2026-12-01')])
  })
})

describe('grantorBreakdown', () => {
  it('counts rows per org, enterprise team and enterprise-direct; idle users’ live rows; pending rows', () => {
    const idle = { lastActivityAt: NOW - 60 * DAY }
    const b = grantorBreakdown(
      [
        seat({ login: 'a', ...idle, grants: [g('o1'), g('o2', 'red'), g(null, 'ent:eng')] }),
        seat({ login: 'b', lastActivityAt: NOW - DAY, grants: [g('o1'), g(null)] }),
        seat({ login: 'c', ...idle, grants: [g('o1', null, '2026-12-01'), g(null)] }),
        seat({ login: 'd', ...idle, grants: [g('o3')] }),
        seat({ login: 'e', lastActivityAt: NOW - DAY, grants: [g('o3'), g('o3', 'blue')] })
      ],
      NOW,
      30
    )
    expect(b.byOrg).toEqual([
      { name: 'o1', rows: 3, idle: 1, pending: 1, viaTeam: 0 },
      { name: 'o3', rows: 3, idle: 1, pending: 0, viaTeam: 1 },
      { name: 'o2', rows: 1, idle: 1, pending: 0, viaTeam: 1 }
    ])
    expect(b.byEnterpriseTeam).toEqual([
      { name: 'ent:eng', rows: 1, idle: 1, pending: 0, viaTeam: 0 }
    ])
    expect(b.direct).toEqual({ name: '(direct)', rows: 2, idle: 1, pending: 0, viaTeam: 0 })
  })

  it('orders names alphabetically when rows and idle rows tie, for orgs and enterprise teams', () => {
    const idle = { lastActivityAt: NOW - 60 * DAY }
    const b = grantorBreakdown(
      [
        seat({ login: 'a', grants: [g('z'), g('y'), g('x'), g(null, 'ent:c'), g(null, 'ent:b')] }),
        seat({ login: 'b', ...idle, grants: [g(null, 'ent:a')] })
      ],
      NOW,
      30
    )
    expect(b.byOrg.map((o) => o.name)).toEqual(['x', 'y', 'z'])
    expect(b.byEnterpriseTeam.map((t) => t.name)).toEqual(['ent:a', 'ent:b', 'ent:c'])
  })

  it('orders by idle rows, then rows, then name', () => {
    const b = grantorBreakdown(
      [
        seat({ login: 'a', grants: [g('b'), g('a'), g('c')] }),
        seat({ login: 'b', grants: [g('c')] })
      ],
      NOW,
      30
    )
    expect(b.byOrg.map((o) => o.name)).toEqual(['c', 'a', 'b'])
  })
})

describe('accessAfter', () => {
  it('lists the live rows each user still holds; users left with none are freed', () => {
    const seats: Record<string, ReturnType<typeof seat>> = {
      freed: seat({ login: 'freed', grants: [g('o1', null, '2026-12-01')] }),
      kept: seat({
        login: 'kept',
        grants: [g('o1', null, '2026-12-01'), g(null, 'ent:eng'), g('o3')]
      }),
      dry: seat({ login: 'dry', grants: [g('o1'), g(null)] })
    }
    const failed = { kind: 'write-failed' as const, direction: 'cancel' as const, message: '403' }
    const r = accessAfter({
      logins: ['kept', 'freed', 'dry', 'gone', 'kept'],
      seatOf: (login) => seats[login] ?? null,
      // A dry run: dry's rows would be cancelled, and are left out.
      cancelled: (login) =>
        login === 'dry'
          ? [
              { org: 'o1', team: null },
              { org: null, team: null }
            ]
          : [],
      why: (_login, grant) => (grant.org === 'o3' ? failed : null)
    })
    expect(r.seatsFreed).toBe(3)
    const two = accessAfter({
      logins: ['zed', 'amy'],
      seatOf: (login) => seat({ login, grants: [g('o1')] }),
      cancelled: () => [],
      why: () => null
    })
    expect(two.remaining.map((u) => u.login)).toEqual(['amy', 'zed'])
    expect(r.remaining).toEqual([
      {
        login: 'kept',
        grants: [
          { grant: g(null, 'ent:eng'), reason: null },
          { grant: g('o3'), reason: failed }
        ]
      }
    ])
  })
})

describe('toSeat: each row’s grantor from organization and assigning_team', () => {
  const raw = (extra: Record<string, unknown>) => ({
    assignee: { login: 'Mona', id: 1 },
    created_at: '2026-01-01T00:00:00Z',
    ...extra
  })

  it('tells an enterprise team (group_id or organization_selection_type) from an org team', () => {
    const orgTeam = toSeat(
      raw({ organization: { login: 'o1' }, assigning_team: { slug: 'Red', type: 'enterprise' } })
    )
    expect(orgTeam.grants).toEqual([{ org: 'o1', team: 'red', teamKind: 'org', pendingDate: null }])
    expect(orgTeam.teams).toEqual(['red'])
    const entTeam = toSeat(raw({ assigning_team: { slug: 'ent:eng', group_id: null } }))
    expect(entTeam.grants).toEqual([
      { org: null, team: 'ent:eng', teamKind: 'enterprise', pendingDate: null }
    ])
    // GitHub's enterprise team slugs carry ent:; one without it gets it, so no org team can share it.
    const bare = toSeat(
      raw({ assigning_team: { slug: 'eng', organization_selection_type: 'disabled' } })
    )
    expect(bare.teams).toEqual(['ent:eng'])
    expect(bare.grants[0]!.team).toBe('ent:eng')
  })

  it('an enterprise-direct row has neither; a pending row keeps its date', () => {
    const direct = toSeat(
      raw({ organization: null, assigning_team: null, pending_cancellation_date: '2026-12-01' })
    )
    expect(direct.grants).toEqual([
      { org: null, team: null, teamKind: null, pendingDate: '2026-12-01' }
    ])
  })

  it('equal rows share one frozen row list (100,000 seats do not hold 100,000 copies)', () => {
    const a = toSeat(raw({ organization: { login: 'o1' } }))
    const b = toSeat({
      ...raw({ organization: { login: 'o1' } }),
      assignee: { login: 'other', id: 2 }
    })
    expect(a.grants).toBe(b.grants)
    expect(Object.isFrozen(a.grants)).toBe(true)
    expect(Object.isFrozen(a.grants[0])).toBe(true)
  })
})
