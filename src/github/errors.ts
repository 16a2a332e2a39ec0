// Maps a failed request to a message with a cause and a fix, by where the call
// was made: a 404 on a user's seat is "no seat" (handled by the caller), on the
// org it is "not found or not visible", on a write it is something else again.
import { ActionError, CancelledError } from '../errors.js'
import { AttemptTimeoutError, PRODUCTION_TIMING, UnexpectedBodyError } from './client.js'
import { enterpriseProblem, enterpriseWriteNotFound } from './enterprise-errors.js'
import type { TokenKind } from './token-kind.js'

/**
 * Where a request was made. `enterprise`: an enterprise read (the seat listing,
 * one user's seats, enterprise teams); `enterprise-write`: an enterprise seat write.
 */
export type Scope = 'org' | 'enterprise' | 'enterprise-write' | 'team' | 'member' | 'write' | 'repo'

export interface RequestContext {
  /** What was being done, e.g. "listing the Copilot seats of org acme". */
  doing: string
  scope: Scope
  org?: string
  enterprise?: string
  team?: string
  /** `owner/name`, for requests made with \`github-token\` to a repository. */
  repo?: string
  /** The API URL the request went to (to tell GitHub Enterprise Server apart). */
  apiUrl?: string
  /** The kind of token sent, where the message depends on it (enterprise scope). */
  tokenKind?: TokenKind
}

interface HttpLike {
  status?: number
  message?: string
  response?: { headers?: Record<string, string | undefined>; data?: unknown }
}

export const TOKEN_HELP =
  'a classic PAT needs the manage_billing:copilot scope (and read:org for members and teams); a fine-grained token or GitHub App needs the organization permissions "GitHub Copilot Business" (read and write) and "Members" (read); the token\'s user must be an organization owner. The workflow GITHUB_TOKEN cannot manage Copilot seats.'

export function statusOf(error: unknown): number | undefined {
  const status = (error as HttpLike | null)?.status
  return typeof status === 'number' ? status : undefined
}

/** GitHub's own sentence from an error body, without its documentation link or any HTML. */
export function githubMessage(error: unknown): string {
  const e = (error ?? {}) as HttpLike
  const data = e.response?.data as { message?: unknown } | undefined
  const text = typeof data?.message === 'string' ? data.message : (e.message ?? '')
  // An HTML error page (a 502 "Unicorn!") says nothing a person needs: leave it out.
  if (/<(!doctype|html|head|body)\b/i.test(text)) return ''
  // Octokit appends " - <documentation_url>"; keep the sentence only, and never a whole HTML page.
  return text
    .replace(/ - https?:\/\/\S+$/, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300)
}

export function isRateLimit(error: unknown): boolean {
  const e = error as HttpLike
  if (e?.status !== 403 && e?.status !== 429) return false
  return (
    e.response?.headers?.['x-ratelimit-remaining'] === '0' ||
    /rate limit/i.test(e.message ?? '') ||
    e.status === 429
  )
}

/** A request with \`github-token\` (tracking issue, pull-request comments) that GitHub refused. */
function repoProblem(status: number, where: string, said: string, repo: string): string {
  if (status === 401) {
    return `\`github-token\` was rejected (401) ${where}. Fix: leave \`github-token\` at its default (\`\${{ github.token }}\`), or pass a valid token.`
  }
  if (status === 404) {
    return `Repository ${repo} was not found or is not visible to \`github-token\` (404) ${where}.${said} Fix: check \`notify-repo\`; the workflow token sees its own repository only, so another repository needs a token with access to it.`
  }
  return `\`github-token\` may not do this (403) ${where}.${said} Fix: give the job \`permissions: issues: write\` (tracking issue) or \`pull-requests: write\` (pull-request comments); on a pull request from a fork the workflow token can only read.`
}

function isGhes(apiUrl: string | undefined): boolean {
  if (!apiUrl) return false
  try {
    const url = new URL(apiUrl)
    const host = url.hostname
    // GHES serves its REST API under /api/v3; github.com and ghe.com use an api. host.
    if (!/^\/api\/v3\/?$/.test(url.pathname)) return false
    return !(
      host === 'api.github.com' ||
      host.endsWith('.ghe.com') ||
      host === '127.0.0.1' ||
      host === 'localhost'
    )
  } catch {
    return false
  }
}

const waitText = (seconds: number) =>
  seconds >= 5400 ? `${Math.round(seconds / 3600)} hours` : `${Math.ceil(seconds / 60)} minutes`

function resetTime(error: HttpLike): string | null {
  const reset = Number(error.response?.headers?.['x-ratelimit-reset'])
  return Number.isFinite(reset) && reset > 0
    ? new Date(reset * 1000).toISOString().replace(/\.\d+Z$/, 'Z')
    : null
}

