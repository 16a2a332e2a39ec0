// Planning as pure functions: GitHub's state (seats, members, protections) in,
// the writes a run would send and the skips it would report out.
import { describe, expect, it } from 'vitest'
import type { Protection, SeatPlan, Skip, SkipReason } from '../../src/domain/outcome.js'
import {
  breakerProblem,
  confirmPlan,
  disqualifier,
  planAssign,
  planReclaim,
  planRevoke,
  type ConfirmRule,
  type FoundTeam
} from '../../src/domain/plan.js'
import type { Seat } from '../../src/domain/seat.js'
import { DAY, NOW, seat } from '../support/report-seat.js'

/** GitHub's seats as the plan looks them up: by lower-cased login. */
function seatsOf(...seats: Seat[]) {
  const byKey = new Map(seats.map((s) => [s.key, s]))
  return (login: string) => byKey.get(login) ?? null
}

/** A seat held now, used yesterday: `teams` are the teams granting it. */
const held = (login: string, teams: string[] = []) =>
  seat({ login, teams, createdAt: NOW - 200 * DAY, lastActivityAt: NOW - DAY })
const pending = (login: string, date = '2026-12-31', teams: string[] = []) =>
  seat({ login, teams, createdAt: NOW - 200 * DAY, pendingDate: date })
const idleSeat = (login: string, teams: string[] = []) =>
  seat({ login, teams, createdAt: NOW - 200 * DAY, lastActivityAt: NOW - 60 * DAY })

const team = (slug: string, ...members: string[]): FoundTeam => ({ slug, members })
const user = (login: string, reason: SkipReason, failed: boolean): Skip => ({
  subject: { kind: 'user', login },
  reason,
  failed
})
const teamSkip = (slug: string, reason: SkipReason, failed: boolean): Skip => ({
  subject: { kind: 'team', slug },
  reason,
  failed
})
const byUsers: Protection = { kind: 'exclude-users' }
const byTeam = (t: string): Protection => ({ kind: 'exclude-teams', team: t })

/** The plan's writes and counts, without the empty parts. */
const writes = (p: SeatPlan) => ({
  assignUsers: p.assignUsers,
  assignTeams: p.assignTeams,
  cancelUsers: p.cancelUsers,
  cancelTeams: p.cancelTeams,
  teamMembers: Object.fromEntries(p.teamMembers),
  creates: p.creates,
  cancels: p.cancels
})
const nothing = writes({
  assignUsers: [],
  assignTeams: [],
  cancelUsers: [],
  cancelTeams: [],
  keeps: [],
  teamMembers: new Map(),
  creates: [],
  cancels: [],
  skipped: []
})

describe('planAssign: users', () => {
  it.each<{ what: string; seat: Seat | null; member: boolean; skip: Skip | null }>([
    { what: 'no seat, an org member: assigned', seat: null, member: true, skip: null },
    {
      what: 'a seat pending cancellation: assigned again, which restores it',
      seat: pending('mona'),
      member: true,
      skip: null
    },
    {
      what: 'a seat held directly: not re-sent, so its grace period is kept',
      seat: held('mona'),
      member: true,
      skip: user('mona', { kind: 'holds-seat', teams: [] }, false)
    },
    {
      what: 'a seat held through a team: not re-sent, naming the team',
      seat: held('mona', ['red']),
      member: true,
      skip: user('mona', { kind: 'holds-seat', teams: ['red'] }, false)
    },
    {
      what: 'not an org member: a failure, nothing sent',
      seat: null,
      member: false,
      skip: user('mona', { kind: 'not-member' }, true)
    },
    {
      what: 'a pending seat of someone who left the org: a failure, nothing sent',
      seat: pending('mona'),
      member: false,
      skip: user('mona', { kind: 'not-member' }, true)
    }
  ])('$what', ({ seat: s, member, skip }) => {
    const plan = planAssign({
      users: ['mona'],
      teams: [],
      seatOf: (login) => (login === 'mona' ? s : null),
      isMember: (login) => login === 'mona' && member
    })
    expect(writes(plan)).toEqual(
      skip ? nothing : { ...nothing, assignUsers: ['mona'], creates: ['mona'] }
    )
    expect(plan.skipped).toEqual(skip ? [skip] : [])
  })
})

