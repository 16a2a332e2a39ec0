// Repositories, issues, issue comments and labels for the fake: what the action writes with the
// workflow's token (`github-token`): the tracking issue of `notify: issue` and its notice comments,
// and the pull-request comment of `pr-comment` (a pull request's conversation comments are issue
// comments). Registered on a FakeGitHub with useIssues(gh); types in fake/issues.d.ts.
// Behaviour follows GitHub's REST docs for these endpoints and notes/api.md §2.2 and §7; decisions
// where GitHub's behaviour is unknown are listed in fake/README.md.
import { API_HOST, HttpError, SECONDARY_MESSAGE, WEB_HOST, b64, simpleUserJson } from './github.js'

const DOC_ISSUES = 'https://docs.github.com/rest/issues/issues'
const DOC_COMMENTS = 'https://docs.github.com/rest/issues/comments'
const DOC_LABELS = 'https://docs.github.com/rest/issues/labels'
const DOC_REPOS = 'https://docs.github.com/rest/repos/repos'
const DOC_SECONDARY =
  'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits'

/** GitHub's limit on an issue's or a comment's body, in characters (Unicode code points here). */
export const BODY_MAX_CHARS = 65536
export const BODY_TOO_LONG_MESSAGE = `body is too long (maximum is ${BODY_MAX_CHARS} characters)`
export const ISSUES_DISABLED_MESSAGE = 'Issues are disabled for this repo'
export const ARCHIVED_MESSAGE = 'Repository was archived so is read-only.'

const HOUR_MS = 3_600_000
const MINUTE_MS = 60_000
const DEFAULT_LABEL_COLOR = 'ededed'

/** @param {number} t */
function iso(t) {
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Whole seconds, as GitHub's timestamps have. @param {number} t */
function sec(t) {
  return Math.floor(t / 1000) * 1000
}

/** @param {Date | string} d @param {string} what */
function toMs(d, what) {
  const t = d instanceof Date ? d.getTime() : Date.parse(d)
  if (!Number.isFinite(t)) throw new Error(`FakeIssues: ${what} is not a date: ${String(d)}`)
  return sec(t)
}

/** @param {string} s */
function chars(s) {
  let n = 0
  // eslint-disable-next-line no-unused-vars -- counting code points, the value is not needed
  for (const _ of s) n++
  return n
}

/** A 422 "Validation Failed" answer with GitHub's `errors` array. */
class Invalid {
  /** @param {string} resource @param {string} field @param {string} code @param {string} [message] @param {string} [doc] */
  constructor(resource, field, code, message, doc = DOC_ISSUES) {
    /** @type {Record<string, string>} */
    this.error = { resource, code, field }
    if (message) this.error.message = message
    this.doc = doc
  }
}

/** @param {unknown} body */
function object(body, resource, doc = DOC_ISSUES) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new Invalid(resource, 'body', 'invalid', 'the request body must be a JSON object', doc)
  }
  return /** @type {Record<string, unknown>} */ (body)
}

/** @param {unknown} v @param {string} resource @param {string} doc */
function checkBody(v, resource, doc) {
  if (v === undefined || v === null) return null
  if (typeof v !== 'string') throw new Invalid(resource, 'body', 'invalid', undefined, doc)
  if (chars(v) > BODY_MAX_CHARS)
    throw new Invalid(resource, 'body', 'custom', BODY_TOO_LONG_MESSAGE, doc)
  return v
}

/** @param {unknown} v @returns {string} */
function checkTitle(v) {
  if (v === undefined || v === null || v === '')
    throw new Invalid('Issue', 'title', 'missing_field')
  if (typeof v === 'number') return String(v)
  if (typeof v !== 'string') throw new Invalid('Issue', 'title', 'invalid')
  return v
}

/** @param {unknown} v @returns {string[]} */
function checkLabelNames(v) {
  if (!Array.isArray(v)) throw new Invalid('Issue', 'labels', 'invalid')
  return v.map((l) => {
    const name = typeof l === 'string' ? l : l && typeof l === 'object' ? l.name : undefined
    if (typeof name !== 'string' || name === '') throw new Invalid('Issue', 'labels', 'invalid')
    return name
  })
}

