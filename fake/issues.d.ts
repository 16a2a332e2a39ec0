// Types for fake/issues.js: repositories, issues, issue comments and labels of the fake.
import type {
  ExtensionRequest,
  FakeExtension,
  FakeGitHub,
  FakeResponse,
  SimpleUser,
  TokenUser
} from './index.js'

/** An issue's or a comment's body may hold at most this many characters (Unicode code points). */
export declare const BODY_MAX_CHARS: 65536
/** the `message` of the 422 error item for a body over BODY_MAX_CHARS */
export declare const BODY_TOO_LONG_MESSAGE: string
/** 410 on issue endpoints of a repository with issues turned off */
export declare const ISSUES_DISABLED_MESSAGE: string
/** 403 on writes to an archived repository */
export declare const ARCHIVED_MESSAGE: string

export type RepoVisibility = 'public' | 'private' | 'internal'

export interface RepoOptions {
  /** default 'public' (or from `private`) */
  visibility?: RepoVisibility
  /** shorthand: true = 'private', false = 'public'; must agree with `visibility` when both are given */
  private?: boolean
  /** default true; false: issue endpoints answer 410 (pull-request comments still work) */
  hasIssues?: boolean
  /** default false; true: every write answers 403 */
  archived?: boolean
  /** default 'Organization' */
  ownerType?: 'Organization' | 'User'
}

/** A person's issue (or pull request), created through the state API. */
export interface IssueInput {
  title: string
  body?: string | null
  /** label names; missing labels are created (color ededed) */
  labels?: string[]
  /** login or TokenUser; default 'octocat' */
  user?: string | TokenUser
  /** default 'open'; 'closed' closes it at its creation time */
  state?: 'open' | 'closed'
  /** default the fake's now() */
  created_at?: Date | string
  /** a pull request: carries `pull_request`, html_url .../pull/N; shares the issue numbering */
  pullRequest?: boolean
}

/** As GitHub's `user` on issues and comments; bots have type 'Bot' and html_url .../apps/<name>. */
export type IssueUserJson = Omit<SimpleUser, 'type'> & { type: 'User' | 'Bot' }

export interface RepoJson {
  id: number
  node_id: string
  name: string
  full_name: string
  private: boolean
  visibility: RepoVisibility
  owner: Omit<SimpleUser, 'type'> & { type: 'Organization' | 'User' }
  html_url: string
  description: null
  fork: false
  url: string
  issues_url: string
  issue_comment_url: string
  labels_url: string
  pulls_url: string
  created_at: string
  updated_at: string
  pushed_at: string
  default_branch: string
  has_issues: boolean
  archived: boolean
  disabled: false
  open_issues_count: number
}

export interface LabelJson {
  id: number
  node_id: string
  url: string
  name: string
  /** six hex digits, no '#' */
  color: string
  default: false
  description: string | null
}

export interface ReactionsJson {
  url: string
  total_count: number
  '+1': number
  '-1': number
  laugh: number
  hooray: number
  confused: number
  heart: number
  rocket: number
  eyes: number
}

export interface IssueJson {
  url: string
  repository_url: string
  labels_url: string
  comments_url: string
  events_url: string
  /** .../issues/N, or .../pull/N for a pull request */
  html_url: string
  id: number
  node_id: string
  number: number
  title: string
  user: IssueUserJson
  labels: LabelJson[]
  state: 'open' | 'closed'
  locked: false
  assignee: null
  assignees: []
  milestone: null
  /** number of comments */
  comments: number
  created_at: string
  updated_at: string
  closed_at: string | null
  author_association: string
  active_lock_reason: null
  body: string | null
  closed_by: IssueUserJson | null
  reactions: ReactionsJson
  timeline_url: string
  performed_via_github_app: null
  state_reason: 'completed' | 'not_planned' | 'reopened' | null
  /** pull requests only */
  draft?: false
  /** pull requests only (GitHub's issue list includes them) */
  pull_request?: {
    url: string
    html_url: string
    diff_url: string
    patch_url: string
    merged_at: null
  }
}