/** One sentence of cause and fix for a request that failed for good. */
export function describeRequestError(error: unknown, ctx: RequestContext): string {
  if (error instanceof ActionError) return error.message
  if (error instanceof CancelledError) return `Not done: ${error.message} (${ctx.doing}).`
  if (error instanceof AttemptTimeoutError) {
    return `${error.message} while ${ctx.doing}, after retries. Fix: GitHub may be slow or unreachable; re-run later (safe to repeat).`
  }
  if (error instanceof UnexpectedBodyError) {
    return `${error.message} while ${ctx.doing}, after retries; nothing was concluded from it. Fix: this is usually a transient GitHub or proxy problem; re-run (safe to repeat).`
  }
  const e = (error ?? {}) as HttpLike
  const status = statusOf(error)
  const msg = githubMessage(e)
  const said = msg ? ` GitHub said: "${msg}".` : ''
  const where = `while ${ctx.doing}`
  if (status === undefined) {
    return `Request failed ${where}: ${e.message ?? String(error)}. Fix: check that the API URL (\`github-api-url\`, by default the runner's GITHUB_API_URL) is right and reachable from the runner (proxy settings), then re-run.`
  }
  if (ctx.scope === 'repo' && (status === 401 || status === 403 || status === 404)) {
    return repoProblem(status, where, said, ctx.repo ?? 'the repository')
  }
  if (status === 401) {
    return `The token was rejected (401 Bad credentials) ${where}. Fix: put a valid, unexpired token in the \`token\` input (usually a secret); ${TOKEN_HELP}`
  }
  if (isRateLimit(error)) {
    const reset = resetTime(e)
    if (e.response?.headers?.['x-ratelimit-remaining'] === '0') {
      return `GitHub's primary rate limit for this token is used up (${status}) ${where}; it resets at ${reset ?? 'the time in x-ratelimit-reset'}. This is not a permission problem. Fix: re-run after the reset (the run is safe to repeat), or use a GitHub App token, which has a higher limit.`
    }
    const asked = Number(e.response?.headers?.['retry-after'])
    if (Number.isFinite(asked) && asked > PRODUCTION_TIMING.maxWaitSeconds) {
      return `GitHub's secondary rate limit stopped the run (${status}) ${where}: GitHub asked to wait ${asked} s, longer than the ${PRODUCTION_TIMING.maxWaitSeconds} s this action waits.${said} This is not a permission problem. Fix: re-run in about ${waitText(asked)} (safe to repeat); avoid running several seat jobs at once (use a \`concurrency:\` group).`
    }
    return `GitHub's secondary rate limit stopped the run (${status}) ${where}, after waiting as GitHub asked.${said} This is not a permission problem. Fix: re-run later (safe to repeat); avoid running several seat jobs at once (use a \`concurrency:\` group).`
  }
  const enterprise = enterpriseProblem(status, ctx, where, said)
  if (enterprise) return enterprise
  if (status === 403) {
    return `The token is not allowed to do this (403) ${where}.${said} Fix: ${TOKEN_HELP}`
  }
  if (status === 404) {
    if (isGhes(ctx.apiUrl) && ctx.scope !== 'member') {
      return `Not found (404) ${where}. The API URL (\`github-api-url\`) is ${ctx.apiUrl}, which looks like GitHub Enterprise Server: it has no Copilot seat endpoints. Fix: run this action against github.com or a ghe.com tenant.`
    }
    switch (ctx.scope) {
      case 'enterprise-write':
        return enterpriseWriteNotFound(ctx, where, said)
      case 'enterprise':
        return `Enterprise "${ctx.enterprise}" was not found or is not visible to the token (404) ${where}. Fix: check the \`enterprise\` slug; the token needs manage_billing:copilot or read:enterprise and its user must be an enterprise owner or billing manager.`
      case 'team':
        return `Team "${ctx.team}" was not found in org "${ctx.org}" (404) ${where}. Fix: use the team's slug (as in its URL, e.g. "platform-team"), and give the token read:org or "Members: read".`
      default:
        return `Organization "${ctx.org}" was not found or is not visible to the token (404) ${where}, or Copilot is not set up for it. Fix: check the \`org\` input and that \`github-api-url\` (${ctx.apiUrl ?? "the runner's API"}) is the org's GitHub; ${TOKEN_HELP}`
    }
  }
  if (status === 422) {
    if (ctx.scope === 'write') {
      return `GitHub refused the change under the organization's Copilot policy (422) ${where}.${said} Fix: in the org's Settings > Copilot > Access, an owner sets access to "selected members" and sets the suggestions-matching-public-code policy; seats granted through a team are removed through the team.`
    }
    return `GitHub cannot answer for org "${ctx.org}" (422) ${where}.${said} Fix: Copilot Business or Enterprise must be enabled and billing set up for the organization (org Settings > Copilot).`
  }
  if (status >= 500 && !e.response) {
    // Octokit reports a failed connection (reset, refused, DNS) as a 500 without a response.
    return `Could not reach GitHub ${where}, after retries: ${e.message ?? 'network error'}. Fix: check the runner's network and proxy settings and the API URL (\`github-api-url\`), then re-run (safe to repeat).`
  }
  if (status >= 500) {
    return `GitHub failed with ${status} ${where}, after retries.${said} Fix: this is usually a temporary GitHub problem; check https://www.githubstatus.com and re-run (safe to repeat).`
  }
  return `GitHub answered ${status} ${where}.${said}`
}

export function requestFailure(error: unknown, ctx: RequestContext): ActionError {
  if (error instanceof ActionError) return error
  return new ActionError(describeRequestError(error, ctx), { cause: error })
}
