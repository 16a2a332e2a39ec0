// How revoke treats listed teams at both scopes, org (plan.ts) and enterprise
// (enterprise-plan.ts). The scopes differ only in which of a member's grants is
// the team's own (`grantsThrough`): a revoke cancels that grant, never the
// member's others. Pure: a plan under construction in, team writes added.
import { skip, teamSubject, type SeatPlan } from './outcome.js'
import type { FoundTeam, ProtectionLookup, SeatLookup } from './plan.js'

/** What revoke is asked to do, at either scope (enterprise teams' slugs as seats show them). */
export interface RevokeInput {
  users: readonly string[]
  teams: readonly FoundTeam[]
  seatOf: SeatLookup
  protectedBy: ProtectionLookup
}

/**
 * A listed team with a protected member is not revoked (the step fails); one
 * that grants none of its members a live seat is skipped; any other is revoked,
 * moving the members it grants to pending. Adds them to `cancels`.
 */
export function revokeListedTeams(
  plan: SeatPlan,
  cancels: Set<string>,
  { teams, protectedBy }: Pick<RevokeInput, 'teams' | 'protectedBy'>,
  grantsThrough: (login: string, slug: string) => boolean
): void {
  for (const team of teams) {
    const subject = teamSubject(team.slug)
    const guarded = team.members.filter((m) => protectedBy(m))
    if (guarded.length) {
      plan.skipped.push(skip(subject, { kind: 'team-protected', members: guarded }, true))
      continue
    }
    const members = team.members.filter((m) => grantsThrough(m, team.slug))
    if (!members.length) {
      plan.skipped.push(skip(subject, { kind: 'team-no-seats' }, false))
      continue
    }
    plan.cancelTeams.push(team.slug)
    plan.teamMembers.set(team.slug, members)
    for (const m of members) cancels.add(m)
  }
}

/**
 * Ends a revoke plan: a user whose seat comes through a team revoked in this
 * run is cancelled by it, so the user's own skip is dropped.
 */
export function finishRevoke(plan: SeatPlan, cancels: ReadonlySet<string>): SeatPlan {
  plan.skipped = plan.skipped.filter(
    (s) => s.subject.kind !== 'user' || !cancels.has(s.subject.login)
  )
  plan.cancels = [...cancels]
  return plan
}
