// The imperative shell: the one place that touches @actions/core, the runner's
// files, the clock, signals and the environment. Everything below it takes
// what it needs as arguments. Tests call `run` with their own clock, timings
// and fetch (the test entry point); the bundled action never reads them from
// the environment.
import * as core from '@actions/core'
import { appendFileSync, readFileSync } from 'node:fs'
import os from 'node:os'
import { CancelledError, InputError, messageOf } from './errors.js'
import {
  isFailed,
  userSubject,
  type ModeResult,
  type RunReport,
  type Skip,
  type Unconfirmed
} from './domain/outcome.js'
import { describeSkip } from './domain/skip-text.js'
import { createDownloader } from './download-transport.js'
import { createClient, type Octokit, type ThrottleGroups, type Timing } from './github/client.js'
import { RunLimiter, type LimiterOptions } from './github/limiter.js'
import { INPUT_NAMES, nodeFiles, parseInputs, type Config } from './inputs.js'
import { parseRepo } from './inputs/fields.js'
import { upsertPullRequestComment, type PullRequestRef } from './github/pr-comment.js'
import { commentMarker, renderPullRequestComment } from './render/pr-comment.js'
import { newProgress, type ModeContext, type Progress } from './modes/context.js'
import { runMode } from './modes/index.js'
import { buildOutputs, OUTPUT_NAMES } from './render/outputs.js'
import { reportFileNames, writeReportFiles } from './render/report-files.js'
import { renderSummary } from './render/summary.js'

/** On a cancel, writes in flight get this long before the results are written. */
export const CANCEL_GRACE_MS = 5000

/** The test entry point's seams; the bundled action passes none but `handleSignals`. */
export interface RunOptions {
  /** Tests pass the global fetch so msw sees the requests. */
  fetch?: typeof globalThis.fetch
  timing?: Partial<Timing>
  limiter?: Partial<LimiterOptions>
  /** Scaled-down replacements for plugin-throttling's pacing groups. */
  throttleGroups?: ThrottleGroups
  /** Fixed clock for tests; production reads it once here. */
  now?: number
  /** Listen for SIGINT/SIGTERM (the bundled entry point does). */
  handleSignals?: boolean
  /** Scaled-down size guard of the usage report (bytes per seat holder). */
  usageBytesPerHolder?: number
}

function failureMessage(report: RunReport): string {
  const lines: string[] = [...report.errors]
  const bad = report.skipped.filter((s) => s.failed)
  if (bad.length) {
    const name = (s: Skip) =>
      s.subject.kind === 'user' ? s.subject.login : `team ${s.subject.slug}`
    lines.push(
      `${bad.length} requested change(s) could not be made:\n` +
        bad
          .slice(0, 10)
          .map((s) => `- ${name(s)}: ${describeSkip(s, report.org)}`)
          .join('\n') +
        (bad.length > 10
          ? `\n- …and ${bad.length - 10} more (see the summary and the report files)`
          : '')
    )
  }
  const unconfirmed = report.applied?.unconfirmed ?? []
  if (unconfirmed.length && !report.errors.some((e) => e.includes('not confirmed'))) {
    lines.push(
      `${unconfirmed.length} change(s) were accepted by GitHub but not confirmed (${unconfirmed
        .slice(0, 10)
        .map((u) => u.login)
        .join(
          ', '
        )}${unconfirmed.length > 10 ? ', …' : ''}). Fix: re-run to confirm them (safe to repeat).`
    )
  }
  if (report.interrupted) {
    lines.push(
      'The run was cancelled; the summary and outputs show what was done before it stopped.'
    )
  }
  if (!lines.length) lines.push('The run did not complete.')
  return lines.join('\n')
}