describe('planAssign: teams', () => {
  const state = seatsOf(
    held('red1', ['red']),
    held('red2', ['red']),
    pending('back', '2026-12-31', ['red']),
    held('direct')
  )
  const plan = (...teams: FoundTeam[]) =>
    planAssign({ users: [], teams, seatOf: state, isMember: () => true })

  it('an empty team is skipped, not sent, and is not a failure', () => {
    const p = plan(team('empty'))
    expect(writes(p)).toEqual(nothing)
    expect(p.skipped).toEqual([teamSkip('empty', { kind: 'team-empty' }, false)])
  })

  it('a team whose members all hold their seats through it is not re-sent', () => {
    const p = plan(team('red', 'red1', 'red2'))
    expect(writes(p)).toEqual(nothing)
    expect(p.skipped).toEqual([teamSkip('red', { kind: 'team-all-seated' }, false)])
  })

  it('is sent when a member has no seat or a pending one: those seats are created or restored', () => {
    const p = plan(team('red', 'red1', 'new', 'back'))
    expect(writes(p)).toEqual({
      ...nothing,
      assignTeams: ['red'],
      teamMembers: { red: ['new', 'back'] },
      creates: ['new', 'back']
    })
    expect(p.skipped).toEqual([])
  })

  it('is sent when members hold seats another way, without counting them as created', () => {
    const p = plan(team('blue', 'direct', 'red1'))
    expect(writes(p)).toEqual({
      ...nothing,
      assignTeams: ['blue'],
      teamMembers: { blue: [] },
      creates: []
    })
  })

  it('counts a login once when it is a target twice (max-assignments counts people)', () => {
    const p = planAssign({
      users: ['new', 'red1'],
      teams: [team('green', 'new', 'other'), team('blue', 'other')],
      seatOf: state,
      isMember: () => true
    })
    expect(p.assignUsers).toEqual(['new'])
    expect(p.assignTeams).toEqual(['green', 'blue'])
    expect(p.creates).toEqual(['new', 'other'])
    expect(p.skipped).toEqual([user('red1', { kind: 'holds-seat', teams: ['red'] }, false)])
  })
})

describe('planRevoke: users', () => {
  it.each<{ what: string; seat: Seat | null; protection: Protection | null; skip: Skip | null }>([
    { what: 'a direct seat: cancelled', seat: held('mona'), protection: null, skip: null },
    {
      what: 'an idle direct seat: cancelled like any other',
      seat: idleSeat('mona'),
      protection: null,
      skip: null
    },
    {
      what: 'no seat: nothing to do, not a failure',
      seat: null,
      protection: null,
      skip: user('mona', { kind: 'no-seat' }, false)
    },
    {
      what: 'already pending: not re-sent, with the date access ends',
      seat: pending('mona', '2026-12-31'),
      protection: null,
      skip: user('mona', { kind: 'already-pending', date: '2026-12-31' }, false)
    },
    {
      what: 'protected by exclude-users: a failure, never cancelled',
      seat: held('mona'),
      protection: byUsers,
      skip: user('mona', { kind: 'protected', by: byUsers }, true)
    },
    {
      what: 'protected through exclude-teams: a failure, never cancelled',
      seat: held('mona'),
      protection: byTeam('keep'),
      skip: user('mona', { kind: 'protected', by: byTeam('keep') }, true)
    },
    {
      what: 'granted through a team: a failure, GitHub cannot cancel it per user',
      seat: held('mona', ['red', 'blue']),
      protection: null,
      skip: user('mona', { kind: 'via-team', teams: ['red', 'blue'] }, true)
    },
    {
      what: 'protected and granted through a team: reported as protected',
      seat: held('mona', ['red']),
      protection: byUsers,
      skip: user('mona', { kind: 'protected', by: byUsers }, true)
    },
    {
      what: 'pending and protected: already pending is what counts',
      seat: pending('mona', '2026-12-31'),
      protection: byUsers,
      skip: user('mona', { kind: 'already-pending', date: '2026-12-31' }, false)
    }
  ])('$what', ({ seat: s, protection, skip }) => {
    const plan = planRevoke({
      users: ['mona'],
      teams: [],
      seatOf: (login) => (login === 'mona' ? s : null),
      protectedBy: (login) => (login === 'mona' ? protection : null)
    })
    expect(writes(plan)).toEqual(
      skip ? nothing : { ...nothing, cancelUsers: ['mona'], cancels: ['mona'] }
    )
    expect(plan.skipped).toEqual(skip ? [skip] : [])
  })
})