/**
 * @typedef {{ login: string, id: number, type: 'User' | 'Bot' }} Actor
 * @typedef {{ id: number, name: string, color: string, description: string | null }} Label
 * @typedef {{ id: number, repo: Repo, issue: Issue, body: string, user: Actor, createdAt: number, updatedAt: number }} Comment
 * @typedef {{ id: number, repo: Repo, number: number, title: string, body: string | null, state: 'open' | 'closed',
 *   stateReason: string | null, user: Actor, labels: Label[], createdAt: number, updatedAt: number,
 *   closedAt: number | null, closedBy: Actor | null, isPull: boolean, comments: Comment[] }} Issue
 * @typedef {{ id: number, owner: string, name: string, full: string, visibility: 'public' | 'private' | 'internal',
 *   hasIssues: boolean, archived: boolean, ownerType: 'Organization' | 'User', createdAt: number,
 *   issues: Map<number, Issue>, nextNumber: number, labels: Map<string, Label> }} Repo
 */

/** @type {WeakMap<object, FakeIssues>} */
const installed = new WeakMap()

/**
 * Registers the issues endpoints on `gh` (once; later calls return the same instance).
 * @param {import('./github.js').FakeGitHub} gh
 */
export function useIssues(gh) {
  let ext = installed.get(gh)
  if (!ext) {
    ext = new FakeIssues(gh)
    installed.set(gh, ext)
    gh.use(ext)
  }
  return ext
}

export class FakeIssues {
  /** @param {import('./github.js').FakeGitHub} gh */
  constructor(gh) {
    this.name = 'issues'
    this.gh = gh
    /** @type {Map<string, Repo>} */
    this._repos = new Map()
    /** @type {Map<number, Comment>} */
    this._comments = new Map()
    /** @type {Map<number, number[]>} content-creation times per user id (last hour) */
    this._content = new Map()
    this._nextRepoId = 700_001
    this._nextIssueId = 3_000_000_001
    this._nextCommentId = 2_500_000_001
    this._nextLabelId = 9_000_000_001
    this.stats = { contentCreated: 0, contentLimited: 0 }
  }

  // ---------------------------------------------------------------- state API (tests)

  /**
   * Adds a repository, or changes an existing one's settings.
   * @param {string} fullName owner/name
   * @param {import('./issues.js').RepoOptions} [opts]
   */
  addRepo(fullName, opts = {}) {
    const [owner, name, ...rest] = fullName.split('/')
    if (!owner || !name || rest.length) throw new Error(`FakeIssues: not owner/name: ${fullName}`)
    let visibility = opts.visibility
    if (opts.private !== undefined) {
      if (visibility && (visibility !== 'public') !== opts.private) {
        throw new Error(
          `FakeIssues: private ${opts.private} contradicts visibility ${visibility} for ${fullName}`
        )
      }
      visibility ??= opts.private ? 'private' : 'public'
    }
    const existing = this._repos.get(fullName.toLowerCase())
    if (existing) {
      if (visibility) existing.visibility = visibility
      if (opts.hasIssues !== undefined) existing.hasIssues = opts.hasIssues
      if (opts.archived !== undefined) existing.archived = opts.archived
      if (opts.ownerType !== undefined) existing.ownerType = opts.ownerType
      return
    }
    this._repos.set(fullName.toLowerCase(), {
      id: this._nextRepoId++,
      owner,
      name,
      full: `${owner}/${name}`,
      visibility: visibility ?? 'public',
      hasIssues: opts.hasIssues ?? true,
      archived: opts.archived ?? false,
      ownerType: opts.ownerType ?? 'Organization',
      createdAt: sec(this.gh.now().getTime()),
      issues: new Map(),
      nextNumber: 1,
      labels: new Map()
    })
  }

  /** @param {string} fullName */
  repo(fullName) {
    const r = this._repos.get(fullName.toLowerCase())
    return r ? this._repoJson(r) : undefined
  }

  /**
   * An issue opened by a person (default user 'octocat'), or a pull request with `pullRequest`.
   * @param {string} repo
   * @param {import('./issues.js').IssueInput} input
   */
  addIssue(repo, input) {
    const r = this._repo(repo)
    const at = input.created_at !== undefined ? toMs(input.created_at, 'created_at') : this._now()
    const issue = this._createIssue(r, {
      title: input.title,
      body: input.body ?? null,
      labels: input.labels ?? [],
      user: this._person(input.user),
      at,
      isPull: input.pullRequest ?? false
    })
    if (input.state === 'closed') this._close(issue, issue.user, at, 'completed')
    return this._issueJson(issue)
  }

  /** @param {string} repo @param {Omit<import('./issues.js').IssueInput, 'pullRequest'>} [input] */
  addPullRequest(repo, input = {}) {
    return this.addIssue(repo, { title: 'Update seats', ...input, pullRequest: true })
  }

