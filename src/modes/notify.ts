// audit with `notify: issue`: the tracking issue in `notify-repo` and its
// notice comments, read and written with `github-token` (only ever sent to the
// runner's API URL). The notice log is read before anything else, and any doubt
// about it fails the run before a seat is read or anything is written; new
// notices are posted after the reclaim, one comment at a time, and the body is
// rewritten last. A re-run after a failure reads the comments that did land, so
// nobody is noticed twice.
import {
  holdForGrace,
  MAX_NOTICE_COMMENTS_PER_RUN,
  noticedUser,
  noticeGroups,
  planNotices,
  promisedDay,
  standingLookup,
  type NoticeRules
} from '../domain/notice-rules.js'
import {
  noticeComment,
  TRACKING_LABEL,
  trackingIssueBody,
  trackingIssueTitle
} from '../domain/notice-text.js'
import {
  isTrackingIssueOf,
  readNoticeLog,
  type Notice,
  type NoticedUser,
  type NoticeScope,
  type NotifyOutcome
} from '../domain/notices.js'
import type { ModeResult, SeatPlan } from '../domain/outcome.js'
import type { Seat } from '../domain/seat.js'
import { ActionError, CancelledError, messageOf } from '../errors.js'
import type { Octokit } from '../github/client.js'
import {
  createComment,
  createIssue,
  ensureLabel,
  getIssue,
  getRepoVisibility,
  listComments,
  listOpenIssues,
  updateIssueBody,
  type IssueRef,
  type RepoRef
} from '../github/issues.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'

/** The tracking issue as this run found it, and the notices in it. */
export interface Tracking {
  client: Octokit
  repo: RepoRef
  scope: NoticeScope
  /** The open tracking issue; null: none yet (the first notice opens one). */
  issue: IssueRef | null
  notices: Notice[]
  warnings: string[]
  /** Re-read just before the first write of the run. */
  checked: boolean
  /** Closed by a person during the run: every notice is reset, nothing more is written. */
  closed: boolean
}

const repoName = (repo: RepoRef) => `${repo.owner}/${repo.name}`
const scopeName = (s: NoticeScope) => `${s.kind === 'org' ? 'org' : 'enterprise'} ${s.name}`

export const noticeScopeOf = (config: Pick<Config, 'org' | 'enterprise'>): NoticeScope =>
  config.enterprise
    ? { kind: 'enterprise', name: config.enterprise }
    : { kind: 'org', name: config.org }

const rulesOf = (config: Config, ctx: ModeContext): NoticeRules => ({
  now: ctx.now,
  inactiveDays: config.inactiveDays,
  graceDays: config.graceDays,
  reclaim: config.reclaim
})

/** Reads of the notice log that fail say that nothing was done because of them. */
async function failClosed<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (error) {
    if (error instanceof CancelledError) throw error
    throw new ActionError(
      `The tracking issue could not be read, so nothing was reclaimed and no notice was posted. ${messageOf(error)}`,
      { cause: error }
    )
  }
}

/**
 * The open tracking issue of this org or enterprise (the oldest, if several),
 * and its notice log. Throws when the log cannot be trusted.
 */
export async function readTracking(ctx: ModeContext, config: Config): Promise<Tracking> {
  const client = ctx.repoClient
  if (!client) {
    throw new ActionError(
      '`notify: issue` needs `github-token` to read and write the tracking issue, and it is empty. Nothing was done. Fix: leave `github-token` at its default (`${{ github.token }}`) and give the job `permissions: issues: write`, or pass a token that may write issues in `notify-repo`.'
    )
  }
  if (!config.notifyRepo) throw new ActionError('`notify: issue` needs `notify-repo`.')
  const repo = config.notifyRepo
  const scope = noticeScopeOf(config)
  const api = ctx.runnerApiUrl
  const warnings: string[] = []
  const visibility = await failClosed(() => getRepoVisibility(client, repo, api))
  if (visibility === 'private') {
    warnings.push(
      `\`notify-repo\` ${repoName(repo)} is private: GitHub notifies a mention only to people who can read the repository, so seat holders without access get no notice (their seats are still reclaimed after the grace period). Fix: use a repository every seat holder can read (public, or internal in an enterprise).`
    )
  }
  const open = (
    await failClosed(() => listOpenIssues(client, repo, TRACKING_LABEL.name, api))
  ).filter((i) => isTrackingIssueOf(i.body, scope))
  const issue = open[0] ?? null
  if (open.length > 1) {
    warnings.push(
      `${open.length} open tracking issues for ${scopeName(scope)} in ${repoName(repo)} (${open.map((i) => `#${i.number}`).join(', ')}): the oldest, #${issue!.number}, is used. Fix: close the others.`
    )
  }
  const tracking: Tracking = {
    client,
    repo,
    scope,
    issue,
    notices: [],
    warnings,
    checked: false,
    closed: false
  }
  if (!issue) {
    ctx.log.info(`No open tracking issue for ${scopeName(scope)} in ${repoName(repo)} yet.`)
    return tracking
  }
  if (!issue.user) {
    throw new ActionError(
      `GitHub does not say who opened the tracking issue ${issue.htmlUrl}, so its notices cannot be told from copies; nothing was reclaimed and no notice was posted. Fix: close it; the next run opens a new one.`
    )
  }
  const authorId = issue.user.id
  const comments = await failClosed(() => listComments(client, repo, issue.number, api))
  const log = readNoticeLog(comments, authorId, scope)
  if (log.problem) {
    throw new ActionError(
      `The notice log of ${issue.htmlUrl} cannot be trusted: ${log.problem}. Nothing was reclaimed and no notice was posted. Fix: delete that comment (its users are then noticed again), or close the issue to start over (every notice is reset).`
    )
  }
  ctx.log.info(
    `Tracking issue #${issue.number} in ${repoName(repo)}: ${comments.length} comment(s), ${log.notices.length} notice(s).`
  )
  if (log.edited) {
    ctx.log.info(
      `${log.edited} notice comment(s) were edited after posting: not notices; their users are noticed again.`
    )
  }
  if (log.otherAuthors) {
    ctx.log.info(
      `${log.otherAuthors} comment(s) carry the notice marker but were not posted by the tracking issue's author (${issue.user.login}): not notices.`
    )
  }
  tracking.notices = log.notices
  return tracking
}

