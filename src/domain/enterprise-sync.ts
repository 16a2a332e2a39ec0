// sync at enterprise scope (SPEC.md, Enterprise): the listed users and
// enterprise teams are the desired state of what the enterprise itself grants,
// its direct rows and its enterprise teams' rows. Each listed user holds a
// direct row or a row through a listed enterprise team; direct rows of users
// not listed are cancelled, and enterprise teams that grant rows but are not
// listed are removed. Rows an org grants (directly or through an org team) are
// the org's: they neither satisfy nor break the desired state, and are
// reported, never changed. Pure: seats, teams and protections in, one plan for
// the enterprise's endpoints out.
import { skip, userSubject, type SeatPlan } from './outcome.js'
import type { SeatLookup } from './plan.js'
import { cancelledRowsOf, liveGrants, matchesRow, type Destination } from './routing.js'
import type { Grant, Seat } from './seat.js'
import { SyncDraft, unlistedSeats, type SyncScopeInput } from './shared-sync-rules.js'

export type EnterpriseSyncInput = Omit<SyncScopeInput, 'isMember'>

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
  const draft = new SyncDraft(input)
  const { removing } = draft
  // Access the enterprise grants that outlasts the plan: a live direct row, or a live row of an
  // enterprise team it keeps. An org's rows do not count: they are not the enterprise's to keep.
  const lasts = (seat: Seat | null) =>
    liveGrants(seat).some((g) => g.org === null && (g.team === null || !removing.has(g.team)))

  // A user without such access gets a direct row: a new or restored seat when they hold no live
  // row at all, else (access through an org, or a team this run removes) no billing change.
  draft.assignListed(input, lasts)

  for (const seat of unlistedSeats(input)) {
    const live = liveGrants(seat)
    if (live.some((g) => g.org === null && g.team === null)) {
      // A direct row of a user not listed.
      draft.cancelUnlistedUser(seat.key, input.protectedBy)
    } else if (live.length && live.every((g) => g.org !== null)) {
      // Access only an org grants: reported, never changed.
      draft.plan.skipped.push(
        skip(userSubject(seat.key), { kind: 'org-granted', grants: live }, false)
      )
    }
    // A removed team's rows of users not listed go pending.
    for (const g of live) {
      if (enterpriseTeamRow(g) && removing.has(g.team)) draft.pendingThrough(g.team, seat.key)
    }
  }
  return draft.finish()
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
