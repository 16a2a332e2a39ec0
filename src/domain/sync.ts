// sync: the desired state (listed users and teams) against every seat GitHub
// lists, planned with the same rules as assign and revoke. Pure: seats,
// members and protections in, one plan with both directions out.
import type { SeatPlan } from './outcome.js'
import { hasAssignee, isLive, type Seat } from './seat.js'
import { SyncDraft, unlistedSeats, type SyncScopeInput } from './shared-sync-rules.js'

export { desiredLogins } from './shared-sync-rules.js'

/** At org scope, only a member of the org can be seated. */
export interface SyncInput extends SyncScopeInput {
  isMember: (login: string) => boolean
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

export function planSync(input: SyncInput): SeatPlan {
  const draft = new SyncDraft(input)
  const { removing } = draft
  // A live seat that outlasts the plan without a write: direct, or through a team it keeps.
  const lasts = (seat: Seat | null) =>
    isLive(seat) && (!seat.teams.length || seat.teams.some((t) => !removing.has(t)))

  draft.assignListed(input, lasts)

  // Direct, live seats of users not in the desired state; team grants are the teams' business.
  for (const seat of unlistedSeats(input)) {
    if (isLive(seat) && !seat.teams.length) draft.cancelUnlistedUser(seat.key, input.protectedBy)
  }
  // A removed team's seats go pending, except those this plan keeps seated.
  if (removing.size) {
    for (const s of input.seats) {
      if (!hasAssignee(s) || !isLive(s) || lasts(s) || draft.keeps.has(s.key)) continue
      for (const t of s.teams) draft.pendingThrough(t, s.key)
    }
  }
  return draft.finish()
}
