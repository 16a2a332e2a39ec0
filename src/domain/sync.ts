// sync: the desired state (listed users and teams) against every seat GitHub
// lists, planned with the same rules as assign and revoke. Pure: seats,
// members and protections in, one plan with both directions out.
import { emptyPlan, skip, teamSubject, userSubject, type SeatPlan } from './outcome.js'
import type { FoundTeam, ProtectionLookup, SeatLookup } from './plan.js'
import { hasAssignee, isLive, type Seat } from './seat.js'

export interface SyncInput {
  /** Listed logins (`users` ∪ `users-file`), lower-cased, without duplicates. */
  users: readonly string[]
  /** Listed teams that exist, with their members. */
  teams: readonly FoundTeam[]
  /** Every seat of the org's listing. */
  seats: readonly Seat[]
  /** A login's seat: the listing's, or a look-up's for the logins the listing did not show. */
  seatOf: SeatLookup
  isMember: (login: string) => boolean
  protectedBy: ProtectionLookup
  /** Teams that grant seats but are not listed (see `grantingTeams`), with their members. */
  unlisted: readonly FoundTeam[]
  /**
   * False when the desired state is not fully known (a listed team was not found): then the
   * plan cancels nothing, neither users nor teams, and keeps every grant as it is.
   */
  cancel: boolean
}

/** Slugs of the teams that grant a live seat and are not listed, in listing order. */
export function grantingTeams(seats: readonly Seat[], listed: readonly string[]): string[] {
  const out = new Set<string>()
  for (const seat of seats) {
    if (!isLive(seat)) continue // a pending seat's team no longer grants it
    for (const team of seat.teams) if (!listed.includes(team)) out.add(team)
  }
  return [...out]
}

/** Every login the desired state seats: the listed users and the listed teams' members. */
export function desiredLogins(users: readonly string[], teams: readonly FoundTeam[]): string[] {
  return [...new Set([...users, ...teams.flatMap((t) => t.members)])]
}

export function planSync(input: SyncInput): SeatPlan {
  const plan = emptyPlan()
  const creates = new Set<string>()
  const keeps = new Set<string>()
  const cancels = new Set<string>()

  // Teams that grant seats but are not listed are removed, unless a member is protected.
  const removing = new Set<string>()
  if (input.cancel) {
    for (const team of input.unlisted) {
      const guarded = team.members.filter((m) => input.protectedBy(m))
      if (guarded.length) {
        plan.skipped.push(
          skip(teamSubject(team.slug), { kind: 'unlisted-team-protected', members: guarded }, true)
        )
      } else {
        removing.add(team.slug)
      }
    }
  }
  // A live seat that outlasts the plan without a write: direct, or through a team it keeps.
  const lasts = (seat: Seat | null) =>
    isLive(seat) && (!seat.teams.length || seat.teams.some((t) => !removing.has(t)))

  const direct = new Set<string>()
  for (const login of input.users) {
    const seat = input.seatOf(login)
    if (lasts(seat)) continue
    if (isLive(seat)) {
      // Held through a team this run removes: assigned directly first, so it is never lost.
      plan.assignUsers.push(login)
      keeps.add(login)
      direct.add(login)
    } else if (!input.isMember(login)) {
      plan.skipped.push(skip(userSubject(login), { kind: 'not-member' }, true))
    } else {
      plan.assignUsers.push(login)
      creates.add(login)
      direct.add(login)
    }
  }

  // A listed team is sent when a member would be left without a seat; one whose members all
  // hold seats is not re-sent, so a second run has nothing to do.
  for (const team of input.teams) {
    if (!team.members.length) {
      plan.skipped.push(skip(teamSubject(team.slug), { kind: 'team-empty' }, false))
      continue
    }
    const need = team.members.filter((m) => !direct.has(m) && !lasts(input.seatOf(m)))
    if (!need.length) continue
    plan.assignTeams.push(team.slug)
    plan.teamMembers.set(team.slug, need)
    for (const m of need) (isLive(input.seatOf(m)) ? keeps : creates).add(m)
  }

  if (input.cancel) {
    const desired = new Set(desiredLogins(input.users, input.teams))
    // Direct, live seats of users not in the desired state; team grants are the teams' business.
    for (const seat of input.seats) {
      if (!hasAssignee(seat) || desired.has(seat.key)) continue
      if (!isLive(seat) || seat.teams.length) continue
      const protection = input.protectedBy(seat.key)
      if (protection) {
        plan.skipped.push(
          skip(userSubject(seat.key), { kind: 'unlisted-protected', by: protection }, false)
        )
      } else {
        plan.cancelUsers.push(seat.key)
        cancels.add(seat.key)
      }
    }
    // A removed team's seats go pending, except those this plan keeps seated.
    const through = new Map<string, string[]>()
    for (const s of input.seats) {
      if (!hasAssignee(s) || !isLive(s) || lasts(s) || keeps.has(s.key)) continue
      for (const t of s.teams) {
        const list = through.get(t)
        if (list) list.push(s.key)
        else through.set(t, [s.key])
      }
    }
    for (const slug of removing) {
      const going = through.get(slug) ?? []
      plan.cancelTeams.push(slug)
      plan.teamMembers.set(slug, going)
      for (const login of going) cancels.add(login)
    }
  }

  plan.creates = [...creates]
  plan.keeps = [...keeps]
  plan.cancels = [...cancels]
  return plan
}