/**
 * Just before the run's first write: the tracking issue is still open. One a
 * person closed meanwhile resets every notice, so nothing is reclaimed on its
 * account and no notice is posted to it.
 */
async function confirmOpen(ctx: ModeContext, tracking: Tracking): Promise<void> {
  if (tracking.checked || !tracking.issue) return
  tracking.checked = true
  const { client, repo, issue } = tracking
  const now = await failClosed(() => getIssue(client, repo, issue.number, ctx.runnerApiUrl))
  if (now.state === 'open') return
  tracking.closed = true
  tracking.notices = []
  tracking.warnings.push(
    `The tracking issue ${issue.htmlUrl} was closed during the run: every notice is reset, so nothing is reclaimed on its account and no notice was posted. The next run opens a new tracking issue.`
  )
}

/**
 * The reclaim plan narrowed to users noticed at least `grace-days` ago: after
 * planReclaim (so protection, via team and any other rule of the plan apply),
 * before executePlan (whose breakers, confirmation and dry run apply to what
 * is left).
 */
export async function holdForNotices(
  ctx: ModeContext,
  config: Config,
  tracking: Tracking,
  plan: SeatPlan,
  seats: readonly Seat[]
): Promise<SeatPlan> {
  if (plan.cancelUsers.length) await confirmOpen(ctx, tracking)
  const standing = standingLookup(seats, tracking.notices, rulesOf(config, ctx))
  return holdForGrace(plan, standing, ctx.now)
}

async function openTrackingIssue(
  ctx: ModeContext,
  tracking: Tracking,
  rules: NoticeRules
): Promise<IssueRef> {
  const { client, repo, scope } = tracking
  await ensureLabel(client, repo, TRACKING_LABEL, ctx.runnerApiUrl)
  const issue = await createIssue(
    client,
    repo,
    {
      title: trackingIssueTitle(scope),
      // Rewritten once the notices are posted.
      body: trackingIssueBody({
        scope,
        rules,
        listed: [],
        reclaimed: [],
        deferred: 0
      }),
      labels: [TRACKING_LABEL.name]
    },
    ctx.runnerApiUrl
  )
  if (!issue.labels.some((l) => l.toLowerCase() === TRACKING_LABEL.name)) {
    // Without its label the next run would not find it, and would open another every night.
    throw new ActionError(
      `GitHub opened the tracking issue ${issue.htmlUrl} without its label "${TRACKING_LABEL.name}" (labels need triage access), so the next run could not find it; no notice was posted. Fix: give \`github-token\` \`issues: write\` on ${repoName(repo)}, add the label to the issue by hand, and re-run.`
    )
  }
  ctx.log.info(`Opened the tracking issue ${issue.htmlUrl}.`)
  return issue
}

/**
 * Notices the idle `candidates` (logins a reclaim would cancel) not noticed in
 * this idle period, longest idle first and at most a run's worth, then
 * rewrites the tracking issue's body. A failure stops the posting (the next
 * run reads what landed) and is added to the result's errors; what the run did
 * before it stands.
 */
