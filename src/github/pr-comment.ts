// One comment per pull request and marker, created once and edited in place
// by later runs, with `github-token` (the repository client). A pull request's
// conversation comments are issue comments on its number.
import type { Octokit } from './client.js'
import { isRateLimit, statusOf } from './errors.js'
import {
  createComment,
  listComments,
  updateComment,
  type CommentRef,
  type RepoRef
} from './issues.js'

export interface PullRequestRef {
  repo: RepoRef
  number: number
}

export type CommentResult =
  | { kind: 'created' | 'updated'; comment: CommentRef }
  /** 403: the token may not write here (a fork's read-only workflow token). */
  | { kind: 'forbidden'; message: string }

/**
 * The comment a later run edits: the oldest whose body starts with the marker (a
 * reply quoting it starts with "> " and does not count).
 */
export function findMarked(comments: readonly CommentRef[], marker: string): CommentRef | null {
  return comments.find((c) => c.body.startsWith(marker)) ?? null
}

/** Posts `body` (which starts with `marker`) as the pull request's comment, or edits the one there. */
export async function upsertPullRequestComment(
  client: Octokit,
  pr: PullRequestRef,
  marker: string,
  body: string,
  apiUrl: string
): Promise<CommentResult> {
  try {
    const existing = findMarked(await listComments(client, pr.repo, pr.number, apiUrl), marker)
    return existing
      ? {
          kind: 'updated',
          comment: await updateComment(client, pr.repo, existing.id, body, apiUrl)
        }
      : { kind: 'created', comment: await createComment(client, pr.repo, pr.number, body, apiUrl) }
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause ?? error
    if (statusOf(cause) === 403 && !isRateLimit(cause)) {
      return { kind: 'forbidden', message: (error as Error).message }
    }
    throw error
  }
}
