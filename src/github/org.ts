// The org's Copilot settings, its members and its teams.
import { z } from 'zod'
import { ActionError } from '../errors.js'
import type { PlanType } from '../domain/seat.js'
import type { Octokit } from './client.js'
import { requestFailure, statusOf } from './errors.js'
import { readAllPages } from './pages.js'

export interface CopilotSettings {
  seatManagement: string
  publicCodeSuggestions: string
  planType: PlanType | null
}

const DetailsSchema = z.looseObject({
  seat_management_setting: z.string(),
  public_code_suggestions: z.string().optional(),
  plan_type: z.string().nullish()
})

export async function getCopilotSettings(
  client: Octokit,
  org: string,
  apiUrl?: string
): Promise<CopilotSettings> {
  let data: unknown
  try {
    data = (await client.request('GET /orgs/{org}/copilot/billing', { org })).data
  } catch (error) {
    throw requestFailure(error, {
      doing: `reading the Copilot settings of org "${org}"`,
      scope: 'org',
      org,
      apiUrl
    })
  }
  const parsed = DetailsSchema.safeParse(data)
  if (!parsed.success) {
    throw new ActionError(
      `GitHub's Copilot settings of org "${org}" have an unexpected shape. Fix: re-run; if it persists, report it with the run log.`
    )
  }
  const plan = parsed.data.plan_type
  return {
    seatManagement: parsed.data.seat_management_setting,
    publicCodeSuggestions: parsed.data.public_code_suggestions ?? 'unconfigured',
    planType: plan === 'business' || plan === 'enterprise' ? plan : null
  }
}

/** SPEC.md's pre-flight for writes: explains the setting and where an owner changes it. */
export function policyProblem(org: string, s: CopilotSettings): string | null {
  const where = `https://github.com/organizations/${org}/settings/copilot`
  if (s.seatManagement !== 'assign_selected') {
    const meaning: Record<string, string> = {
      assign_all:
        'Copilot is enabled for all members, so seats cannot be assigned or cancelled one by one',
      disabled: 'Copilot is disabled for the organization',
      unconfigured: 'Copilot access has not been configured yet'
    }
    return `Org "${org}" has Copilot seat management set to "${s.seatManagement}": ${meaning[s.seatManagement] ?? 'seats cannot be managed per user'}. Fix: an org owner sets "Access" to "Selected members" at ${where} (Access management), then re-run. Nothing was sent.`
  }
  if (s.publicCodeSuggestions === 'unconfigured') {
    return `Org "${org}" has not set the policy for Copilot suggestions matching public code, and GitHub refuses seat changes until it is set. Fix: an org owner chooses "Allowed" or "Blocked" under Policies at ${where}, then re-run. Nothing was sent.`
  }
  return null
}

const UserSchema = z.looseObject({ login: z.string() })
const usersOf = (data: unknown): string[] =>
  z
    .array(UserSchema)
    .parse(data)
    .map((u) => u.login.toLowerCase())

/** 204: member; 404: not a member (or an invitation not yet accepted). */
export async function isOrgMember(
  client: Octokit,
  org: string,
  login: string,
  apiUrl?: string
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
  apiUrl?: string
): Promise<{ members: Set<string>; requests: number }> {
  const ctx = { doing: `listing the members of org "${org}"`, scope: 'org' as const, org, apiUrl }
  const { values, pages } = await readAllPages(
    client,
    'GET /orgs/{org}/members',
    { org },
    usersOf,
    ctx
  )
  return { members: new Set(values.flat()), requests: pages }
}

export interface Team {
  slug: string
  name: string
}

/** The team by slug, or null when the org has no such team (404). */
export async function getTeam(
  client: Octokit,
  org: string,
  slug: string,
  apiUrl?: string
): Promise<Team | null> {
  try {
    const { data } = await client.request('GET /orgs/{org}/teams/{team_slug}', {
      org,
      team_slug: slug
    })
    const team = z.looseObject({ slug: z.string(), name: z.string() }).parse(data)
    return { slug: team.slug.toLowerCase(), name: team.name }
  } catch (error) {
    if (statusOf(error) === 404) return null
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
  apiUrl?: string
): Promise<{ members: string[]; requests: number }> {
  const ctx = {
    doing: `listing the members of team "${slug}" of org "${org}"`,
    scope: 'team' as const,
    org,
    team: slug,
    apiUrl
  }
  const { values, pages } = await readAllPages(
    client,
    'GET /orgs/{org}/teams/{team_slug}/members',
    { org, team_slug: slug },
    usersOf,
    ctx
  )
  return { members: [...new Set(values.flat())], requests: pages }
}
