// The repository side: tracking issues, their comments and labels, and
// pull-request comments (a pull request's conversation uses the issue comment
// endpoints). Called with the client of `github-token`, which only ever goes to
// the runner's own API URL.
import type { Octokit } from './client.js'
import { requestFailure, statusOf, type RequestContext } from './errors.js'
import { readAllPages } from './pages.js'

export interface RepoRef {
  owner: string
  name: string
}

export interface GitHubUser {
  login: string
  id: number
}

export interface IssueRef {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  user: GitHubUser | null
  createdAt: string
  htmlUrl: string
  /** Label names. */
  labels: string[]
}

export interface CommentRef {
  id: number
  body: string
  user: GitHubUser | null
  createdAt: string
  updatedAt: string
  htmlUrl: string
}

type Raw = Record<string, unknown>
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown) => (typeof v === 'string' ? v : '')

function userOf(v: unknown): GitHubUser | null {
  if (!isObject(v) || typeof v.login !== 'string' || typeof v.id !== 'number') return null
  return { login: v.login, id: v.id }
}

const isIssue = (v: unknown): v is Raw =>
  isObject(v) && typeof v.number === 'number' && typeof v.state === 'string'
const isComment = (v: unknown): v is Raw =>
  isObject(v) && typeof v.id === 'number' && typeof v.created_at === 'string'

function issueOf(v: Raw): IssueRef {
  return {
    number: v.number as number,
    title: str(v.title),
    body: str(v.body),
    state: v.state === 'closed' ? 'closed' : 'open',
    user: userOf(v.user),
    createdAt: str(v.created_at),
    htmlUrl: str(v.html_url),
    labels: Array.isArray(v.labels)
      ? v.labels.flatMap((l) => (typeof l === 'string' ? [l] : isObject(l) ? [str(l.name)] : []))
      : []
  }
}

/**
 * Creating content is not idempotent: after a timeout or a 5xx GitHub may have
 * created it, and a retry would post it twice. Such requests are not retried
 * (limit refusals still are: a refused request created nothing); the caller
 * decides, usually by reading what is there on the next run.
 */
const CREATES = { retries: 0 } as const

function commentOf(v: Raw): CommentRef {
  return {
    id: v.id as number,
    body: str(v.body),
    user: userOf(v.user),
    createdAt: str(v.created_at),
    updatedAt: str(v.updated_at) || str(v.created_at),
    htmlUrl: str(v.html_url)
  }
}

const ctxFor = (repo: RepoRef, doing: string, apiUrl: string): RequestContext => ({
  doing: `${doing} in ${repo.owner}/${repo.name}`,
  scope: 'repo',
  repo: `${repo.owner}/${repo.name}`,
  apiUrl
})

/** The repository's visibility (`public`, `private` or `internal`). */
export async function getRepoVisibility(
  client: Octokit,
  repo: RepoRef,
  apiUrl: string
): Promise<string> {
  try {
    const { data } = await client.request('GET /repos/{owner}/{repo}', {
      owner: repo.owner,
      repo: repo.name,
      request: { expect: isObject }
    })
    const d = data as Raw
    return typeof d.visibility === 'string'
      ? d.visibility
      : d.private === true
        ? 'private'
        : 'public'
  } catch (error) {
    throw requestFailure(error, ctxFor(repo, 'reading the repository', apiUrl))
  }
}

/** Open issues (not pull requests) with `label`, oldest first, every page. */
export async function listOpenIssues(
  client: Octokit,
  repo: RepoRef,
  label: string,
  apiUrl: string
): Promise<IssueRef[]> {
  const { values } = await readAllPages(
    client,
    'GET /repos/{owner}/{repo}/issues',
    {
      owner: repo.owner,
      repo: repo.name,
      state: 'open',
      labels: label,
      sort: 'created',
      direction: 'asc'
    },
    {
      expect: (d) => Array.isArray(d) && d.every(isIssue),
      extract: (d) => (d as Raw[]).filter((i) => !i.pull_request).map(issueOf)
    },
    ctxFor(repo, `listing the open issues labelled "${label}"`, apiUrl)
  )
  return values.flat()
}

export async function getIssue(
  client: Octokit,
  repo: RepoRef,
  number: number,
  apiUrl: string
): Promise<IssueRef> {
  try {
    const { data } = await client.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
      owner: repo.owner,
      repo: repo.name,
      issue_number: number,
      request: { expect: isIssue }
    })
    return issueOf(data)
  } catch (error) {
    throw requestFailure(error, ctxFor(repo, `reading issue #${number}`, apiUrl))
  }
}

export async function createIssue(
  client: Octokit,
  repo: RepoRef,
  issue: { title: string; body: string; labels: string[] },
  apiUrl: string
): Promise<IssueRef> {
  try {
    const { data } = await client.request('POST /repos/{owner}/{repo}/issues', {
      owner: repo.owner,
      repo: repo.name,
      ...issue,
      request: { expect: isIssue, ...CREATES }
    })
    return issueOf(data)
  } catch (error) {
    throw requestFailure(error, ctxFor(repo, 'opening the tracking issue', apiUrl))
  }
}

export async function updateIssueBody(
  client: Octokit,
  repo: RepoRef,
  number: number,
  body: string,
  apiUrl: string
): Promise<void> {
  try {
    await client.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
      owner: repo.owner,
      repo: repo.name,
      issue_number: number,
      body,
      request: { expect: isIssue }
    })
  } catch (error) {
    throw requestFailure(error, ctxFor(repo, `updating issue #${number}`, apiUrl))
  }
}

/** Creates the label; one that exists already (422 `already_exists`) is fine. */
export async function ensureLabel(
  client: Octokit,
  repo: RepoRef,
  label: { name: string; color: string; description: string },
  apiUrl: string
): Promise<void> {
  try {
    await client.request('POST /repos/{owner}/{repo}/labels', {
      owner: repo.owner,
      repo: repo.name,
      ...label
    })
  } catch (error) {
    if (statusOf(error) === 422) return
    throw requestFailure(error, ctxFor(repo, `creating the label "${label.name}"`, apiUrl))
  }
}

/** Every comment of an issue or pull request, oldest first. */
export async function listComments(
  client: Octokit,
  repo: RepoRef,
  number: number,
  apiUrl: string
): Promise<CommentRef[]> {
  const { values } = await readAllPages(
    client,
    'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
    { owner: repo.owner, repo: repo.name, issue_number: number },
    {
      expect: (d) => Array.isArray(d) && d.every(isComment),
      extract: (d) => (d as Raw[]).map(commentOf)
    },
    ctxFor(repo, `reading the comments of #${number}`, apiUrl)
  )
  return values.flat()
}

export async function createComment(
  client: Octokit,
  repo: RepoRef,
  number: number,
  body: string,
  apiUrl: string
): Promise<CommentRef> {
  try {
    const { data } = await client.request(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      {
        owner: repo.owner,
        repo: repo.name,
        issue_number: number,
        body,
        request: { expect: isComment, ...CREATES }
      }
    )
    return commentOf(data)
  } catch (error) {
    throw requestFailure(error, ctxFor(repo, `commenting on #${number}`, apiUrl))
  }
}

export async function updateComment(
  client: Octokit,
  repo: RepoRef,
  id: number,
  body: string,
  apiUrl: string
): Promise<CommentRef> {
  try {
    const { data } = await client.request(
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
      {
        owner: repo.owner,
        repo: repo.name,
        comment_id: id,
        body,
        request: { expect: isComment }
      }
    )
    return commentOf(data)
  } catch (error) {
    throw requestFailure(error, ctxFor(repo, `updating comment ${id}`, apiUrl))
  }
}
