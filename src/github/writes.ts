// Seat writes: batches of at most 100 names, one after another (the limiter
// keeps them a second apart), to an org's endpoints or the enterprise's. A
// failed batch does not stop the others; a batch refused for its names is
// split until the names that cause it are isolated: 422 at an org, 404 or 422
// at the enterprise (which has no membership pre-check, so an unknown login
// fails the whole request).
import { CancelledError } from '../errors.js'
import type { Destination } from '../domain/routing.js'
import { tokenKindOf, type Octokit } from './client.js'
import { describeRequestError, githubMessage, isRateLimit, statusOf } from './errors.js'

export const BATCH_SIZE = 100

/**
 * At the enterprise, this many logins refused one by one with nothing accepted
 * means the refusal is not about the logins (the enterprise's policy, or the
 * preview endpoint missing): the rest are not sent, instead of one request each.
 */
export const REFUSED_ALONE_LIMIT = 3

export type WriteKind = 'add-users' | 'cancel-users' | 'add-teams' | 'cancel-teams'

/** Where a write goes: an org's Copilot endpoints, or the enterprise's. */
export type WriteTarget = Destination

interface Route {
  route: string
  field: 'selected_usernames' | 'selected_teams' | 'selected_enterprise_teams'
  count: 'seats_created' | 'seats_cancelled'
}

const ORG_ROUTES: Record<WriteKind, Route> = {
  'add-users': {
    route: 'POST /orgs/{org}/copilot/billing/selected_users',
    field: 'selected_usernames',
    count: 'seats_created'
  },
  'cancel-users': {
    route: 'DELETE /orgs/{org}/copilot/billing/selected_users',
    field: 'selected_usernames',
    count: 'seats_cancelled'
  },
  'add-teams': {
    route: 'POST /orgs/{org}/copilot/billing/selected_teams',
    field: 'selected_teams',
    count: 'seats_created'
  },
  'cancel-teams': {
    route: 'DELETE /orgs/{org}/copilot/billing/selected_teams',
    field: 'selected_teams',
    count: 'seats_cancelled'
  }
}

const ENTERPRISE_ROUTES: Record<WriteKind, Route> = {
  'add-users': {
    route: 'POST /enterprises/{enterprise}/copilot/billing/selected_users',
    field: 'selected_usernames',
    count: 'seats_created'
  },
  'cancel-users': {
    route: 'DELETE /enterprises/{enterprise}/copilot/billing/selected_users',
    field: 'selected_usernames',
    count: 'seats_cancelled'
  },
  'add-teams': {
    route: 'POST /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams',
    field: 'selected_enterprise_teams',
    count: 'seats_created'
  },
  // 200 `{ seats_cancelled }`, or 202 `{ message }` when GitHub applies it later: no count then.
  'cancel-teams': {
    route: 'DELETE /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams',
    field: 'selected_enterprise_teams',
    count: 'seats_cancelled'
  }
}

export interface WriteFailure {
  name: string
  message: string
}

export interface WriteOutcome {
  /** Names in requests GitHub accepted. */
  accepted: string[]
  /** Names whose request failed for good. */
  failed: WriteFailure[]
  /** Names never sent because the run was cancelled. */
  notSent: string[]
  /** Sum of `seats_created` / `seats_cancelled` as GitHub reported them. */
  reported: number
}

export interface WriteOptions {
  apiUrl?: string
  isCancelled: () => boolean
  /** Re-reads the org's policy after a 422: a policy problem fails everything left, without splitting. */
  policyProblem: () => Promise<string | null>
  /** Told of each batch just before it is sent (a run cancelled while it is in flight reports it). */
  onSending?: (names: readonly string[]) => void
  /** Told of each batch GitHub accepted, as it happens (a cancelled run reports them). */
  onAccepted?: (names: readonly string[]) => void
  /** The name a request carries for one of `names` (an enterprise team's name for its slug). */
  wireName?: (name: string) => string
}

function isolatedWhy(target: WriteTarget, kind: WriteKind, status: number): string {
  if (target.kind === 'enterprise') {
    const preview =
      status === 404
        ? ', or the enterprise seat endpoints (public preview) are not available to this enterprise'
        : ''
    return kind.endsWith('teams')
      ? `the enterprise team may not exist${preview}`
      : `they are usually not a member of the enterprise (of one of its orgs or enterprise teams)${preview}`
  }
  return kind.endsWith('teams')
    ? 'the team may not exist or may have no members'
    : kind === 'add-users'
      ? 'they are usually not an org member (or their invitation is pending)'
      : 'the seat is usually granted through a team'
}

