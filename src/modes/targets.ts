// Gathers what planning needs with the fewest requests: a handful of users are
// looked up one by one; a long list is matched against the member list and
// the seat listing, which cost one request per 100.
import { ActionError } from '../errors.js'
import type { TeamTarget } from '../domain/plan.js'
import type { Seat } from '../domain/seat.js'
import {
  getCopilotSettings,
  getTeam,
  isOrgMember,
  listOrgMembers,
  listTeamMembers,
  policyProblem,
  type CopilotSettings
} from '../github/org.js'
import { getUserSeat, listOrgSeats } from '../github/seats.js'
import type { ModeContext } from './context.js'
import type { RunResult } from './result.js'

/** Up to this many logins are looked up one request each; more are read from listings. */
export const PER_USER_LIMIT = 20

export async function checkPolicy(
  ctx: ModeContext,
  org: string,
  result: RunResult
): Promise<CopilotSettings> {
  const settings = await getCopilotSettings(ctx.client, org, ctx.apiUrl)
  result.requests++
  result.pricing.orgPlan = settings.planType
  const problem = policyProblem(org, settings)
  if (problem) throw new ActionError(problem)
  return settings
}

export async function resolveTeams(
  ctx: ModeContext,
  org: string,
  slugs: readonly string[],
  result: RunResult
): Promise<TeamTarget[]> {
  return Promise.all(
    slugs.map(async (slug) => {
      const team = await getTeam(ctx.client, org, slug, ctx.apiUrl)
      result.requests++
      if (!team) return { slug, members: null }
      const { members, requests } = await listTeamMembers(ctx.client, org, team.slug, ctx.apiUrl)
      result.requests += requests
      return { slug: team.slug, members }
    })
  )
}

/** Seats of `logins` (null: no seat), by look-ups or from the listing. */
export async function lookUpSeats(
  ctx: ModeContext,
  org: string,
  logins: readonly string[],
  result: RunResult
): Promise<Map<string, Seat | null>> {
  const seats = new Map<string, Seat | null>()
  if (logins.length <= PER_USER_LIMIT) {
    await Promise.all(
      logins.map(async (login) => {
        seats.set(login, await getUserSeat(ctx.client, org, login, ctx.apiUrl))
        result.requests++
      })
    )
    return seats
  }
  const listing = await listOrgSeats(ctx.client, org, ctx.apiUrl, ctx.compactHeap)
  result.requests += listing.requests
  if (listing.warning) result.warnings.push(listing.warning)
  const byKey = new Map(listing.seats.map((s) => [s.key, s]))
  for (const login of logins) seats.set(login, byKey.get(login) ?? null)
  return seats
}

/** Membership of `logins`, by look-ups or from the member list. */
export async function lookUpMembers(
  ctx: ModeContext,
  org: string,
  logins: readonly string[],
  result: RunResult
): Promise<Set<string>> {
  if (logins.length <= PER_USER_LIMIT) {
    const members = new Set<string>()
    await Promise.all(
      logins.map(async (login) => {
        if (await isOrgMember(ctx.client, org, login, ctx.apiUrl)) members.add(login)
        result.requests++
      })
    )
    return members
  }
  const { members, requests } = await listOrgMembers(ctx.client, org, ctx.apiUrl)
  result.requests += requests
  return members
}

/**
 * `exclude-users` and the members of `exclude-teams`. A protection that cannot
 * be resolved (missing team, 403) fails the run before anything is cancelled.
 */
export async function resolveProtection(
  ctx: ModeContext,
  org: string,
  excludeUsers: readonly string[],
  excludeTeams: readonly string[],
  result: RunResult
): Promise<(login: string) => string | null> {
  const reasons = new Map<string, string>()
  for (const login of excludeUsers) reasons.set(login, 'in exclude-users')
  for (const slug of excludeTeams) {
    let team
    try {
      team = await getTeam(ctx.client, org, slug, ctx.apiUrl)
      result.requests++
    } catch (error) {
      throw new ActionError(
        `Cannot resolve the protected team "${slug}" in \`exclude-teams\`, so nothing is cancelled. ${(error as Error).message}`
      )
    }
    if (!team) {
      throw new ActionError(
        `The protected team "${slug}" in \`exclude-teams\` was not found in org "${org}", so nothing is cancelled. Fix: use the team's slug (as in its URL), or remove it from \`exclude-teams\`.`
      )
    }
    let members: string[]
    try {
      const listed = await listTeamMembers(ctx.client, org, team.slug, ctx.apiUrl)
      members = listed.members
      result.requests += listed.requests
    } catch (error) {
      throw new ActionError(
        `Cannot read the members of the protected team "${slug}" in \`exclude-teams\`, so nothing is cancelled. ${(error as Error).message}`
      )
    }
    for (const m of members)
      if (!reasons.has(m)) reasons.set(m, `member of protected team ${team.slug}`)
  }
  return (login) => reasons.get(login.toLowerCase()) ?? null
}
