// Planning `revoke` at enterprise scope. The enterprise endpoints cancel only
// what the enterprise grants: a user's enterprise-direct row, and an enterprise
// team's rows. A user granted through an org (or an org's team) keeps that row;
// such a user is skipped, naming the rows and what removes them. Pure.
import { emptyPlan, skip, userSubject, type SeatPlan } from './outcome.js'
import { liveGrants } from './routing.js'
import { finishRevoke, revokeListedTeams, type RevokeInput } from './shared-revoke-rules.js'

/** `teams` are enterprise teams, their slugs as seats show them (`ent:` prefix). */
export function planEnterpriseRevoke(input: RevokeInput): SeatPlan {
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
  // The team's own rows: a member's other rows stay (reported after the writes).
  revokeListedTeams(plan, cancels, input, (m, slug) =>
    liveGrants(input.seatOf(m)).some((g) => g.org === null && g.team === slug)
  )
  return finishRevoke(plan, cancels)
}