  /**
   * A comment by a person (`user`, a login or a TokenUser), at now() or `created_at`.
   * @param {string} repo @param {number} number
   * @param {{ body: string, user: string | import('./index.js').TokenUser, created_at?: Date | string }} input
   */
  addComment(repo, number, input) {
    const issue = this._issue(this._repo(repo), number)
    const at = input.created_at !== undefined ? toMs(input.created_at, 'created_at') : this._now()
    return this._commentJson(this._createComment(issue, input.body, this._person(input.user), at))
  }

  /**
   * A person edits a comment: new body, `updated_at` = now() (at least 1 s after `created_at`, so
   * an edit shows even under a frozen clock), or `at`.
   * @param {number} id @param {string} body @param {{ at?: Date | string }} [opts]
   */
  editComment(id, body, opts = {}) {
    const c = this._comment(id)
    c.body = body
    c.updatedAt = this._editTime(c.createdAt, opts.at)
    return this._commentJson(c)
  }

  /** A person deletes a comment. @param {number} id */
  deleteComment(id) {
    const c = this._comment(id)
    c.issue.comments = c.issue.comments.filter((x) => x !== c)
    this._comments.delete(id)
  }

  /**
   * A person edits an issue's title, body or labels (same `updated_at` rule as editComment).
   * @param {string} repo @param {number} number
   * @param {{ title?: string, body?: string | null, labels?: string[], at?: Date | string }} patch
   */
  editIssue(repo, number, patch) {
    const r = this._repo(repo)
    const issue = this._issue(r, number)
    if (patch.title !== undefined) issue.title = patch.title
    if (patch.body !== undefined) issue.body = patch.body
    if (patch.labels !== undefined) issue.labels = this._labelsFor(r, patch.labels)
    issue.updatedAt = this._editTime(issue.createdAt, patch.at)
    return this._issueJson(issue)
  }

  /**
   * A person closes an issue (default user 'octocat', reason 'completed').
   * @param {string} repo @param {number} number
   * @param {{ user?: string | import('./index.js').TokenUser, at?: Date | string, reason?: 'completed' | 'not_planned' }} [opts]
   */
  closeIssue(repo, number, opts = {}) {
    const issue = this._issue(this._repo(repo), number)
    const at = this._editTime(issue.createdAt, opts.at)
    this._close(issue, this._person(opts.user), at, opts.reason ?? 'completed')
    return this._issueJson(issue)
  }

  /** @param {string} repo @param {number} number @param {{ at?: Date | string }} [opts] */
  reopenIssue(repo, number, opts = {}) {
    const issue = this._issue(this._repo(repo), number)
    this._reopen(issue, this._editTime(issue.createdAt, opts.at))
    return this._issueJson(issue)
  }

  /**
   * Moves a comment's `created_at` (and `updated_at`, default the same: not edited) into the past,
   * so tests can age notices without moving the clock.
   * @param {number} id @param {Date | string} createdAt @param {{ updatedAt?: Date | string }} [opts]
   */
  backdateComment(id, createdAt, opts = {}) {
    const c = this._comment(id)
    c.createdAt = toMs(createdAt, 'createdAt')
    c.updatedAt = opts.updatedAt !== undefined ? toMs(opts.updatedAt, 'updatedAt') : c.createdAt
    return this._commentJson(c)
  }

  /**
   * Moves an issue's `created_at` and `updated_at` (default the same); `closed_at` is left alone.
   * @param {string} repo @param {number} number @param {Date | string} createdAt @param {{ updatedAt?: Date | string }} [opts]
   */
  backdateIssue(repo, number, createdAt, opts = {}) {
    const issue = this._issue(this._repo(repo), number)
    issue.createdAt = toMs(createdAt, 'createdAt')
    issue.updatedAt =
      opts.updatedAt !== undefined ? toMs(opts.updatedAt, 'updatedAt') : issue.createdAt
    return this._issueJson(issue)
  }

  /**
   * Every issue and pull request of a repository, by number (not paginated).
   * @param {string} repo @param {{ state?: 'open' | 'closed' | 'all' }} [opts]
   */
  issues(repo, opts = {}) {
    const state = opts.state ?? 'all'
    return [...this._repo(repo).issues.values()]
      .filter((i) => state === 'all' || i.state === state)
      .sort((a, b) => a.number - b.number)
      .map((i) => this._issueJson(i))
  }

