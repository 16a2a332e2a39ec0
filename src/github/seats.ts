// Copilot seat listings (org and enterprise) and single-seat look-ups. A listing
// that changed while it was read (a seat added or removed between pages shifts
// the others) is read once more; SPEC.md says how to tell.
import { ActionError } from '../errors.js'
import { mergeSeatRows } from '../domain/merge.js'
import { compareSeats, SeatShapeError, SeatsPageSchema, toSeat, type Seat } from '../domain/seat.js'
import type { Octokit } from './client.js'
import { requestFailure, statusOf, type RequestContext } from './errors.js'
import { readAllPages } from './pages.js'

export interface SeatListing {
  /** One seat per user, ordered by login. */
  seats: Seat[]
  /** Rows the API listed (more than seats for an enterprise). */
  rows: number
  pages: number
  requests: number
  /** Set when the listing kept changing while it was read. */
  warning: string | null
}

interface PageRows {
  total: number | null
  rows: Seat[]
}

function parsePage(data: unknown, page: number, doing: string): PageRows {
  const parsed = SeatsPageSchema.safeParse(data)
  if (!parsed.success) {
    throw new ActionError(
      `GitHub's seat list (page ${page}) has an unexpected shape while ${doing}. Fix: re-run; if it persists, the API changed: report it with the run log.`
    )
  }
  const rows: Seat[] = []
  for (const raw of parsed.data.seats ?? []) {
    try {
      rows.push(toSeat(raw))
    } catch (error) {
      throw new ActionError(
        `GitHub's seat list (page ${page}) has a seat this action cannot read (${(error as Error).message}) while ${doing}. Fix: re-run; if it persists, report it with the run log.`
      )
    }
  }
  return { total: parsed.data.total_seats ?? null, rows }
}

interface ReadResult {
  rows: Map<string, Seat>
  rowCount: number
  total: number | null
  pages: number
  /** Requests this read took (the pages, and the re-read of page 1). */
  requests: number
  consistent: boolean
  drift: number
}

async function readOnce(
  client: Octokit,
  route: string,
  params: Record<string, string>,
  enterprise: boolean,
  ctx: RequestContext,
  onPage?: () => void
): Promise<ReadResult> {
  const { values, pages } = await readAllPages(
    client,
    route,
    params,
    (data, page) => parsePage(data, page, ctx.doing),
    ctx,
    { onPage }
  )
  const rows = new Map<string, Seat>()
  const totals = new Set<number>()
  let rowCount = 0
  let duplicates = 0
  for (const page of values) {
    if (page.total !== null) totals.add(page.total)
    for (const seat of page.rows) {
      rowCount++
      const key = enterprise ? `${seat.key}|${seat.orgs[0] ?? ''}|${seat.teams[0] ?? ''}` : seat.key
      if (rows.has(key)) duplicates++
      else rows.set(key, seat)
    }
  }
  const total = values[0]?.total ?? null
  const users = enterprise ? new Set([...rows.values()].map((s) => s.key)).size : rows.size
  const drift = total === null ? 0 : Math.abs(total - users)
  let consistent = totals.size <= 1 && duplicates === 0 && drift === 0
  let requests = pages
  if (consistent && pages > 1) {
    // A seat removed from a page already read, plus one added, leaves every count as it was
    // but shifts the rows after it. The first page, read again, shows whether anything moved.
    const again = (
      await readAllPages(client, route, params, (data) => parsePage(data, 1, ctx.doing), ctx, {
        limit: 1
      })
    ).values[0]
    requests++
    const before = values[0]?.rows.map((s) => s.key).join('\n')
    consistent = again?.total === total && again.rows.map((s) => s.key).join('\n') === before
  }
  return {
    rows,
    rowCount: rowCount - duplicates,
    total,
    pages,
    requests,
    consistent,
    drift: Math.max(drift, duplicates, consistent ? 0 : 1)
  }
}

async function listSeats(
  client: Octokit,
  route: string,
  params: Record<string, string>,
  enterprise: boolean,
  ctx: RequestContext,
  onPage?: () => void
): Promise<SeatListing> {
  let result = await readOnce(client, route, params, enterprise, ctx, onPage)
  let requests = result.requests
  let warning: string | null = null
  if (!result.consistent) {
    result = await readOnce(client, route, params, enterprise, ctx, onPage)
    requests += result.requests
    if (!result.consistent) {
      warning = `The seat list changed while it was being read, twice; counts may be off by about ${result.drift} seat(s). Re-run for exact numbers.`
    }
  }
  const seats = enterprise
    ? mergeSeatRows(result.rows.values())
    : [...result.rows.values()].sort(compareSeats)
  return {
    seats,
    rows: result.rowCount,
    pages: result.pages,
    requests,
    warning
  }
}

export function listOrgSeats(
  client: Octokit,
  org: string,
  apiUrl?: string,
  onPage?: () => void
): Promise<SeatListing> {
  const ctx: RequestContext = {
    doing: `listing the Copilot seats of org "${org}"`,
    scope: 'org',
    org,
    apiUrl
  }
  return listSeats(client, 'GET /orgs/{org}/copilot/billing/seats', { org }, false, ctx, onPage)
}

export function listEnterpriseSeats(
  client: Octokit,
  enterprise: string,
  apiUrl?: string,
  onPage?: () => void
): Promise<SeatListing> {
  const ctx: RequestContext = {
    doing: `listing the Copilot seats of enterprise "${enterprise}"`,
    scope: 'enterprise',
    enterprise,
    apiUrl
  }
  return listSeats(
    client,
    'GET /enterprises/{enterprise}/copilot/billing/seats',
    { enterprise },
    true,
    ctx,
    onPage
  )
}

/** One user's seat, or null when they have none (404). */
export async function getUserSeat(
  client: Octokit,
  org: string,
  login: string,
  apiUrl?: string
): Promise<Seat | null> {
  try {
    const { data } = await client.request('GET /orgs/{org}/members/{username}/copilot', {
      org,
      username: login
    })
    if (typeof data === 'string')
      throw new ActionError(
        `GitHub answered the seat look-up of "${login}" with a body that is not valid JSON. Fix: re-run (safe to repeat).`
      )
    return toSeat(data)
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
