// What people read in the tracking issue: each notice comment (which mentions
// its users, so GitHub notifies them) and the issue's body (regenerated each
// run; it mentions nobody, so editing it never notifies anyone again). Pure.
import { latestActivity } from './activity.js'
import {
  formatNoticeRecord,
  trackingMarker,
  type NoticedUser,
  type NoticeScope
} from './notices.js'
import { promisedDay, type NoticeRules } from './notice-rules.js'
import type { Seat } from './seat.js'

/** GitHub refuses an issue or comment body over 65,536 characters; the body stays well under. */
export const BODY_MAX_CHARS = 65_536
export const BODY_BUDGET_CHARS = 60_000

export const TRACKING_LABEL = {
  name: 'copilot-seats',
  color: '8250df',
  description: 'Idle GitHub Copilot seats: notices by the copilot-seats action'
} as const

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const where = (scope: NoticeScope) =>
  scope.kind === 'org' ? `the **${scope.name}** organization` : `the **${scope.name}** enterprise`
/** A login as GitHub writes it can hold nothing but these; anything else is dropped, never rendered. */
const safeLogin = (login: string) => login.replace(/[^A-Za-z0-9_-]/g, '')
/** In a code span a login is shown, not mentioned. */
const code = (login: string) => `\`${safeLogin(login)}\``
/** GitHub keeps 90 days of activity: an older or unknown latest activity is "more than 90 days ago". */
const latest = (ms: number | null) => (ms === null ? 'more than 90 days ago' : day(ms))

export function trackingIssueTitle(scope: NoticeScope): string {
  return `Idle GitHub Copilot seats in the ${scope.name} ${scope.kind === 'org' ? 'organization' : 'enterprise'}`
}

/**
 * One notice: the hidden record, then a line per user that mentions them
 * (`@login`), at most 50. With reclaim it names the date on or after which the
 * seats are reclaimed unless used; without reclaim it promises no date.
 */
export function noticeComment(
  scope: NoticeScope,
  seats: readonly Seat[],
  rules: NoticeRules
): { body: string; logins: string[]; reclaimOn: string | null } {
  const reclaimOn = promisedDay(rules)
  const logins = seats.map((s) => s.key)
  const lines = seats.map(
    (s) =>
      `- @${safeLogin(s.login ?? s.key)}: latest Copilot activity ${latest(latestActivity(s, rules.now))}`
  )
  const headline = reclaimOn
    ? `Your GitHub Copilot seat in ${where(scope)} has had no activity for more than ${rules.inactiveDays} days. **It will be reclaimed on or after ${reclaimOn} (UTC) unless you use Copilot** before then.`
    : `Your GitHub Copilot seat in ${where(scope)} has had no activity for more than ${rules.inactiveDays} days. Seats that stay unused may be reclaimed: **use Copilot to keep yours**.`
  const body = [
    formatNoticeRecord(scope, { logins, reclaimOn }),
    headline,
    lines.join('\n'),
    '**To keep your seat, use Copilot**: accept a suggestion or ask Copilot Chat in your editor (or on github.com). Nothing else is needed; your activity can take up to a day to show.',
    '<sub>Posted by the copilot-seats action. Everyone under notice is listed at the top of this issue.</sub>'
  ].join('\n\n')
  return { body, logins, reclaimOn }
}

export interface TrackingBodyInput {
  scope: NoticeScope
  rules: NoticeRules
  /** Idle users with a notice that counts, this run's included. */
  listed: readonly NoticedUser[]
  /** Reclaimed by this run. */
  reclaimed: readonly { login: string; pendingDate: string | null }[]
  /** Idle users left for the next run. */
  deferred: number
}

function render(input: TrackingBodyInput, maxRows: number): string {
  const { scope, rules } = input
  const reclaim = rules.reclaim
  const intro = [
    trackingMarker(scope),
    `This issue is kept by the copilot-seats action. It lists the people whose GitHub Copilot seat in ${where(scope)} has had no activity for more than ${rules.inactiveDays} days; each was mentioned once in a notice below.`,
    reclaim
      ? `**If you are listed, use Copilot** (accept a suggestion or ask Copilot Chat in your editor) to keep your seat: you then leave this list. A seat still unused ${rules.graceDays} days after its notice is reclaimed on or after the date shown.`
      : '**If you are listed, use Copilot** (accept a suggestion or ask Copilot Chat in your editor) to keep your seat: you then leave this list.'
  ]
  const head = reclaim
    ? '| User | Latest activity | Noticed | Reclaimed on or after |\n| --- | --- | --- | --- |'
    : '| User | Latest activity | Noticed |\n| --- | --- | --- |'
  const rows = input.listed.slice(0, maxRows).map((u) => {
    const cells = [
      code(u.login),
      latest(u.idleSince),
      u.noticedAt === null ? '—' : day(u.noticedAt)
    ]
    if (reclaim) cells.push(u.reclaimFrom === null ? '—' : day(u.reclaimFrom))
    return `| ${cells.join(' | ')} |`
  })
  const more = input.listed.length - rows.length
  const parts = [...intro, `### Under notice (${input.listed.length})`]
  parts.push(
    rows.length
      ? [head, ...rows].join('\n') +
          (more > 0
            ? `\n\n_…and ${more} more: the JSON report file of the workflow run lists everyone under notice._`
            : '')
      : '_Nobody is under notice._'
  )
  if (input.reclaimed.length) {
    const shown = input.reclaimed
      .slice(0, maxRows)
      .map((r) => `${code(r.login)}${r.pendingDate ? ` (until ${r.pendingDate})` : ''}`)
    const rest = input.reclaimed.length - shown.length
    parts.push(
      `### Reclaimed by the latest run (${input.reclaimed.length})`,
      `${shown.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}. A reclaimed seat stays usable until the date shown; to get Copilot back, ask an admin.`
    )
  }
  if (input.deferred > 0) {
    parts.push(
      `${input.deferred} more idle ${input.deferred === 1 ? 'user gets' : 'users get'} a notice in the next run: GitHub limits how many comments one run may post.`
    )
  }
  parts.push(
    `<sub>Closing this issue resets every notice: the next run opens a new one and notices everyone still idle again. Updated ${new Date(rules.now).toISOString().replace(/\.\d+Z$/, 'Z')}.</sub>`
  )
  return parts.join('\n\n') + '\n'
}

/** The tracking issue's body, its lists shortened until it fits GitHub's limit. */
export function trackingIssueBody(input: TrackingBodyInput): string {
  let maxRows = 1000
  for (;;) {
    const body = render(input, maxRows)
    if (body.length <= BODY_BUDGET_CHARS || maxRows === 0) return body
    maxRows = Math.floor(maxRows / 2)
  }
}
