// The seat model: only the fields the modes need, so that 100,000 seats stay
// small. Reading API JSON into it is the GitHub client's job (github/seat-json.ts).

export type PlanType = 'business' | 'enterprise' | 'unknown'

/** An organization's team, or an enterprise team (GitHub's `enterprise-team` schema). */
export type TeamKind = 'org' | 'enterprise'

/**
 * One listing row of a seat: who grants it. The enterprise listing has a row per
 * granting org or enterprise team, and routing a cancellation needs each row's
 * grantor. Rows are shared between seats wherever they are equal (they are
 * built once per distinct value), so they must never be changed.
 */
export interface Grant {
  /** The granting organization; null for enterprise-direct and enterprise-team rows, and in org listings. */
  readonly org: string | null
  /** Lower-cased slug of the granting team; an enterprise team's keeps GitHub's `ent:` prefix. */
  readonly team: string | null
  readonly teamKind: TeamKind | null
  /** `YYYY-MM-DD` while this row is pending cancellation. */
  readonly pendingDate: string | null
}

export interface Seat {
  /** As GitHub spells it; null when the API returns `assignee: null`. */
  login: string | null
  /** Lower-cased login, or a per-row key for a seat without assignee: unique per listing. */
  key: string
  /** The assignee's user id (joins usage reports); null without assignee. */
  userId: number | null
  createdAt: number
  lastActivityAt: number | null
  lastAuthenticatedAt: number | null
  editor: string | null
  /** `YYYY-MM-DD`; set while the seat is pending cancellation. */
  pendingDate: string | null
  /** Slugs of the teams granting the seat (one per org row; several after an enterprise merge). */
  teams: string[]
  /** Granting organizations (enterprise listings only). */
  orgs: string[]
  /** The rows behind the seat, one per grantor, ordered by grantor (one row in an org listing). */
  grants: readonly Grant[]
  planType: PlanType | null
}

/** Keys of seats without an assignee start with this; no login can (logins start with a letter or digit). */
export const NO_ASSIGNEE_KEY = '~no-assignee#'

export const hasAssignee = (seat: Seat): seat is Seat & { login: string } => seat.login !== null

export const displayLogin = (seat: Pick<Seat, 'login'>): string => seat.login ?? '(no assignee)'

/** Orders seats by login, case-insensitively; seats without an assignee last. */
export function compareSeats(a: Seat, b: Seat): number {
  if ((a.login === null) !== (b.login === null)) return a.login === null ? 1 : -1
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0
}

/** A seat held now: listed and not pending cancellation. */
export const isLive = (seat: Seat | null | undefined): seat is Seat =>
  seat !== null && seat !== undefined && seat.pendingDate === null
