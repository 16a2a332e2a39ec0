import { describe, expect, it } from 'vitest'
import { planEnterpriseRevoke } from '../../src/domain/enterprise-plan.js'
import { disqualifier } from '../../src/domain/plan.js'
import type { Destination } from '../../src/domain/routing.js'
import type { Seat } from '../../src/domain/seat.js'
import { DAY, ENT, grant as g, NOW, O1, seat } from '../support/report-seat.js'

describe('planEnterpriseRevoke', () => {
  const seats: Record<string, Seat> = {
    direct: seat({ login: 'direct', grants: [g(null), g('o1')] }),
    org: seat({ login: 'org', grants: [g('o1'), g('o2', 'red')] }),
    pending: seat({
      login: 'pending',
      pendingDate: '2026-12-01',
      grants: [g(null, null, '2026-12-01')]
    }),
    guarded: seat({ login: 'guarded', grants: [g(null)] }),
    member: seat({ login: 'member', grants: [g(null, 'ent:eng')] }),
    both: seat({ login: 'both', grants: [g('o1'), g(null, 'ent:eng')] }),
    stale: seat({ login: 'stale', grants: [g(null, 'ent:eng', '2026-12-01'), g(null)] })
  }
  const seatOf = (login: string) => seats[login] ?? null
  const protectedBy = (login: string) =>
    login === 'guarded' ? { kind: 'exclude-users' as const } : null

  it('cancels users with a live enterprise-direct row; skips the others with why', () => {
    const plan = planEnterpriseRevoke({
      users: ['direct', 'org', 'pending', 'guarded', 'nobody', 'stale'],
      teams: [],
      seatOf,
      protectedBy
    })
    expect(plan.cancelUsers).toEqual(['direct', 'stale'])
    expect(plan.cancels).toEqual(['direct', 'stale'])
    expect(plan.skipped).toEqual([
      {
        subject: { kind: 'user', login: 'org' },
        reason: { kind: 'granted-elsewhere', grants: [g('o1'), g('o2', 'red')] },
        failed: true
      },
      {
        subject: { kind: 'user', login: 'pending' },
        reason: { kind: 'already-pending', date: '2026-12-01' },
        failed: false
      },
      {
        subject: { kind: 'user', login: 'guarded' },
        reason: { kind: 'protected', by: { kind: 'exclude-users' } },
        failed: true
      },
      { subject: { kind: 'user', login: 'nobody' }, reason: { kind: 'no-seat' }, failed: false }
    ])
  })

  it('a team write cancels the members whose row that team grants; its members are not user skips', () => {
    const plan = planEnterpriseRevoke({
      users: ['both', 'org'],
      teams: [{ slug: 'ent:eng', members: ['member', 'both', 'stale', 'nobody', 'direct'] }],
      seatOf,
      protectedBy
    })
    expect(plan.cancelTeams).toEqual(['ent:eng'])
    expect(plan.teamMembers.get('ent:eng')).toEqual(['member', 'both'])
    expect(plan.cancels).toEqual(['member', 'both'])
    expect(plan.skipped.map((s) => s.subject)).toEqual([{ kind: 'user', login: 'org' }])
  })

  it('refuses a team with a protected member as a whole; a team granting no live row is not sent', () => {
    const plan = planEnterpriseRevoke({
      users: [],
      teams: [
        { slug: 'ent:eng', members: ['member', 'guarded'] },
        { slug: 'ent:ops', members: ['direct', 'org'] }
      ],
      seatOf,
      protectedBy
    })
    expect(plan.cancelTeams).toEqual([])
    expect(plan.skipped).toEqual([
      {
        subject: { kind: 'team', slug: 'ent:eng' },
        reason: { kind: 'team-protected', members: ['guarded'] },
        failed: true
      },
      {
        subject: { kind: 'team', slug: 'ent:ops' },
        reason: { kind: 'team-no-seats' },
        failed: false
      }
    ])
  })

  it('a pending seat without a date says so with an empty date', () => {
    const plan = planEnterpriseRevoke({
      users: ['odd'],
      teams: [],
      seatOf: () => seat({ login: 'odd', grants: [] }),
      protectedBy: () => null
    })
    expect(plan.skipped[0]!.reason).toEqual({ kind: 'already-pending', date: '' })
  })
})

describe('disqualifier at a destination (enterprise scope)', () => {
  const reclaim = (at: Destination) => ({
    kind: 'reclaim' as const,
    now: NOW,
    inactiveDays: 30,
    at
  })
  const idle = { lastActivityAt: NOW - 60 * DAY }

  it('needs the row granted directly there to be live, whatever other rows the user holds', () => {
    const s = seat({ ...idle, grants: [g(null), g('o1', null, '2026-12-01'), g('o2', 'red')] })
    expect(disqualifier({ kind: 'cancel', at: ENT }, s)).toBeNull()
    expect(disqualifier({ kind: 'cancel', at: O1 }, s)).toBe('pending')
    expect(disqualifier({ kind: 'cancel', at: { kind: 'org', org: 'o2' } }, s)).toBe(
      'not-granted-here'
    )
    expect(disqualifier({ kind: 'cancel', at: ENT }, null)).toBe('no-seat')
    expect(disqualifier(reclaim(ENT), s)).toBeNull()
  })

  it('a reclaim also needs the user idle in every row', () => {
    const s = seat({ lastActivityAt: NOW - 2 * DAY, grants: [g(null), g('o1')] })
    expect(disqualifier(reclaim(ENT), s)).toBe('active')
    expect(disqualifier({ kind: 'cancel', at: ENT }, s)).toBeNull()
  })

  it('without a destination the org-scope rule stands (via team is not cancellable)', () => {
    expect(disqualifier({ kind: 'cancel' }, seat({ teams: ['red'] }))).toBe('via-team')
    expect(disqualifier({ kind: 'cancel' }, seat({ pendingDate: '2026-12-01' }))).toBe('pending')
    expect(disqualifier({ kind: 'cancel' }, seat({}))).toBeNull()
  })
})
