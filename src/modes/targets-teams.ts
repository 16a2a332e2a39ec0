// The teams named in `teams` and `exclude-teams`, resolved the same way at org
// and enterprise scope; the callers bring the endpoints and the messages.
import type { Protection, Skip } from '../domain/outcome.js'
import type { FoundTeam, ProtectionLookup } from '../domain/plan.js'

/**
 * The teams that exist, with their members, in the order given (`seatSlug`: a slug as seats
 * show it); a team that does not is a failed skip. The teams are read in parallel.
 */
export async function findTeams<T extends { slug: string }>(
  slugs: readonly string[],
  lookUp: {
    team: (slug: string) => Promise<T | null>
    members: (team: T) => Promise<string[]>
    notFound: (slug: string) => Skip
    seatSlug?: (slug: string) => string
  }
): Promise<{ found: FoundTeam[]; teams: T[]; missing: Skip[] }> {
  const found: FoundTeam[] = []
  const teams: T[] = []
  const missing: Skip[] = []
  await Promise.all(
    slugs.map(async (slug) => {
      const team = await lookUp.team(slug)
      if (!team) {
        missing.push(lookUp.notFound(slug))
        return
      }
      teams.push(team)
      found.push({ slug: team.slug, members: await lookUp.members(team) })
    })
  )
  // In the order given, whatever order the answers came in.
  const given = lookUp.seatSlug ? slugs.map(lookUp.seatSlug) : slugs
  const order = (slug: string) => given.indexOf(slug)
  found.sort((a, b) => order(a.slug) - order(b.slug))
  return { found, teams, missing }
}

/**
 * `exclude-users`, then the members of each `exclude-teams` team, one team after the other; a
 * user keeps the first protection found. `resolve` throws when a team cannot be resolved.
 */
/** The two inputs that name who is never cancelled (a Config is one). */
export interface Exclusions {
  excludeUsers: readonly string[]
  excludeTeams: readonly string[]
}

export async function protectionLookup(
  { excludeUsers, excludeTeams }: Exclusions,
  resolve: (slug: string) => Promise<{ slug: string; members: readonly string[] }>
): Promise<ProtectionLookup> {
  const protections = new Map<string, Protection>()
  for (const login of excludeUsers) protections.set(login, { kind: 'exclude-users' })
  for (const slug of excludeTeams) {
    const team = await resolve(slug)
    for (const m of team.members) {
      if (!protections.has(m)) protections.set(m, { kind: 'exclude-teams', team: team.slug })
    }
  }
  return (login) => protections.get(login.toLowerCase()) ?? null
}
