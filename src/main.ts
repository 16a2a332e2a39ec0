// The imperative shell: the one place that touches @actions/core, the runner's
// files, the clock, signals and the environment. Everything below it takes
// what it needs as arguments.
import * as core from '@actions/core'
import { appendFileSync } from 'node:fs'
import os from 'node:os'
import { CancelledError, InputError, messageOf } from './errors.js'
import { createClient, PRODUCTION_TIMING, type Timing } from './github/client.js'
import { createHeapCompactor } from './heap.js'
import { RunLimiter, type LimiterOptions } from './github/limiter.js'
import { INPUT_NAMES, nodeFiles, parseInputs, type Config } from './inputs.js'
import type { ModeContext } from './modes/context.js'
import { runMode } from './modes/index.js'
import { failed, newResult, type RunResult } from './modes/result.js'
import { buildOutputs, OUTPUT_NAMES } from './render/outputs.js'
import { reportFileNames, writeReportFiles } from './render/report-files.js'
import { renderSummary } from './render/summary.js'

/** On a cancel, writes in flight get this long before the results are written. */
export const CANCEL_GRACE_MS = 5000

export interface RunOptions {
  /** Tests pass the global fetch so msw sees the requests. */
  fetch?: typeof globalThis.fetch
  timing?: Partial<Timing>
  limiter?: Partial<LimiterOptions>
  /** Fixed clock for tests; production reads it once here. */
  now?: number
  /** Listen for SIGINT/SIGTERM (the bundled entry point does). */
  handleSignals?: boolean
}

/** Test-only knobs, read from the environment so the bundled action can be driven too. */
function knobs(env: NodeJS.ProcessEnv): { now?: number; timing?: Partial<Timing> } {
  const out: { now?: number; timing?: Partial<Timing> } = {}
  const now = env.COPILOT_SEATS_NOW ? Date.parse(env.COPILOT_SEATS_NOW) : NaN
  if (!Number.isNaN(now)) out.now = now
  const scale = Number(env.COPILOT_SEATS_TIME_SCALE)
  if (scale > 0 && scale < 1) {
    out.timing = {
      attemptTimeoutMs: Math.max(50, PRODUCTION_TIMING.attemptTimeoutMs * scale),
      retryBaseMs: PRODUCTION_TIMING.retryBaseMs * scale
    }
  }
  return out
}

function emptyOutputs(): void {
  const zero = buildOutputs(newResult(placeholderConfig(), Date.now()), null)
  for (const name of OUTPUT_NAMES) core.setOutput(name, zero[name])
}

function placeholderConfig(): Config {
  return {
    mode: 'report',
    token: '',
    org: '',
    enterprise: null,
    users: [],
    teams: [],
    inactiveDays: 30,
    excludeUsers: [],
    excludeTeams: [],
    reclaim: false,
    dryRun: false,
    maxCancellations: 100,
    maxAssignments: 100,
    seatCost: null,
    jobSummary: false,
    githubApiUrl: 'https://api.github.com',
    runnerApiUrl: 'https://api.github.com',
    usageMetrics: 'auto',
    notify: 'none',
    graceDays: 7,
    notifyRepo: null,
    githubToken: null,
    prComment: false
  }
}

function failureMessage(result: RunResult): string {
  const lines: string[] = [...result.errors]
  const bad = result.skipped.filter((s) => s.failed)
  if (bad.length) {
    lines.push(
      `${bad.length} requested change(s) could not be made:\n` +
        bad
          .slice(0, 10)
          .map((s) => `- ${s.login}: ${s.reason}`)
          .join('\n') +
        (bad.length > 10
          ? `\n- …and ${bad.length - 10} more (see the summary and the report files)`
          : '')
    )
  }
  if (result.interrupted)
    lines.push(
      'The run was cancelled; the summary and outputs show what was done before it stopped.'
    )
  if (!lines.length) lines.push('The run did not complete.')
  return lines.join('\n')
}

async function finish(
  result: RunResult,
  config: Config,
  env: NodeJS.ProcessEnv,
  compactHeap: () => void
): Promise<void> {
  let files: { json: string; csv: string } | null = reportFileNames(
    env.RUNNER_TEMP || os.tmpdir(),
    config.mode,
    {
      id: env.GITHUB_RUN_ID,
      attempt: env.GITHUB_RUN_ATTEMPT
    }
  )
  try {
    await writeReportFiles(result, files, compactHeap)
  } catch (error) {
    core.warning(`Could not write the report files: ${messageOf(error)}`)
    files = null
  }
  const outputs = buildOutputs(result, files)
  for (const name of OUTPUT_NAMES) core.setOutput(name, outputs[name])
  if (config.jobSummary) {
    const path = env.GITHUB_STEP_SUMMARY
    if (path) {
      try {
        appendFileSync(path, renderSummary(result, { reportFiles: files ?? undefined }))
      } catch (error) {
        core.warning(`Could not write the job summary: ${messageOf(error)}`)
      }
    } else {
      core.info('GITHUB_STEP_SUMMARY is not set; no job summary written.')
    }
  }
  for (const w of result.warnings) core.warning(w)
  const s = result.stats
  core.info(
    `Seats: ${s.total} total, ${s.active} active, ${s.idle} idle, ${s.pending} pending; ${result.requests} API request(s).`
  )
  if (files) core.info(`Report files: ${files.json} and ${files.csv}`)
  if (failed(result)) core.setFailed(failureMessage(result))
}

