// What an enterprise-scope write run did, per destination, and what access its
// users still hold afterwards and why: the summary's "cancelled where" and
// "what remains". Pure data, and the pure step that works out what remains.
import type { SkipReason } from './outcome.js'
import { liveGrants, matchesRow, type Destination, type RowRef } from './routing.js'
import type { Grant, Seat } from './seat.js'

/** A row cancelled at a destination; `pendingDate` null: gone at once (or, in a dry run, would be cancelled). */
export interface CancelledRow {
  login: string
  pendingDate: string | null
  /** The teams whose rows these were (a team revoke); empty for the user's direct row. */
  teams: string[]
}

export interface DestinationOutcome {
  at: Destination
  /** Logins whose row the plan cancels there (after the breaker, before confirmation). */
  planned: string[]
  /** As read back (in a dry run: what would be cancelled). */
  cancelled: CancelledRow[]
  /** Why nothing was sent there (the org's policy, a refused policy read); null when it was tried. */
  problem: string | null
}

export interface RemainingGrant {
  grant: Grant
  /** Why this run did not cancel the row (a failed write, a confirmation); null: no per-user write can. */
  reason: SkipReason | null
}

/** A user the run worked on who still holds access afterwards, and through which rows. */
export interface RemainingAccess {
  login: string
  grants: RemainingGrant[]
}

export interface EnterpriseOutcome {
  destinations: DestinationOutcome[]
  /** Users who still hold a live row after the run (in a dry run: would), ordered by login. */
  remaining: RemainingAccess[]
  /** Users the run worked on. */
  users: number
  /** Of them, users left with no live row: their seat leaves the bill (in a dry run: would). */
  seatsFreed: number
}

/**
 * Who of `logins` still holds access after the run. `seatOf` is the seat as
 * read back (or as planned, in a dry run); rows in `cancelled` are left out
 * either way, so a dry run shows what a real run would leave. `why` says why a
 * row was not cancelled, when the run meant to.
 */
export function accessAfter(input: {
  logins: readonly string[]
  seatOf: (login: string) => Seat | null
  cancelled: (login: string) => readonly RowRef[]
  why: (login: string, grant: Grant) => SkipReason | null
}): { remaining: RemainingAccess[]; seatsFreed: number } {
  const remaining: RemainingAccess[] = []
  let seatsFreed = 0
  for (const login of [...new Set(input.logins)].sort()) {
    const gone = input.cancelled(login)
    const live = liveGrants(input.seatOf(login)).filter((g) => !gone.some((r) => matchesRow(g, r)))
    if (!live.length) {
      seatsFreed++
      continue
    }
    remaining.push({
      login,
      grants: live.map((grant) => ({ grant, reason: input.why(login, grant) }))
    })
  }
  return { remaining, seatsFreed }
}
