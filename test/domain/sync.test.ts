import { describe, expect, it } from 'vitest'
import type { Protection } from '../../src/domain/outcome.js'
import type { FoundTeam } from '../../src/domain/plan.js'
import type { Seat } from '../../src/domain/seat.js'
import { desiredLogins, grantingTeams, planSync, type SyncInput } from '../../src/domain/sync.js'
import { seat } from '../support/report-seat.js'

const pending = (login: string, extra: Partial<Seat> = {}) =>
  seat({ login, pendingDate: '2026-12-01', ...extra })
const via = (login: string, team: string, extra: Partial<Seat> = {}) =>
  seat({ login, teams: [team], ...extra })

/** A plan input from a seat list; `looked` are seats the listing did not show. */
function input(
  seats: Seat[],
  opts: Partial<Omit<SyncInput, 'seats' | 'seatOf'>> & {
    looked?: Seat[]
    members?: string[]
    protect?: Record<string, Protection>
  } = {}
): SyncInput {
  const byKey = new Map([...seats, ...(opts.looked ?? [])].map((s) => [s.key, s]))
  const members = new Set(opts.members ?? [])
  return {
    users: opts.users ?? [],
    teams: opts.teams ?? [],
    seats,
    seatOf: (login) => byKey.get(login) ?? null,
    isMember: (login) => members.has(login) || byKey.has(login),
    protectedBy: (login) => opts.protect?.[login] ?? null,
    unlisted: opts.unlisted ?? [],
    cancel: opts.cancel ?? true
  }
}

const team = (slug: string, members: string[]): FoundTeam => ({ slug, members })
const users = (p: ReturnType<typeof planSync>) => ({
  assignUsers: p.assignUsers,
  assignTeams: p.assignTeams,
  cancelUsers: p.cancelUsers,
  cancelTeams: p.cancelTeams,
  creates: p.creates,
  keeps: p.keeps,
  cancels: p.cancels
})
const EMPTY = {
  assignUsers: [],
  assignTeams: [],
  cancelUsers: [],
  cancelTeams: [],
  creates: [],
  keeps: [],
  cancels: []
}

describe('grantingTeams', () => {
  it('lists the teams of live seats that are not listed, once each, in listing order', () => {
    const seats = [
      via('a', 'red'),
      via('b', 'blue'),
      via('c', 'red'),
      via('d', 'green'),
      pending('e', { teams: ['gray'] }),
      seat({ login: 'f' })
    ]
    expect(grantingTeams(seats, ['green'])).toEqual(['red', 'blue'])
    expect(grantingTeams(seats, ['red', 'blue', 'green'])).toEqual([])
    expect(grantingTeams([], [])).toEqual([])
  })
})

describe('desiredLogins', () => {
  it('is the listed users and the listed teams’ members, without duplicates', () => {
    expect(desiredLogins(['a', 'b'], [team('t', ['b', 'c']), team('u', ['c', 'd'])])).toEqual([
      'a',
      'b',
      'c',
      'd'
    ])
  })
})

describe('planSync: listed users', () => {
  it('assigns members without a seat, restores pending seats, leaves live seats alone', () => {
    const seats = [seat({ login: 'live' }), pending('back')]
    const p = planSync(input(seats, { users: ['live', 'back', 'new'], members: ['new'] }))
    expect(users(p)).toEqual({ ...EMPTY, assignUsers: ['back', 'new'], creates: ['back', 'new'] })
    expect(p.skipped).toEqual([])
  })

  it('reports a listed login that is not a member as a failure, and sends it nowhere', () => {
    const p = planSync(input([], { users: ['typo'] }))
    expect(users(p)).toEqual(EMPTY)
    expect(p.skipped).toEqual([
      { subject: { kind: 'user', login: 'typo' }, reason: { kind: 'not-member' }, failed: true }
    ])
  })

  it('uses a look-up for a listed user the listing did not show', () => {
    const p = planSync(input([], { users: ['hidden'], looked: [seat({ login: 'hidden' })] }))
    expect(users(p)).toEqual(EMPTY)
  })

  it('leaves a listed user seated through a listed team (or a team kept) alone', () => {
    const seats = [via('a', 'red'), via('b', 'ops')]
    const p = planSync(
      input(seats, {
        users: ['a', 'b'],
        teams: [team('red', ['a'])],
        unlisted: [team('ops', ['b', 'boss'])],
        protect: { boss: { kind: 'exclude-users' } }
      })
    )
    expect(users(p)).toEqual(EMPTY)
    expect(p.skipped.map((s) => s.reason.kind)).toEqual(['unlisted-team-protected'])
  })
})

