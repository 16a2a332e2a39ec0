// One seat per user from listing rows. The enterprise listing has one row per
// granting org or enterprise team; SPEC.md: latest activity is the latest of
// the rows, pending only if every row is, and every org and team is kept. An
// org listing can spell one login two ways (`Alice`, `alice`): one user too.
// The result does not depend on the order of the rows. Pure.
import { compareSeats, type Grant, type PlanType, type Seat } from './seat.js'

const later = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.max(a, b)

// The price of a seat comes from its plan: a known plan beats unknown, and enterprise beats business.
const PLAN_RANK: Record<PlanType, number> = { unknown: 0, business: 1, enterprise: 2 }
const betterPlan = (a: PlanType | null, b: PlanType | null): PlanType | null =>
  a === null ? b : b === null ? a : PLAN_RANK[b] > PLAN_RANK[a] ? b : a

// Sorted, so that the order of the rows does not show.
const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort()

// Rows ordered by grantor (org, team kind, team, pending date; nulls first), compared field by
// field: merging 100,000 users builds no key strings.
const byText = (x: string | null, y: string | null) =>
  x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1
const compareGrants = (x: Grant, y: Grant) =>
  byText(x.org, y.org) ||
  byText(x.teamKind, y.teamKind) ||
  byText(x.team, y.team) ||
  byText(x.pendingDate, y.pendingDate)

/** Both seats' rows, equal rows once, ordered by grantor so that the order of the rows does not show. */
function grantUnion(a: readonly Grant[], b: readonly Grant[]): Grant[] {
  const all = [...a, ...b].sort(compareGrants)
  return all.filter((g, i) => i === 0 || compareGrants(all[i - 1]!, g) !== 0)
}

/** A new seat: `a` and `b` as one user. */
export function mergeSeats(a: Seat, b: Seat): Seat {
  // The editor of the row with the newest activity is the one the user last used;
  // on equal times the lexically smaller editor, so that the order of rows does not matter.
  const aAt = a.lastActivityAt ?? -Infinity
  const bAt = b.lastActivityAt ?? -Infinity
  const editor =
    aAt !== bAt
      ? ((aAt > bAt ? a.editor : b.editor) ?? a.editor ?? b.editor)
      : a.editor === null || (b.editor !== null && b.editor < a.editor)
        ? b.editor
        : a.editor
  // The spelling GitHub uses most: the lexically larger of two is as good as any, and stable.
  const login =
    a.login !== null && b.login !== null
      ? a.login > b.login
        ? a.login
        : b.login
      : (a.login ?? b.login)
  return {
    login,
    key: a.key,
    userId: a.userId ?? b.userId,
    createdAt: Math.max(a.createdAt, b.createdAt),
    lastActivityAt: later(a.lastActivityAt, b.lastActivityAt),
    lastAuthenticatedAt: later(a.lastAuthenticatedAt, b.lastAuthenticatedAt),
    editor,
    // Pending only if every row is; then access ends with the last of the dates.
    pendingDate:
      a.pendingDate !== null && b.pendingDate !== null
        ? a.pendingDate > b.pendingDate
          ? a.pendingDate
          : b.pendingDate
        : null,
    teams: union(a.teams, b.teams),
    orgs: union(a.orgs, b.orgs),
    grants: grantUnion(a.grants, b.grants),
    planType: betterPlan(a.planType, b.planType)
  }
}

/** Rows in any order to one seat per user (by key), ordered by login. */
export function mergeSeatRows(rows: Iterable<Seat>): Seat[] {
  const byUser = new Map<string, Seat>()
  for (const row of rows) {
    const seen = byUser.get(row.key)
    byUser.set(row.key, seen ? mergeSeats(seen, row) : row)
  }
  return [...byUser.values()].sort(compareSeats)
}
