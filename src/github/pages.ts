// Reads every page of a listing: page 1 first, for the page count in its
// `Link rel="last"`, then the other pages at once through the run's limiter
// (octokit.paginate would follow `rel="next"` one page at a time). Each page is
// checked (request option `expect`: a body of another shape is retried, then a
// failure) and reduced by `extract` as it arrives, so raw API objects never pile up.
import { ActionError } from '../errors.js'
import type { BodyCheck, Octokit } from './client.js'
import { requestFailure, type RequestContext } from './errors.js'

export const PER_PAGE = 100
/** Page requests started ahead of the limiter: a little more than it runs at once. */
const OUTSTANDING = 16
/** Listings without a total (members, team members) stop here: 2,000,000 entries. */
export const MAX_PAGES = 20_000

export function lastPageOf(link: string | undefined): number | null {
  if (!link) return null
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="last"/.exec(part)
    if (m) {
      const page = Number(new URL(m[1]!, 'http://x').searchParams.get('page'))
      return Number.isSafeInteger(page) && page > 0 ? page : null
    }
  }
  return null
}

export interface PagedRead<T> {
  /** What a page's body must look like (else it is retried, then the run fails). */
  expect: BodyCheck
  /** Turns one checked page into what the caller keeps. */
  extract: (data: unknown, page: number) => T
  /** The most pages the first page allows (a Link beyond it is refused). */
  maxPages?: (first: T) => number
  /** Read only this many pages (the first ones). */
  limit?: number
}

export async function readAllPages<T>(
  client: Octokit,
  route: string,
  params: Record<string, string | number>,
  read: PagedRead<T>,
  ctx: RequestContext
): Promise<{ values: T[]; pages: number }> {
  const fetchPage = async (page: number): Promise<{ value: T; link?: string }> => {
    let response
    try {
      response = await client.request(route, {
        ...params,
        per_page: PER_PAGE,
        page,
        request: { expect: read.expect }
      })
    } catch (error) {
      throw requestFailure(error, { ...ctx, doing: `${ctx.doing} (page ${page})` })
    }
    return { value: read.extract(response.data, page), link: response.headers.link }
  }
  const first = await fetchPage(1)
  const pages = lastPageOf(first.link) ?? 1
  const allowed = Math.min(read.maxPages?.(first.value) ?? MAX_PAGES, MAX_PAGES)
  if (pages > allowed) {
    throw new ActionError(
      `GitHub's answer names ${pages} pages while ${ctx.doing}, more than its own count allows (at most ${allowed}); nothing was done with it. Fix: re-run; if it persists, report it with the run log.`
    )
  }
  const count = Math.min(pages, read.limit ?? Infinity)
  const values: T[] = [first.value]
  // A few requests outstanding at a time, not one per page: the limiter lets at most 10 run,
  // and each request waiting in its queue holds its options and its retry and throttling
  // state. A thousand of those alive at once for a minute or more fill the old generation.
  let next = 2
  const worker = async () => {
    while (next <= count) {
      const page = next++
      values[page - 1] = (await fetchPage(page)).value
    }
  }
  await Promise.all(Array.from({ length: Math.min(OUTSTANDING, Math.max(0, count - 1)) }, worker))
  return { values, pages }
}

/** Arrays of objects with a `login` (members, team members) as lower-cased logins. */
export function isUserArray(data: unknown): data is { login: string }[] {
  return (
    Array.isArray(data) &&
    data.every(
      (u) =>
        typeof u === 'object' && u !== null && typeof (u as { login?: unknown }).login === 'string'
    )
  )
}

export const loginsOf = (data: unknown): string[] =>
  (data as { login: string }[]).map((u) => u.login.toLowerCase())