export async function applyWrites(
  client: Octokit,
  target: WriteTarget,
  kind: WriteKind,
  names: readonly string[],
  options: WriteOptions
): Promise<WriteOutcome> {
  const enterprise = target.kind === 'enterprise'
  const { route, field, count } = (enterprise ? ENTERPRISE_ROUTES : ORG_ROUTES)[kind]
  const params = enterprise ? { enterprise: target.enterprise } : { org: target.org }
  const where = enterprise ? `enterprise "${target.enterprise}"` : `org "${target.org}"`
  const wire = options.wireName ?? ((name: string) => name)
  const splitOn = enterprise ? [404, 422] : [422]
  const outcome: WriteOutcome = { accepted: [], failed: [], notSent: [], reported: 0 }
  let policy: string | null | undefined
  let halted: string | null = null
  const refusedAlone: string[] = []
  const doing = (n: number) =>
    `${kind.startsWith('add') ? 'assigning' : 'cancelling'} seats ${kind.endsWith('teams') ? 'of' : 'for'} ${n} ${kind.endsWith('teams') ? 'team' : 'user'}${n === 1 ? '' : 's'} in ${where}`

  const send = async (batch: string[]): Promise<void> => {
    if (halted) {
      for (const name of batch) outcome.failed.push({ name, message: halted })
      return
    }
    if (options.isCancelled()) {
      for (const name of batch) outcome.notSent.push(name)
      return
    }
    try {
      options.onSending?.(batch)
      const response = await client.request(route, { ...params, [field]: batch.map(wire) })
      const n = (response.data as Record<string, unknown> | null)?.[count]
      if (typeof n === 'number') outcome.reported += n
      for (const name of batch) outcome.accepted.push(name)
      options.onAccepted?.(batch)
    } catch (error) {
      if (error instanceof CancelledError) {
        for (const name of batch) outcome.notSent.push(name)
        return
      }
      const status = statusOf(error)
      if (status !== undefined && splitOn.includes(status)) {
        if (status === 422 && policy === undefined) {
          policy = await options.policyProblem().catch(() => null)
        }
        if (policy) {
          halted = policy
          for (const name of batch) outcome.failed.push({ name, message: policy })
          return
        }
        if (batch.length > 1) {
          const half = Math.ceil(batch.length / 2)
          await send(batch.slice(0, half))
          await send(batch.slice(half))
          return
        }
        // The policy is fine (or cannot be read here), so GitHub refuses this one name.
        const said = githubMessage(error)
        outcome.failed.push({
          name: batch[0]!,
          message: `GitHub refused "${batch[0]}" alone (${status})${said ? `: "${said}"` : ''}; ${isolatedWhy(target, kind, status)}. The other names were applied`
        })
        refusedAlone.push(batch[0]!)
        if (enterprise && !outcome.accepted.length && refusedAlone.length >= REFUSED_ALONE_LIMIT) {
          halted = `not sent: GitHub refused each of the first ${refusedAlone.length} names sent alone to ${where} (${refusedAlone.join(', ')}) and accepted none (${status}${said ? `: "${said}"` : ''}), so the refusal is most likely not about the names: the enterprise's Copilot policy (422), or the enterprise seat endpoints (public preview) not being available (404). Fix: check the enterprise's Copilot settings and the names above, then re-run (safe to repeat)`
        }
        return
      }
      const reason = describeRequestError(error, {
        doing: doing(batch.length),
        scope: enterprise ? 'enterprise-write' : 'write',
        ...params,
        apiUrl: options.apiUrl,
        tokenKind: tokenKindOf(client)
      })
      for (const name of batch) outcome.failed.push({ name, message: reason })
      // A rate limit that outlasted the waits, or a token refused outright, will refuse the next
      // batches too: stop sending.
      if (isRateLimit(error) || status === 401 || status === 403) halted = reason
    }
  }

  for (let i = 0; i < names.length; i += BATCH_SIZE) await send(names.slice(i, i + BATCH_SIZE))
  return outcome
}
