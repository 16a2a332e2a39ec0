// The org's Copilot settings, its members and its teams.
import { z } from 'zod'
import { ActionError } from '../errors.js'
import type { CopilotSettings } from '../domain/policy.js'
import type { Octokit } from './client.js'
import { requestFailure, statusOf } from './errors.js'
import { isUserArray, loginsOf, readAllPages } from './pages.js'

const DetailsSchema = z.looseObject({
  seat_management_setting: z.string(),
  public_code_suggestions: z.string().optional(),
  plan_type: z.string().nullish()
})

export async function getCopilotSettings(
  client: Octokit,
  org: string,
  apiUrl: string
): Promise<CopilotSettings> {
  let data: unknown
  try {
    data = (
      await client.request('GET /orgs/{org}/copilot/billing', {
        org,
        request: { expect: (d: unknown) => DetailsSchema.safeParse(d).success }
      })
    ).data
  } catch (error) {
    throw requestFailure(error, {
      doing: `reading the Copilot settings of org "${org}"`,
      scope: 'org',
      org,
      apiUrl
    })
  }
  const parsed = DetailsSchema.parse(data)
  const plan = parsed.plan_type
  return {
    seatManagement: parsed.seat_management_setting,
    publicCodeSuggestions: parsed.public_code_suggestions ?? 'unconfigured',
    planType: plan === 'business' || plan === 'enterprise' ? plan : null
  }
}

/** 204: member; 404: not a member (or an invitation not yet accepted). */
export async function isOrgMember(
  client: Octokit,
  org: string,
  login: string,
  apiUrl: string
): Promise<boolean> {
  try {
    const { status } = await client.request('GET /orgs/{org}/members/{username}', {
      org,
      username: login
    })
    return (status as number) === 204
  } catch (error) {
    if (statusOf(error) === 404) return false
    throw requestFailure(error, {
      doing: `checking whether "${login}" is a member of org "${org}"`,
      scope: 'member',
      org,
      apiUrl
    })
  }
}

export async function listOrgMembers(
  client: Octokit,
  org: string,
  apiUrl: string
): Promise<Set<string>> {
  const ctx = { doing: `listing the members of org "${org}"`, scope: 'org' as const, org, apiUrl }
  const { values } = await readAllPages(
    client,
    'GET /orgs/{org}/members',
    { org },
    { expect: isUserArray, extract: loginsOf },
    ctx
  )
  const members = new Set<string>()
  for (const page of values) for (const login of page) members.add(login)
  return members
}

/** Page 1 of the member list: its page count (`Link rel="last"`) and, with it, its members. */
export async function readOrgMembersPage1(
  client: Octokit,
  org: string,
  apiUrl: string
): Promise<{ pages: number; members: string[] }> {
  const ctx = { doing: `listing the members of org "${org}"`, scope: 'org' as const, org, apiUrl }
  const { values, pages } = await readAllPages(
    client,
    'GET /orgs/{org}/members',
    { org },
    { expect: isUserArray, extract: loginsOf, limit: 1 },
    ctx
  )
  return { pages, members: values[0] ?? [] }
}

export interface Team {
  slug: string
  name: string
}

const TeamSchema = z.looseObject({ slug: z.string(), name: z.string() })

/** The team by slug, or null when the org has no such team (404). */
export async function getTeam(
  client: Octokit,
  org: string,
  slug: string,
  apiUrl: string
): Promise<Team | null> {
  try {
    const { data } = await client.request('GET /orgs/{org}/teams/{team_slug}', {
      org,
      team_slug: slug,
      request: { expect: (d: unknown) => TeamSchema.safeParse(d).success }
    })
    const team = TeamSchema.parse(data)
    return { slug: team.slug.toLowerCase(), name: team.name }
  } catch (error) {
    if (statusOf(error) === 404) return null
    if (error instanceof ActionError) throw error
    throw requestFailure(error, {
      doing: `looking up team "${slug}" of org "${org}"`,
      scope: 'team',
      org,
      team: slug,
      apiUrl
    })
  }
}

export async function listTeamMembers(
  client: Octokit,
  org: string,
  slug: string,
  apiUrl: string
): Promise<string[]> {
  const ctx = {
    doing: `listing the members of team "${slug}" of org "${org}"`,
    scope: 'team' as const,
    org,
    team: slug,
    apiUrl
  }
  const { values } = await readAllPages(
    client,
    'GET /orgs/{org}/teams/{team_slug}/members',
    { org, team_slug: slug },
    { expect: isUserArray, extract: loginsOf },
    ctx
  )
  const members = new Set<string>()
  for (const page of values) for (const login of page) members.add(login)
  return [...members]
}
