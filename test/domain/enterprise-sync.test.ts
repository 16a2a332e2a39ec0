import { describe, expect, it } from 'vitest'
import { digestPlan } from '../../src/domain/digest.js'
import {
  enterpriseGrantingTeams,
  keepsAccess,
  planEnterpriseSync,
  type EnterpriseSyncInput
} from '../../src/domain/enterprise-sync.js'
import { emptyPlan, type SeatPlan } from '../../src/domain/outcome.js'
import { disqualifier, type ProtectionLookup } from '../../src/domain/plan.js'
import { describeSkip } from '../../src/domain/skip-text.js'
import type { Grant, Seat } from '../../src/domain/seat.js'
import { ENT, grant as g, seat } from '../support/report-seat.js'

const PENDING = '2026-12-01'
/** A merged seat from its rows: pending only if every row is. */
const user = (login: string, ...grants: Grant[]): Seat =>
  seat({
    login,
    grants,
    teams: [...new Set(grants.flatMap((x) => (x.team ? [x.team] : [])))],
    pendingDate: grants.length && grants.every((x) => x.pendingDate) ? PENDING : null
  })
const none: ProtectionLookup = () => null

function input(seats: Seat[], rest: Partial<EnterpriseSyncInput> = {}): EnterpriseSyncInput {
  const byKey = new Map(seats.map((s) => [s.key, s]))
  return {
    users: [],
    teams: [],
    seats,
    seatOf: (login) => byKey.get(login) ?? null,
    protectedBy: none,
    unlisted: [],
    cancel: true,
    ...rest
  }
}
const lists = (p: SeatPlan) => ({
  assignUsers: p.assignUsers,
  assignTeams: p.assignTeams,
  cancelUsers: p.cancelUsers,
  cancelTeams: p.cancelTeams,
  teamMembers: Object.fromEntries(p.teamMembers),
  creates: p.creates,
  keeps: p.keeps,
  cancels: p.cancels
})

describe('enterpriseGrantingTeams', () => {
  it('names the enterprise teams with a live row that are not listed, once each, in listing order', () => {
    const seats = [
      user('a', g(null, 'ent:b'), g('o1', 'red')),
      user('b', g(null, 'ent:a'), g(null, 'ent:b')),
      user('c', g(null, 'ent:gone', PENDING)),
      user('d', g(null, 'ent:listed')),
      user('e', g(null), g('o1'))
    ]
    expect(enterpriseGrantingTeams(seats, ['ent:listed'])).toEqual(['ent:b', 'ent:a'])
    expect(enterpriseGrantingTeams([], [])).toEqual([])
  })
})