/**
 * The grace period ran out with a write still unanswered: name every planned
 * change GitHub has not confirmed, so that nobody assumes it either way.
 */
function unconfirmed(result: RunResult): void {
  if (!result.planned || result.dryRun) return
  const known = new Set(
    [...result.assigned, ...result.cancelled, ...result.skipped].map((c) => c.login)
  )
  for (const login of [...result.planned.creates, ...result.planned.cancels]) {
    if (known.has(login)) continue
    known.add(login)
    result.skipped.push({
      login,
      reason:
        'not confirmed: the run was cancelled before GitHub answered for this change (it was in flight or not yet sent); check the seat, or re-run to finish (safe to repeat)',
      failed: true
    })
  }
}

/** Text from GitHub or a proxy may quote the token back; it must not reach outputs, summary or report files. */
function scrub(result: RunResult, token: string): void {
  if (!token) return
  const clean = (text: string) => text.split(token).join('***')
  result.errors = result.errors.map(clean)
  result.warnings = result.warnings.map(clean)
  for (const skip of result.skipped) skip.reason = clean(skip.reason)
}

/** Never throws: anything unexpected fails the step with its message, not a stack trace. */
export async function run(options: RunOptions = {}): Promise<void> {
  try {
    await runAction(options)
  } catch (error) {
    const token = core.getInput('token')
    const message = token ? messageOf(error).split(token).join('***') : messageOf(error)
    core.setFailed(
      `Unexpected error: ${message}. This is a bug in the action if it persists; please report it with the run log.`
    )
  }
}

async function runAction(options: RunOptions): Promise<void> {
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
    emptyOutputs()
    core.setFailed(
      error instanceof InputError ? error.message : `Invalid input: ${messageOf(error)}`
    )
    return
  }

  const knob = knobs(env)
  const now = options.now ?? knob.now ?? Date.now()
  const limiter = new RunLimiter(options.limiter)
  const client = createClient({
    token: config.token,
    baseUrl: config.githubApiUrl,
    fetch: options.fetch,
    limiter,
    timing: { ...knob.timing, ...options.timing },
    onWait: (m) => core.info(m)
  })
  let cancelled = false
  const compactHeap = createHeapCompactor()
  const ctx: ModeContext = {
    client,
    compactHeap,
    now,
    apiUrl: config.githubApiUrl,
    isCancelled: () => cancelled,
    log: { info: (m) => core.info(m), warning: (m) => core.warning(m), debug: (m) => core.debug(m) }
  }
  const result = newResult(config, now)

  let onCancel: (() => void) | null = null
  const cancelledAndGraceOver = new Promise<void>((resolve) => {
    onCancel = () => setTimeout(resolve, CANCEL_GRACE_MS)
  })
  const stop = (signal: string) => {
    if (cancelled) return
    cancelled = true
    core.warning(
      `Received ${signal}: sending no new changes; requests in flight get up to ${CANCEL_GRACE_MS / 1000} s, then the summary and outputs report what was done.`
    )
    limiter.stop(new CancelledError(`the run was cancelled (${signal})`))
    onCancel?.()
  }
  if (options.handleSignals) {
    process.once('SIGINT', () => stop('SIGINT'))
    process.once('SIGTERM', () => stop('SIGTERM'))
  }

  core.info(
    `Mode ${config.mode} for ${config.enterprise ? `enterprise ${config.enterprise}` : `org ${config.org}`}${config.dryRun ? ' (dry run: nothing will be changed)' : ''}.`
  )
  try {
    await Promise.race([runMode(config, ctx, result), cancelledAndGraceOver])
  } catch (error) {
    if (!(error instanceof CancelledError)) result.errors.push(messageOf(error))
  }
  if (cancelled) result.interrupted = true
  if (cancelled && !result.complete) unconfirmed(result)
  scrub(result, config.token)
  if (config.githubToken) scrub(result, config.githubToken)
  await finish(result, config, env, compactHeap)
}