  /** @param {string} repo @param {number} number */
  issue(repo, number) {
    const i = this._repo(repo).issues.get(number)
    return i ? this._issueJson(i) : undefined
  }

  /** Every comment of an issue or pull request, oldest first. @param {string} repo @param {number} number */
  comments(repo, number) {
    return this._issue(this._repo(repo), number).comments.map((c) => this._commentJson(c))
  }

  /** @param {number} id */
  comment(id) {
    const c = this._comments.get(id)
    return c ? this._commentJson(c) : undefined
  }

  /** @param {string} repo */
  labels(repo) {
    return [...this._repo(repo).labels.values()].map((l) => this._labelJson(this._repo(repo), l))
  }

  // ---------------------------------------------------------------- internals

  _now() {
    return sec(this.gh.now().getTime())
  }

  /** An edit's time: `at`, else now() but at least 1 s after creation. @param {number} createdAt @param {Date | string} [at] */
  _editTime(createdAt, at) {
    if (at !== undefined) return toMs(at, 'at')
    return Math.max(this._now(), createdAt + 1000)
  }

  /** @param {string} fullName */
  _repo(fullName) {
    const r = this._repos.get(fullName.toLowerCase())
    if (!r) throw new Error(`FakeIssues: unknown repository ${fullName} (addRepo first)`)
    return r
  }

  /** @param {Repo} r @param {number} number */
  _issue(r, number) {
    const i = r.issues.get(number)
    if (!i) throw new Error(`FakeIssues: no issue #${number} in ${r.full}`)
    return i
  }

  /** @param {number} id */
  _comment(id) {
    const c = this._comments.get(id)
    if (!c) throw new Error(`FakeIssues: no comment ${id}`)
    return c
  }

  /** A login or a TokenUser -> the user, with the fake's id for that login unless given. */
  /** @param {string | { login: string, id?: number, type?: 'User' | 'Bot' } | undefined} u @returns {Actor} */
  _person(u) {
    const p = typeof u === 'string' ? { login: u } : (u ?? { login: 'octocat' })
    return {
      login: p.login,
      id: p.id ?? /** @type {any} */ (this.gh)._user(p.login).id,
      type: p.type ?? 'User'
    }
  }

  /** @param {Repo} r @param {string[]} names */
  _labelsFor(r, names) {
    /** @type {Label[]} */
    const out = []
    for (const name of names) {
      let l = r.labels.get(name.toLowerCase())
      if (!l) l = this._addLabel(r, name, DEFAULT_LABEL_COLOR, null)
      if (!out.includes(l)) out.push(l)
    }
    return out
  }

  /** @param {Repo} r @param {string} name @param {string} color @param {string | null} description */
  _addLabel(r, name, color, description) {
    const l = { id: this._nextLabelId++, name, color, description }
    r.labels.set(name.toLowerCase(), l)
    return l
  }

  /**
   * @param {Repo} r
   * @param {{ title: string, body: string | null, labels: string[], user: Actor, at: number, isPull: boolean }} x
   */
  _createIssue(r, x) {
    const number = r.nextNumber++
    /** @type {Issue} */
    const issue = {
      id: this._nextIssueId++,
      repo: r,
      number,
      title: x.title,
      body: x.body,
      state: 'open',
      stateReason: null,
      user: x.user,
      labels: this._labelsFor(r, x.labels),
      createdAt: x.at,
      updatedAt: x.at,
      closedAt: null,
      closedBy: null,
      isPull: x.isPull,
      comments: []
    }
    r.issues.set(number, issue)
    return issue
  }

  /** @param {Issue} issue @param {string} body @param {Actor} user @param {number} at */
  _createComment(issue, body, user, at) {
    /** @type {Comment} */
    const c = {
      id: this._nextCommentId++,
      repo: issue.repo,
      issue,
      body,
      user,
      createdAt: at,
      updatedAt: at
    }
    issue.comments.push(c)
    issue.updatedAt = Math.max(issue.updatedAt, at)
    this._comments.set(c.id, c)
    return c
  }

  /** @param {Issue} issue @param {Actor} by @param {number} at @param {string} reason */
  _close(issue, by, at, reason) {
    if (issue.state === 'closed') return
    issue.state = 'closed'
    issue.stateReason = reason
    issue.closedAt = at
    issue.closedBy = by
    issue.updatedAt = Math.max(issue.updatedAt, at)
  }