describe('planRevoke: teams', () => {
  const state = seatsOf(
    held('red1', ['red']),
    held('red2', ['red', 'blue']),
    held('direct'),
    pending('gone', '2026-12-31', ['red']),
    held('blue1', ['blue'])
  )
  const keep = new Map([['boss', byTeam('keep')]])
  const plan = (teams: FoundTeam[], users: string[] = []) =>
    planRevoke({ users, teams, seatOf: state, protectedBy: (m) => keep.get(m) ?? null })

  it('cancels only the seats the team grants: direct and pending seats of members stay', () => {
    const p = plan([team('red', 'red1', 'red2', 'direct', 'gone', 'noseat')])
    expect(writes(p)).toEqual({
      ...nothing,
      cancelTeams: ['red'],
      teamMembers: { red: ['red1', 'red2'] },
      cancels: ['red1', 'red2']
    })
    expect(p.skipped).toEqual([])
  })

  it('a team granting no live seat is skipped, not sent', () => {
    const p = plan([team('red', 'direct', 'gone')])
    expect(writes(p)).toEqual(nothing)
    expect(p.skipped).toEqual([teamSkip('red', { kind: 'team-no-seats' }, false)])
  })

  it('a team with a protected member is refused as a whole, naming them', () => {
    const p = plan([team('red', 'red1', 'boss')])
    expect(writes(p)).toEqual(nothing)
    expect(p.skipped).toEqual([
      teamSkip('red', { kind: 'team-protected', members: ['boss'] }, true)
    ])
  })

  it('counts a person once when two revoked teams grant their seat', () => {
    const p = plan([team('red', 'red1', 'red2'), team('blue', 'red2', 'blue1')])
    expect(p.cancelTeams).toEqual(['red', 'blue'])
    expect(p.cancels).toEqual(['red1', 'red2', 'blue1'])
  })

  it('a user whose seat a revoked team cancels is not reported as a via-team skip', () => {
    const p = plan([team('red', 'red1')], ['red1', 'blue1', 'direct'])
    expect(p.cancelUsers).toEqual(['direct'])
    expect(p.cancels).toEqual(['direct', 'red1'])
    expect(p.skipped).toEqual([user('blue1', { kind: 'via-team', teams: ['blue'] }, true)])
  })

  it('a refused team does not excuse its members’ user skips', () => {
    const p = plan([team('red', 'red1', 'boss')], ['red1'])
    expect(p.skipped).toEqual([
      user('red1', { kind: 'via-team', teams: ['red'] }, true),
      teamSkip('red', { kind: 'team-protected', members: ['boss'] }, true)
    ])
  })
})

