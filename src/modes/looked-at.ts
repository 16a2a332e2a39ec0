// The seats assign and revoke looked at, as GitHub shows them after the writes.
import type { SeatSet } from '../domain/outcome.js'
import { compareSeats, type Seat } from '../domain/seat.js'
import type { Pricing } from '../domain/stats.js'
import type { Execution } from './execute.js'
import { seatSet } from './inventory.js'
import type { SeatStates } from './seat-state.js'

export function lookedAtSeats(
  before: SeatStates,
  execution: Execution,
  ctx: { now: number },
  inactiveDays: number,
  pricing: Pricing
): SeatSet {
  const byLogin = new Map<string, Seat | null>(before)
  for (const [login, seat] of execution.after) byLogin.set(login, seat)
  const seats = [...byLogin.values()].filter((s): s is Seat => s !== null).sort(compareSeats)
  return seatSet(seats, ctx, inactiveDays, pricing, null, false)
}
