// Seat writes: batches of at most 100 names, one after another (the limiter
// keeps them a second apart). A failed batch does not stop the others; a batch
// refused with 422 is split until the names that cause it are isolated.
import { CancelledError } from '../errors.js'
import type { Octokit } from './client.js'
import { describeRequestError, githubMessage, isRateLimit, statusOf } from './errors.js'

export const BATCH_SIZE = 100

export type WriteKind = 'add-users' | 'cancel-users' | 'add-teams' | 'cancel-teams'

const ROUTES: Record<
  WriteKind,
  {
    route: string
    field: 'selected_usernames' | 'selected_teams'
    count: 'seats_created' | 'seats_cancelled'
  }
> = {
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
}

export async function applyWrites(
  client: Octokit,
  org: string,
  kind: WriteKind,
  names: readonly string[],
  options: WriteOptions
): Promise<WriteOutcome> {
  const { route, field, count } = ROUTES[kind]
  const outcome: WriteOutcome = { accepted: [], failed: [], notSent: [], reported: 0 }
  let policy: string | null | undefined
  let halted: string | null = null
  const doing = (n: number) =>
    `${kind.startsWith('add') ? 'assigning' : 'cancelling'} seats ${kind.endsWith('teams') ? 'of' : 'for'} ${n} ${kind.endsWith('teams') ? 'team' : 'user'}${n === 1 ? '' : 's'} in org "${org}"`

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
      const response = await client.request(route, { org, [field]: batch })
      const n = (response.data as Record<string, unknown> | null)?.[count]
      if (typeof n === 'number') outcome.reported += n
      for (const name of batch) outcome.accepted.push(name)
      options.onAccepted?.(batch)
    } catch (error) {
      if (error instanceof CancelledError) {
        for (const name of batch) outcome.notSent.push(name)
        return
      }
      if (statusOf(error) === 422) {
        if (policy === undefined) policy = await options.policyProblem().catch(() => null)
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
        // The org's policy is fine, so GitHub refuses this one name.
        const said = githubMessage(error)
        const why = kind.endsWith('teams')
          ? 'the team may not exist or may have no members'
          : kind === 'add-users'
            ? 'they are usually not an org member (or their invitation is pending)'
            : 'the seat is usually granted through a team'
        outcome.failed.push({
          name: batch[0]!,
          message: `GitHub refused "${batch[0]}" alone (422)${said ? `: "${said}"` : ''}; ${why}. The other names were applied`
        })
        return
      }
      const reason = describeRequestError(error, {
        doing: doing(batch.length),
        scope: 'write',
        org,
        apiUrl: options.apiUrl
      })
      for (const name of batch) outcome.failed.push({ name, message: reason })
      // A rate limit that outlasted the waits will refuse the next batches too: stop sending.
      if (isRateLimit(error)) halted = reason
    }
  }

  for (let i = 0; i < names.length; i += BATCH_SIZE) await send(names.slice(i, i + BATCH_SIZE))
  return outcome
}