  /** @param {Issue} issue @param {number} at */
  _reopen(issue, at) {
    if (issue.state === 'open') return
    issue.state = 'open'
    issue.stateReason = 'reopened'
    issue.closedAt = null
    issue.updatedAt = Math.max(issue.updatedAt, at)
  }

  // ---------------------------------------------------------------- serialisation

  /** @param {Actor} u */
  _userJson(u) {
    return simpleUserJson(u, encodeURIComponent(u.login))
  }

  /** @param {Repo} r */
  _repoJson(r) {
    const url = `${API_HOST}/repos/${r.full}`
    const ownerId = /** @type {any} */ (this.gh)._user(r.owner).id
    return {
      id: r.id,
      node_id: b64(`010:Repository${r.id}`),
      name: r.name,
      full_name: r.full,
      private: r.visibility !== 'public',
      visibility: r.visibility,
      owner: {
        ...this._userJson({ login: r.owner, id: ownerId, type: 'User' }),
        node_id: b64(
          `${r.ownerType === 'Organization' ? '012:Organization' : '04:User'}${ownerId}`
        ),
        type: r.ownerType
      },
      html_url: `${WEB_HOST}/${r.full}`,
      description: null,
      fork: false,
      url,
      issues_url: `${url}/issues{/number}`,
      issue_comment_url: `${url}/issues/comments{/number}`,
      labels_url: `${url}/labels{/name}`,
      pulls_url: `${url}/pulls{/number}`,
      created_at: iso(r.createdAt),
      updated_at: iso(r.createdAt),
      pushed_at: iso(r.createdAt),
      default_branch: 'main',
      has_issues: r.hasIssues,
      archived: r.archived,
      disabled: false,
      open_issues_count: [...r.issues.values()].filter((i) => i.state === 'open').length
    }
  }

  /** @param {Repo} r @param {Label} l */
  _labelJson(r, l) {
    return {
      id: l.id,
      node_id: b64(`08:Label${l.id}`),
      url: `${API_HOST}/repos/${r.full}/labels/${encodeURIComponent(l.name)}`,
      name: l.name,
      color: l.color,
      default: false,
      description: l.description
    }
  }

  /** @param {string} url */
  _reactions(url) {
    return {
      url: `${url}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0
    }
  }

  /** @param {Issue} i */
  _issueJson(i) {
    const r = i.repo
    const url = `${API_HOST}/repos/${r.full}/issues/${i.number}`
    const html = `${WEB_HOST}/${r.full}/${i.isPull ? 'pull' : 'issues'}/${i.number}`
    /** @type {Record<string, unknown>} */
    const out = {
      url,
      repository_url: `${API_HOST}/repos/${r.full}`,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: html,
      id: i.id,
      node_id: b64(`${i.isPull ? '011:PullRequest' : '05:Issue'}${i.id}`),
      number: i.number,
      title: i.title,
      user: this._userJson(i.user),
      labels: i.labels.map((l) => this._labelJson(r, l)),
      state: i.state,
      locked: false,
      assignee: null,
      assignees: [],
      milestone: null,
      comments: i.comments.length,
      created_at: iso(i.createdAt),
      updated_at: iso(i.updatedAt),
      closed_at: i.closedAt === null ? null : iso(i.closedAt),
      author_association: 'NONE',
      active_lock_reason: null,
      body: i.body,
      closed_by: i.closedBy ? this._userJson(i.closedBy) : null,
      reactions: this._reactions(url),
      timeline_url: `${url}/timeline`,
      performed_via_github_app: null,
      state_reason: i.stateReason
    }
    if (i.isPull) {
      const pulls = `${API_HOST}/repos/${r.full}/pulls/${i.number}`
      out.draft = false
      out.pull_request = {
        url: pulls,
        html_url: html,
        diff_url: `${html}.diff`,
        patch_url: `${html}.patch`,
        merged_at: null
      }
    }
    return out
  }

  /** @param {Comment} c */
  _commentJson(c) {
    const r = c.repo
    const url = `${API_HOST}/repos/${r.full}/issues/comments/${c.id}`
    const kind = c.issue.isPull ? 'pull' : 'issues'
    return {
      url,
      html_url: `${WEB_HOST}/${r.full}/${kind}/${c.issue.number}#issuecomment-${c.id}`,
      issue_url: `${API_HOST}/repos/${r.full}/issues/${c.issue.number}`,
      id: c.id,
      node_id: b64(`012:IssueComment${c.id}`),
      user: this._userJson(c.user),
      created_at: iso(c.createdAt),
      updated_at: iso(c.updatedAt),
      author_association: 'NONE',
      body: c.body,
      reactions: this._reactions(url),
      performed_via_github_app: null
    }
  }