async function finish(
  report: RunReport | null,
  config: Config | null,
  env: NodeJS.ProcessEnv
): Promise<void> {
  let files: { json: string; csv: string } | null = null
  if (report && config) {
    files = reportFileNames(env.RUNNER_TEMP || os.tmpdir(), config.mode, {
      id: env.GITHUB_RUN_ID,
      attempt: env.GITHUB_RUN_ATTEMPT
    })
    try {
      await writeReportFiles(report, files)
    } catch (error) {
      core.warning(`Could not write the report files: ${messageOf(error)}`)
      files = null
    }
  }
  const outputs = buildOutputs(report, files)
  for (const name of OUTPUT_NAMES) core.setOutput(name, outputs[name])
  if (!report || !config) return
  if (config.jobSummary) {
    // Appended directly rather than through core.summary, which caches the file's path for the
    // life of the process: a second run in one process (as in the tests) would write to the first's.
    const path = env.GITHUB_STEP_SUMMARY
    if (path) {
      try {
        appendFileSync(path, renderSummary(report, { reportFiles: files ?? undefined }))
      } catch (error) {
        core.warning(`Could not write the job summary: ${messageOf(error)}`)
      }
    } else {
      core.info('GITHUB_STEP_SUMMARY is not set; no job summary written.')
    }
  }
  for (const w of report.warnings) core.warning(w)
  const s = report.seats?.stats
  if (s) {
    core.info(`Seats: ${s.total} total, ${s.active} active, ${s.idle} idle, ${s.pending} pending.`)
  }
  core.info(`${report.requests} API request(s).`)
  if (files) core.info(`Report files: ${files.json} and ${files.csv}`)
  if (isFailed(report)) core.setFailed(failureMessage(report))
}

/**
 * The mode did not return (an error, or a cancel whose grace ran out): report
 * what the progress record knows. A login GitHub accepted a write for is
 * "accepted, not confirmed"; one whose write was sent and never answered is
 * named as such (GitHub may have made the change); the rest was not sent.
 */
function fromProgress(progress: Progress, stopped: 'cancelled' | 'failed'): ModeResult {
  const plan = progress.plan
  const unconfirmed: Unconfirmed[] = []
  for (const [login, direction] of progress.accepted) {
    unconfirmed.push({
      login,
      direction,
      why:
        stopped === 'cancelled'
          ? 'accepted by GitHub; the run was cancelled before it was read back. Check the seat, or re-run to confirm (safe to repeat)'
          : 'accepted by GitHub; the run stopped before it was read back. Re-run to confirm (safe to repeat)'
    })
  }
  const skipped: Skip[] = []
  for (const [login, direction] of progress.inFlight) {
    if (progress.accepted.has(login)) continue
    skipped.push({
      subject: userSubject(login),
      reason: { kind: 'unanswered', direction },
      failed: true
    })
  }
  if (plan) {
    const reported = new Set([...progress.accepted.keys(), ...progress.inFlight.keys()])
    for (const [logins, direction] of [
      [[...plan.creates, ...plan.keeps], 'assign'],
      [plan.cancels, 'cancel']
    ] as const) {
      for (const login of logins) {
        if (!reported.has(login)) {
          skipped.push({
            subject: userSubject(login),
            reason: { kind: 'not-sent', direction },
            failed: true
          })
        }
      }
    }
  }
  return {
    seats: null,
    pricing: { seatCost: null, orgPlan: null },
    plan,
    applied: plan
      ? {
          breaker: null,
          sent: progress.accepted.size + progress.inFlight.size > 0,
          assigned: [],
          cancelled: [],
          unconfirmed,
          seatsCreated: 0,
          seatsCancelled: 0,
          skipped: []
        }
      : null,
    skipped,
    protectedIdle: [],
    errors: [],
    warnings: []
  }
}

/** Text from GitHub or a proxy may quote the token back; it must not reach outputs, summary or report files. */
function scrub(report: RunReport, token: string): void {
  if (!token) return
  const clean = (text: string) => text.split(token).join('***')
  report.errors = report.errors.map(clean)
  report.warnings = report.warnings.map(clean)
  for (const skip of report.skipped) {
    if (skip.reason.kind === 'write-failed')
      skip.reason = { ...skip.reason, message: clean(skip.reason.message) }
  }
  for (const u of report.applied?.unconfirmed ?? []) u.why = clean(u.why)
}

/**
 * The pull request a `pull_request` event is about: the repository from
 * GITHUB_REPOSITORY, the number from the event payload (GITHUB_EVENT_PATH).
 * A string says why there is none.
 */
