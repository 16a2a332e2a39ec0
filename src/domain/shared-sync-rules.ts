// The rules sync follows at both scopes, org (sync.ts) and enterprise
// (enterprise-sync.ts). The scopes differ in what access outlasts a run (any
// live seat, or only the rows the enterprise itself grants) and in which grants
// of users not listed are cancelled: those stay with each planner. How unlisted
// teams are removed, how listed users and teams are sent, and how a removed
// team's cancellation is written, is the same. Pure: a planner builds one draft
// and returns its plan.
import { emptyPlan, skip, teamSubject, userSubject, type SeatPlan } from './outcome.js'
import type { FoundTeam, ProtectionLookup, SeatLookup } from './plan.js'
import { hasAssignee, isLive, type Seat } from './seat.js'

/** What sync is given at either scope (`SyncInput`, `EnterpriseSyncInput`). */
export interface SyncScopeInput {
  /** Listed logins (`users` ∪ `users-file`), lower-cased, without duplicates. */
  users: readonly string[]
  /**
   * Listed teams that exist, with their members; at enterprise scope, enterprise teams, their
   * slugs as seats show them (`ent:`).
   */
  teams: readonly FoundTeam[]
  /** Every seat of the listing (at enterprise scope, one per user with all of its rows). */
  seats: readonly Seat[]
  /** A login's seat: the listing's, or a look-up's for the logins the listing did not show. */
  seatOf: SeatLookup
  protectedBy: ProtectionLookup
  /**
   * Teams that grant access but are not listed (`grantingTeams`, `enterpriseGrantingTeams`),
   * with their members.
   */
  unlisted: readonly FoundTeam[]
  /**
   * False when the desired state is not fully known (a listed team was not found): then the
   * plan cancels nothing, neither users nor teams, and keeps every grant as it is.
   */
  cancel: boolean
  /** Org scope only: a login without a live seat that is not a member cannot be seated. */
  isMember?: (login: string) => boolean
}

/** Whether a seat's access outlasts the plan without a write (each scope has its own rule). */
export type Lasts = (seat: Seat | null) => boolean

/** Every login the desired state seats: the listed users and the listed teams' members. */
export function desiredLogins(users: readonly string[], teams: readonly FoundTeam[]): string[] {
  return [...new Set([...users, ...teams.flatMap((t) => t.members)])]
}

/**
 * The seats (with a login) of users not in the desired state, whose grants sync
 * may cancel; none when `cancel` is false.
 */
export function unlistedSeats(input: SyncScopeInput): (Seat & { login: string })[] {
  if (!input.cancel) return []
  const desired = new Set(desiredLogins(input.users, input.teams))
  return input.seats.filter(
    (seat): seat is Seat & { login: string } => hasAssignee(seat) && !desired.has(seat.key)
  )
}

/**
 * A sync plan being built. It starts by deciding which unlisted teams are
 * removed, since what outlasts the run depends on it; `finish` writes their
 * cancellations and the distinct logins the plan creates, keeps and cancels.
 */
export class SyncDraft {
  readonly plan = emptyPlan()
  /** Teams that grant access but are not listed, which this run removes. */
  readonly removing = new Set<string>()
  /** Logins the plan keeps seated (held through a removed team): no seat is created. */
  readonly keeps = new Set<string>()
  private readonly creates = new Set<string>()
  private readonly cancels = new Set<string>()
  /** Per removed team, the logins whose grant through it goes pending. */
  private readonly through = new Map<string, string[]>()

  /**
   * Teams that grant access but are not listed are removed, unless a member is
   * protected: then the team is kept and the step fails.
   */
  constructor({ unlisted, protectedBy, cancel }: SyncScopeInput) {
    if (!cancel) return // the desired state is not fully known: every grant stays
    for (const team of unlisted) {
      const guarded = team.members.filter((m) => protectedBy(m))
      if (guarded.length) {
        this.plan.skipped.push(
          skip(teamSubject(team.slug), { kind: 'unlisted-team-protected', members: guarded }, true)
        )
      } else {
        this.removing.add(team.slug)
      }
    }
  }

  /** A login the plan seats: a new or restored seat without a live one, else one kept seated. */
  private seat(login: string, seat: Seat | null): void {
    ;(isLive(seat) ? this.keeps : this.creates).add(login)
  }

  /**
   * The listed users and teams, sent where their access would not outlast the
   * plan. A listed user is assigned directly, so it is never lost: a new or
   * restored seat when they hold no live one, else (held only through a team
   * this run removes, or at enterprise scope through an org) no billing change.
   * A listed team is sent when a member not assigned directly would be left
   * without lasting access; one whose members all hold it is not re-sent, so a
   * second run has nothing to do.
   */
  assignListed({ users, teams, seatOf, isMember }: SyncScopeInput, lasts: Lasts): void {
    const { plan } = this
    const direct = new Set<string>()
    for (const login of users) {
      const seat = seatOf(login)
      if (lasts(seat)) continue
      if (isMember && !isLive(seat) && !isMember(login)) {
        plan.skipped.push(skip(userSubject(login), { kind: 'not-member' }, true))
        continue
      }
      plan.assignUsers.push(login)
      direct.add(login)
      this.seat(login, seat)
    }
    for (const team of teams) {
      if (!team.members.length) {
        plan.skipped.push(skip(teamSubject(team.slug), { kind: 'team-empty' }, false))
        continue
      }
      const need = team.members.filter((m) => !direct.has(m) && !lasts(seatOf(m)))
      if (!need.length) continue
      plan.assignTeams.push(team.slug)
      plan.teamMembers.set(team.slug, need)
      for (const m of need) this.seat(m, seatOf(m))
    }
  }

  /** A direct grant of a user not listed is cancelled, unless the user is protected. */
  cancelUnlistedUser(login: string, protectedBy: ProtectionLookup): void {
    const protection = protectedBy(login)
    if (protection) {
      this.plan.skipped.push(
        skip(userSubject(login), { kind: 'unlisted-protected', by: protection }, false)
      )
    } else {
      this.plan.cancelUsers.push(login)
      this.cancels.add(login)
    }
  }

  /** `login`'s grant through `team`, which this run removes, goes pending. */
  pendingThrough(team: string, login: string): void {
    const list = this.through.get(team)
    if (list) list.push(login)
    else this.through.set(team, [login])
  }

  /** The plan: each removed team is cancelled, with the logins whose grant through it goes pending. */
  finish(): SeatPlan {
    const { plan } = this
    for (const slug of this.removing) {
      const going = this.through.get(slug) ?? []
      plan.cancelTeams.push(slug)
      plan.teamMembers.set(slug, going)
      for (const login of going) this.cancels.add(login)
    }
    plan.creates = [...this.creates]
    plan.keeps = [...this.keeps]
    plan.cancels = [...this.cancels]
    return plan
  }
}