  // ---------------------------------------------------------------- content-creation limit

  _contentOptions() {
    const l = this.gh.options.limits ?? {}
    return {
      enforce: l.enforceContent ?? l.enforce ?? false,
      perMinute: l.contentPerMinute ?? 80,
      perHour: l.contentPerHour ?? 500,
      now: l.contentClock === 'fake' ? this.gh.now().getTime() : Date.now(),
      retryAfter: l.retryAfterSeconds
    }
  }

  /**
   * Checks a content-creating request against its user's budgets: `refused` is the 403
   * secondary-limit answer when over one, else null and `record()` charges the creation once it
   * succeeded (refused and invalid requests create nothing and are not charged).
   * @param {Actor} actor
   */
  _admitContent(actor) {
    const o = this._contentOptions()
    const times = (this._content.get(actor.id) ?? []).filter((t) => t > o.now - HOUR_MS)
    this._content.set(actor.id, times)
    if (o.enforce) {
      const inMinute = times.filter((t) => t > o.now - MINUTE_MS)
      /** @type {number[]} */
      const waits = []
      if (inMinute.length >= o.perMinute) {
        waits.push(/** @type {number} */ (inMinute[inMinute.length - o.perMinute]) + MINUTE_MS)
      }
      if (times.length >= o.perHour) {
        waits.push(/** @type {number} */ (times[times.length - o.perHour]) + HOUR_MS)
      }
      if (waits.length) {
        const retryAfter = Math.max(1, Math.ceil((Math.max(...waits) - o.now) / 1000))
        /** @type {Record<string, string>} */
        const extra = { 'x-fake-secondary-reason': 'content' }
        if (o.retryAfter !== null) extra['retry-after'] = String(retryAfter)
        const res = this.gh.json(403, {}, extra)
        const requestId = res.headers['x-github-request-id']
        res.body = JSON.stringify({
          message: `${SECONDARY_MESSAGE}${requestId}.`,
          documentation_url: DOC_SECONDARY,
          status: '403'
        })
        this.stats.contentLimited++
        this.gh.stats.secondaryLimited++
        return { refused: res, record: () => {} }
      }
    }
    return {
      refused: null,
      record: () => {
        times.push(o.now)
        this.stats.contentCreated++
      }
    }
  }

  // ---------------------------------------------------------------- HTTP

  /**
   * @param {import('./index.js').ExtensionRequest} req
   * @param {import('./github.js').FakeGitHub} gh
   */
  route(req, gh) {
    if (!req.path.startsWith('/repos/')) return undefined
    /** @type {string[]} */
    let seg
    try {
      seg = req.path
        .split('/')
        .slice(2)
        .map((s) => decodeURIComponent(s))
    } catch {
      return undefined
    }
    if (seg.length > 2 && seg[seg.length - 1] === '') seg.pop()
    const [owner, name, kind, a, b] = seg
    const n = seg.length
    const m = req.method
    const matched =
      (n === 2 && m === 'GET') ||
      (n === 3 && kind === 'issues' && (m === 'GET' || m === 'POST')) ||
      (n === 4 && kind === 'issues' && a !== 'comments' && (m === 'GET' || m === 'PATCH')) ||
      (n === 5 &&
        kind === 'issues' &&
        a !== 'comments' &&
        b === 'comments' &&
        (m === 'GET' || m === 'POST')) ||
      (n === 5 && kind === 'issues' && a === 'comments' && (m === 'GET' || m === 'PATCH')) ||
      (n === 3 && kind === 'labels' && m === 'POST') ||
      (n === 4 && kind === 'labels' && m === 'GET')
    if (!matched) return undefined

    const r = this._repos.get(`${owner}/${name}`.toLowerCase())
    if (!r) throw new HttpError(404, 'Not Found', DOC_REPOS)
    try {
      return this._dispatch(req, gh, r, seg)
    } catch (e) {
      if (e instanceof Invalid) {
        return gh.json(422, {
          message: 'Validation Failed',
          errors: [e.error],
          documentation_url: e.doc,
          status: '422'
        })
      }
      throw e
    }
  }

