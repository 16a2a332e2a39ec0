// Fixtures for the `notify: issue` tests: a fake with the issues extension and
// the workflow token (acting as github-actions[bot]), a clock the tests move,
// and readers of what the tracking issue holds. The notice record is parsed
// here with a regular expression of its own, not with the action's parser.
import {
  GITHUB_ACTIONS_BOT,
  useIssues,
  type CommentJson,
  type FakeGitHub,
  type FakeGitHubOptions,
  type FakeIssues,
  type IssueJson
} from '../../fake/index.js'
import { DAY, NOW, writes } from './audit-fixtures.js'
import { runAction, TOKEN, type ActionRun, type RunInputs } from './harness.js'

/** The `github-token` of the tests: the workflow's token, as github-actions[bot]. */
export const WORKFLOW_TOKEN = 'ghs_WORKFLOWtoken0123456789abcdefSECRET'
export const REPO = 'acme/copilot-notices'
export const LABEL = 'copilot-seats'

export interface NotifyFake {
  gh: FakeGitHub
  issues: FakeIssues
  /** The fake's clock, epoch ms; tests move it and pass it as the run's `now`. */
  clock: { t: number }
}

export function notifyFake(
  useFake: (options?: FakeGitHubOptions) => FakeGitHub,
  options: FakeGitHubOptions = {}
): NotifyFake {
  const clock = { t: NOW }
  const gh = useFake({
    auth: { valid: [TOKEN], users: { [WORKFLOW_TOKEN]: GITHUB_ACTIONS_BOT } },
    now: () => new Date(clock.t),
    ...options
  })
  const issues = useIssues(gh)
  issues.addRepo(REPO)
  return { gh, issues, clock }
}

export const notifyInputs = (extra: RunInputs = {}): RunInputs => ({
  mode: 'audit',
  notify: 'issue',
  'notify-repo': REPO,
  'github-token': WORKFLOW_TOKEN,
  ...extra
})

/** Tracking issues of the repository (labelled), by number. */
export const trackingIssues = (
  issues: FakeIssues,
  state: 'open' | 'closed' | 'all' = 'all'
): IssueJson[] =>
  issues.issues(REPO, { state }).filter((i) => i.labels.some((l) => l.name === LABEL))

export interface PostedNotice {
  comment: CommentJson
  scope: string
  logins: string[]
  reclaimOn: string | null
  /** `@login` mentions outside code. */
  mentions: string[]
}

const RECORD = /<!-- copilot-seats:notice (\S+) (\{[^\n]*?\}) -->/

export const mentionsOf = (body: string): string[] =>
  [...body.replace(/`[^`]*`/g, '').matchAll(/(?:^|[\s(])@([A-Za-z0-9][A-Za-z0-9_-]*)/g)].map(
    (m) => m[1]!
  )

/** The notice comments of an issue (comments with a record), oldest first. */
export function noticesIn(issues: FakeIssues, number: number): PostedNotice[] {
  return issues.comments(REPO, number).flatMap((comment) => {
    const m = RECORD.exec(comment.body)
    if (!m) return []
    const record = JSON.parse(m[2]!) as { v: number; users: string[]; reclaim_on: string | null }
    return [
      {
        comment,
        scope: m[1]!,
        logins: record.users,
        reclaimOn: record.reclaim_on,
        mentions: mentionsOf(comment.body)
      }
    ]
  })
}

export const noticedLogins = (issues: FakeIssues, number: number): string[] =>
  noticesIn(issues, number).flatMap((n) => n.logins)

/**
 * As if every notice of the issue had been posted `days` earlier: its `created_at` and the date
 * its record promised move back together, and it still reads as unedited (updated_at = created_at).
 */
export function ageNotices(issues: FakeIssues, number: number, days: number): void {
  for (const n of noticesIn(issues, number)) {
    if (n.reclaimOn) {
      const earlier = new Date(Date.parse(n.reclaimOn) - days * DAY).toISOString().slice(0, 10)
      issues.editComment(
        n.comment.id,
        n.comment.body.replace(`"reclaim_on":"${n.reclaimOn}"`, `"reclaim_on":"${earlier}"`)
      )
    }
    issues.backdateComment(n.comment.id, new Date(Date.parse(n.comment.created_at) - days * DAY))
  }
}

/** The summary with the run-specific report file names made stable. */
export const stableSummary = (summary: string): string =>
  summary.replace(/copilot-seats-audit-[\w-]+?\.(json|csv)/g, 'copilot-seats-audit-<run>.$1')

/** A notice comment's body as the action writes it, for comments tests post by hand. */
export function noticeBody(
  logins: string[],
  reclaimOn: string | null,
  scope = 'org:acme',
  text = 'Your Copilot seat has had no activity.'
): string {
  const record = JSON.stringify({ v: 1, users: logins, reclaim_on: reclaimOn })
  return `<!-- copilot-seats:notice ${scope} ${record} -->\n\n${text}`
}

/** A tracking issue opened by `user` (default: the workflow token's bot) `daysAgo` days before `at`. */
export function addTrackingIssue(
  f: NotifyFake,
  opts: { user?: string | typeof GITHUB_ACTIONS_BOT; daysAgo?: number; scope?: string } = {}
): IssueJson {
  return f.issues.addIssue(REPO, {
    title: 'Idle GitHub Copilot seats in the acme organization',
    body: `<!-- copilot-seats:tracking ${opts.scope ?? 'org:acme'} -->\n\nKept by the action.`,
    labels: [LABEL],
    user: opts.user ?? GITHUB_ACTIONS_BOT,
    created_at: new Date(f.clock.t - (opts.daysAgo ?? 30) * DAY)
  })
}

export { GITHUB_ACTIONS_BOT }

/** Pacing is not what most notify tests look at: writes 10 ms apart instead of 1 s. */
export const QUICK = { limiter: { writeSpacingMs: 10 } }

/** A run at `t` on the fake's clock too, with the fake's request log cleared first. */
export function runNotifyAt(f: NotifyFake, t: number, inputs: RunInputs): Promise<ActionRun> {
  f.clock.t = t
  f.gh.clearRequests()
  return runAction(inputs, { now: t, ...QUICK })
}

/** The seat cancellations the fake received. */
export const seatCancels = (f: NotifyFake) =>
  writes(f.gh).filter((w) => w.path === '/orgs/acme/copilot/billing/selected_users')

/** The user uses Copilot at `at`: their seat's activity (both fields) moves there, its grant stays. */
export function useCopilotAt(f: NotifyFake, login: string, at: number): void {
  const seat = f.gh.seat('acme', login)!
  f.gh.addSeat('acme', {
    login,
    created_at: seat.created_at,
    last_activity_at: new Date(at).toISOString(),
    last_authenticated_at: new Date(at).toISOString(),
    last_activity_editor: 'vscode/1.99.0/copilot/1.300.0'
  })
}