describe('planReclaim', () => {
  const protections = new Map<string, Protection>([
    ['boss', byUsers],
    ['lead', byTeam('keep')]
  ])
  const plan = (seats: Seat[], inactiveDays = 30) =>
    planReclaim({
      seats,
      now: NOW,
      inactiveDays,
      protectedBy: (login) => protections.get(login) ?? null
    })

  it('cancels idle direct seats that are not protected, by lower-cased login', () => {
    const p = plan([idleSeat('Idle1'), held('active'), pending('pend'), idleSeat('idle2')])
    expect(writes(p)).toEqual({
      ...nothing,
      cancelUsers: ['idle1', 'idle2'],
      cancels: ['idle1', 'idle2']
    })
    expect(p.skipped).toEqual([])
  })

  it('lists idle protected seats and idle team seats as skips that do not fail the run', () => {
    const p = plan([idleSeat('boss'), idleSeat('lead', ['red']), idleSeat('member', ['red'])])
    expect(writes(p)).toEqual(nothing)
    expect(p.skipped).toEqual([
      user('boss', { kind: 'protected', by: byUsers }, false),
      user('lead', { kind: 'protected', by: byTeam('keep') }, false),
      user('member', { kind: 'via-team', teams: ['red'] }, false)
    ])
  })

  it('leaves a seat without an assignee alone: there is no login to cancel it by', () => {
    const p = plan([seat({ login: null, createdAt: NOW - 400 * DAY })])
    expect(writes(p)).toEqual(nothing)
    expect(p.skipped).toEqual([])
  })

  it('idle is measured against inactive-days', () => {
    const s = seat({ login: 'x', createdAt: NOW - 200 * DAY, lastActivityAt: NOW - 45 * DAY })
    expect(plan([s], 30).cancelUsers).toEqual(['x'])
    expect(plan([s], 60).cancelUsers).toEqual([])
  })
})

describe('disqualifier: what GitHub shows just before the write', () => {
  const reclaim: ConfirmRule = { kind: 'reclaim', now: NOW, inactiveDays: 30 }
  it.each<[string, ConfirmRule, Seat | null, string | null]>([
    ['assign, still no seat', { kind: 'assign' }, null, null],
    ['assign, still pending', { kind: 'assign' }, pending('m'), null],
    ['assign, someone gave them a seat meanwhile', { kind: 'assign' }, held('m'), 'live'],
    ['cancel, still held directly', { kind: 'cancel' }, held('m'), null],
    ['cancel, the seat is gone', { kind: 'cancel' }, null, 'no-seat'],
    ['cancel, already pending', { kind: 'cancel' }, pending('m'), 'pending'],
    ['cancel, now granted through a team', { kind: 'cancel' }, held('m', ['red']), 'via-team'],
    ['cancel does not care about activity', { kind: 'cancel' }, idleSeat('m'), null],
    ['reclaim, still idle', reclaim, idleSeat('m'), null],
    ['reclaim, used again since the listing', reclaim, held('m'), 'active'],
    ['reclaim, the seat is gone', reclaim, null, 'no-seat'],
    ['reclaim, already pending', reclaim, pending('m'), 'pending'],
    ['reclaim, now granted through a team', reclaim, idleSeat('m', ['red']), 'via-team']
  ])('%s: %s', (_what, rule, s, expected) => {
    expect(disqualifier(rule, s)).toBe(expected)
  })
})