export async function withNotices(
  ctx: ModeContext,
  config: Config,
  tracking: Tracking,
  candidates: readonly string[],
  result: ModeResult
): Promise<ModeResult> {
  const rules = rulesOf(config, ctx)
  const { client, repo, scope } = tracking
  const api = ctx.runnerApiUrl
  // The seats as GitHub shows them after this run's writes: reclaimed ones are pending now.
  const byKey = new Map((result.seats?.seats ?? []).map((s) => [s.key, s]))
  const seats = candidates.flatMap((login) => byKey.get(login) ?? [])
  const plan = planNotices(seats, tracking.notices, rules)
  const groups = noticeGroups(plan.toNotice)
  const outcome: NotifyOutcome = {
    repo: repoName(repo),
    issue: tracking.issue ? { number: tracking.issue.number, url: tracking.issue.htmlUrl } : null,
    opened: false,
    noticed: [],
    comments: 0,
    underNotice: plan.underNotice.map((s) => noticedUser(s.seat, s.notice, rules)),
    deferred: plan.deferred.length
  }
  const errors: string[] = []
  const done = (): ModeResult => ({
    ...result,
    notify: outcome,
    errors: [...result.errors, ...errors],
    warnings: [...result.warnings, ...tracking.warnings]
  })
  if (plan.deferred.length) {
    ctx.log.info(
      `${plan.toNotice.length} idle user(s) get a notice in this run; ${plan.deferred.length} more in the next (at most ${MAX_NOTICE_COMMENTS_PER_RUN} comments a run).`
    )
  }

  if (config.dryRun) {
    outcome.opened = !tracking.issue && groups.length > 0
    outcome.comments = groups.length
    outcome.noticed = plan.toNotice.map((seat) => noticedUser(seat, null, rules))
    return done()
  }
  if (!tracking.issue && !groups.length) return done()
  try {
    await confirmOpen(ctx, tracking)
  } catch (error) {
    // The reclaim (if any) is done: report it with the cause, rather than lose it.
    if (!ctx.isCancelled()) errors.push(messageOf(error))
    return done()
  }
  if (tracking.closed) {
    outcome.underNotice = []
    return done()
  }

  let issue: IssueRef
  try {
    if (tracking.issue) issue = tracking.issue
    else {
      issue = await openTrackingIssue(ctx, tracking, rules)
      outcome.opened = true
    }
  } catch (error) {
    if (!ctx.isCancelled()) errors.push(messageOf(error))
    return done()
  }
  outcome.issue = { number: issue.number, url: issue.htmlUrl }

  const posted: NoticedUser[] = []
  for (const [i, group] of groups.entries()) {
    if (ctx.isCancelled()) break
    const notice = noticeComment(scope, group, rules)
    let comment
    try {
      comment = await createComment(client, repo, issue.number, notice.body, api)
    } catch (error) {
      if (!ctx.isCancelled()) {
        errors.push(
          `Posting notice ${i + 1} of ${groups.length} failed; ${i} posted before it stand. ${messageOf(error)} The ${group.length} user(s) of the failed notice may or may not have been notified: the next run reads the tracking issue and notices whoever has no notice, nobody twice.`
        )
      }
      break
    }
    if (comment.user?.id !== issue.user?.id) {
      // Only the tracking issue's author's comments are notices: these would never count.
      errors.push(
        `The notice posted to ${issue.htmlUrl} is by ${comment.user?.login ?? 'an unknown user'}, not by the issue's author ${issue.user?.login ?? '(unknown)'}; only the author's comments are notices, so no more were posted. Fix: \`github-token\` changed since the issue was opened: close the issue, and the next run opens a new one with this token.`
      )
      break
    }
    outcome.comments++
    const asNotice: Notice = {
      logins: notice.logins,
      reclaimOn: notice.reclaimOn,
      at: Date.parse(comment.createdAt),
      commentId: comment.id,
      url: comment.htmlUrl
    }
    for (const seat of group) posted.push(noticedUser(seat, asNotice, rules))
  }
  outcome.noticed = posted
  if (ctx.isCancelled()) return done()

  const body = trackingIssueBody({
    scope,
    rules,
    listed: [...outcome.underNotice, ...posted],
    reclaimed: config.dryRun ? [] : (result.applied?.cancelled ?? []),
    deferred: plan.deferred.length + (plan.toNotice.length - posted.length)
  })
  try {
    await updateIssueBody(client, repo, issue.number, body, api)
  } catch (error) {
    if (!ctx.isCancelled())
      errors.push(`The tracking issue's list could not be updated: ${messageOf(error)}`)
  }
  if (posted.length) {
    ctx.log.info(
      `Noticed ${posted.length} user(s) in ${outcome.comments} comment(s) on ${issue.htmlUrl}${promisedDay(rules) ? `; reclaim on or after ${promisedDay(rules)} unless used` : ''}.`
    )
  }
  return done()
}
