// SPEC.md's definitions of latest activity, idle, pending and never used.
// Pure: every comparison takes the run's single `now`.
import type { Seat } from './seat.js'

export const DAY_MS = 86_400_000
/** Seats that turn idle within this many days are listed so people can be warned. */
export const SOON_DAYS = 7

export type SeatStatus = 'active' | 'idle' | 'pending'

/** Latest of last activity, last authentication and the (re-)grant date. */
export function latestActivity(seat: Seat): number {
  let latest = seat.createdAt
  if (seat.lastActivityAt !== null && seat.lastActivityAt > latest) latest = seat.lastActivityAt
  if (seat.lastAuthenticatedAt !== null && seat.lastAuthenticatedAt > latest)
    latest = seat.lastAuthenticatedAt
  return latest
}

export function statusOf(seat: Seat, now: number, inactiveDays: number): SeatStatus {
  if (seat.pendingDate !== null) return 'pending'
  return now - latestActivity(seat) > inactiveDays * DAY_MS ? 'idle' : 'active'
}

/** Whole days since the latest activity, rounded down (never negative). */
export function daysSince(seat: Seat, now: number): number {
  return Math.max(0, Math.floor((now - latestActivity(seat)) / DAY_MS))
}

export function isNeverUsed(seat: Seat): boolean {
  return seat.lastActivityAt === null && seat.lastAuthenticatedAt === null
}

/** Active now, idle within SOON_DAYS if nobody uses it: the date it turns idle, else null. */
export function turnsIdleAt(seat: Seat, now: number, inactiveDays: number): number | null {
  if (statusOf(seat, now, inactiveDays) !== 'active') return null
  const at = latestActivity(seat) + inactiveDays * DAY_MS + 1
  return at <= now + SOON_DAYS * DAY_MS ? at : null
}