function pullRequestOf(env: NodeJS.ProcessEnv): PullRequestRef | string {
  const repo = parseRepo(env.GITHUB_REPOSITORY ?? '')
  if (!repo) return 'GITHUB_REPOSITORY is not an owner/name'
  let event: unknown
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8'))
  } catch (error) {
    return `the event payload (GITHUB_EVENT_PATH) could not be read: ${messageOf(error)}`
  }
  const payload = event as { pull_request?: { number?: unknown }; number?: unknown } | null
  const number = payload?.pull_request?.number ?? payload?.number
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1)
    return 'the event payload has no pull request number'
  return { repo, number }
}

/**
 * `pr-comment`: on a pull_request event, the plan (or outcome) as the pull
 * request's comment, edited in place by later runs. A 403 (a fork's read-only
 * token) is a warning; any other failure fails the step, after the seats.
 */
async function commentOnPullRequest(
  report: RunReport,
  config: Config,
  env: NodeJS.ProcessEnv,
  client: Octokit | null
): Promise<void> {
  if (!config.prComment) return
  if (env.GITHUB_EVENT_NAME !== 'pull_request') {
    core.info(
      `\`pr-comment\`: this is a ${env.GITHUB_EVENT_NAME || 'non-pull-request'} event, not pull_request; no comment.`
    )
    return
  }
  if (report.interrupted) return // no new requests after a cancel
  const pr = pullRequestOf(env)
  if (typeof pr === 'string') {
    report.warnings.push(`\`pr-comment\`: no comment was posted: ${pr}.`)
    return
  }
  const where = `pull request #${pr.number} of ${pr.repo.owner}/${pr.repo.name}`
  if (!client) {
    report.warnings.push(
      `\`pr-comment\`: \`github-token\` is empty, so no comment was posted on ${where}. Fix: leave \`github-token\` at its default and give the job \`pull-requests: write\`.`
    )
    return
  }
  const server = env.GITHUB_SERVER_URL?.replace(/\/+$/, '')
  const runUrl =
    server && env.GITHUB_RUN_ID
      ? `${server}/${pr.repo.owner}/${pr.repo.name}/actions/runs/${env.GITHUB_RUN_ID}`
      : null
  const body = renderPullRequestComment(report, { runUrl })
  try {
    const result = await upsertPullRequestComment(
      client,
      pr,
      commentMarker(report),
      body,
      config.runnerApiUrl
    )
    if (result.kind === 'forbidden') {
      report.warnings.push(
        `\`pr-comment\`: could not comment on ${where} (a pull request from a fork gets a read-only token); the plan is in this job summary. ${result.message}`
      )
    } else {
      core.info(
        `${result.kind === 'created' ? 'Posted' : 'Updated'} the comment on ${where}: ${result.comment.htmlUrl}`
      )
    }
  } catch (error) {
    report.errors.push(`Could not comment on ${where}: ${messageOf(error)}`)
  }
}

/** Never throws: anything unexpected fails the step with its message, not a stack trace. */
export interface RunEnd {
  /**
   * The cancel's grace ran out with a request unanswered: its promise still holds
   * the process open, and the runner kills the step 2.5 s after its SIGTERM.
   */
  abandoned: boolean
}

export async function run(options: RunOptions = {}): Promise<RunEnd> {
  try {
    return await runAction(options)
  } catch (error) {
    // Either token may be quoted back by a library's error text.
    const secrets = [core.getInput('token'), core.getInput('github-token')].filter(Boolean)
    const message = secrets.reduce(
      (text, secret) => text.split(secret).join('***'),
      messageOf(error)
    )
    core.setFailed(
      `Unexpected error: ${message}. This is a bug in the action if it persists; please report it with the run log.`
    )
    return { abandoned: false }
  }
}

