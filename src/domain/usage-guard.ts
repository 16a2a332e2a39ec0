// Two signals before a reclaim (SPEC.md, Usage metrics): a seat the seats API
// calls idle, whose holder the usage report shows active within `inactive-days`,
// is not reclaimed. The two disagree, and taking a seat from someone who uses
// Copilot costs more than a month of an idle seat. Pure; every reclaim path
// (audit's, and notify's after the grace period) asks the same question here.
import { DAY_MS, statusOf } from './activity.js'
import type { Seat } from './seat.js'

/** The latest day the usage report shows a seat's holder active (`YYYY-MM-DD`), or null. */
export type LastActiveDay = (seat: Seat) => string | null

/**
 * The report gives days, not times: activity on a day may have been up to its
 * last millisecond (UTC), so the day counts as recent while its end is within
 * `inactive-days` of now, the same comparison as the seats API's idle rule.
 */
export function activeWithin(day: string, now: number, inactiveDays: number): boolean {
  const end = Date.parse(`${day}T00:00:00Z`) + DAY_MS - 1
  return now - end <= inactiveDays * DAY_MS
}

/** The active day that contradicts the seats API, when the seat is idle there; else null. */
export function disagreement(
  seat: Seat,
  activeDay: string | null,
  now: number,
  inactiveDays: number
): string | null {
  if (activeDay === null || statusOf(seat, now, inactiveDays) !== 'idle') return null
  return activeWithin(activeDay, now, inactiveDays) ? activeDay : null
}
