// Planning: what assign, revoke and reclaim will do, worked out before anything
// is sent, and how confirmation just before the writes narrows it. Pure: seats,
// members and protections in, a plan out.
import { statusOf } from './activity.js'
import {
  emptyPlan,
  skip,
  teamSubject,
  type Direction,
  userSubject,
  type Protection,
  type SeatPlan,
  type SeatState,
  type Skip
} from './outcome.js'
import { directRowAt, grantedAt, grantOf, liveGrants, type Destination } from './routing.js'
import { isLive, type Seat } from './seat.js'
import { reclaimCandidates, type ReclaimInput } from './shared-reclaim-rules.js'
import { finishRevoke, revokeListedTeams, type RevokeInput } from './shared-revoke-rules.js'

/** A team that exists, with its lower-cased member logins. */
export interface FoundTeam {
  slug: string
  members: string[]
}

export type SeatLookup = (login: string) => Seat | null
export type ProtectionLookup = (login: string) => Protection | null

export function planAssign(input: {
  users: readonly string[]
  teams: readonly FoundTeam[]
  seatOf: SeatLookup
  isMember: (login: string) => boolean
}): SeatPlan {
  const plan = emptyPlan()
  const creates = new Set<string>()
  for (const login of input.users) {
    const seat = input.seatOf(login)
    if (isLive(seat)) {
      plan.skipped.push(skip(userSubject(login), { kind: 'holds-seat', teams: seat.teams }, false))
    } else if (!input.isMember(login)) {
      plan.skipped.push(skip(userSubject(login), { kind: 'not-member' }, true))
    } else {
      plan.assignUsers.push(login)
      creates.add(login)
    }
  }
  for (const team of input.teams) {
    const subject = teamSubject(team.slug)
    const without = team.members.filter((m) => !isLive(input.seatOf(m)))
    const notThroughTeam = team.members.filter((m) => !input.seatOf(m)?.teams.includes(team.slug))
    if (!team.members.length) {
      plan.skipped.push(skip(subject, { kind: 'team-empty' }, false))
    } else if (!without.length && !notThroughTeam.length) {
      plan.skipped.push(skip(subject, { kind: 'team-all-seated' }, false))
    } else {
      plan.assignTeams.push(team.slug)
      plan.teamMembers.set(team.slug, without)
      for (const m of without) creates.add(m)
    }
  }
  plan.creates = [...creates]
  return plan
}

export function planRevoke(input: RevokeInput): SeatPlan {
  const plan = emptyPlan()
  const cancels = new Set<string>()
  for (const login of input.users) {
    const seat = input.seatOf(login)
    const protection = input.protectedBy(login)
    const subject = userSubject(login)
    if (!seat) {
      plan.skipped.push(skip(subject, { kind: 'no-seat' }, false))
    } else if (seat.pendingDate !== null) {
      plan.skipped.push(skip(subject, { kind: 'already-pending', date: seat.pendingDate }, false))
    } else if (protection) {
      plan.skipped.push(skip(subject, { kind: 'protected', by: protection }, true))
    } else if (seat.teams.length) {
      plan.skipped.push(skip(subject, { kind: 'via-team', teams: seat.teams }, true))
    } else {
      plan.cancelUsers.push(login)
      cancels.add(login)
    }
  }
  // GitHub cancels only seats whose grant is this team; direct or other-team seats stay.
  revokeListedTeams(plan, cancels, input, (m, slug) => {
    const seat = input.seatOf(m)
    return isLive(seat) && seat.teams.includes(slug)
  })
  return finishRevoke(plan, cancels)
}

/**
 * Audit with reclaim: idle, direct, unprotected seats are cancelled; the rest are listed.
 * With `lastActiveDay` (the usage report), a seat whose holder the report shows active
 * within `inactive-days` is kept: the signals disagree.
 */
export function planReclaim(input: ReclaimInput): SeatPlan {
  const plan = emptyPlan()
  for (const { seat, kept } of reclaimCandidates(input)) {
    if (kept) {
      plan.skipped.push(kept)
    } else if (seat.teams.length) {
      plan.skipped.push(skip(userSubject(seat.key), { kind: 'via-team', teams: seat.teams }, false))
    } else {
      plan.cancelUsers.push(seat.key)
    }
  }
  plan.cancels = [...plan.cancelUsers]
  return plan
}

