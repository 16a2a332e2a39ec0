// SPEC.md's definitions of latest activity, idle, pending, never used and
// "no activity in 90 days". Pure: every comparison takes the run's single `now`.
//
// GitHub keeps a seat's activity for a rolling 90 days and then returns null,
// so a null says "nothing in 90 days" on an older seat, not "never used", and
// no idle period longer than 90 days can be measured.
import type { Seat } from './seat.js'

export const DAY_MS = 86_400_000
/** GitHub's retention of `last_activity_at` and `last_authenticated_at`. */
export const RETENTION_DAYS = 90
export const RETENTION_MS = RETENTION_DAYS * DAY_MS
/** Seats that turn idle within this many days are listed so people can be warned. */
export const SOON_DAYS = 7

export type SeatStatus = 'active' | 'idle' | 'pending'

const noActivityFields = (seat: Seat) =>
  seat.lastActivityAt === null && seat.lastAuthenticatedAt === null

/**
 * The latest of last activity, last authentication and the (re-)grant date, or
 * null when it is unknown: both activity fields null on a seat granted more
 * than 90 days ago (the activity, if any, is older than GitHub keeps).
 */
export function latestActivity(seat: Seat, now: number): number | null {
  if (noActivityFields(seat) && now - seat.createdAt > RETENTION_MS) return null
  let latest = seat.createdAt
  if (seat.lastActivityAt !== null && seat.lastActivityAt > latest) latest = seat.lastActivityAt
  if (seat.lastAuthenticatedAt !== null && seat.lastAuthenticatedAt > latest) {
    latest = seat.lastAuthenticatedAt
  }
  return latest
}

/** Unknown activity is more than 90 days old, so idle for every allowed `inactive-days` (1 to 90). */
export function statusOf(seat: Seat, now: number, inactiveDays: number): SeatStatus {
  if (seat.pendingDate !== null) return 'pending'
  const latest = latestActivity(seat, now)
  if (latest === null) return 'idle'
  return now - latest > inactiveDays * DAY_MS ? 'idle' : 'active'
}

/**
 * Whole days since the latest activity, rounded down (never negative); null
 * when GitHub's data cannot support a count: unknown, or more than 90 days.
 */
export function daysSince(seat: Seat, now: number): number | null {
  const latest = latestActivity(seat, now)
  if (latest === null || now - latest > RETENTION_MS) return null
  return Math.max(0, Math.floor((now - latest) / DAY_MS))
}

/** Both activity fields null on a seat granted within 90 days: GitHub would still hold any use. */
export function isNeverUsed(seat: Seat, now: number): boolean {
  return noActivityFields(seat) && now - seat.createdAt <= RETENTION_MS
}

/** Both activity fields null on an older seat: nothing in 90 days (it may have been used before). */
export function hasNoActivityIn90Days(seat: Seat, now: number): boolean {
  return noActivityFields(seat) && now - seat.createdAt > RETENTION_MS
}

/**
 * Longest idle first, by exact time: unknown activity first (oldest grant
 * first), then the oldest latest activity; ties by login.
 */
export function compareIdle(a: Seat, b: Seat, now: number): number {
  const la = latestActivity(a, now)
  const lb = latestActivity(b, now)
  if ((la === null) !== (lb === null)) return la === null ? -1 : 1
  const byTime = la === null || lb === null ? a.createdAt - b.createdAt : la - lb
  if (byTime !== 0) return byTime
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0
}

/** Active now, idle within SOON_DAYS if nobody uses it: the time it turns idle, else null. */
export function turnsIdleAt(seat: Seat, now: number, inactiveDays: number): number | null {
  if (statusOf(seat, now, inactiveDays) !== 'active') return null
  const latest = latestActivity(seat, now)
  if (latest === null) return null
  const at = latest + inactiveDays * DAY_MS + 1
  return at <= now + SOON_DAYS * DAY_MS ? at : null
}