async function runAction(options: RunOptions): Promise<RunEnd> {
  const env = process.env
  // Mask first, so nothing logged later can show it.
  const token = core.getInput('token')
  if (token) core.setSecret(token)
  const githubToken = core.getInput('github-token')
  if (githubToken) core.setSecret(githubToken)

  let config: Config
  try {
    const raw = Object.fromEntries(INPUT_NAMES.map((name) => [name, core.getInput(name)]))
    config = parseInputs(raw, {
      workspace: env.GITHUB_WORKSPACE || env.PWD || '.',
      repository: env.GITHUB_REPOSITORY ?? '',
      apiUrl: env.GITHUB_API_URL ?? '',
      files: nodeFiles
    })
  } catch (error) {
    await finish(null, null, env)
    core.setFailed(
      error instanceof InputError ? error.message : `Invalid input: ${messageOf(error)}`
    )
    return { abandoned: false }
  }

  const now = options.now ?? Date.now()
  const apiUrl = config.githubApiUrl
  const limiter = new RunLimiter(options.limiter)
  const client = createClient({
    token: config.token,
    baseUrl: apiUrl,
    fetch: options.fetch,
    limiter,
    timing: options.timing,
    throttleGroups: options.throttleGroups,
    onWait: (m) => core.info(m)
  })
  // github-token has its own limits (another user), so its own limiter; it goes only to the
  // runner's API URL, never to github-api-url.
  const repoLimiter = new RunLimiter(options.limiter)
  const repoClient = config.githubToken
    ? createClient({
        token: config.githubToken,
        baseUrl: config.runnerApiUrl,
        fetch: options.fetch,
        limiter: repoLimiter,
        timing: options.timing,
        throttleGroups: options.throttleGroups,
        onWait: (m) => core.info(m)
      })
    : null
  let cancelled = false
  const progress = newProgress()
  const ctx: ModeContext = {
    client,
    repoClient,
    runnerApiUrl: config.runnerApiUrl,
    now,
    apiUrl,
    isCancelled: () => cancelled,
    progress,
    download: createDownloader(options),
    usageBytesPerHolder: options.usageBytesPerHolder,
    log: { info: (m) => core.info(m), warning: (m) => core.warning(m), debug: (m) => core.debug(m) }
  }

  let onCancel: (() => void) | null = null
  let graceTimer: NodeJS.Timeout | undefined
  const graceOver = new Promise<'grace-over'>((resolve) => {
    onCancel = () => {
      graceTimer = setTimeout(() => resolve('grace-over'), CANCEL_GRACE_MS)
    }
  })
  const stop = (signal: string) => {
    if (cancelled) return
    cancelled = true
    core.warning(
      `Received ${signal}: sending no new changes; requests in flight get up to ${CANCEL_GRACE_MS / 1000} s, then the summary and outputs report what was done.`
    )
    limiter.stop(new CancelledError(`the run was cancelled (${signal})`))
    repoLimiter.stop(new CancelledError(`the run was cancelled (${signal})`))
    onCancel?.()
  }
  if (options.handleSignals) {
    process.once('SIGINT', () => stop('SIGINT'))
    process.once('SIGTERM', () => stop('SIGTERM'))
  }

  core.info(
    `Mode ${config.mode} for ${config.enterprise ? `enterprise ${config.enterprise}` : `org ${config.org}`}${config.dryRun ? ' (dry run: nothing will be changed)' : ''}.`
  )
  let result: ModeResult
  let complete = false
  let abandoned = false
  try {
    const outcome = await Promise.race([runMode(config, ctx), graceOver])
    if (outcome === 'grace-over') {
      abandoned = true
      result = fromProgress(progress, 'cancelled')
    } else {
      result = outcome
      complete = true
    }
  } catch (error) {
    result = fromProgress(progress, cancelled ? 'cancelled' : 'failed')
    if (!(error instanceof CancelledError)) result.errors.push(messageOf(error))
  } finally {
    clearTimeout(graceTimer)
    // Nothing may reach GitHub after the run has reported: a look-up whose sibling failed first
    // (Promise.all settles on the first failure) would otherwise go on retrying in the background.
    limiter.stop(new CancelledError('the run had already ended'))
  }
  const report: RunReport = {
    mode: config.mode,
    org: config.org,
    enterprise: config.enterprise,
    dryRun: config.dryRun,
    reclaim: config.reclaim,
    inactiveDays: config.inactiveDays,
    now,
    ...result,
    pricing: { ...result.pricing, seatCost: config.seatCost },
    requests: limiter.stats.requests + repoLimiter.stats.requests,
    interrupted: cancelled,
    complete
  }
  const scrubTokens = () => {
    scrub(report, config.token)
    if (config.githubToken) scrub(report, config.githubToken)
  }
  scrubTokens()
  await commentOnPullRequest(report, config, env, repoClient)
  repoLimiter.stop(new CancelledError('the run had already ended'))
  scrubTokens() // what the comment added (GitHub's messages) too
  await finish(report, config, env)
  return { abandoned }
}
