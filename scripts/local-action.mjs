#!/usr/bin/env node
// `npm run local-action`: runs the action from source (src/main.ts's exported
// run(), through @github/local-action, which stubs @actions/core and
// @actions/github and runs TypeScript with tsx) against the in-repo fake
// GitHub API, so a debugger can step through src/ without a build.
//   npm run local-action                         report on 300 generated seats
//   npm run local-action -- --mode audit         any mode; other inputs with --input
//   npm run local-action -- --input inactive-days=60 --input dry-run=true
//   npm run local-action -- --seats 2000 --keep  keep the temp folder (.env, summary, reports)
// What it does: starts `node fake/cli.js` (it prints one JSON line with its
// URL), writes a temporary .env with an INPUT_* line for every input of
// action.yml plus GITHUB_API_URL, GITHUB_STEP_SUMMARY and RUNNER_TEMP, runs
// `local-action run . src/main.ts <.env>`, prints the job summary, stops the
// fake and exits non-zero when the action reported an error.
// local-action itself exits 0 even when the action calls core.setFailed, so the
// exit status here comes from the `::error::` lines it prints.
// To step through src/ in a debugger, run it from a debugger that attaches to
// child processes (VS Code's JavaScript Debug Terminal does).
import { spawn } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { parse } from 'yaml'

const root = path.resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)

/** @param {string} name @param {string} fallback */
function opt(name, fallback) {
  const i = args.indexOf(`--${name}`)
  const v = i >= 0 ? args[i + 1] : undefined
  return v !== undefined && !v.startsWith('--') ? v : fallback
}
const keep = args.includes('--keep')
const overrides = /** @type {Record<string, string>} */ ({})
args.forEach((a, i) => {
  if (a !== '--input') return
  const kv = args[i + 1] ?? ''
  const eq = kv.indexOf('=')
  if (eq <= 0) {
    console.error(`--input needs name=value, got "${kv}"`)
    process.exit(2)
  }
  overrides[kv.slice(0, eq)] = kv.slice(eq + 1)
})

const org = 'acme'
const token = 'local-action-token-not-a-secret'
const seats = opt('seats', '300')
const mode = opt('mode', 'report')

/**
 * One INPUT_* value per input of action.yml: its default, except that the
 * defaults which are workflow expressions (`${{ github.* }}`) are what a
 * runner would pass for them here. local-action would otherwise pass the
 * expression text itself, since it does not evaluate expressions.
 * @param {string} apiUrl
 */
function inputs(apiUrl) {
  const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8'))
  /** @type {Record<string, string>} */
  const runner = {
    'github.repository_owner': org,
    'github.repository': `${org}/seat-admin`,
    'github.api_url': apiUrl,
    'github.token': 'local-action-github-token-not-a-secret'
  }
  /** @type {Record<string, string>} */
  const out = {}
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    const def = spec?.default === undefined ? '' : String(spec.default)
    const expr = /^\$\{\{\s*([\w.]+)\s*\}\}$/.exec(def.trim())
    if (expr) {
      const key = /** @type {string} */ (expr[1])
      if (!(key in runner)) throw new Error(`no local value for the default of ${name}: ${def}`)
      out[name] = /** @type {string} */ (runner[key])
    } else out[name] = def
  }
  return { ...out, mode, token, org, ...overrides }
}

const declared = Object.keys(
  parse(readFileSync(path.join(root, 'action.yml'), 'utf8')).inputs ?? {}
)
for (const name of Object.keys(overrides))
  if (!declared.includes(name)) {
    console.error(`--input ${name}: action.yml has no such input (it has ${declared.join(', ')})`)
    process.exit(2)
  }

/** Starts fake/cli.js and resolves with its URL once it has printed it. */
function startFake() {
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'fake', 'cli.js'),
      '--org',
      org,
      '--seats',
      seats,
      '--seed',
      '42',
      '--token',
      token
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`fake/cli.js exited with ${code}`)))
    createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) }).once(
      'line',
      (line) => resolve({ child, url: /** @type {{ url: string }} */ (JSON.parse(line)).url })
    )
  })
}

/**
 * A .env line's value. dotenv keeps a double-quoted value as it is except that
 * `\n` becomes a newline; it has no escape for `"`, so such a value is refused.
 * @param {string} key @param {string} value
 */
function envValue(key, value) {
  if (value.includes('"')) throw new Error(`${key}: a value with a double quote cannot go in .env`)
  return `"${value.replace(/\r?\n/g, '\\n')}"`
}

const { child: fake, url } =
  /** @type {{ child: import('node:child_process').ChildProcess, url: string }} */ (
    await startFake()
  )
const dir = mkdtempSync(path.join(os.tmpdir(), 'copilot-seats-local-action-'))
// However this script ends (an error, a closed pipe, a signal), its children
// and its temp folder go with it.
/** @type {import('node:child_process').ChildProcess[]} */
const children = [fake]
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM')
  if (keep) console.error(`Kept ${dir}`)
  else rmSync(dir, { recursive: true, force: true })
})
for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']))
  process.on(sig, () => process.exit(130))

const files = {
  env: path.join(dir, '.env'),
  summary: path.join(dir, 'summary.md'),
  temp: path.join(dir, 'runner-temp')
}
writeFileSync(files.summary, '') // core.summary and the action append to it: it must exist
mkdirSync(files.temp)
/** @type {Record<string, string>} */
const env = {
  ...Object.fromEntries(
    Object.entries(inputs(url)).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])
  ),
  GITHUB_API_URL: url,
  GITHUB_STEP_SUMMARY: files.summary,
  RUNNER_TEMP: files.temp,
  GITHUB_WORKSPACE: root,
  GITHUB_REPOSITORY: `${org}/seat-admin`,
  GITHUB_RUN_ID: 'local-action'
}
writeFileSync(
  files.env,
  Object.entries(env)
    .map(([k, v]) => `${k}=${envValue(k, v)}`)
    .join('\n') + '\n'
)

console.log(`Fake GitHub at ${url}: org "${org}" with ${seats} generated seats.`)
console.log(`Running src/main.ts with @github/local-action (mode ${mode}); .env: ${files.env}\n`)
const bin = path.join(root, 'node_modules', '.bin')
const run = spawn(
  process.execPath,
  [path.join(bin, 'local-action'), 'run', root, 'src/main.ts', files.env],
  {
    cwd: root,
    // local-action runs `npm exec tsx`, which needs the project's bin folder on PATH.
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'pipe', 'inherit']
  }
)
children.push(run)
let reportedError = false
createInterface({ input: /** @type {import('node:stream').Readable} */ (run.stdout) }).on(
  'line',
  (line) => {
    // With or without colours, an error annotation starts with ::error
    // eslint-disable-next-line no-control-regex -- terminal colour codes start with ESC
    if (/^(\u001b\[[\d;]*m)*::error\b/.test(line)) reportedError = true
    console.log(line)
  }
)
const status = await new Promise((resolve) => run.on('close', (c) => resolve(c ?? 1)))
console.log('\n========== Job summary ($GITHUB_STEP_SUMMARY) ==========\n')
console.log(readFileSync(files.summary, 'utf8') || '(empty)')
if (status !== 0) console.log(`local-action: local-action itself exited with ${status}.`)
else if (reportedError) console.log('local-action: the action failed (it reported an error).')
else console.log('local-action: the action succeeded.')
process.exit(status !== 0 ? Number(status) : reportedError ? 1 : 0)
