// sync at enterprise scope (SPEC.md, Enterprise): the listed users and
// enterprise teams are the desired state of what the enterprise itself grants,
// its direct rows and its enterprise teams' rows. Each listed user holds a
// direct row or a row through a listed enterprise team; direct rows of users
// not listed are cancelled, and enterprise teams that grant rows but are not
// listed are removed. Rows an org grants (directly or through an org team) are
// the org's: they neither satisfy nor break the desired state, and are
// reported, never changed. Pure: seats, teams and protections in, one plan for
// the enterprise's endpoints out.
import { desiredLogins } from './sync.js'
import { emptyPlan, skip, teamSubject, userSubject, type SeatPlan } from './outcome.js'
import type { FoundTeam, ProtectionLookup, SeatLookup } from './plan.js'
import { cancelledRowsOf, liveGrants, matchesRow, type Destination } from './routing.js'
import { hasAssignee, isLive, type Grant, type Seat } from './seat.js'

export interface EnterpriseSyncInput {
  /** Listed logins (`users` ∪ `users-file`), lower-cased, without duplicates. */
  users: readonly string[]
  /** Listed enterprise teams that exist, slugs as seats show them (`ent:`), with their members. */
  teams: readonly FoundTeam[]
  /** Every seat of the enterprise listing, one per user with all of its rows. */
  seats: readonly Seat[]
  /** A login's seat: the listing's, or a look-up's for the logins the listing did not show. */
  seatOf: SeatLookup
  protectedBy: ProtectionLookup
  /** Enterprise teams that grant rows but are not listed (see `enterpriseGrantingTeams`), with their members. */
  unlisted: readonly FoundTeam[]
  /** False when the desired state is not fully known (a listed team was not found): nothing is cancelled. */
  cancel: boolean
}

/** A row the enterprise grants through one of its teams (no org). */
const enterpriseTeamRow = (g: Grant): g is Grant & { team: string } =>
  g.org === null && g.team !== null

/** Slugs of the enterprise teams that grant a live row and are not listed, in listing order. */
export function enterpriseGrantingTeams(
  seats: readonly Seat[],
  listed: readonly string[]
): string[] {
  const out = new Set<string>()
  for (const seat of seats) {
    for (const g of liveGrants(seat)) {
      if (enterpriseTeamRow(g) && !listed.includes(g.team)) out.add(g.team)
    }
  }
  return [...out]
}

export function planEnterpriseSync(input: EnterpriseSyncInput): SeatPlan {
  const plan = emptyPlan()
  const creates = new Set<string>()
  const keeps = new Set<string>()
  const cancels = new Set<string>()

  // Enterprise teams that grant rows but are not listed are removed, unless a member is protected.
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
  // Access the enterprise grants that outlasts the plan: a live direct row, or a live row of an
  // enterprise team it keeps. An org's rows do not count: they are not the enterprise's to keep.
  const lasts = (seat: Seat | null) =>
    liveGrants(seat).some((g) => g.org === null && (g.team === null || !removing.has(g.team)))

  // A user without such access gets a direct row: a new or restored seat when they hold no live
  // row at all, else (access through an org, or a team this run removes) no billing change.
  const direct = new Set<string>()
  for (const login of input.users) {
    const seat = input.seatOf(login)
    if (lasts(seat)) continue
    plan.assignUsers.push(login)
    direct.add(login)
    ;(isLive(seat) ? keeps : creates).add(login)
  }

  // A listed team is sent when a member would be left without such access; one whose members
  // all hold it is not re-sent, so a second run has nothing to do.
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
    const through = new Map<string, string[]>()
    for (const seat of input.seats) {
      if (!hasAssignee(seat) || desired.has(seat.key)) continue
      const live = liveGrants(seat)
      if (live.some((g) => g.org === null && g.team === null)) {
        // A direct row of a user not listed.
        const protection = input.protectedBy(seat.key)
        if (protection) {
          plan.skipped.push(
            skip(userSubject(seat.key), { kind: 'unlisted-protected', by: protection }, false)
          )
        } else {
          plan.cancelUsers.push(seat.key)
          cancels.add(seat.key)
        }
      } else if (live.length && live.every((g) => g.org !== null)) {
        // Access only an org grants: reported, never changed.
        plan.skipped.push(skip(userSubject(seat.key), { kind: 'org-granted', grants: live }, false))
      }
      // A removed team's rows of users not listed go pending.
      for (const g of live) {
        if (!enterpriseTeamRow(g) || !removing.has(g.team)) continue
        const list = through.get(g.team)
        if (list) list.push(seat.key)
        else through.set(g.team, [seat.key])
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

/**
 * Whether `login` keeps access after the plan's cancellations at `at`: a live
 * row the plan does not cancel (an org's, or a team's it keeps). Such a user's
 * seat stays on the bill.
 */
export function keepsAccess(
  plan: SeatPlan,
  at: Destination,
  seatOf: SeatLookup
): (login: string) => boolean {
  const rows = cancelledRowsOf(plan, at)
  return (login) => {
    const gone = rows(login)
    return liveGrants(seatOf(login)).some((g) => !gone.some((r) => matchesRow(g, r)))
  }
}