export interface CommentJson {
  url: string
  /** .../issues/N#issuecomment-ID (or .../pull/N#...) */
  html_url: string
  issue_url: string
  id: number
  node_id: string
  user: IssueUserJson
  created_at: string
  updated_at: string
  author_association: string
  body: string
  reactions: ReactionsJson
  performed_via_github_app: null
}

export interface IssuesStats {
  /** issues and comments created through the API */
  contentCreated: number
  /** content-creating requests refused by the content limit (also in gh.stats.secondaryLimited) */
  contentLimited: number
}

/**
 * Endpoints (after the fake's auth and limits; `{owner}/{repo}` case-insensitive, unknown -> 404):
 * GET /repos/{o}/{r}; GET|POST /repos/{o}/{r}/issues; GET|PATCH /repos/{o}/{r}/issues/{n};
 * GET|POST /repos/{o}/{r}/issues/{n}/comments; GET|PATCH /repos/{o}/{r}/issues/comments/{id};
 * POST /repos/{o}/{r}/labels; GET /repos/{o}/{r}/labels/{name}. See fake/README.md.
 */
export declare class FakeIssues implements FakeExtension {
  constructor(gh: FakeGitHub)
  readonly name: 'issues'
  readonly gh: FakeGitHub
  readonly stats: IssuesStats
  route(req: ExtensionRequest, gh: FakeGitHub): FakeResponse | undefined

  /** adds `owner/name`, or changes an existing repository's options */
  addRepo(fullName: string, opts?: RepoOptions): void
  repo(fullName: string): RepoJson | undefined

  /** a person opens an issue (or a pull request with `pullRequest`) */
  addIssue(repo: string, input: IssueInput): IssueJson
  /** a pull request (issue-shaped, with `pull_request`); title default 'Update seats' */
  addPullRequest(repo: string, input?: Partial<Omit<IssueInput, 'pullRequest'>>): IssueJson
  /** a person comments (e.g. a copy of the action's marker), at now() or `created_at` */
  addComment(
    repo: string,
    number: number,
    input: { body: string; user: string | TokenUser; created_at?: Date | string }
  ): CommentJson
  /** a person edits a comment: body, and updated_at = `at` or now() (at least created_at + 1 s) */
  editComment(id: number, body: string, opts?: { at?: Date | string }): CommentJson
  /** a person deletes a comment */
  deleteComment(id: number): void
  /** a person edits an issue (same updated_at rule as editComment); labels replace the set */
  editIssue(
    repo: string,
    number: number,
    patch: { title?: string; body?: string | null; labels?: string[]; at?: Date | string }
  ): IssueJson
  /** a person closes an issue; user default 'octocat', reason default 'completed' */
  closeIssue(
    repo: string,
    number: number,
    opts?: { user?: string | TokenUser; at?: Date | string; reason?: 'completed' | 'not_planned' }
  ): IssueJson
  reopenIssue(repo: string, number: number, opts?: { at?: Date | string }): IssueJson
  /** sets created_at, and updated_at (default: the same, i.e. not edited) */
  backdateComment(
    id: number,
    createdAt: Date | string,
    opts?: { updatedAt?: Date | string }
  ): CommentJson
  /** sets created_at, and updated_at (default: the same); closed_at is left alone */
  backdateIssue(
    repo: string,
    number: number,
    createdAt: Date | string,
    opts?: { updatedAt?: Date | string }
  ): IssueJson

  /** every issue and pull request, by number; state default 'all' */
  issues(repo: string, opts?: { state?: 'open' | 'closed' | 'all' }): IssueJson[]
  issue(repo: string, number: number): IssueJson | undefined
  /** every comment of the issue or pull request, oldest first */
  comments(repo: string, number: number): CommentJson[]
  comment(id: number): CommentJson | undefined
  labels(repo: string): LabelJson[]
}

/** Registers the issues endpoints on `gh` once; later calls return the same instance. */
export declare function useIssues(gh: FakeGitHub): FakeIssues
