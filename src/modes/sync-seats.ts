// The seats sync plans from, at either scope: the listing's rows, and a look-up
// of its own for each desired login the listing did not show (a listing proves
// that a seat exists, never that it does not).
import type { FoundTeam, SeatLookup } from '../domain/plan.js'
import type { Seat } from '../domain/seat.js'
import { desiredLogins } from '../domain/sync.js'
import type { SeatScope } from '../github/seats.js'
import type { ModeContext } from './context.js'
import type { Inventory } from './inventory.js'
import { SeatReader, type SeatStates } from './seat-state.js'

export interface SyncSeats {
  /** Reads the scope's seats again, knowing the listing's page count. */
  reader: SeatReader
  /** The desired logins looked up just now, one by one. */
  lookedUp: SeatStates
  /** A login's seat: its listing row, else its look-up, else none. */
  seatOf: SeatLookup
}

export async function readSyncSeats(
  ctx: ModeContext,
  scope: SeatScope,
  inventory: Inventory,
  users: readonly string[],
  teams: readonly FoundTeam[]
): Promise<SyncSeats> {
  const reader = new SeatReader(ctx, scope, inventory.pages)
  const listing = new Map<string, Seat>(inventory.set.seats.map((s) => [s.key, s]))
  const unseen = desiredLogins(users, teams).filter((l) => !listing.has(l))
  const lookedUp = await reader.lookUp(unseen)
  const seatOf = (login: string) => listing.get(login) ?? lookedUp.get(login) ?? null
  return { reader, lookedUp, seatOf }
}