describe('planEnterpriseSync', () => {
  it('listed users: nothing for a live direct row or a kept team’s row; a direct row for the rest', () => {
    const seats = [
      user('direct', g(null)),
      user('teamed', g(null, 'ent:eng')),
      user('back', g(null, null, PENDING)),
      user('org', g('o1')),
      user('orgteam', g('o1', 'red')),
      user('halfback', g(null, null, PENDING), g('o2'))
    ]
    const p = planEnterpriseSync(
      input(seats, { users: ['direct', 'teamed', 'back', 'org', 'orgteam', 'halfback', 'new'] })
    )
    expect(lists(p)).toEqual({
      assignUsers: ['back', 'org', 'orgteam', 'halfback', 'new'],
      assignTeams: [],
      cancelUsers: [],
      cancelTeams: [],
      teamMembers: {},
      creates: ['back', 'new'],
      keeps: ['org', 'orgteam', 'halfback'],
      cancels: []
    })
    expect(p.skipped).toEqual([])
  })

  it('a listed team is sent for the members without access the enterprise grants, not for the others', () => {
    const seats = [user('m1', g(null)), user('m2', g('o1')), user('m3', g(null, 'ent:eng'))]
    const p = planEnterpriseSync(
      input(seats, {
        users: ['byname'],
        teams: [
          { slug: 'ent:eng', members: ['m1', 'm2', 'm3', 'm4', 'byname'] },
          { slug: 'ent:all', members: ['m1', 'm3'] },
          { slug: 'ent:empty', members: [] }
        ]
      })
    )
    expect(lists(p)).toMatchObject({
      assignUsers: ['byname'],
      assignTeams: ['ent:eng'],
      teamMembers: { 'ent:eng': ['m2', 'm4'] },
      creates: ['byname', 'm4'],
      keeps: ['m2']
    })
    expect(p.skipped).toEqual([
      {
        subject: { kind: 'team', slug: 'ent:empty' },
        reason: { kind: 'team-empty' },
        failed: false
      }
    ])
  })

  it('cancels direct rows of users not listed; reports access only an org grants; keeps the protected', () => {
    const seats = [
      user('gone', g(null)),
      user('gone-org', g('o2'), g(null)),
      user('org-only', g('o1'), g('o2', 'red')),
      user('guard', g(null)),
      user('pending', g(null, null, PENDING)),
      user('pending-org', g(null, null, PENDING), g('o1', null, PENDING)),
      user('member', g(null)),
      seat({ login: null, grants: [g(null)] })
    ]
    const p = planEnterpriseSync(
      input(seats, {
        teams: [{ slug: 'ent:eng', members: ['member'] }],
        protectedBy: (login) => (login === 'guard' ? { kind: 'exclude-users' } : null)
      })
    )
    expect(p.cancelUsers).toEqual(['gone', 'gone-org'])
    expect(p.cancels).toEqual(['gone', 'gone-org'])
    expect(p.assignTeams).toEqual([])
    expect(p.skipped).toEqual([
      {
        subject: { kind: 'user', login: 'org-only' },
        reason: { kind: 'org-granted', grants: [g('o1'), g('o2', 'red')] },
        failed: false
      },
      {
        subject: { kind: 'user', login: 'guard' },
        reason: { kind: 'unlisted-protected', by: { kind: 'exclude-users' } },
        failed: false
      }
    ])
  })

  it('removes an unlisted enterprise team: its rows of users not listed go pending, listed members get a direct row', () => {
    const seats = [
      user('stay', g(null, 'ent:old')),
      user('also', g(null, 'ent:old'), g('o1')),
      user('go', g(null, 'ent:old')),
      user('go-org', g(null, 'ent:old'), g('o1')),
      user('go-direct', g(null, 'ent:old'), g(null)),
      user('was', g(null, 'ent:old', PENDING))
    ]
    const p = planEnterpriseSync(
      input(seats, {
        users: ['stay'],
        teams: [{ slug: 'ent:eng', members: ['also'] }],
        unlisted: [
          { slug: 'ent:old', members: ['stay', 'also', 'go', 'go-org', 'go-direct', 'was'] },
          // Granting only to listed people: removed all the same, no row of anyone else goes.
          { slug: 'ent:listed-only', members: ['stay'] }
        ]
      })
    )
    expect(lists(p)).toEqual({
      assignUsers: ['stay'],
      assignTeams: ['ent:eng'],
      cancelUsers: ['go-direct'],
      cancelTeams: ['ent:old', 'ent:listed-only'],
      teamMembers: {
        'ent:eng': ['also'],
        'ent:old': ['go', 'go-org', 'go-direct'],
        'ent:listed-only': []
      },
      creates: [],
      keeps: ['stay', 'also'],
      cancels: ['go-direct', 'go', 'go-org']
    })
    // go-org keeps org o1's row, but loses one the enterprise grants: not access only an org grants.
    expect(p.skipped).toEqual([])
  })

  it('an unlisted team with a protected member is refused whole and kept: its rows still count as access', () => {
    const seats = [user('stay', g(null, 'ent:old')), user('other', g(null, 'ent:old'))]
    const p = planEnterpriseSync(
      input(seats, {
        users: ['stay'],
        unlisted: [{ slug: 'ent:old', members: ['stay', 'other'] }],
        protectedBy: (login) => (login === 'other' ? { kind: 'exclude-users' } : null)
      })
    )
    expect(p.assignUsers).toEqual([])
    expect(p.cancelTeams).toEqual([])
    expect(p.cancels).toEqual([])
    expect(p.skipped).toEqual([
      {
        subject: { kind: 'team', slug: 'ent:old' },
        reason: { kind: 'unlisted-team-protected', members: ['other'] },
        failed: true
      }
    ])
  })

  it('with the desired state not known in full, cancels and removes nothing, and reports nothing', () => {
    const seats = [
      user('gone', g(null)),
      user('org-only', g('o1')),
      user('stay', g(null, 'ent:old'))
    ]
    const p = planEnterpriseSync(
      input(seats, {
        users: ['new', 'stay'],
        unlisted: [{ slug: 'ent:old', members: ['stay'] }],
        cancel: false
      })
    )
    expect(lists(p)).toMatchObject({ assignUsers: ['new'], cancelUsers: [], cancelTeams: [] })
    expect(p.skipped).toEqual([])
  })
})

