// Planning `revoke` at enterprise scope. The enterprise endpoints cancel only
// what the enterprise grants: a user's enterprise-direct row, and an enterprise
// team's rows. A user granted through an org (or an org's team) keeps that row;
// such a user is skipped, naming the rows and what removes them. Pure.
import { emptyPlan, skip, teamSubject, userSubject, type SeatPlan } from './outcome.js'
import type { FoundTeam, ProtectionLookup, SeatLookup } from './plan.js'
import { liveGrants } from './routing.js'

/** `teams` are enterprise teams, their slugs as seats show them (`ent:` prefix). */
export function planEnterpriseRevoke(input: {
  users: readonly string[]
  teams: readonly FoundTeam[]
  seatOf: SeatLookup
  protectedBy: ProtectionLookup
}): SeatPlan {
  const plan = emptyPlan()
  const cancels = new Set<string>()
  for (const login of input.users) {
    const seat = input.seatOf(login)
    const subject = userSubject(login)
    const live = liveGrants(seat)
    const protection = input.protectedBy(login)
    if (!seat) {
      plan.skipped.push(skip(subject, { kind: 'no-seat' }, false))
    } else if (!live.length) {
      // Every row pending: the merged seat is pending, with the last of the dates.
      plan.skipped.push(
        skip(subject, { kind: 'already-pending', date: seat.pendingDate ?? '' }, false)
      )
    } else if (protection) {
      plan.skipped.push(skip(subject, { kind: 'protected', by: protection }, true))
    } else if (live.some((g) => g.org === null && g.team === null)) {
      plan.cancelUsers.push(login)
      cancels.add(login)
    } else {
      plan.skipped.push(skip(subject, { kind: 'granted-elsewhere', grants: live }, true))
    }
  }
  for (const team of input.teams) {
    const subject = teamSubject(team.slug)
    const guarded = team.members.filter((m) => input.protectedBy(m))
    if (guarded.length) {
      plan.skipped.push(skip(subject, { kind: 'team-protected', members: guarded }, true))
      continue
    }
    // The team's own rows: a member's other rows stay (reported after the writes).
    const members = team.members.filter((m) =>
      liveGrants(input.seatOf(m)).some((g) => g.org === null && g.team === team.slug)
    )
    if (!members.length) {
      plan.skipped.push(skip(subject, { kind: 'team-no-seats' }, false))
      continue
    }
    plan.cancelTeams.push(team.slug)
    plan.teamMembers.set(team.slug, members)
    for (const m of members) cancels.add(m)
  }
  // A user whose row comes through a team revoked in this run is cancelled by it: not a skip.
  plan.skipped = plan.skipped.filter(
    (s) => s.subject.kind !== 'user' || !cancels.has(s.subject.login)
  )
  plan.cancels = [...cancels]
  return plan
}