  /**
   * @param {import('./index.js').ExtensionRequest} req @param {import('./github.js').FakeGitHub} gh
   * @param {Repo} r @param {string[]} seg
   */
  _dispatch(req, gh, r, seg) {
    const [, , kind, a, b] = seg
    const n = seg.length
    const m = req.method
    if (n === 2) return gh.json(200, this._repoJson(r))
    if (m !== 'GET' && r.archived) throw new HttpError(403, ARCHIVED_MESSAGE, DOC_REPOS)
    const actor = /** @type {Actor} */ (gh.userOf(req.headers))

    if (kind === 'labels') {
      if (n === 4) {
        const l = r.labels.get(String(a).toLowerCase())
        if (!l) throw new HttpError(404, 'Not Found', DOC_LABELS)
        return gh.json(200, this._labelJson(r, l))
      }
      return this._postLabel(gh, r, req.body)
    }

    // issues
    if (n === 5 && a === 'comments') {
      const c = /^\d+$/.test(String(b)) ? this._comments.get(Number(b)) : undefined
      if (!c || c.repo !== r) throw new HttpError(404, 'Not Found', DOC_COMMENTS)
      if (!c.issue.isPull && !r.hasIssues)
        throw new HttpError(410, ISSUES_DISABLED_MESSAGE, DOC_ISSUES)
      if (m === 'GET') return gh.json(200, this._commentJson(c))
      const body = object(req.body, 'IssueComment', DOC_COMMENTS)
      c.body = this._commentBody(body.body)
      c.updatedAt = this._editTime(c.createdAt)
      return gh.json(200, this._commentJson(c))
    }
    if (n === 3) {
      if (!r.hasIssues) throw new HttpError(410, ISSUES_DISABLED_MESSAGE, DOC_ISSUES)
      return m === 'GET' ? this._listIssues(gh, r, req) : this._postIssue(gh, r, req.body, actor)
    }
    const issue = /^\d+$/.test(String(a)) ? r.issues.get(Number(a)) : undefined
    if (!issue) throw new HttpError(404, 'Not Found', n === 5 ? DOC_COMMENTS : DOC_ISSUES)
    if (!issue.isPull && !r.hasIssues) throw new HttpError(410, ISSUES_DISABLED_MESSAGE, DOC_ISSUES)
    if (n === 4) {
      if (m === 'GET') return gh.json(200, this._issueJson(issue))
      return this._patchIssue(gh, issue, req.body, actor)
    }
    if (m === 'GET') return this._listComments(gh, issue, req)
    const admit = this._admitContent(actor)
    if (admit.refused) return admit.refused
    const body = object(req.body, 'IssueComment', DOC_COMMENTS)
    const c = this._createComment(issue, this._commentBody(body.body), actor, this._now())
    admit.record()
    return gh.json(201, this._commentJson(c), {
      location: `${API_HOST}/repos/${r.full}/issues/comments/${c.id}`
    })
  }

  /** @param {unknown} v */
  _commentBody(v) {
    if (v === undefined || v === null || v === '')
      throw new Invalid('IssueComment', 'body', 'missing_field', undefined, DOC_COMMENTS)
    return /** @type {string} */ (checkBody(v, 'IssueComment', DOC_COMMENTS))
  }

  /** @param {import('./github.js').FakeGitHub} gh @param {Repo} r @param {unknown} raw @param {Actor} actor */
  _postIssue(gh, r, raw, actor) {
    const admit = this._admitContent(actor)
    if (admit.refused) return admit.refused
    const body = object(raw, 'Issue')
    const title = checkTitle(body.title)
    const text = checkBody(body.body, 'Issue', DOC_ISSUES)
    const labels =
      body.labels === undefined || body.labels === null ? [] : checkLabelNames(body.labels)
    const issue = this._createIssue(r, {
      title,
      body: text,
      labels,
      user: actor,
      at: this._now(),
      isPull: false
    })
    admit.record()
    return gh.json(201, this._issueJson(issue), {
      location: `${API_HOST}/repos/${r.full}/issues/${issue.number}`
    })
  }

