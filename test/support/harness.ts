// Runs the action in-process the way the runner does: INPUT_* environment,
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, RUNNER_TEMP. Requests go through
// the global fetch, so msw (backed by the stateful fake) answers them, with the
// real retry and throttling plugins and the limiter on, their delays scaled down.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { createMswHandlers, FakeGitHub, type FakeGitHubOptions } from '../../fake/index.js'
import Bottleneck from 'bottleneck'
import type { ThrottleGroups, Timing } from '../../src/github/client.js'
import type { LimiterOptions } from '../../src/github/limiter.js'
import { INPUT_DEFAULTS, type InputName } from '../../src/inputs.js'
import { run } from '../../src/main.js'

export const API = 'https://api.github.test'
export const TOKEN = 'ghp_TESTTOKEN0123456789abcdefSECRET'
export const ORG = 'acme'

/** The temp folders this test file's runs made (runAction, runDist), removed after each test. */
const tempDirs: string[] = []

/** A fresh temp folder for one run, removed after the test that made it. */
export function runTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  tempDirs.push(dir)
  return dir
}

// Registered when a test file imports the harness (directly or through the dist runner).
afterEach(() => {
  for (const dir of tempDirs.splice(0)) {
    // A test may leave a folder it cannot list (permissions): leaving it behind must not fail the test.
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
    } catch (error) {
      console.warn(`Could not remove the test folder ${dir}: ${String(error)}`)
    }
  }
})

/** Production timing with every wait scaled down: retry-after 60 s -> 300 ms, back-off 1/4/9 s -> 5/20/45 ms. */
export const FAST_TIMING: Partial<Timing> = { attemptTimeoutMs: 1000, retryBaseMs: 5 }

/**
 * The limiter's per-minute budgets scaled up 40 times like the other waits are scaled down
 * (765 points a minute -> 30,600): a run of hundreds of look-ups is paced, not slowed to real
 * minutes. Write spacing stays 1 s unless a test says otherwise; limits/pacing tests set their own.
 */
export const FAST_BUDGET = { pointsPerMinute: 765 * 40, requestSecondsPerMinute: 76.5 * 40 }

/**
 * plugin-throttling's own pacing groups with its spacing scaled down like the
 * other waits (1 s between writes -> 5 ms, 3 s between notifying writes -> 15 ms).
 */
export function fastThrottleGroups(): ThrottleGroups {
  return {
    global: new Bottleneck.Group({ maxConcurrent: 10 }),
    auth: new Bottleneck.Group({ maxConcurrent: 1 }),
    search: new Bottleneck.Group({ maxConcurrent: 1, minTime: 10 }),
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 5 }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 15 })
  }
}

/** One msw server per test file; each test installs its own fake with `useFake`. */
export function mswServer() {
  const server = setupServer()
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())
  return {
    server,
    /** A fresh fake GitHub with org `acme` (business, assign_selected, block), answering at API. */
    useFake(options: FakeGitHubOptions = {}, org: string | null = ORG): FakeGitHub {
      const gh = new FakeGitHub({ auth: { valid: [TOKEN] }, ...options })
      if (org) gh.addOrg(org)
      server.use(...createMswHandlers(gh, API))
      return gh
    }
  }
}

export interface ActionRun {
  exitCode: number
  outputs: Record<string, string>
  summary: string
  stdout: string
  /** Text of each `::error::` annotation. */
  errors: string[]
  warnings: string[]
  reportJson: {
    meta: Record<string, unknown>
    seats: Record<string, unknown>[]
    skipped: { login?: string; team?: string; reason: string; kind: string; failed: boolean }[]
  } | null
  reportCsv: string | null
  tempDir: string
}