describe('planSync: users not listed', () => {
  it('cancels direct live seats; never pending ones, seats through a team, or seats without assignee', () => {
    const seats = [
      seat({ login: 'gone' }),
      pending('leaving'),
      via('t1', 'red'),
      seat({ login: null }),
      seat({ login: 'kept' })
    ]
    const p = planSync(input(seats, { users: ['kept'], teams: [team('red', ['t1'])] }))
    expect(users(p)).toEqual({ ...EMPTY, cancelUsers: ['gone'], cancels: ['gone'] })
  })

  it('keeps a protected user’s seat and says so without failing', () => {
    const by: Protection = { kind: 'exclude-teams', team: 'sec' }
    const p = planSync(input([seat({ login: 'boss' })], { users: ['x'], protect: { boss: by } }))
    expect(users(p)).toEqual(EMPTY)
    expect(p.skipped).toContainEqual({
      subject: { kind: 'user', login: 'boss' },
      reason: { kind: 'unlisted-protected', by },
      failed: false
    })
  })

  it('keeps a direct seat of a listed team’s member who is not listed by name', () => {
    const p = planSync(input([seat({ login: 'm' })], { teams: [team('red', ['m'])] }))
    expect(users(p)).toEqual(EMPTY)
  })

  it('cancels nothing when the desired state is not known in full', () => {
    const seats = [seat({ login: 'gone' }), via('o', 'ops'), via('leo', 'ops')]
    const p = planSync(
      input(seats, {
        users: ['leo', 'new'],
        members: ['new'],
        unlisted: [team('ops', ['o', 'leo'])],
        cancel: false
      })
    )
    // With nothing removed, leo's seat through ops lasts: no re-grant either.
    expect(users(p)).toEqual({ ...EMPTY, assignUsers: ['new'], creates: ['new'] })
    expect(p.skipped).toEqual([])
  })
})

describe('planSync: listed teams', () => {
  it('sends a team with members without a live seat, counting only them as created', () => {
    const seats = [via('a', 'red'), seat({ login: 'b' }), pending('c')]
    const p = planSync(input(seats, { teams: [team('red', ['a', 'b', 'c', 'd'])] }))
    expect(users(p)).toEqual({ ...EMPTY, assignTeams: ['red'], creates: ['c', 'd'] })
    expect(p.teamMembers.get('red')).toEqual(['c', 'd'])
  })

  it('does not re-send a team whose members all hold seats, however granted', () => {
    const p = planSync(
      input([via('a', 'red'), seat({ login: 'b' })], { teams: [team('red', ['a', 'b'])] })
    )
    expect(users(p)).toEqual(EMPTY)
    expect(p.skipped).toEqual([])
  })

  it('does not send a team for members this run assigns directly', () => {
    const p = planSync(input([], { users: ['a'], members: ['a'], teams: [team('red', ['a'])] }))
    expect(users(p)).toEqual({ ...EMPTY, assignUsers: ['a'], creates: ['a'] })
  })

  it('reports an empty team without failing', () => {
    const p = planSync(input([], { teams: [team('void', [])] }))
    expect(users(p)).toEqual(EMPTY)
    expect(p.skipped).toEqual([
      { subject: { kind: 'team', slug: 'void' }, reason: { kind: 'team-empty' }, failed: false }
    ])
  })
})

