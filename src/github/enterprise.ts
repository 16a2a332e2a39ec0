// Enterprise reads besides the seat listing (GHEC, public preview): one user's
// seat rows, and enterprise teams with their members. GitHub's docs say these
// need a classic personal access token; a 403 names that (enterprise-errors.ts).
import { z } from 'zod'
import { ActionError } from '../errors.js'
import { mergeSeatRows } from '../domain/merge.js'
import type { Seat } from '../domain/seat.js'
import { tokenKindOf, type Octokit } from './client.js'
import { requestFailure, statusOf, type RequestContext } from './errors.js'
import { isUserArray, loginsOf, readAllPages } from './pages.js'
import { isSeatsPage, SeatShapeError, toSeat } from './seat-json.js'

const readContext = (
  client: Octokit,
  enterprise: string,
  doing: string,
  apiUrl: string
): RequestContext => ({
  doing,
  scope: 'enterprise',
  enterprise,
  apiUrl,
  tokenKind: tokenKindOf(client)
})

/**
 * The catch of a single look-up: a 404 means there is none (null); any other
 * failure is thrown, naming what was being looked up.
 */
function noneIfMissing(
  error: unknown,
  client: Octokit,
  enterprise: string,
  doing: string,
  apiUrl: string
): null {
  if (statusOf(error) === 404) return null
  throw requestFailure(error, readContext(client, enterprise, doing, apiUrl))
}

/**
 * One user's seat at the enterprise: every row that grants it (the answer has
 * the listing's shape, a row per granting org or enterprise team), merged as
 * the listing is. Null when they hold none (404).
 */
export async function getEnterpriseUserSeat(
  client: Octokit,
  enterprise: string,
  login: string,
  apiUrl: string
): Promise<Seat | null> {
  let data: unknown
  try {
    data = (
      await client.request('GET /enterprises/{enterprise}/members/{username}/copilot', {
        enterprise,
        username: login,
        request: { expect: isSeatsPage }
      })
    ).data
  } catch (error) {
    return noneIfMissing(
      error,
      client,
      enterprise,
      `looking up the Copilot seat of "${login}" in enterprise "${enterprise}"`,
      apiUrl
    )
  }
  const rows: Seat[] = []
  try {
    for (const raw of (data as { seats: unknown[] }).seats) rows.push(toSeat(raw))
  } catch (error) {
    if (!(error instanceof SeatShapeError)) throw error
    throw new ActionError(
      `GitHub's seat of "${login}" in enterprise "${enterprise}" has a field this action cannot read (${error.message}). Fix: re-run; if it persists, report it with the run log.`
    )
  }
  const key = login.toLowerCase()
  const seats = mergeSeatRows(rows)
  const seat = seats.find((s) => s.key === key)
  // Rows of someone else would prove nothing about this user: fail closed rather than guess.
  if (seats.length && (!seat || seats.length > 1)) {
    throw new ActionError(
      `GitHub answered the look-up of "${login}" in enterprise "${enterprise}" with the seats of other users; nothing was concluded from it. Fix: re-run; if it persists, report it with the run log.`
    )
  }
  return seat ?? null
}

export interface EnterpriseTeam {
  /** As seats show it: lower-cased, with GitHub's `ent:` prefix. */
  slug: string
  /** What `selected_enterprise_teams` takes. */
  name: string
}

const TeamSchema = z.looseObject({ slug: z.string(), name: z.string() })

/** The `ent:` slug of an enterprise team named with or without the prefix. */
export const entSlug = (slug: string): string =>
  /^ent:/i.test(slug) ? slug.toLowerCase() : `ent:${slug.toLowerCase()}`

/** The enterprise team by slug (`ent:` prefix optional), or null when there is none (404). */
export async function getEnterpriseTeam(
  client: Octokit,
  enterprise: string,
  slug: string,
  apiUrl: string
): Promise<EnterpriseTeam | null> {
  const ref = entSlug(slug)
  try {
    const response = await client.request('GET /enterprises/{enterprise}/teams/{team}', {
      enterprise,
      team: ref,
      request: { expect: (d: unknown) => TeamSchema.safeParse(d).success }
    })
    const team = TeamSchema.parse(response.data)
    return { slug: entSlug(team.slug), name: team.name }
  } catch (error) {
    return noneIfMissing(
      error,
      client,
      enterprise,
      `looking up enterprise team "${ref}" of enterprise "${enterprise}"`,
      apiUrl
    )
  }
}

/** Lower-cased logins of an enterprise team's members (every page). */
export async function listEnterpriseTeamMembers(
  client: Octokit,
  enterprise: string,
  team: EnterpriseTeam,
  apiUrl: string
): Promise<string[]> {
  const { values } = await readAllPages(
    client,
    'GET /enterprises/{enterprise}/teams/{team}/memberships',
    { enterprise, team: team.slug },
    { expect: isUserArray, extract: loginsOf },
    readContext(
      client,
      enterprise,
      `listing the members of enterprise team "${team.slug}" of enterprise "${enterprise}"`,
      apiUrl
    )
  )
  return [...new Set(values.flat())]
}
