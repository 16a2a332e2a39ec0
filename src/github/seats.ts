// Copilot seat listings (org and enterprise) and single-seat look-ups. A listing
// that changed while it was read (a seat added or removed between pages shifts
// the others) is read once more, for counts; decisions never rest on a listing
// alone (modes/seat-state.ts confirms what a write needs).
import { ActionError } from '../errors.js'
import { mergeSeatRows } from '../domain/merge.js'
import type { Seat } from '../domain/seat.js'
import { tokenKindOf, type Octokit } from './client.js'
import { requestFailure, statusOf, type RequestContext } from './errors.js'
import { PER_PAGE, readAllPages } from './pages.js'
import { isSeatsPage, SeatShapeError, toSeat } from './seat-json.js'

export type SeatScope = { kind: 'org'; org: string } | { kind: 'enterprise'; enterprise: string }

export interface SeatListing {
  /** One seat per user, ordered by login. */
  seats: Seat[]
  /** Rows the API listed (more than seats for an enterprise). */
  rows: number
  pages: number
  /** `total_seats` of page 1. */
  total: number
  /** Set when the listing kept changing while it was read. */
  warning: string | null
}

interface PageRows {
  total: number
  rows: Seat[]
}

const route = (scope: SeatScope) =>
  scope.kind === 'org'
    ? 'GET /orgs/{org}/copilot/billing/seats'
    : 'GET /enterprises/{enterprise}/copilot/billing/seats'
const params = (scope: SeatScope): Record<string, string> =>
  scope.kind === 'org' ? { org: scope.org } : { enterprise: scope.enterprise }

export function listingContext(scope: SeatScope, apiUrl: string, client?: Octokit): RequestContext {
  return scope.kind === 'org'
    ? {
        doing: `listing the Copilot seats of org "${scope.org}"`,
        scope: 'org',
        org: scope.org,
        apiUrl
      }
    : {
        doing: `listing the Copilot seats of enterprise "${scope.enterprise}"`,
        scope: 'enterprise',
        enterprise: scope.enterprise,
        apiUrl,
        ...(client ? { tokenKind: tokenKindOf(client) } : {})
      }
}

function parsePage(data: unknown, page: number, doing: string): PageRows {
  const body = data as { total_seats: number; seats: unknown[] }
  const rows: Seat[] = []
  let index = (page - 1) * PER_PAGE
  for (const raw of body.seats) {
    try {
      rows.push(toSeat(raw, index++))
    } catch (error) {
      throw new ActionError(
        `GitHub's seat list (page ${page}) has a seat this action cannot read (${(error as Error).message}) while ${doing}. Fix: re-run; if it persists, report it with the run log.`
      )
    }
  }
  return { total: body.total_seats, rows }
}

/**
 * The most pages `total` seats can fill. An enterprise lists a row per granting
 * org or team, so its users may fill more pages than `total_seats` (users counted
 * once) says: allow 20 rows a user there.
 */
export function maxPagesFor(scope: SeatScope, total: number): number {
  const rows = scope.kind === 'org' ? total : total * 20
  return Math.max(1, Math.ceil(rows / PER_PAGE)) + 1
}

interface ReadResult {
  rows: Seat[]
  total: number
  pages: number
  consistent: boolean
  drift: number
}

async function readOnce(
  client: Octokit,
  scope: SeatScope,
  ctx: RequestContext,
  limit?: number
): Promise<ReadResult> {
  const { values, pages } = await readAllPages(
    client,
    route(scope),
    params(scope),
    {
      expect: isSeatsPage,
      extract: (data, page) => parsePage(data, page, ctx.doing),
      maxPages: (first) => maxPagesFor(scope, first.total),
      limit
    },
    ctx
  )
  const rows: Seat[] = []
  const seen = new Set<string>()
  const totals = new Set<number>()
  let duplicates = 0
  for (const page of values) {
    totals.add(page.total)
    for (const seat of page.rows) {
      // The same row twice (same spelling, org and team) means the list moved under the reader.
      const id = `${seat.login ?? seat.key}|${seat.orgs[0] ?? ''}|${seat.teams[0] ?? ''}`
      if (seen.has(id)) {
        duplicates++
        continue
      }
      seen.add(id)
      rows.push(seat)
    }
  }
  const total = values[0]!.total
  // An org counts rows (one per seat); an enterprise counts each user once.
  const counted = scope.kind === 'org' ? rows.length : new Set(rows.map((s) => s.key)).size
  const drift = Math.abs(total - counted)
  return {
    rows,
    total,
    pages,
    consistent: totals.size <= 1 && duplicates === 0 && drift === 0,
    drift: Math.max(drift, duplicates)
  }
}

