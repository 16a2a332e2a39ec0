// The notice log of `notify: issue`: the tracking issue's comments that warn
// idle users, each with a hidden, machine-readable record of the logins it
// noticed. Pure: comments in, notices out. A notice's time is the comment's
// `created_at` as GitHub reports it: a body can be edited, that date cannot.

/** Whose seats a tracking issue is about; its markers name it, so several can share a repository. */
export interface NoticeScope {
  kind: 'org' | 'enterprise'
  /** Lower-cased org login or enterprise slug. */
  name: string
}

/** What one notice comment says, as its hidden record holds it. */
export interface NoticeRecord {
  /** Lower-cased logins the comment noticed. */
  logins: string[]
  /** `YYYY-MM-DD` (UTC) the comment promised as the earliest reclaim; null: it promised none. */
  reclaimOn: string | null
}

export interface Notice extends NoticeRecord {
  commentId: number
  /** The comment's `created_at`, epoch ms. */
  at: number
  url: string
}

/** The fields of an issue comment the log needs (github/issues.ts's CommentRef has them). */
export interface LogComment {
  id: number
  body: string
  user: { id: number } | null
  createdAt: string
  updatedAt: string
  htmlUrl: string
}

/** The record's format; a reader refuses any other (a newer action wrote it). */
export const NOTICE_RECORD_VERSION = 1
/** GitHub notifies at most 50 mentions of a comment; a notice mentions no more. */
export const MENTIONS_PER_NOTICE = 50

const scopeText = (scope: NoticeScope) => `${scope.kind}:${scope.name}`

/** The tracking issue's hidden marker: in its body, naming the scope. */
export const trackingMarker = (scope: NoticeScope): string =>
  `<!-- copilot-seats:tracking ${scopeText(scope)} -->`

export const isTrackingIssueOf = (body: string, scope: NoticeScope): boolean =>
  body.toLowerCase().includes(trackingMarker(scope).toLowerCase())

const NOTICE_PREFIX = '<!-- copilot-seats:notice '
const NOTICE_END = ' -->'
const LOGIN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}(?:_[a-z0-9]{1,20})?$/
const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The hidden line that makes a comment a notice of `scope` for `record`'s logins. */
export function formatNoticeRecord(scope: NoticeScope, record: NoticeRecord): string {
  const json = JSON.stringify({
    v: NOTICE_RECORD_VERSION,
    users: record.logins,
    reclaim_on: record.reclaimOn
  })
  return `${NOTICE_PREFIX}${scopeText(scope)} ${json}${NOTICE_END}`
}

export type RecordRead =
  { kind: 'absent' } | { kind: 'ok'; record: NoticeRecord } | { kind: 'bad'; why: string }

function validRecord(value: unknown): NoticeRecord | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object'
  const v = value as Record<string, unknown>
  if (v.v !== NOTICE_RECORD_VERSION)
    return `version ${JSON.stringify(v.v)} is not ${NOTICE_RECORD_VERSION}`
  const users = v.users
  if (!Array.isArray(users) || users.length === 0 || users.length > MENTIONS_PER_NOTICE)
    return `"users" is not a list of 1 to ${MENTIONS_PER_NOTICE} logins`
  if (!users.every((u): u is string => typeof u === 'string' && LOGIN.test(u)))
    return '"users" holds something that is not a lower-case login'
  const on = v.reclaim_on
  if (on !== null && (typeof on !== 'string' || !DAY.test(on) || Number.isNaN(Date.parse(on))))
    return '"reclaim_on" is neither null nor a YYYY-MM-DD date'
  return { logins: users, reclaimOn: on }
}

/**
 * The record of `scope` in a comment body: absent when the body carries no
 * marker of this scope (another org's marker is not ours); bad when the marker
 * is there but what follows does not parse, or it is there twice.
 */