/**
 * What the user writes of a plan still need, given GitHub's state just before they are sent.
 * `assign` confirms "holds no live seat"; with `replacing` (sync), a live seat granted only
 * through those teams, which the same run removes, still qualifies: the user would lose it.
 * An assign with `at` (sync at enterprise scope) looks only at the rows granted there: the user
 * must hold none that outlasts the run (a direct row, or a team's that is not in `replacing`),
 * whatever rows an org grants them. A cancel with `at` needs the user's row granted directly
 * there to be live, whatever other rows they hold.
 */
export type ConfirmRule =
  | { kind: 'assign'; replacing?: readonly string[]; at?: Destination }
  | { kind: 'cancel'; at?: Destination }
  | { kind: 'reclaim'; now: number; inactiveDays: number; at?: Destination }

/** The direction of the user writes a rule confirms. */
export const directionOf = (rule: ConfirmRule): Direction =>
  rule.kind === 'assign' ? 'assign' : 'cancel'

/** Why `seat` no longer qualifies for the write `rule` plans, or null when it still does. */
export function disqualifier(rule: ConfirmRule, seat: Seat | null): SeatState | null {
  if (rule.kind === 'assign') {
    const replacing = rule.replacing ?? []
    if (rule.at) {
      const at = rule.at
      const lasting = liveGrants(seat).some(
        (g) => grantedAt(g, at) && (g.team === null || !replacing.includes(g.team))
      )
      return lasting ? 'live' : null
    }
    if (!isLive(seat)) return null
    const lost = seat.teams.length > 0 && seat.teams.every((t) => replacing.includes(t))
    return lost ? null : 'live'
  }
  if (!seat) return 'no-seat'
  if (rule.at) {
    const row = grantOf(seat, directRowAt(rule.at))
    if (!row) return 'not-granted-here'
    if (row.pendingDate !== null) return 'pending'
  } else {
    if (seat.pendingDate !== null) return 'pending'
    if (seat.teams.length) return 'via-team'
  }
  if (rule.kind === 'reclaim' && statusOf(seat, rule.now, rule.inactiveDays) !== 'idle')
    return 'active'
  return null
}

/**
 * Narrows the user writes of a plan to the logins GitHub's current state still
 * qualifies; the others become skips. Confirmation only ever removes: the
 * breakers counted the plan before it. Team writes are kept as planned.
 */
export function confirmPlan(
  plan: SeatPlan,
  rule: ConfirmRule,
  current: (login: string) => Seat | null
): { plan: SeatPlan; removed: Skip[] } {
  const removed: Skip[] = []
  const keep = (logins: string[]) =>
    logins.filter((login) => {
      const why = disqualifier(rule, current(login))
      const direction = directionOf(rule)
      if (why)
        removed.push(skip(userSubject(login), { kind: 'changed', direction, now: why }, false))
      return !why
    })
  const assignUsers = rule.kind === 'assign' ? keep(plan.assignUsers) : plan.assignUsers
  const cancelUsers = rule.kind === 'assign' ? plan.cancelUsers : keep(plan.cancelUsers)
  const gone = new Set(removed.map((s) => (s.subject.kind === 'user' ? s.subject.login : '')))
  const viaTeams = new Set([...plan.teamMembers.values()].flat())
  const still = (login: string) => !gone.has(login) || viaTeams.has(login)
  return {
    plan: {
      ...plan,
      assignUsers,
      cancelUsers,
      creates: plan.creates.filter(still),
      cancels: plan.cancels.filter(still),
      keeps: plan.keeps.filter(still)
    },
    removed
  }
}

/** SPEC.md's breakers: over a limit, nothing is sent (dry runs fail the same way). */
export function breakerProblem(
  kind: 'assign' | 'cancel',
  count: number,
  limit: number
): string | null {
  if (count <= limit) return null
  const input = kind === 'assign' ? 'max-assignments' : 'max-cancellations'
  const verb = kind === 'assign' ? 'create or restore' : 'set to pending cancellation'
  return `The plan would ${verb} ${count} seat${count === 1 ? '' : 's'}, over \`${input}\` (${limit}). Nothing was sent. Fix: check the plan in the summary (or a dry run); if it is right, raise \`${input}\` to at least ${count}.`
}