/**
 * One read of every page, then, when it looked consistent, page 1 once more: a
 * seat removed from a page already read, plus one added, leaves every count as
 * it was but shifts the rows after it, and only page 1 read again shows that.
 */
async function readChecked(
  client: Octokit,
  scope: SeatScope,
  ctx: RequestContext
): Promise<ReadResult> {
  const result = await readOnce(client, scope, ctx)
  if (!result.consistent || result.pages < 2) return result
  const again = await readOnce(client, scope, ctx, 1)
  const keys = (rows: Seat[]) =>
    rows
      .slice(0, PER_PAGE)
      .map((s) => s.key)
      .join('\n')
  if (again.total === result.total && keys(again.rows) === keys(result.rows)) return result
  return { ...result, consistent: false, drift: Math.max(result.drift, 1) }
}

/** Every seat of the org or enterprise, one per user, ordered by login. */
export async function listSeats(
  client: Octokit,
  scope: SeatScope,
  apiUrl: string
): Promise<SeatListing> {
  const ctx = listingContext(scope, apiUrl, client)
  let result = await readChecked(client, scope, ctx)
  let warning: string | null = null
  if (!result.consistent) {
    result = await readChecked(client, scope, ctx)
    if (!result.consistent) {
      warning = `The seat list changed while it was being read, twice; counts may be off by about ${Math.max(result.drift, 1)} seat(s). Re-run for exact numbers. (Changes this run makes are checked seat by seat just before they are sent.)`
    }
  }
  return {
    seats: mergeSeatRows(result.rows),
    rows: result.rows.length,
    pages: result.pages,
    total: result.total,
    warning
  }
}

/**
 * Page 1 alone: `total_seats` and the page count, what choosing look-ups over a
 * listing needs. When it is the only page, its seats are the whole listing.
 */
export async function readFirstSeatPage(
  client: Octokit,
  scope: SeatScope,
  apiUrl: string
): Promise<{ total: number; pages: number; seats: Seat[] }> {
  const { total, pages, rows } = await readOnce(
    client,
    scope,
    listingContext(scope, apiUrl, client),
    1
  )
  return { total, pages, seats: mergeSeatRows(rows) }
}

/** One user's org seat, or null when they have none (404). */
export async function getUserSeat(
  client: Octokit,
  org: string,
  login: string,
  apiUrl: string
): Promise<Seat | null> {
  try {
    const { data } = await client.request('GET /orgs/{org}/members/{username}/copilot', {
      org,
      username: login,
      // A seat has its grant time: a 200 without one (`{"message": ...}`) is retried, then a failure.
      request: {
        expect: (d: unknown) =>
          typeof d === 'object' &&
          d !== null &&
          typeof (d as { created_at?: unknown }).created_at === 'string'
      }
    })
    // The look-up names the org; an org listing does not, and the two must compare alike.
    const seat = toSeat(data)
    return {
      ...seat,
      orgs: [],
      grants: seat.grants.map((g) => (g.org === null ? g : { ...g, org: null }))
    }
  } catch (error) {
    if (error instanceof SeatShapeError) {
      throw new ActionError(
        `GitHub's seat of "${login}" has a field this action cannot read (${error.message}). Fix: re-run; if it persists, report it with the run log.`
      )
    }
    // 404: no seat. 422: a pending org invitation (Copilot itself is checked before any look-up),
    // so no seat either; the membership check then says why nothing is sent.
    if (statusOf(error) === 404 || statusOf(error) === 422) return null
    throw requestFailure(error, {
      doing: `looking up the Copilot seat of "${login}"`,
      scope: 'member',
      org,
      apiUrl
    })
  }
}