/** Parses GITHUB_OUTPUT's `name<<delimiter` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!
  return out
}

const unescapeCommand = (s: string) =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')

export function annotations(stdout: string, kind: 'error' | 'warning'): string[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith(`::${kind}`))
    .map((l) => unescapeCommand(l.replace(/^::[a-z]+[^:]*::/, '')))
}

export type RunInputs = Partial<Record<InputName, string>>

export async function runAction(
  inputs: RunInputs,
  options: {
    now?: number
    timing?: Partial<Timing>
    limiter?: Partial<LimiterOptions>
    workspaceFiles?: Record<string, string | Uint8Array>
    /** Runs after the workspace files are written (symbolic links, FIFOs...). */
    setup?: (dirs: { workspace: string; tempDir: string }) => void
    env?: Record<string, string>
    /** Listen for SIGINT/SIGTERM as the bundle does (a test then sends one with `process.emit`). */
    handleSignals?: boolean
    /** plugin-throttling's groups; default fastThrottleGroups(). */
    throttleGroups?: ThrottleGroups
    /** The usage report's size guard per seat holder, scaled down (see RunOptions). */
    usageBytesPerHolder?: number
  } = {}
): Promise<ActionRun> {
  const tempDir = runTempDir('copilot-seats-test-')
  const workspace = path.join(tempDir, 'workspace')
  const runnerTemp = path.join(tempDir, 'runner-temp')
  for (const dir of [workspace, runnerTemp]) mkdirp(dir)
  for (const [name, content] of Object.entries(options.workspaceFiles ?? {})) {
    mkdirp(path.dirname(path.join(workspace, name)))
    writeFileSync(path.join(workspace, name), content)
  }
  options.setup?.({ workspace, tempDir })
  const outputFile = path.join(tempDir, 'output')
  const summaryFile = path.join(tempDir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')

  const saved = { ...process.env }
  // The runner passes every input, with its default when the workflow omits it.
  Object.assign(process.env, inputEnv(inputs), {
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: workspace,
    GITHUB_API_URL: API,
    GITHUB_RUN_ID: '1234',
    GITHUB_RUN_ATTEMPT: '1',
    ...options.env
  })
  const chunks: string[] = []
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = (chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString())
    return true
  }
  process.exitCode = undefined
  let exitCode: number
  try {
    await run({
      fetch: (input, init) => globalThis.fetch(input, init),
      timing: { ...FAST_TIMING, ...options.timing },
      limiter: { ...FAST_BUDGET, ...options.limiter },
      throttleGroups: options.throttleGroups ?? fastThrottleGroups(),
      now: options.now,
      handleSignals: options.handleSignals,
      usageBytesPerHolder: options.usageBytesPerHolder
    })
  } finally {
    process.stdout.write = write
    exitCode = Number(process.exitCode ?? 0)
    process.exitCode = undefined
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
    Object.assign(process.env, saved)
  }
  return collectRun({ exitCode, stdout: chunks.join(''), outputFile, summaryFile, tempDir })
}

/** What a run left behind, read from the runner's files and the report files it names. */
export function collectRun(run: {
  exitCode: number
  stdout: string
  outputFile: string
  summaryFile: string
  tempDir: string
}): ActionRun {
  const outputs = parseOutputFile(readFileSync(run.outputFile, 'utf8'))
  const readIf = (p: string | undefined) => (p && existsSync(p) ? readFileSync(p, 'utf8') : null)
  const json = readIf(outputs['report-json'])
  return {
    exitCode: run.exitCode,
    outputs,
    summary: readFileSync(run.summaryFile, 'utf8'),
    stdout: run.stdout,
    errors: annotations(run.stdout, 'error'),
    warnings: annotations(run.stdout, 'warning'),
    reportJson: json ? JSON.parse(json) : null,
    reportCsv: readIf(outputs['report-csv']),
    tempDir: run.tempDir
  }
}

/**
 * Every input as the runner passes it: INPUT_<NAME> (hyphens kept), defaults for the rest.
 * One exception: `usage-metrics` (default `auto`) is `false` in report and audit runs unless
 * a test sets it, so that tests about other things do not read (or warn about) the usage
 * report; test/usage/ runs the real default.
 */
export function inputEnv(inputs: RunInputs): Record<string, string> {
  const env: Record<string, string> = {}
  const readsUsage = inputs.mode === 'report' || inputs.mode === 'audit'
  for (const name of Object.keys(INPUT_DEFAULTS) as InputName[]) {
    env[`INPUT_${name.toUpperCase()}`] =
      inputs[name] ??
      (name === 'org'
        ? ORG
        : name === 'token'
          ? TOKEN
          : name === 'usage-metrics' && readsUsage
            ? 'false'
            : INPUT_DEFAULTS[name])
  }
  return env
}

const mkdirp = (dir: string) => mkdirSync(dir, { recursive: true })

/** Requests the fake saw, as "METHOD /path" lines (writes only with `writesOnly`). */
export function requestLines(gh: FakeGitHub, writesOnly = false): string[] {
  return gh.requests
    .filter((r) => !writesOnly || (r.method !== 'GET' && r.method !== 'HEAD'))
    .map((r) => `${r.method} ${r.path}`)
}

export const json = <T = unknown>(text: string | undefined): T => JSON.parse(text ?? 'null') as T