  /** @param {import('./github.js').FakeGitHub} gh @param {Issue} issue @param {unknown} raw @param {Actor} actor */
  _patchIssue(gh, issue, raw, actor) {
    const body = object(raw, 'Issue')
    const title = body.title !== undefined ? checkTitle(body.title) : undefined
    const text = body.body !== undefined ? checkBody(body.body, 'Issue', DOC_ISSUES) : undefined
    const state = body.state
    if (state !== undefined && state !== 'open' && state !== 'closed')
      throw new Invalid('Issue', 'state', 'invalid')
    const reason = body.state_reason
    if (
      reason !== undefined &&
      reason !== null &&
      reason !== 'completed' &&
      reason !== 'not_planned' &&
      reason !== 'reopened'
    )
      throw new Invalid('Issue', 'state_reason', 'invalid')
    const labels =
      body.labels === undefined
        ? undefined
        : body.labels === null
          ? []
          : checkLabelNames(body.labels)

    const at = this._editTime(issue.createdAt)
    if (title !== undefined) issue.title = title
    if (text !== undefined) issue.body = text
    if (labels !== undefined) issue.labels = this._labelsFor(issue.repo, labels)
    if (state === 'closed')
      this._close(issue, actor, at, typeof reason === 'string' ? reason : 'completed')
    if (state === 'open') this._reopen(issue, at)
    issue.updatedAt = Math.max(issue.updatedAt, at)
    return gh.json(200, this._issueJson(issue))
  }

  /** @param {import('./github.js').FakeGitHub} gh @param {Repo} r @param {unknown} raw */
  _postLabel(gh, r, raw) {
    const body = object(raw, 'Label', DOC_LABELS)
    const name = body.name
    if (name === undefined || name === null || name === '')
      throw new Invalid('Label', 'name', 'missing_field', undefined, DOC_LABELS)
    if (typeof name !== 'string')
      throw new Invalid('Label', 'name', 'invalid', undefined, DOC_LABELS)
    let color = DEFAULT_LABEL_COLOR
    if (body.color !== undefined && body.color !== null) {
      if (typeof body.color !== 'string' || !/^[0-9a-fA-F]{6}$/.test(body.color))
        throw new Invalid('Label', 'color', 'invalid', undefined, DOC_LABELS)
      color = body.color.toLowerCase()
    }
    let description = null
    if (body.description !== undefined && body.description !== null) {
      if (typeof body.description !== 'string' || chars(body.description) > 100)
        throw new Invalid('Label', 'description', 'invalid', undefined, DOC_LABELS)
      description = body.description
    }
    if (r.labels.has(name.toLowerCase()))
      throw new Invalid('Label', 'name', 'already_exists', undefined, DOC_LABELS)
    const json = this._labelJson(r, this._addLabel(r, name, color, description))
    return gh.json(201, json, { location: json.url })
  }

  /** @param {import('./github.js').FakeGitHub} gh @param {Repo} r @param {import('./index.js').ExtensionRequest} req */
  _listIssues(gh, r, req) {
    const q = req.query
    const state = q.state || 'open'
    const sort = q.sort || 'created'
    const direction = q.direction || 'desc'
    if (!['open', 'closed', 'all'].includes(state)) throw new Invalid('Issue', 'state', 'invalid')
    if (!['created', 'updated', 'comments'].includes(sort))
      throw new Invalid('Issue', 'sort', 'invalid')
    if (!['asc', 'desc'].includes(direction)) throw new Invalid('Issue', 'direction', 'invalid')
    const wanted = (q.labels ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean)
    const creator = q.creator?.toLowerCase()
    const since = q.since ? Date.parse(q.since) : NaN
    /** @param {Issue} i */
    const key = (i) =>
      sort === 'created' ? i.createdAt : sort === 'updated' ? i.updatedAt : i.comments.length
    const sign = direction === 'asc' ? 1 : -1
    const all = [...r.issues.values()]
      .filter(
        (i) =>
          (state === 'all' || i.state === state) &&
          (!creator || i.user.login.toLowerCase() === creator) &&
          wanted.every((w) => i.labels.some((l) => l.name.toLowerCase() === w)) &&
          (!Number.isFinite(since) || i.updatedAt >= since)
      )
      .sort((x, y) => sign * (key(x) - key(y) || x.number - y.number))
    const p = gh.page(req.url, q, 30, all.length)
    return gh.json(
      200,
      all.slice(p.start, p.end).map((i) => this._issueJson(i)),
      p.headers
    )
  }

  /** @param {import('./github.js').FakeGitHub} gh @param {Issue} issue @param {import('./index.js').ExtensionRequest} req */
  _listComments(gh, issue, req) {
    const since = req.query.since ? Date.parse(req.query.since) : NaN
    const all = issue.comments.filter((c) => !Number.isFinite(since) || c.updatedAt >= since)
    const p = gh.page(req.url, req.query, 30, all.length)
    return gh.json(
      200,
      all.slice(p.start, p.end).map((c) => this._commentJson(c)),
      p.headers
    )
  }
}
