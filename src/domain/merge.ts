// The enterprise listing has one row per granting org or enterprise team; a
// user is one seat. SPEC.md: latest activity is the latest of the rows,
// pending only if every row is, and every org and team is kept. Pure.
import { compareSeats, type Seat } from './seat.js'

const later = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.max(a, b)

function mergeInto(into: Seat, row: Seat): void {
  // The editor of the row with the newest activity is the one the user last used.
  if ((row.lastActivityAt ?? -Infinity) > (into.lastActivityAt ?? -Infinity))
    into.editor = row.editor ?? into.editor
  into.lastActivityAt = later(into.lastActivityAt, row.lastActivityAt)
  into.lastAuthenticatedAt = later(into.lastAuthenticatedAt, row.lastAuthenticatedAt)
  into.createdAt = Math.max(into.createdAt, row.createdAt)
  // Pending only if every row is; then access ends with the last of the dates.
  into.pendingDate =
    into.pendingDate !== null && row.pendingDate !== null
      ? into.pendingDate > row.pendingDate
        ? into.pendingDate
        : row.pendingDate
      : null
  const union = (a: string[], b: string[]) =>
    b.every((x) => a.includes(x)) ? a : [...a, ...b.filter((x) => !a.includes(x))]
  into.teams = union(into.teams, row.teams)
  into.orgs = union(into.orgs, row.orgs)
  if (into.planType !== 'enterprise' && row.planType) into.planType = row.planType
}

/** Rows in any order to one seat per user, ordered by login. */
export function mergeSeatRows(rows: Iterable<Seat>): Seat[] {
  const byUser = new Map<string, Seat>()
  // Rows are copied only when a second one for the same user arrives: most users have one.
  const merged = new Set<Seat>()
  for (const row of rows) {
    let seen = byUser.get(row.key)
    if (!seen) {
      byUser.set(row.key, row)
      continue
    }
    if (!merged.has(seen)) {
      seen = { ...seen }
      merged.add(seen)
      byUser.set(row.key, seen)
    }
    mergeInto(seen, row)
  }
  return [...byUser.values()].sort(compareSeats)
}
