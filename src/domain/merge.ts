// The enterprise listing has one row per granting org or enterprise team; a
// user is one seat. SPEC.md: latest activity is the latest of the rows,
// pending only if every row is, and every org and team is kept. Pure.
import { compareSeats, type Seat } from './seat.js'

const later = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b))

function mergeInto(into: Seat, row: Seat): void {
  // The editor of the row with the newest activity is the one the user last used.
  if ((row.lastActivityAt ?? -Infinity) > (into.lastActivityAt ?? -Infinity)) into.editor = row.editor ?? into.editor
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
  for (const t of row.teams) if (!into.teams.includes(t)) into.teams.push(t)
  for (const o of row.orgs) if (!into.orgs.includes(o)) into.orgs.push(o)
  if (into.planType !== 'enterprise' && row.planType) into.planType = row.planType
}

/** Rows in any order to one seat per user, ordered by login. */
export function mergeSeatRows(rows: Iterable<Seat>): Seat[] {
  const byUser = new Map<string, Seat>()
  for (const row of rows) {
    const seen = byUser.get(row.key)
    if (seen) mergeInto(seen, row)
    else byUser.set(row.key, { ...row, teams: [...row.teams], orgs: [...row.orgs] })
  }
  return [...byUser.values()].sort(compareSeats)
}