describe('planSync: teams that grant seats but are not listed', () => {
  it('removes the team; its members go pending, except listed users (assigned directly first)', () => {
    const seats = [via('leo', 'old'), via('l2', 'old'), pending('l3', { teams: ['old'] })]
    const p = planSync(
      input(seats, { users: ['leo'], unlisted: [team('old', ['leo', 'l2', 'l3'])] })
    )
    expect(users(p)).toEqual({
      ...EMPTY,
      assignUsers: ['leo'],
      keeps: ['leo'],
      cancelTeams: ['old'],
      cancels: ['l2']
    })
    expect(p.teamMembers.get('old')).toEqual(['l2'])
  })

  it('keeps a listed team’s member seated by sending that team again', () => {
    const seats = [via('m', 'old'), via('n', 'red')]
    const p = planSync(
      input(seats, { teams: [team('red', ['m', 'n'])], unlisted: [team('old', ['m'])] })
    )
    expect(users(p)).toEqual({
      ...EMPTY,
      assignTeams: ['red'],
      keeps: ['m'],
      cancelTeams: ['old']
    })
    expect(p.teamMembers.get('red')).toEqual(['m'])
    expect(p.teamMembers.get('old')).toEqual([])
  })

  it('refuses a team with a protected member as a whole: none of its seats moves', () => {
    const seats = [via('o1', 'ops'), via('boss', 'ops')]
    const p = planSync(
      input(seats, {
        users: ['o1'],
        unlisted: [team('ops', ['o1', 'boss', 'quiet'])],
        protect: { quiet: { kind: 'exclude-users' } }
      })
    )
    expect(users(p)).toEqual(EMPTY)
    expect(p.skipped).toEqual([
      {
        subject: { kind: 'team', slug: 'ops' },
        reason: { kind: 'unlisted-team-protected', members: ['quiet'] },
        failed: true
      }
    ])
  })

  it('removes several teams, each with its own seats; a seat without assignee is no one’s to count', () => {
    const seats = [via('a1', 'old'), via('b1', 'older'), seat({ login: null, teams: ['old'] })]
    const p = planSync(
      input(seats, {
        users: ['x'],
        members: ['x'],
        unlisted: [team('old', ['a1']), team('older', ['b1'])]
      })
    )
    expect(p.cancelTeams).toEqual(['old', 'older'])
    expect(p.teamMembers.get('old')).toEqual(['a1'])
    expect(p.teamMembers.get('older')).toEqual(['b1'])
    expect(p.cancels).toEqual(['a1', 'b1'])
  })

  it('a seat granted through a removed team and a kept one lasts: nothing is sent for it', () => {
    const seats = [seat({ login: 'both', teams: ['old', 'red'] }), via('o', 'old')]
    const p = planSync(
      input(seats, {
        users: ['both'],
        teams: [team('red', ['both'])],
        unlisted: [team('old', ['both', 'o'])]
      })
    )
    expect(users(p)).toEqual({ ...EMPTY, cancelTeams: ['old'], cancels: ['o'] })
  })

  it('a listed user moved to a direct seat is not also sent through their listed team', () => {
    const seats = [via('leo', 'old')]
    const p = planSync(
      input(seats, {
        users: ['leo'],
        teams: [team('red', ['leo'])],
        unlisted: [team('old', ['leo'])]
      })
    )
    expect(users(p)).toEqual({
      ...EMPTY,
      assignUsers: ['leo'],
      keeps: ['leo'],
      cancelTeams: ['old']
    })
  })

  it('a breaker counts each seat once, whether cancelled per user or through a team', () => {
    const seats = [seat({ login: 'd1' }), via('t1', 'old'), via('t2', 'old')]
    const p = planSync(
      input(seats, { users: ['x'], members: ['x'], unlisted: [team('old', ['t1', 't2'])] })
    )
    expect(p.cancels).toEqual(['d1', 't1', 't2'])
    expect(p.creates).toEqual(['x'])
  })
})