describe('confirmPlan', () => {
  it('drops the user writes GitHub no longer qualifies, as skips that do not fail', () => {
    const plan = planRevoke({
      users: ['a', 'b', 'c'],
      teams: [],
      seatOf: seatsOf(held('a'), held('b'), held('c')),
      protectedBy: () => null
    })
    const now = seatsOf(held('a'), pending('b'))
    const { plan: confirmed, removed } = confirmPlan(plan, { kind: 'cancel' }, now)
    expect(confirmed.cancelUsers).toEqual(['a'])
    expect(confirmed.cancels).toEqual(['a'])
    expect(removed).toEqual([
      user('b', { kind: 'changed', direction: 'cancel', now: 'pending' }, false),
      user('c', { kind: 'changed', direction: 'cancel', now: 'no-seat' }, false)
    ])
    // the plan it was given is left as it was
    expect(plan.cancelUsers).toEqual(['a', 'b', 'c'])
  })

  it('assign: drops users who hold a seat by now; a team that still creates their seat keeps counting them', () => {
    const plan = planAssign({
      users: ['a', 'b', 'c'],
      teams: [team('red', 'b', 'd')],
      seatOf: () => null,
      isMember: () => true
    })
    expect(plan.creates).toEqual(['a', 'b', 'c', 'd'])
    const now = seatsOf(held('b'), held('c'))
    const { plan: confirmed, removed } = confirmPlan(plan, { kind: 'assign' }, now)
    expect(confirmed.assignUsers).toEqual(['a'])
    expect(confirmed.assignTeams).toEqual(['red'])
    expect(confirmed.creates).toEqual(['a', 'b', 'd'])
    expect(removed.map((s) => [s.subject, s.reason])).toEqual([
      [
        { kind: 'user', login: 'b' },
        { kind: 'changed', direction: 'assign', now: 'live' }
      ],
      [
        { kind: 'user', login: 'c' },
        { kind: 'changed', direction: 'assign', now: 'live' }
      ]
    ])
  })

  it('reclaim: a seat used since the listing is kept', () => {
    const plan = planReclaim({
      seats: [idleSeat('a'), idleSeat('b')],
      now: NOW,
      inactiveDays: 30,
      protectedBy: () => null
    })
    const rule: ConfirmRule = { kind: 'reclaim', now: NOW, inactiveDays: 30 }
    const { plan: confirmed, removed } = confirmPlan(plan, rule, seatsOf(idleSeat('a'), held('b')))
    expect(confirmed.cancelUsers).toEqual(['a'])
    expect(confirmed.cancels).toEqual(['a'])
    expect(removed).toEqual([
      user('b', { kind: 'changed', direction: 'cancel', now: 'active' }, false)
    ])
  })

  it('only narrows user writes of its own direction; team writes and skips stay as planned', () => {
    const plan: SeatPlan = {
      assignUsers: ['x'],
      assignTeams: ['red'],
      cancelUsers: ['a', 'b'],
      cancelTeams: ['blue'],
      teamMembers: new Map([['blue', ['b', 't']]]),
      keeps: [],
      creates: ['x'],
      cancels: ['a', 'b', 't'],
      skipped: [user('s', { kind: 'no-seat' }, false)]
    }
    const { plan: confirmed, removed } = confirmPlan(plan, { kind: 'cancel' }, () => null)
    expect(writes(confirmed)).toEqual({
      assignUsers: ['x'],
      assignTeams: ['red'],
      cancelUsers: [],
      cancelTeams: ['blue'],
      teamMembers: { blue: ['b', 't'] },
      creates: ['x'],
      // b is still cancelled by the team write
      cancels: ['b', 't']
    })
    expect(confirmed.skipped).toEqual(plan.skipped)
    expect(removed.map((s) => s.subject)).toEqual([
      { kind: 'user', login: 'a' },
      { kind: 'user', login: 'b' }
    ])

    // and the other way round: confirming the assignments leaves the cancellations alone
    const assigned = confirmPlan(plan, { kind: 'assign' }, (login) => held(login))
    expect(assigned.plan.assignUsers).toEqual([])
    expect(assigned.plan.creates).toEqual([])
    expect(assigned.plan.cancelUsers).toEqual(['a', 'b'])
    expect(assigned.removed.map((s) => s.subject)).toEqual([{ kind: 'user', login: 'x' }])
  })

  it('keeps everything when GitHub still shows what the plan was made from', () => {
    const plan = planRevoke({
      users: ['a'],
      teams: [],
      seatOf: seatsOf(held('a')),
      protectedBy: () => null
    })
    const { plan: confirmed, removed } = confirmPlan(plan, { kind: 'cancel' }, seatsOf(held('a')))
    expect(writes(confirmed)).toEqual(writes(plan))
    expect(removed).toEqual([])
  })
})

describe('breakerProblem', () => {
  it('allows a plan up to the limit, including a limit of 0 with nothing to do', () => {
    expect(breakerProblem('assign', 0, 0)).toBeNull()
    expect(breakerProblem('assign', 100, 100)).toBeNull()
    expect(breakerProblem('cancel', 99, 100)).toBeNull()
  })

  it('names the input, the count and the fix when a plan goes over it', () => {
    expect(breakerProblem('assign', 101, 100)).toBe(
      'The plan would create or restore 101 seats, over `max-assignments` (100). Nothing was sent. Fix: check the plan in the summary (or a dry run); if it is right, raise `max-assignments` to at least 101.'
    )
    expect(breakerProblem('cancel', 1, 0)).toBe(
      'The plan would set to pending cancellation 1 seat, over `max-cancellations` (0). Nothing was sent. Fix: check the plan in the summary (or a dry run); if it is right, raise `max-cancellations` to at least 1.'
    )
  })
})
