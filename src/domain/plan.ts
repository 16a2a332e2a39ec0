// Planning: what assign, revoke and reclaim will do, worked out before anything
// is sent. Pure: seats, members and protections in, a plan out.
import { statusOf } from './activity.js'
import type { Seat } from './seat.js'

export interface TeamTarget {
  slug: string
  /** Lower-cased member logins; null when the team does not exist. */
  members: string[] | null
}

export interface PlanSkip {
  login: string
  reason: string
  failed: boolean
}

export interface SeatPlan {
  sendUsers: string[]
  sendTeams: string[]
  /** Distinct logins whose seat the plan creates/restores (assign) or moves to pending (revoke, reclaim). */
  affected: string[]
  skipped: PlanSkip[]
}

export type SeatLookup = (login: string) => Seat | null

const holds = (seat: Seat | null): seat is Seat => seat !== null && seat.pendingDate === null

function viaTeam(seat: Seat): string {
  return seat.teams.join(', ')
}

export function planAssign(input: {
  org: string
  users: readonly string[]
  teams: readonly TeamTarget[]
  seatOf: SeatLookup
  isMember: (login: string) => boolean
}): SeatPlan {
  const plan: SeatPlan = { sendUsers: [], sendTeams: [], affected: [], skipped: [] }
  const affected = new Set<string>()
  for (const login of input.users) {
    const seat = input.seatOf(login)
    if (holds(seat)) {
      const team = seat.teams.length ? ` (granted via team ${viaTeam(seat)})` : ''
      plan.skipped.push({
        login,
        reason: `already holds a seat${team}; not re-sent, so its grace period is kept`,
        failed: false
      })
    } else if (!input.isMember(login)) {
      plan.skipped.push({
        login,
        reason: `not a member of org ${input.org} (or their invitation is not accepted yet); not sent. Fix: invite them to the org first`,
        failed: true
      })
    } else {
      plan.sendUsers.push(login)
      affected.add(login)
    }
  }
  for (const team of input.teams) {
    if (team.members === null) {
      plan.skipped.push({
        login: `team:${team.slug}`,
        reason: `team "${team.slug}" not found in org ${input.org}. Fix: use the team's slug, as in its URL`,
        failed: true
      })
      continue
    }
    const without = team.members.filter((m) => !holds(input.seatOf(m)))
    const notThroughTeam = team.members.filter((m) => !input.seatOf(m)?.teams.includes(team.slug))
    if (!team.members.length) {
      plan.skipped.push({
        login: `team:${team.slug}`,
        reason: 'the team has no members; not sent',
        failed: false
      })
    } else if (!without.length && !notThroughTeam.length) {
      plan.skipped.push({
        login: `team:${team.slug}`,
        reason: 'every member already holds a seat through this team; not re-sent',
        failed: false
      })
    } else {
      plan.sendTeams.push(team.slug)
      for (const m of without) affected.add(m)
    }
  }
  plan.affected = [...affected]
  return plan
}

export function planRevoke(input: {
  org: string
  users: readonly string[]
  teams: readonly TeamTarget[]
  seatOf: SeatLookup
  protectedBy: (login: string) => string | null
}): SeatPlan {
  const plan: SeatPlan = { sendUsers: [], sendTeams: [], affected: [], skipped: [] }
  const affected = new Set<string>()
  for (const login of input.users) {
    const seat = input.seatOf(login)
    const protection = input.protectedBy(login)
    if (!seat) {
      plan.skipped.push({ login, reason: 'no seat', failed: false })
    } else if (seat.pendingDate !== null) {
      plan.skipped.push({
        login,
        reason: `already pending cancellation until ${seat.pendingDate}`,
        failed: false
      })
    } else if (protection) {
      plan.skipped.push({ login, reason: `protected (${protection}); not cancelled`, failed: true })
    } else if (seat.teams.length) {
      const team = viaTeam(seat)
      plan.skipped.push({
        login,
        reason: `seat granted via team ${team}; GitHub cannot cancel it per user. Fix: remove them from team ${team}, or revoke the team`,
        failed: true
      })
    } else {
      plan.sendUsers.push(login)
      affected.add(login)
    }
  }
  for (const team of input.teams) {
    if (team.members === null) {
      plan.skipped.push({
        login: `team:${team.slug}`,
        reason: `team "${team.slug}" not found in org ${input.org}. Fix: use the team's slug, as in its URL`,
        failed: true
      })
      continue
    }
    const guarded = team.members.filter((m) => input.protectedBy(m))
    if (guarded.length) {
      const names =
        guarded.slice(0, 5).join(', ') +
        (guarded.length > 5 ? ` and ${guarded.length - 5} more` : '')
      plan.skipped.push({
        login: `team:${team.slug}`,
        reason: `refused as a whole: revoking the team would cancel protected members (${names}). Fix: revoke the other members one by one, or change the protection`,
        failed: true
      })
      continue
    }
    // GitHub cancels only seats whose grant is this team; direct or other-team seats stay.
    const cancels = team.members.filter((m) => {
      const seat = input.seatOf(m)
      return holds(seat) && seat.teams.includes(team.slug)
    })
    if (!cancels.length) {
      plan.skipped.push({
        login: `team:${team.slug}`,
        reason: 'no active seat is granted through this team; not sent',
        failed: false
      })
      continue
    }
    plan.sendTeams.push(team.slug)
    for (const m of cancels) affected.add(m)
  }
  // A user whose seat comes through a team revoked in this run is cancelled by it: not a skip.
  plan.skipped = plan.skipped.filter((s) => !affected.has(s.login))
  plan.affected = [...affected]
  return plan
}

/** Audit with reclaim: idle, direct, unprotected seats are cancelled; the rest are listed. */
export function planReclaim(input: {
  seats: readonly Seat[]
  now: number
  inactiveDays: number
  protectedBy: (login: string) => string | null
}): SeatPlan {
  const plan: SeatPlan = { sendUsers: [], sendTeams: [], affected: [], skipped: [] }
  for (const seat of input.seats) {
    if (statusOf(seat, input.now, input.inactiveDays) !== 'idle') continue
    if (seat.login === null) {
      plan.skipped.push({
        login: '(no assignee)',
        reason: 'idle, but GitHub lists no assignee for this seat; it cannot be cancelled by login',
        failed: false
      })
      continue
    }
    const protection = input.protectedBy(seat.key)
    if (protection) {
      plan.skipped.push({
        login: seat.key,
        reason: `idle but protected (${protection})`,
        failed: false
      })
    } else if (seat.teams.length) {
      const team = viaTeam(seat)
      plan.skipped.push({
        login: seat.key,
        reason: `idle, granted via team ${team}: remove them from team ${team} to reclaim it`,
        failed: false
      })
    } else {
      plan.sendUsers.push(seat.key)
    }
  }
  plan.affected = [...plan.sendUsers]
  return plan
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