describe('keepsAccess and the digest at enterprise scope', () => {
  const seats = [
    user('freed', g(null)),
    user('org', g(null), g('o1')),
    user('team-row', g(null, 'ent:old')),
    user('both', g(null, 'ent:old'), g(null, 'ent:keep')),
    user('all-gone', g(null), g(null, 'ent:old'))
  ]
  const byKey = new Map(seats.map((s) => [s.key, s]))
  const seatOf = (login: string) => byKey.get(login) ?? null
  const plan: SeatPlan = {
    ...emptyPlan(),
    cancelUsers: ['freed', 'org', 'all-gone'],
    cancelTeams: ['ent:old'],
    teamMembers: new Map([['ent:old', ['team-row', 'both', 'all-gone']]]),
    cancels: ['freed', 'org', 'team-row', 'both', 'all-gone']
  }

  it('a cancelled user keeps access through a row the plan does not cancel', () => {
    const keeps = keepsAccess(plan, ENT, seatOf)
    expect(['freed', 'org', 'team-row', 'both', 'all-gone', 'nobody'].map(keeps)).toEqual([
      false,
      true,
      false,
      true,
      false,
      false
    ])
  })

  it('their seats stay on the bill: listed apart, not priced as cancelled', () => {
    const d = digestPlan(
      plan,
      seatOf,
      { seatCost: 10, orgPlan: null },
      keepsAccess(plan, ENT, seatOf)
    )
    expect(d.cancels).toEqual(['freed', 'org', 'team-row', 'both', 'all-gone'])
    expect(d.heldElsewhere).toEqual(['org', 'both'])
    expect(d.billing).toEqual({ created: 0, restored: 0, cancelled: 30, net: -30, fallback: 0 })
  })
})

describe('confirming an assignment at enterprise scope', () => {
  const rule = { kind: 'assign', replacing: ['ent:old'], at: ENT } as const
  it('only rows the enterprise grants count, and a row of a team the run removes does not last', () => {
    expect(disqualifier(rule, null)).toBeNull()
    expect(disqualifier(rule, user('a', g('o1')))).toBeNull()
    expect(disqualifier(rule, user('a', g('o1', 'red')))).toBeNull()
    expect(disqualifier(rule, user('a', g(null, null, PENDING)))).toBeNull()
    expect(disqualifier(rule, user('a', g(null, 'ent:old')))).toBeNull()
    expect(disqualifier(rule, user('a', g(null)))).toBe('live')
    expect(disqualifier(rule, user('a', g(null, 'ent:eng')))).toBe('live')
    expect(disqualifier({ kind: 'assign', at: ENT }, user('a', g(null, 'ent:old')))).toBe('live')
  })
})

describe('the words for access only an org grants', () => {
  it('names the rows and what removes each', () => {
    const text = describeSkip(
      {
        subject: { kind: 'user', login: 'x' },
        reason: { kind: 'org-granted', grants: [g('o1'), g('o2', 'red')] },
        failed: false
      },
      'acme'
    )
    expect(text).toBe(
      "not listed, but holds access only through org o1; team red of org o2; sync at enterprise scope does not change an org's rows. To remove it: for org o1, cancel it in org o1 (mode revoke with `org: o1`, or audit with `reclaim` and `enterprise` once they are idle); for team red of org o2, remove them from team red in org o2, or revoke that team there (mode revoke, `org: o2`, `teams: red`)"
    )
  })
})