export function parseNoticeRecord(body: string, scope: NoticeScope): RecordRead {
  // The marker holds no character special in a pattern: a login or slug, `<!-- `, `:`.
  const marker = new RegExp(`${NOTICE_PREFIX}${scopeText(scope)} `, 'gi')
  const found = [...body.matchAll(marker)]
  if (!found.length) return { kind: 'absent' }
  if (found.length > 1) return { kind: 'bad', why: 'the marker is there twice' }
  const from = found[0]!.index + found[0]![0].length
  const end = body.indexOf(NOTICE_END, from)
  if (end < 0) return { kind: 'bad', why: 'the marker is not closed' }
  let json: unknown
  try {
    json = JSON.parse(body.slice(from, end))
  } catch {
    return { kind: 'bad', why: 'the record is not JSON' }
  }
  const record = validRecord(json)
  return typeof record === 'string' ? { kind: 'bad', why: record } : { kind: 'ok', record }
}

export interface NoticeLog {
  /** Oldest first. */
  notices: Notice[]
  /** Comments with this scope's marker by someone other than the tracking issue's author. */
  otherAuthors: number
  /** The author's marked comments edited after posting: not notices. */
  edited: number
  /** Why the log cannot be trusted (a marked comment whose record does not parse), or null. */
  problem: string | null
}

/**
 * The notices among a tracking issue's comments: by the issue's author (its
 * user id: anyone can copy a marker), carrying this scope's marker, unedited
 * (`updated_at` = `created_at`), with a record that parses. One marked, unedited
 * comment of the author's whose record does not parse makes the whole log
 * untrustworthy: the caller fails closed.
 */
export function readNoticeLog(
  comments: readonly LogComment[],
  authorId: number,
  scope: NoticeScope
): NoticeLog {
  const log: NoticeLog = { notices: [], otherAuthors: 0, edited: 0, problem: null }
  for (const c of comments) {
    const read = parseNoticeRecord(c.body, scope)
    if (read.kind === 'absent') continue
    if (c.user?.id !== authorId) {
      log.otherAuthors++
      continue
    }
    const at = Date.parse(c.createdAt)
    const updated = Date.parse(c.updatedAt)
    if (updated > at) {
      log.edited++
      continue
    }
    const badDate = Number.isNaN(at) || Number.isNaN(updated)
    if (read.kind === 'bad' || badDate) {
      const why =
        read.kind === 'bad'
          ? read.why
          : `its dates ("${c.createdAt}", "${c.updatedAt}") do not parse`
      log.problem = `the notice record of comment ${c.htmlUrl || c.id} does not parse (${why})`
      return log
    }
    log.notices.push({ ...read.record, commentId: c.id, at, url: c.htmlUrl })
  }
  log.notices.sort((a, b) => a.at - b.at || a.commentId - b.commentId)
  return log
}

/** What a run of `notify: issue` did with the tracking issue, for the summary, outputs and files. */
export interface NoticedUser {
  /** As GitHub spells it. */
  login: string
  /** Latest activity, epoch ms; null: none in the 90 days GitHub keeps. */
  idleSince: number | null
  /** The notice's time; null for a notice a dry run would post. */
  noticedAt: number | null
  /** Earliest reclaim, epoch ms; null without `reclaim` (no date is promised). */
  reclaimFrom: number | null
}

export interface NotifyOutcome {
  /** `owner/name` of `notify-repo`. */
  repo: string
  /** The tracking issue used (or opened); null when there is none (nothing to say, or a dry run). */
  issue: { number: number; url: string } | null
  /** This run opened the tracking issue (a dry run: would open it). */
  opened: boolean
  /** Users noticed by this run (a dry run: would be), longest idle first. */
  noticed: NoticedUser[]
  /** Comments posted (a dry run: would be posted). */
  comments: number
  /** Users noticed by earlier runs, still idle and not reclaimed, soonest reclaim first. */
  underNotice: NoticedUser[]
  /** Idle users left for the next run: one run posts at most so many comments. */
  deferred: number
}
