// Where a cancellation goes at enterprise scope. The enterprise listing has a
// row per grantor: a row with neither org nor team is cancelled at the
// enterprise, a row an org grants directly with that org's own endpoint, and a
// row a team grants by no per-user write at all (the user leaves the team, or
// the team is revoked). A user is reclaimed only when idle in every row, which
// is the merged seat's status (its latest activity is the latest of the rows).
// Pure: seats in, a plan per user, then one plan per destination.
import { emptyPlan, userSubject, type SeatPlan, type SeatState } from './outcome.js'
import type { SeatLookup } from './plan.js'
import type { Grant, Seat } from './seat.js'
import { reclaimCandidates, type ReclaimInput } from './shared-reclaim-rules.js'

/** Where a write is sent: an org's seat endpoints, or the enterprise's. */
export type Destination = { kind: 'org'; org: string } | { kind: 'enterprise'; enterprise: string }

/** One row of a user's seat, named by its grantor: an enterprise-direct row has neither org nor team. */
export interface RowRef {
  org: string | null
  team: string | null
}

/** The row a per-user write at `at` cancels: the one granted there directly. */
export const directRowAt = (at: Destination): RowRef => ({
  org: at.kind === 'org' ? at.org : null,
  team: null
})

export const destinationName = (at: Destination): string =>
  at.kind === 'org' ? `org ${at.org}` : `enterprise ${at.enterprise}`

const sameOrg = (a: string | null, b: string | null) =>
  a === b || (a !== null && b !== null && a.toLowerCase() === b.toLowerCase())

/** The seat's row granted by `ref`, or null when it has none. */
export function grantOf(seat: Seat | null, ref: RowRef): Grant | null {
  if (!seat) return null
  return seat.grants.find((g) => sameOrg(g.org, ref.org) && g.team === ref.team) ?? null
}

export const matchesRow = (g: Grant, ref: RowRef): boolean =>
  sameOrg(g.org, ref.org) && g.team === ref.team

/** Rows that still grant access (not pending cancellation). */
export const liveGrants = (seat: Seat | null): Grant[] =>
  seat ? seat.grants.filter((g) => g.pendingDate === null) : []

/** Where a per-user write can cancel this row; null for a team's row, which no per-user write cancels. */
export function cancelDestination(g: Grant, enterprise: string): Destination | null {
  if (g.team !== null) return null
  return g.org !== null ? { kind: 'org', org: g.org } : { kind: 'enterprise', enterprise }
}

