// What planning needs besides seats: the teams named in `teams`, org
// membership, and the protections of `exclude-users` and `exclude-teams`.
// Each read with the fewest requests.
import { ActionError } from '../errors.js'
import { teamSubject, type Skip } from '../domain/outcome.js'
import type { FoundTeam, ProtectionLookup } from '../domain/plan.js'
import { policyProblem, type CopilotSettings } from '../domain/policy.js'
import {
  getCopilotSettings,
  getTeam,
  isOrgMember,
  listOrgMembers,
  listTeamMembers,
  readOrgMembersPage1
} from '../github/org.js'
import type { ModeContext } from './context.js'
import { findTeams, protectionLookup, type Exclusions } from './targets-teams.js'

/** SPEC's pre-flight for writes: a refusal is explained and nothing is sent. */
export async function checkPolicy(ctx: ModeContext, org: string): Promise<CopilotSettings> {
  const settings = await getCopilotSettings(ctx.client, org, ctx.apiUrl)
  const problem = policyProblem(org, settings)
  if (problem) throw new ActionError(problem)
  return settings
}

/** The teams that exist, with their members; a team that does not is a failed skip. */
export async function resolveTeams(
  ctx: ModeContext,
  org: string,
  slugs: readonly string[]
): Promise<{ found: FoundTeam[]; missing: Skip[] }> {
  const { found, missing } = await findTeams(slugs, {
    team: (slug) => getTeam(ctx.client, org, slug, ctx.apiUrl),
    members: (team) => listTeamMembers(ctx.client, org, team.slug, ctx.apiUrl),
    notFound: (slug) => ({
      subject: teamSubject(slug),
      reason: { kind: 'team-not-found' },
      failed: true
    })
  })
  return { found, missing }
}

/**
 * Org membership of `logins`, by one look-up each or from the member list,
 * whichever takes fewer requests. Seat holders are members, so the seat
 * listing's page count (`seatPages`) is a floor for the member list's: up to
 * that many logins are looked up without asking how long the member list is.
 */
export async function membersOf(
  ctx: ModeContext,
  org: string,
  logins: readonly string[],
  seatPages: () => Promise<number>
): Promise<Set<string>> {
  if (logins.length > 2 && logins.length > (await seatPages())) {
    const first = await readOrgMembersPage1(ctx.client, org, ctx.apiUrl)
    // A one-page member list is read whole by its page 1.
    if (first.pages === 1) return new Set(first.members)
    if (logins.length > first.pages) return listOrgMembers(ctx.client, org, ctx.apiUrl)
  }
  const members = new Set<string>()
  await Promise.all(
    logins.map(async (login) => {
      if (await isOrgMember(ctx.client, org, login, ctx.apiUrl)) members.add(login)
    })
  )
  return members
}

/**
 * `exclude-users` and the members of `exclude-teams`. A protection that cannot
 * be resolved (missing team, 403) fails the run before anything is cancelled.
 */
export async function resolveProtection(
  ctx: ModeContext,
  org: string,
  exclusions: Exclusions
): Promise<ProtectionLookup> {
  return protectionLookup(exclusions, async (slug) => {
    let team
    try {
      team = await getTeam(ctx.client, org, slug, ctx.apiUrl)
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
      members = await listTeamMembers(ctx.client, org, team.slug, ctx.apiUrl)
    } catch (error) {
      throw new ActionError(
        `Cannot read the members of the protected team "${slug}" in \`exclude-teams\`, so nothing is cancelled. ${(error as Error).message}`
      )
    }
    return { slug: team.slug, members }
  })
}
