// What enterprise-scope planning needs besides seats: the enterprise teams of
// `teams` and `exclude-teams` (slug, `ent:` prefix optional), resolved to their
// names (what the team writes take) and members, and the protections.
import { ActionError, messageOf } from '../errors.js'
import { teamSubject, type Skip } from '../domain/outcome.js'
import type { FoundTeam, ProtectionLookup } from '../domain/plan.js'
import {
  entSlug,
  getEnterpriseTeam,
  listEnterpriseTeamMembers,
  type EnterpriseTeam
} from '../github/enterprise.js'
import type { ModeContext } from './context.js'
import { findTeams, protectionLookup, type Exclusions } from './targets-teams.js'

export interface EnterpriseTeams {
  /** Slugs as seats show them (`ent:` prefix), with their members, in the order given. */
  found: FoundTeam[]
  /** A found team's name, what `selected_enterprise_teams` takes, by slug. */
  nameOf: (slug: string) => string
  missing: Skip[]
}

export async function resolveEnterpriseTeams(
  ctx: ModeContext,
  enterprise: string,
  slugs: readonly string[]
): Promise<EnterpriseTeams> {
  const { found, teams, missing } = await findTeams(slugs, {
    team: (slug) => getEnterpriseTeam(ctx.client, enterprise, slug, ctx.apiUrl),
    members: (team) => listEnterpriseTeamMembers(ctx.client, enterprise, team, ctx.apiUrl),
    notFound: (slug) => ({
      subject: teamSubject(entSlug(slug)),
      reason: { kind: 'enterprise-team-not-found' },
      failed: true
    }),
    seatSlug: entSlug
  })
  const names = new Map(teams.map((team) => [team.slug, team.name]))
  return { found, nameOf: (slug) => names.get(slug) ?? slug, missing }
}

/**
 * `exclude-users` and the members of the enterprise teams of `exclude-teams`.
 * A protection that cannot be resolved (missing team, 403) fails the run
 * before anything is cancelled.
 */
export async function resolveEnterpriseProtection(
  ctx: ModeContext,
  enterprise: string,
  exclusions: Exclusions
): Promise<ProtectionLookup> {
  return protectionLookup(exclusions, async (slug) => {
    let team: EnterpriseTeam | null
    let members: string[]
    try {
      team = await getEnterpriseTeam(ctx.client, enterprise, slug, ctx.apiUrl)
      members = team
        ? await listEnterpriseTeamMembers(ctx.client, enterprise, team, ctx.apiUrl)
        : []
    } catch (error) {
      throw new ActionError(
        `Cannot resolve the protected enterprise team "${entSlug(slug)}" in \`exclude-teams\`, so nothing is cancelled. ${messageOf(error)}`
      )
    }
    if (!team) {
      throw new ActionError(
        `The protected enterprise team "${entSlug(slug)}" in \`exclude-teams\` was not found in enterprise "${enterprise}", so nothing is cancelled. Fix: use the team's slug (as in its URL, \`ent:\` prefix optional), or remove it from \`exclude-teams\`.`
      )
    }
    return { slug: team.slug, members }
  })
}