/** A stable order: the enterprise first, then the orgs by name. */
export function compareDestinations(a: Destination, b: Destination): number {
  if (a.kind !== b.kind) return a.kind === 'enterprise' ? -1 : 1
  const x = a.kind === 'org' ? a.org : a.enterprise
  const y = b.kind === 'org' ? b.org : b.enterprise
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * Whether a row is granted at `at`: at the enterprise, its direct rows and its
 * enterprise teams' rows (neither has an org); at an org, the org's own rows.
 */
export const grantedAt = (g: Grant, at: Destination): boolean =>
  at.kind === 'enterprise' ? g.org === null : sameOrg(g.org, at.org)

export interface RoutedPlan {
  /** One plan per destination with rows to cancel, enterprise first, then the orgs by name. */
  destinations: { at: Destination; plan: SeatPlan }[]
  /** Rows the plans cancel: what `max-cancellations` counts at enterprise scope. */
  rows: number
  /** Distinct users with at least one row to cancel, in the order given. */
  users: string[]
}

/**
 * `audit` with `reclaim` at enterprise scope, per user: the idle, unprotected
 * users with a live row that a per-user write can cancel (enterprise-direct or
 * org-direct). Rows a team grants are listed (with the team, so the summary can
 * say how to remove them), never cancelled per user; with `lastActiveDay` (the
 * usage report), a user the report shows active within `inactive-days` is kept:
 * the signals disagree. Routing the rows to where they are cancelled comes
 * after (`routeRows`), so that the grace period of notices can narrow the
 * users first.
 */
export function planEnterpriseReclaim(input: ReclaimInput): SeatPlan {
  const plan = emptyPlan()
  for (const { seat, kept } of reclaimCandidates(input)) {
    if (kept) {
      plan.skipped.push(kept)
      continue
    }
    const live = liveGrants(seat)
    const viaTeam = live.filter((g) => g.team !== null)
    if (viaTeam.length) {
      plan.skipped.push({
        subject: userSubject(seat.key),
        reason: { kind: 'granted-elsewhere', grants: viaTeam },
        failed: false
      })
    }
    if (viaTeam.length < live.length) plan.cancelUsers.push(seat.key)
  }
  plan.cancels = [...plan.cancelUsers]
  return plan
}

/** Each of `users`' live rows that a per-user write cancels, routed to where it is granted. */
export function routeRows(input: {
  enterprise: string
  users: readonly string[]
  seatOf: SeatLookup
}): RoutedPlan {
  const byDestination = new Map<string, { at: Destination; plan: SeatPlan }>()
  const users: string[] = []
  let rows = 0
  for (const login of input.users) {
    let routed = false
    for (const g of liveGrants(input.seatOf(login))) {
      const at = cancelDestination(g, input.enterprise)
      if (!at) continue
      const key = at.kind === 'org' ? `org:${at.org.toLowerCase()}` : 'enterprise'
      let entry = byDestination.get(key)
      if (!entry) byDestination.set(key, (entry = { at, plan: emptyPlan() }))
      entry.plan.cancelUsers.push(login)
      entry.plan.cancels.push(login)
      rows++
      routed = true
    }
    if (routed) users.push(login)
  }
  const destinations = [...byDestination.values()].sort((a, b) => compareDestinations(a.at, b.at))
  return { destinations, rows, users }
}

/** The row breaker at enterprise scope: `max-cancellations` counts rows, not users. */
export function rowBreakerProblem(rows: number, users: number, limit: number): string | null {
  if (rows <= limit) return null
  return `The plan would cancel ${rows} seat row${rows === 1 ? '' : 's'} (of ${users} user${users === 1 ? '' : 's'}; at enterprise scope \`max-cancellations\` counts rows), over \`max-cancellations\` (${limit}). Nothing was sent. Fix: check the plan in the summary (or a dry run); if it is right, raise \`max-cancellations\` to at least ${rows}.`
}

export type CancelResult =
  | {
      done: true
      /** The latest pending date of the cancelled rows; null when every one is gone (access ended at once). */
      pendingDate: string | null
    }
  | { done: false; shows: SeatState }

/**
 * Whether cancelling `rows` at `at` took effect, as the seat read back shows.
 * A row pending cancellation is cancelled; at the enterprise a row that is gone
 * counts too (an enterprise unassign may end access at once). An org's row
 * must show pending, as at org scope.
 */
export function cancelResult(
  seat: Seat | null,
  rows: readonly RowRef[],
  at: Destination
): CancelResult {
  let latest: string | null = null
  for (const ref of rows) {
    const g = grantOf(seat, ref)
    if (g?.pendingDate) {
      if (latest === null || g.pendingDate > latest) latest = g.pendingDate
    } else if (g || at.kind !== 'enterprise') {
      return { done: false, shows: g ? 'live' : seat ? 'not-granted-here' : 'no-seat' }
    }
  }
  return { done: true, pendingDate: latest }
}

/**
 * The row that grants `login` access at `at` after a plan's assignments, as
 * read back: the direct row a user write creates, or the row of a team write
 * that names them; null when none is live (the write did not take).
 */
export function assignedRow(
  plan: SeatPlan,
  at: Destination
): (seat: Seat | null, login: string) => Grant | null {
  const byName = new Set(plan.assignUsers)
  const teams = new Map<string, string[]>()
  for (const team of plan.assignTeams) {
    for (const login of plan.teamMembers.get(team) ?? []) {
      const list = teams.get(login)
      if (list) list.push(team)
      else teams.set(login, [team])
    }
  }
  return (seat, login) => {
    const refs: RowRef[] = [
      ...(byName.has(login) ? [directRowAt(at)] : []),
      ...(teams.get(login) ?? []).map((team) => ({ ...directRowAt(at), team }))
    ]
    return liveGrants(seat).find((g) => refs.some((r) => matchesRow(g, r))) ?? null
  }
}

/**
 * The rows of each login that a plan's cancellations at `at` are aimed at: the
 * direct row for a user write, and the team's row for each team write that
 * names the user. Built once per plan (plans can hold thousands of logins).
 */
export function cancelledRowsOf(plan: SeatPlan, at: Destination): (login: string) => RowRef[] {
  const rows = new Map<string, RowRef[]>()
  const add = (login: string, ref: RowRef) => {
    const list = rows.get(login)
    if (list) list.push(ref)
    else rows.set(login, [ref])
  }
  for (const login of plan.cancelUsers) add(login, directRowAt(at))
  for (const team of plan.cancelTeams) {
    for (const login of plan.teamMembers.get(team) ?? []) add(login, { ...directRowAt(at), team })
  }
  return (login) => rows.get(login) ?? []
}
