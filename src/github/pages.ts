// Reads every page of a listing: page 1 first, for the page count in its
// `Link rel="last"`, then the other pages at once through the run's limiter
// (octokit.paginate would follow `rel="next"` one page at a time). Each page is
// reduced by `extract` as it arrives, so raw API objects never pile up.
import { ActionError } from '../errors.js'
import type { Octokit } from './client.js'
import { requestFailure, type RequestContext } from './errors.js'

export const PER_PAGE = 100

export function lastPageOf(link: string | undefined): number | null {
  if (!link) return null
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="last"/.exec(part)
    if (m) {
      const page = Number(new URL(m[1]!, 'http://x').searchParams.get('page'))
      return Number.isInteger(page) && page > 0 ? page : null
    }
  }
  return null
}

export interface PageResult<T> {
  page: number
  value: T
}

/**
 * `extract` turns one page's parsed body into what the caller keeps; it throws
 * on a body it cannot read. Returns the extracted values in page order.
 */
export async function readAllPages<T>(
  client: Octokit,
  route: string,
  params: Record<string, string | number>,
  extract: (data: unknown, page: number) => T,
  ctx: RequestContext,
  options: {
    /** Read only this many pages (the first ones). */ limit?: number
    /** Called after each page is reduced. */ onPage?: () => void
  } = {}
): Promise<{ values: T[]; pages: number }> {
  const { limit = Infinity, onPage } = options
  const fetchPage = async (page: number): Promise<{ value: T; link?: string }> => {
    let response
    try {
      response = await client.request(route, { ...params, per_page: PER_PAGE, page })
    } catch (error) {
      throw requestFailure(error, { ...ctx, doing: `${ctx.doing} (page ${page})` })
    }
    if (typeof response.data === 'string' || response.data === undefined) {
      // Octokit hands back the raw text when a JSON body does not parse.
      throw new ActionError(
        `GitHub answered ${route.replace(/^GET /, '')} page ${page} with a body that is not valid JSON while ${ctx.doing}. Fix: this is usually a transient GitHub or proxy problem; re-run (safe to repeat).`
      )
    }
    const value = extract(response.data, page)
    onPage?.()
    return { value, link: response.headers.link }
  }
  const first = await fetchPage(1)
  const pages = lastPageOf(first.link) ?? 1
  const rest = await Promise.all(
    Array.from({ length: Math.min(pages, limit) - 1 }, (_, i) => fetchPage(i + 2))
  )
  return { values: [first.value, ...rest.map((r) => r.value)], pages }
}
