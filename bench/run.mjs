#!/usr/bin/env node
// Benchmark of the bundled action (dist/index.js) against the in-repo fake
// GitHub, run as a runner runs it: a child process with INPUT_* variables,
// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP and GITHUB_API_URL pointing at
// a loopback fake (bench/fake-server.mjs, its own process) that enforces both of
// GitHub's secondary budgets and answers each request after a fixed latency.
//
//   npm run bench                    every case; writes bench/RESULTS.md
//   node bench/run.mjs --quick       small cases only (smoke check); prints only
//   node bench/run.mjs --case NAME   one case (repeatable, or NAME,NAME); prints only
//   --runs N                         runs per case instead of the case's default
//   --write                          after a partial run, update those cases in bench/RESULTS.md
//                                    (the other cases' rows come from bench/results.json)
//   --node node24|current            the action's Node for the listing and reclaim cases
//                                    (default node24, what `runs.using: node24` runs; the
//                                    cold-start cases always use their own)
//   --node-options "..."             NODE_OPTIONS for the action (diagnosis only)
//
// The action is a snapshot of dist/ taken when the bench starts, so a rebuild
// while it runs does not mix two builds into one table.
//
// Only 127.0.0.1 is ever contacted. Every run has a time limit; the fakes are
// stopped by PID when a case ends, on error and on Ctrl-C.
import { execFileSync, fork, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'

const ROOT = path.resolve(import.meta.dirname, '..')
const DIST_DIR = path.join(ROOT, 'dist')
let DIST = path.join(DIST_DIR, 'index.js')
const RESULTS = path.join(ROOT, 'bench/RESULTS.md')
/** Each case's latest result, machine-readable; RESULTS.md is rendered from it. */
const RESULTS_JSON = path.join(ROOT, 'bench/results.json')
const HAND_WRITTEN =
  '<!-- hand-written: everything below this line is kept when the bench rewrites this file -->'
const TIME = '/usr/bin/time'

// ---------------------------------------------------------------- cases

/**
 * kind org: `seats` seats in org acme, mode report. enterprise: `users` users in
 * `rows` rows, mode report with `enterprise`. audit: `active` seats in use plus
 * `idle` direct idle seats, mode audit with reclaim (a fresh fake per run, since a
 * run changes the seats). usage: `seats` seats in org acme and their 28-day usage
 * metrics report in `files` files, mode report with `usage-metrics: true`, or `false`
 * for the listing alone. `node`: 'current' or 'node24'.
 */
const CASES = [
  { name: 'org-1k-100ms', kind: 'org', seats: 1_000, latencyMs: 100, runs: 5, quick: true },
  { name: 'org-10k-100ms', kind: 'org', seats: 10_000, latencyMs: 100, runs: 5, quick: true },
  { name: 'org-100k-100ms', kind: 'org', seats: 100_000, latencyMs: 100, runs: 3 },
  { name: 'org-10k-300ms', kind: 'org', seats: 10_000, latencyMs: 300, runs: 5 },
  { name: 'org-100k-300ms', kind: 'org', seats: 100_000, latencyMs: 300, runs: 3 },
  {
    name: 'enterprise-100k-users-120k-rows-100ms',
    kind: 'enterprise',
    users: 100_000,
    rows: 120_000,
    latencyMs: 100,
    runs: 3
  },
  {
    name: 'audit-reclaim-5k-100ms',
    kind: 'audit',
    active: 5_000,
    idle: 5_000,
    latencyMs: 100,
    runs: 3
  },
  {
    // Enterprise scope: the listing, then per org a policy check, the confirming look-ups, one
    // DELETE and the read-back look-ups.
    name: 'enterprise-reclaim-1k-of-100k-users-10-orgs-100ms',
    kind: 'enterprise-reclaim',
    users: 100_000,
    rows: 120_000,
    orgs: 10,
    idle: 1_000,
    latencyMs: 100,
    runs: 1
  },
  {
    name: 'audit-reclaim-300-100ms',
    kind: 'audit',
    active: 1_000,
    idle: 300,
    latencyMs: 100,
    runs: 1,
    quick: true,
    quickOnly: true
  },
  // Confirm before writing, at scale: a few users in a large org are looked up one by one (never
  // the whole listing), and a reclaim confirms and reads back its few seats the same way.
  {
    name: 'assign-21-users-100k-seats-100ms',
    kind: 'assign',
    seats: 100_000,
    assign: 21,
    latencyMs: 100,
    runs: 3
  },
  {
    name: 'reclaim-50-of-100k-seats-100ms',
    kind: 'audit',
    active: 99_950,
    idle: 50,
    latencyMs: 100,
    runs: 1
  },
  // report with the 28-day usage metrics report of 100,000 seat holders (2.8 million rows,
  // gzip), and the same listing without it: the difference is what the report costs.
  {
    name: 'usage-100k-28d-100ms',
    kind: 'usage',
    seats: 100_000,
    files: 4,
    usage: true,
    latencyMs: 100,
    runs: 1
  },
  {
    name: 'usage-2k-28d-100ms',
    kind: 'usage',
    seats: 2_000,
    files: 2,
    usage: true,
    latencyMs: 100,
    runs: 1,
    quick: true,
    quickOnly: true
  },
  {
    name: 'usage-100k-listing-only-100ms',
    kind: 'usage',
    seats: 100_000,
    files: 4,
    usage: false,
    latencyMs: 100,
    runs: 1
  },
  {
    name: 'cold-start-node24',
    kind: 'org',
    seats: 0,
    latencyMs: 0,
    runs: 5,
    node: 'node24',
    quick: true,
    cold: true
  },
  {
    name: 'cold-start-node20',
    kind: 'org',
    seats: 0,
    latencyMs: 0,
    runs: 5,
    node: 'current',
    quick: true,
    cold: true
  }
]

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const out = { quick: false, cases: [], runs: null, write: false, node: 'node24', nodeOptions: '' }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--quick') out.quick = true
    else if (a === '--write') out.write = true
    else if (a === '--case')
      out.cases.push(
        ...String(argv[++i] ?? '')
          .split(',')
          .filter(Boolean)
      )
    else if (a.startsWith('--case=')) out.cases.push(...a.slice(7).split(',').filter(Boolean))
    else if (a === '--node') out.node = String(argv[++i])
    else if (a === '--node-options') out.nodeOptions = String(argv[++i] ?? '')
    else if (a === '--runs') out.runs = Number(argv[++i])
    else if (a.startsWith('--runs=')) out.runs = Number(a.slice(7))
    else if (a === '--help' || a === '-h') {
      console.log(
        `usage: node bench/run.mjs [--quick] [--case NAME]... [--runs N] [--write]\ncases:\n${CASES.map((c) => `  ${c.name}${c.quick ? ' (quick)' : ''}`).join('\n')}`
      )
      process.exit(0)
    } else throw new Error(`unknown argument ${a} (try --help)`)
  }
  if (out.node !== 'node24' && out.node !== 'current')
    throw new Error('--node is node24 or current')
  if (out.runs !== null && !(Number.isInteger(out.runs) && out.runs > 0))
    throw new Error('--runs needs a positive whole number')
  for (const name of out.cases)
    if (!CASES.some((c) => c.name === name))
      throw new Error(`unknown case ${name}; cases: ${CASES.map((c) => c.name).join(', ')}`)
  return out
}

// ---------------------------------------------------------------- processes

/** Every child still running, by PID, so that an exit or Ctrl-C stops them. */
const children = new Set()
function track(child) {
  children.add(child)
  child.on('exit', () => children.delete(child))
  return child
}
function killAll() {
  for (const child of children) {
    try {
      process.kill(child.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
}
process.on('exit', killAll)
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    killAll()
    process.exit(130)
  })
}

/** Starts bench/fake-server.mjs; resolves once it listens on 127.0.0.1. */
async function startFake(spec) {
  const child = track(
    fork(path.join(ROOT, 'bench/fake-server.mjs'), [JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc']
    })
  )
  const info = await new Promise((resolve, reject) => {
    let buf = ''
    const timer = setTimeout(
      () => reject(new Error('the fake did not start within 120 s')),
      120_000
    )
    child.stdout.on('data', (d) => {
      buf += d
      const nl = buf.indexOf('\n')
      if (nl >= 0) {
        clearTimeout(timer)
        resolve(JSON.parse(buf.slice(0, nl)))
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the fake exited (${code}) before listening`))
    })
  })
  const url = new URL(info.url)
  if (url.hostname !== '127.0.0.1')
    throw new Error(`refusing a fake that is not on 127.0.0.1: ${info.url}`)
  let seq = 0
  const ask = (cmd) =>
    new Promise((resolve, reject) => {
      const id = ++seq
      const timer = setTimeout(() => reject(new Error(`the fake did not answer ${cmd}`)), 30_000)
      const onMessage = (msg) => {
        if (msg?.id !== id) return
        clearTimeout(timer)
        child.off('message', onMessage)
        resolve(msg)
      }
      child.on('message', onMessage)
      child.send({ cmd, id })
    })
  const control = async (method, route) => {
    const res = await fetch(`${info.url}/_fake/${route}`, { method })
    if (!res.ok) throw new Error(`fake ${route}: ${res.status}`)
    return res.json()
  }
  return {
    info,
    url: info.url,
    reset: async () => {
      await control('POST', 'reset-stats')
      await ask('clear')
    },
    stats: () => control('GET', 'stats'),
    requests: async () => (await ask('requests')).requests,
    usage: () => ask('usage'),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      process.kill(child.pid, 'SIGTERM')
      const timer = setTimeout(() => {
        try {
          process.kill(child.pid, 'SIGKILL')
        } catch {
          // already gone
        }
      }, 5_000)
      await exited
      clearTimeout(timer)
    }
  }
}

/** The runner passes every input, with action.yml's default when the workflow sets none. */
function inputDefaults() {
  const action = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'))
  return Object.fromEntries(
    Object.entries(action.inputs).map(([name, def]) => [
      name,
      def.default === undefined ? '' : String(def.default)
    ])
  )
}
const DEFAULTS = inputDefaults()

/**
 * Runs dist/index.js once, as the runner does. Peak RSS comes from GNU time's
 * maximum resident set size (getrusage of the action process), else from polling
 * /proc/<pid>/status every 50 ms.
 */
async function runAction(nodeBin, inputs, apiUrl, timeoutMs, nodeOptions) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'copilot-seats-bench-'))
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GITHUB_API_URL: apiUrl,
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
    RUNNER_TEMP: path.join(dir, 'runner-temp'),
    GITHUB_WORKSPACE: path.join(dir, 'workspace'),
    GITHUB_RUN_ID: '77',
    GITHUB_RUN_ATTEMPT: '1',
    ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {})
  }
  for (const [name, value] of Object.entries({
    ...DEFAULTS,
    token: 'bench-token',
    org: 'acme',
    ...inputs
  })) {
    env[`INPUT_${name.toUpperCase()}`] = value // hyphens kept, as the runner does
  }
  mkdirSync(env.RUNNER_TEMP, { recursive: true })
  mkdirSync(env.GITHUB_WORKSPACE, { recursive: true })
  writeFileSync(env.GITHUB_OUTPUT, '')
  writeFileSync(env.GITHUB_STEP_SUMMARY, '')
  const useTime = existsSync(TIME)
  const [cmd, args] = useTime
    ? [TIME, ['-f', 'BENCH_MAXRSS_KB=%M', nodeBin, DIST]]
    : [nodeBin, [DIST]]
  const started = performance.now()
  const child = track(
    spawn(cmd, args, { env, cwd: env.GITHUB_WORKSPACE, stdio: ['ignore', 'pipe', 'pipe'] })
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  let polledKb = 0
  const poll = useTime
    ? null
    : setInterval(() => {
        try {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
          const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
          polledKb = Math.max(polledKb, kb)
        } catch {
          // already gone
        }
      }, 50)
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    process.kill(child.pid, 'SIGKILL')
  }, timeoutMs)
  const code = await new Promise((resolve) => child.on('close', (c) => resolve(c)))
  const wallMs = performance.now() - started
  clearTimeout(timer)
  if (poll) clearInterval(poll)
  const m = /BENCH_MAXRSS_KB=(\d+)/.exec(stderr)
  const rssKb = m ? Number(m[1]) : polledKb
  const outputs = parseOutputs(readFileSync(env.GITHUB_OUTPUT, 'utf8'))
  const summaryBytes = statSync(env.GITHUB_STEP_SUMMARY).size
  rmSync(dir, { recursive: true, force: true })
  const errors = stdout.split('\n').filter((l) => l.startsWith('::error'))
  return {
    code: timedOut ? 'timeout' : code,
    wallMs,
    rssKb,
    outputs,
    summaryBytes,
    errors,
    stderr: stderr.replace(/BENCH_MAXRSS_KB=\d+\s*$/, '').trim()
  }
}

/** GITHUB_OUTPUT's `name<<DELIM ... DELIM` blocks. */
function parseOutputs(text) {
  const out = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (m) {
      const value = []
      for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i])
      out[m[1]] = value.join('\n')
    } else if (lines[i].includes('=')) {
      const eq = lines[i].indexOf('=')
      out[lines[i].slice(0, eq)] = lines[i].slice(eq + 1)
    }
  }
  return out
}

// ---------------------------------------------------------------- one case

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

function node24Path() {
  try {
    return execFileSync(process.execPath, [path.join(ROOT, 'scripts/node24.mjs')], {
      encoding: 'utf8',
      timeout: 300_000
    })
      .trim()
      .split('\n')
      .pop()
  } catch {
    return null
  }
}

/** The logins an assign case sends: members of the org without a seat. */
const newcomers = (c) =>
  Array.from({ length: c.assign }, (_, i) => `newcomer-${String(i + 1).padStart(4, '0')}`)

function fakeSpec(c) {
  if (c.kind === 'org') return { kind: 'org', seats: c.seats, latencyMs: c.latencyMs }
  if (c.kind === 'assign')
    return { kind: 'assign', seats: c.seats, members: newcomers(c), latencyMs: c.latencyMs }
  if (c.kind === 'enterprise')
    return { kind: 'enterprise', users: c.users, rows: c.rows, latencyMs: c.latencyMs }
  if (c.kind === 'usage')
    return { kind: 'usage', seats: c.seats, files: c.files, latencyMs: c.latencyMs }
  if (c.kind === 'enterprise-reclaim')
    return {
      kind: c.kind,
      users: c.users,
      rows: c.rows,
      orgs: c.orgs,
      idle: c.idle,
      latencyMs: c.latencyMs
    }
  return { kind: 'audit', active: c.active, idle: c.idle, latencyMs: c.latencyMs }
}

function inputsOf(c) {
  if (c.kind === 'enterprise') return { mode: 'report', enterprise: 'bench-ent' }
  if (c.kind === 'audit')
    return { mode: 'audit', reclaim: 'true', 'max-cancellations': String(c.idle) }
  if (c.kind === 'assign') return { mode: 'assign', users: newcomers(c).join(',') }
  if (c.kind === 'usage') return { mode: 'report', 'usage-metrics': c.usage ? 'true' : 'false' }
  if (c.kind === 'enterprise-reclaim')
    return {
      mode: 'audit',
      reclaim: 'true',
      enterprise: 'bench-ent',
      'max-cancellations': String(c.idle)
    }
  return { mode: 'report' }
}

/** GitHub's minimum time for P pages at R s: 900 points/min and 90 s of request time/min. */
const floorSeconds = (pages, latencyS) => Math.max(pages / 15, (pages * latencyS) / 1.5)

async function runCase(c, runs, nodes, args) {
  const which = c.node ?? args.node
  const nodeBin = which === 'node24' ? nodes.node24 : process.execPath
  if (!nodeBin)
    return { case: c, skipped: 'Node 24 is not available (node scripts/node24.mjs failed)' }
  const nodeVersion = execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim()
  const reclaims = c.kind === 'audit' || c.kind === 'enterprise-reclaim'
  const rows = c.kind.startsWith('enterprise')
    ? c.rows
    : c.kind === 'audit'
      ? c.active + c.idle
      : c.seats
  // assign reads and reports the seats of its targets only
  const seats = c.kind.startsWith('enterprise') ? c.users : c.kind === 'assign' ? c.assign : rows
  const pages = Math.max(1, Math.ceil(rows / 100))
  const latencyS = c.latencyMs / 1000
  const floor = floorSeconds(pages, latencyS)
  // A run may take at most three floors plus two minutes (plus its writes), then it is killed.
  const timeoutMs = Math.round(
    3 * floor * 1000 +
      120_000 +
      (c.kind === 'audit' ? 3 * c.idle * 10 + 60_000 : 0) +
      (c.kind === 'usage' && c.usage ? 900_000 : 0) +
      // two look-ups per reclaimed row, at the budget's pace (about 13 a second)
      (c.kind === 'enterprise-reclaim' ? 3 * ((2 * c.idle) / 12) * 1000 : 0)
  )
  const results = []
  let fake = null
  process.stdout.write(
    `\n${c.name} (${nodeVersion}, ${runs} run${runs === 1 ? '' : 's'}, floor ${floor.toFixed(1)} s)\n`
  )
  try {
    for (let i = 0; i < runs; i++) {
      // A fresh fake per audit run (a reclaim changes the seats); otherwise one per case, its
      // budget windows and stats reset before each run, as for a run after an idle minute.
      if (!fake || reclaims || c.kind === 'assign') {
        await fake?.stop()
        fake = await startFake(fakeSpec(c))
      }
      await fake.reset()
      const run = await runAction(nodeBin, inputsOf(c), fake.url, timeoutMs, args.nodeOptions)
      const stats = await fake.stats()
      const r = { ...run, stats }
      if (reclaims || c.kind === 'assign') r.audit = auditDetails(await fake.requests())
      const usageInfo = c.kind === 'usage' ? await fake.usage() : null
      if (usageInfo) {
        r.usage = {
          downloads: usageInfo.downloads,
          bytes: usageInfo.bytes,
          authorization: usageInfo.authorization,
          endDay: run.outputs['usage-report-end-day'],
          activeSeats: run.outputs['usage-active-seats']
        }
      }
      const expectTotal = String(seats)
      r.ok = run.code === 0 && run.outputs['total-seats'] === expectTotal
      if (!r.ok) {
        r.problem = `exit ${run.code}, total-seats ${run.outputs['total-seats']} (expected ${expectTotal})${run.errors.length ? `; ${run.errors.slice(0, 3).join(' | ')}` : ''}${run.stderr ? `; stderr: ${run.stderr.slice(0, 500)}` : ''}`
      }
      if (c.kind === 'assign' && run.outputs['seats-created'] !== String(c.assign)) {
        r.ok = false
        r.problem = `${r.problem ? r.problem + '; ' : ''}seats-created ${run.outputs['seats-created']} (expected ${c.assign})`
      }
      if (r.usage && ((c.usage && !r.usage.endDay) || r.usage.authorization)) {
        r.ok = false
        r.problem = `${r.problem ? r.problem + '; ' : ''}${r.usage.authorization ? 'a download carried Authorization' : 'the usage report was not read'}`
      }
      if (reclaims && run.outputs['seats-cancelled'] !== String(c.idle)) {
        r.ok = false
        r.problem = `${r.problem ? r.problem + '; ' : ''}seats-cancelled ${run.outputs['seats-cancelled']} (expected ${c.idle})`
      }
      results.push(r)
      process.stdout.write(
        `  run ${i + 1}: ${(run.wallMs / 1000).toFixed(3)} s, ${stats.requests} requests, ${(run.rssKb / 1024).toFixed(1)} MB, secondary ${stats.secondaryLimited}${r.usage ? `, usage: ${r.usage.downloads} downloads, ${int(r.usage.bytes)} bytes` : ''}${r.ok ? '' : `  FAILED: ${r.problem}`}\n`
      )
    }
  } finally {
    await fake?.stop()
  }
  const walls = results.map((r) => r.wallMs / 1000)
  const wall = median(walls)
  const requests = results.map((r) => r.stats.requests)
  const out = {
    case: c,
    nodeVersion,
    seats,
    rows,
    pages,
    latencyMs: c.latencyMs,
    runs: results.length,
    ok: results.every((r) => r.ok),
    problems: results.filter((r) => !r.ok).map((r) => r.problem),
    wall,
    walls,
    requestsMin: Math.min(...requests),
    requestsMax: Math.max(...requests),
    pagesPerSecond: pages / wall,
    floor,
    wallOverFloor: wall / floor,
    wallOverSerial: latencyS > 0 ? wall / (pages * latencyS) : null,
    rssMb: Math.max(...results.map((r) => r.rssKb)) / 1024,
    summaryBytes: Math.max(...results.map((r) => r.summaryBytes)),
    secondary: results.reduce((n, r) => n + r.stats.secondaryLimited, 0),
    maxInFlight: Math.max(...results.map((r) => r.stats.maxInFlight))
  }
  if (c.kind === 'usage') {
    out.usage = {
      enabled: !!c.usage,
      downloads: Math.max(...results.map((r) => r.usage.downloads)),
      bytes: Math.max(...results.map((r) => r.usage.bytes)),
      endDay: results[0].usage.endDay,
      activeSeats: results[0].usage.activeSeats
    }
  }
  if (reclaims || c.kind === 'assign') {
    const a = results.map((r) => r.audit)
    const n = c.kind === 'assign' ? c.assign : c.idle
    out.audit = {
      n,
      writes: Math.max(...a.map((x) => x.writes)),
      expectedWrites: Math.ceil(n / 100),
      // null (one write, no spacing) stays null: Math.min would turn it into 0.
      minSpacingMs: a.some((x) => x.minSpacingMs === null)
        ? null
        : Math.min(...a.map((x) => x.minSpacingMs)),
      readBack: Math.max(...a.map((x) => x.readBack)),
      listing: Math.max(...a.map((x) => x.listing)),
      other: Math.max(...a.map((x) => x.other)),
      writeSpanS: median(a.map((x) => x.writeSpanMs / 1000)),
      // everything after the listing: confirmations, writes, read-back (and the policy check)
      afterListing: Math.max(...results.map((r, i) => r.stats.requests - a[i].listing)),
      usageReport: Math.max(...a.map((x) => x.usageReport)),
      lookups: Math.max(...a.map((x) => x.lookups)),
      policy: Math.max(...a.map((x) => x.policy))
    }
  }
  printCase(out)
  return out
}

/** Writes, their spacing, and the seat-list pages read before and after them. */
function auditDetails(requests) {
  const writes = requests
    .filter((r) => r.method !== 'GET' && r.method !== 'HEAD')
    .sort((a, b) => a.startedAt - b.startedAt)
  let minSpacingMs = Infinity
  for (let i = 1; i < writes.length; i++)
    minSpacingMs = Math.min(minSpacingMs, writes[i].startedAt - writes[i - 1].startedAt)
  const firstWrite = writes[0]?.startedAt ?? Infinity
  const lastWrite = writes.at(-1)?.startedAt ?? Infinity
  const seatPages = requests.filter(
    (r) => r.method === 'GET' && r.path.endsWith('/copilot/billing/seats')
  )
  return {
    writes: writes.length,
    minSpacingMs: writes.length > 1 ? minSpacingMs : null,
    writeSpanMs: writes.length > 1 ? lastWrite - firstWrite : 0,
    listing: seatPages.filter((r) => r.startedAt < firstWrite).length,
    readBack: requests.filter((r) => r.method === 'GET' && r.startedAt > lastWrite).length,
    other: requests.filter((r) => r.method === 'GET' && !r.path.endsWith('/copilot/billing/seats'))
      .length,
    // The per-user look-ups (org or enterprise) and the orgs' policy checks.
    lookups: requests.filter((r) =>
      /^\/(orgs|enterprises)\/[^/]+\/members\/[^/]+\/copilot$/.test(r.path)
    ).length,
    // The usage metrics report's request (issue 12): one per run whatever n, so it is
    // counted apart from the 2n + 2 the seat work may take.
    usageReport: requests.filter((r) => /\/copilot\/metrics\/reports\//.test(r.path)).length,
    policy: requests.filter((r) => /^\/orgs\/[^/]+\/copilot\/billing$/.test(r.path)).length
  }
}

// ---------------------------------------------------------------- output

const fmt = (n, d = 2) =>
  n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(d)
const int = (n) => n.toLocaleString('en-US')

function requestTarget(r) {
  if (r.case.kind === 'audit' || r.case.kind === 'assign' || r.case.kind === 'enterprise-reclaim')
    return null
  return r.requestsMax <= r.pages + 2
}

function printCase(r) {
  const lines = [
    `  seats ${int(r.seats)}, rows ${int(r.rows)}, pages ${int(r.pages)}, latency ${r.latencyMs} ms`,
    `  requests ${r.requestsMin === r.requestsMax ? r.requestsMax : `${r.requestsMin}-${r.requestsMax}`}` +
      (r.case.kind === 'audit'
        ? ` (${r.audit.afterListing} after the listing${r.audit.usageReport ? `, of which ${r.audit.usageReport} usage report` : ''}; target for the seat work ≤ 2n + 2 = ${2 * r.audit.n + 2})`
        : r.case.kind === 'assign'
          ? ` (target ≤ 3n + 3 = ${3 * r.case.assign + 3})`
          : r.audit
            ? ''
            : ` (target ≤ ${r.pages + 2})`),
    `  wall median ${fmt(r.wall, 3)} s [${r.walls.map((w) => fmt(w, 3)).join(', ')}], ${fmt(r.pagesPerSecond, 1)} pages/s`,
    `  floor ${fmt(r.floor, 2)} s, wall/floor ${fmt(r.wallOverFloor)}, wall/(P·R) ${fmt(r.wallOverSerial)}`,
    `  peak RSS ${fmt(r.rssMb, 1)} MB, summary ${int(r.summaryBytes)} bytes, secondary-limit responses ${r.secondary}, max in flight ${r.maxInFlight}`
  ]
  if (r.usage?.enabled) {
    lines.push(
      `  usage report: ${r.usage.downloads} downloads, ${int(r.usage.bytes)} bytes on the wire (gzip), report end day ${r.usage.endDay}, usage-active-seats ${r.usage.activeSeats}`
    )
  }
  if (r.audit) {
    lines.push(
      `  writes ${r.audit.writes} (expected ${r.case.kind === 'enterprise-reclaim' ? r.case.orgs : r.audit.expectedWrites}), look-ups ${r.audit.lookups}, policy checks ${r.audit.policy}, min spacing ${r.audit.minSpacingMs ?? '–'} ms, writes span ${fmt(r.audit.writeSpanS, 1)} s, listing ${r.audit.listing} pages, read-back ${r.audit.readBack} requests, other GETs ${r.audit.other}`
    )
  }
  if (!r.ok) lines.push(`  FAILED: ${r.problems.join(' || ')}`)
  console.log(lines.join('\n'))
}

function tableRows(results) {
  const head =
    '| case | Node | seats | rows | pages P | R ms | requests | wall s (median) | pages/s | floor s | wall ÷ floor | wall ÷ (P·R) | peak RSS MB | summary KiB | secondary-limit responses |'
  const sep = '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|'
  const body = results
    .filter((r) => !r.skipped)
    .map((r) =>
      [
        r.case.name + (r.ok ? '' : ' **(failed)**'),
        r.nodeVersion,
        int(r.seats),
        int(r.rows),
        int(r.pages),
        r.latencyMs,
        r.requestsMin === r.requestsMax ? int(r.requestsMax) : `${r.requestsMin}–${r.requestsMax}`,
        fmt(r.wall, r.wall < 10 ? 3 : 1),
        fmt(r.pagesPerSecond, 1),
        r.case.cold ? '–' : fmt(r.floor, 1),
        r.case.cold || r.audit ? '–' : fmt(r.wallOverFloor),
        r.case.cold || r.audit ? '–' : fmt(r.wallOverSerial),
        fmt(r.rssMb, 1),
        fmt(r.summaryBytes / 1024, 1),
        r.secondary
      ].join(' | ')
    )
    .map((l) => `| ${l} |`)
  return [head, sep, ...body].join('\n')
}

function verdicts(results) {
  const out = []
  const ok = (b) => (b ? 'met' : '**missed**')
  for (const r of results) {
    if (r.skipped) {
      out.push(`- ${r.case.name}: skipped (${r.skipped})`)
      continue
    }
    const v = []
    if (!r.ok) v.push(`**run failed**: ${r.problems.join('; ')}`)
    if (r.case.cold) {
      v.push(`cold start ${fmt(r.wall * 1000, 0)} ms (target ≤ 300 ms): ${ok(r.wall <= 0.3)}`)
    } else if (r.case.kind === 'assign') {
      const n = r.case.assign
      v.push(
        `requests ${r.requestsMax} for ${n} users in a ${int(r.rows)}-seat org (≤ 3n + 3 = ${3 * n + 3}, never the ${int(r.pages)}-page listing): ${ok(r.requestsMax <= 3 * n + 3)}`
      )
      v.push(
        `listing pages read ${r.audit.listing} (page 1 for the count): ${ok(r.audit.listing <= 1)}`
      )
    } else if (r.case.kind === 'enterprise-reclaim') {
      const a = r.audit
      v.push(
        `writes ${a.writes} = one DELETE per org (${r.case.orgs}, ${r.case.idle / r.case.orgs} logins each): ${ok(a.writes === r.case.orgs)}`
      )
      v.push(
        a.minSpacingMs === null
          ? 'one write, so no spacing to check'
          : `closest two writes ${a.minSpacingMs} ms apart (≥ 1000): ${ok(a.minSpacingMs >= 1000)}`
      )
      v.push(
        `total requests ${r.requestsMax} = listing ${a.listing} + policy checks ${a.policy} + per-user look-ups ${a.lookups} (confirm and read-back, ${r.case.idle} users each) + writes ${a.writes}${a.usageReport ? ` + usage metrics report ${a.usageReport}` : ''}`
      )
    } else if (r.case.kind === 'audit') {
      const a = r.audit
      v.push(
        `requests after the listing for ${a.n} seats ${a.afterListing - a.usageReport}${a.usageReport ? ` (plus ${a.usageReport} for the usage metrics report)` : ''} (≤ 2n + 2 = ${2 * a.n + 2}): ${ok(a.afterListing - a.usageReport <= 2 * a.n + 2)}`
      )
      v.push(
        `writes ${a.writes} = ceil(${r.case.idle}/100) = ${a.expectedWrites}: ${ok(a.writes === a.expectedWrites)}`
      )
      v.push(
        a.minSpacingMs === null
          ? 'one write, so no spacing to check'
          : `closest two writes ${a.minSpacingMs} ms apart (≥ 1000): ${ok(a.minSpacingMs >= 1000)}`
      )
      v.push(
        `read-back ${a.readBack} requests (${a.readBack > a.n ? `a listing of ${r.pages} pages: fewer than ${a.n} look-ups` : 'one look-up a seat: fewer than a listing'})`
      )
      v.push(
        `total requests ${r.requestsMax} = policy check + listing ${a.listing} + writes ${a.writes} + read-back ${a.readBack}${a.other > 1 ? ` (+${a.other - 1} other GETs)` : ''}`
      )
    } else {
      const t = requestTarget(r)
      v.push(`requests ${r.requestsMax} for ${r.pages} pages (≤ P + 2): ${ok(t)}`)
      // With the usage report the wall time includes its download, which the floor does not.
      if (!r.usage?.enabled)
        v.push(`wall ÷ floor ${fmt(r.wallOverFloor)} (≤ 1.3): ${ok(r.wallOverFloor <= 1.3)}`)
    }
    if (r.usage?.enabled) {
      const alone = results.find(
        (x) => x.usage && !x.usage.enabled && x.case.seats === r.case.seats && !x.skipped
      )
      v.push(
        `usage report ${int(r.usage.bytes)} bytes on the wire in ${r.usage.downloads} downloads`
      )
      if (alone) {
        const extra = r.rssMb - alone.rssMb
        v.push(
          `peak RSS ${fmt(extra, 1)} MB above the listing alone (${alone.case.name}, ${fmt(alone.rssMb, 1)} MB; ≤ 50): ${ok(extra <= 50)}`
        )
      }
    }
    v.push(`secondary-limit responses ${r.secondary}: ${ok(r.secondary === 0)}`)
    if (r.rows >= 100_000) v.push(`peak RSS ${fmt(r.rssMb, 1)} MB (≤ 300): ${ok(r.rssMb <= 300)}`)
    v.push(
      `summary ${fmt(r.summaryBytes / 1024, 1)} KiB (≤ 1024): ${ok(r.summaryBytes <= 1024 * 1024)}`
    )
    out.push(`- ${r.case.name}: ${v.join('; ')}`)
  }
  return out.join('\n')
}

function writeResults(results, meta) {
  let kept = ''
  if (existsSync(RESULTS)) {
    const old = readFileSync(RESULTS, 'utf8')
    const at = old.indexOf(HAND_WRITTEN)
    if (at >= 0) kept = old.slice(at + HAND_WRITTEN.length).replace(/^\n+/, '')
  }
  const audit = results.find((r) => r.audit)
  const text = `# Benchmark results

Generated by \`npm run bench\` (\`bench/run.mjs\`) on ${meta.date}.

- Machine: ${meta.cores} cores (\`os.availableParallelism()\`), ${meta.cpu}, ${meta.memGiB} GiB; load average at start ${meta.loadStart}, at end ${meta.loadEnd}.
- Node: the bench and the fake on ${process.version}; the action on ${[...new Set(results.filter((r) => !r.skipped).map((r) => r.nodeVersion))].join(' and ')} (see each row).
- The action: \`dist/index.js\` (sha256 ${meta.distHash}…)${meta.nodeOptions ? ` with NODE_OPTIONS=\`${meta.nodeOptions}\`` : ''} spawned as a runner spawns it (INPUT_* with hyphens, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP, GITHUB_API_URL).
- GitHub: \`bench/fake-server.mjs\` (the in-repo fake, its own process, 127.0.0.1 only), enforcing both secondary budgets (900 points a minute, 90 s of request time a minute) and answering every request after R ms. Its budget windows and counters are reset before each run.
- Wall time: spawn to exit, median of ${meta.runsNote}. Peak RSS: the action process's maximum resident set size (GNU time), the highest of the runs. Requests: counted by the fake.
- Floor: GitHub's minimum for a listing of P pages at R s, max(P/15, P·R/1.5) s. The action paces at 85% of each budget with a 5 s burst allowance (src/github/limiter.ts), so long listings approach 1/0.85 ≈ 1.18 × floor; short ones finish inside the burst, where start-up time dominates.

${tableRows(results)}

Measured (UTC; the dist/index.js build; 1-minute load average at the end of the case): ${results.map((r) => `${r.case.name} ${r.measuredAt ?? meta.date}${r.distHash ? ` (${r.distHash}, load ${fmt(r.load, 2)})` : ''}`).join('; ')}.
${
  audit
    ? `
Reclaim (${audit.case.name}): ${int(audit.case.idle)} idle direct seats among ${int(audit.seats)}; ${audit.audit.writes} DELETE requests (ceil(k/100) = ${audit.audit.expectedWrites}), the closest two ${audit.audit.minSpacingMs} ms apart, spread over ${fmt(audit.audit.writeSpanS, 1)} s; read-back ${audit.audit.readBack} requests; listing ${audit.audit.listing} pages; ${audit.requestsMax} requests in all.
`
    : ''
}
## Targets, as measured

${verdicts(results)}

${HAND_WRITTEN}

${kept}`
  writeFileSync(RESULTS, text.replace(/\n{3,}/g, '\n\n').replace(/\n*$/, '\n'))
  console.log(`\nwrote ${path.relative(process.cwd(), RESULTS)}`)
}

// ---------------------------------------------------------------- main

async function main() {
  const args = parseArgs(process.argv.slice(2))
  if (!existsSync(DIST)) throw new Error('dist/index.js is missing: run npm run build first')
  const selected = args.cases.length
    ? CASES.filter((c) => args.cases.includes(c.name))
    : args.quick
      ? CASES.filter((c) => c.quick)
      : CASES.filter((c) => !c.quickOnly)
  const full = !args.cases.length && !args.quick
  const nodes = {
    node24: selected.some((c) => (c.node ?? args.node) === 'node24') ? node24Path() : null
  }
  // A snapshot of dist/, so that a rebuild during the bench cannot mix builds.
  const snapshot = mkdtempSync(path.join(os.tmpdir(), 'copilot-seats-bench-dist-'))
  cpSync(DIST_DIR, snapshot, { recursive: true })
  process.on('exit', () => rmSync(snapshot, { recursive: true, force: true }))
  DIST = path.join(snapshot, 'index.js')
  const distHash = createHash('sha256').update(readFileSync(DIST)).digest('hex').slice(0, 12)
  const loadStart = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
  console.log(
    `bench: ${selected.length} case(s) on ${os.availableParallelism()} cores, load ${loadStart}; action = dist/index.js (sha256 ${distHash}) on ${args.node}${args.nodeOptions ? `, NODE_OPTIONS=${args.nodeOptions}` : ''}`
  )
  const results = []
  for (const c of selected) results.push(await runCase(c, args.runs ?? c.runs, nodes, args))
  console.log('\n' + tableRows(results) + '\n\n' + verdicts(results))
  if (full || args.write) {
    // Cases not run now keep their latest recorded result.
    const byName = new Map()
    if (existsSync(RESULTS_JSON))
      for (const r of JSON.parse(readFileSync(RESULTS_JSON, 'utf8')).results ?? [])
        byName.set(r.case.name, r)
    for (const r of results)
      byName.set(r.case.name, {
        ...r,
        measuredAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        distHash,
        load: os.loadavg()[0]
      })
    const merged = CASES.filter((c) => byName.has(c.name)).map((c) => ({
      ...byName.get(c.name),
      case: c
    }))
    writeFileSync(
      RESULTS_JSON,
      JSON.stringify({ results: merged.map(({ walls, ...r }) => ({ ...r, walls })) }, null, 1) +
        '\n'
    )
    writeResults(merged, {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      cores: os.availableParallelism(),
      cpu: os.cpus()[0]?.model ?? 'unknown CPU',
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      loadStart,
      loadEnd: os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' '),
      distHash,
      nodeOptions: args.nodeOptions,
      runsNote: args.runs
        ? `${args.runs} runs`
        : '5 runs for the small cases and cold starts, 3 for the 100,000-seat, enterprise and reclaim cases'
    })
  }
  const failed = results.filter((r) => !r.skipped && (!r.ok || r.secondary > 0))
  if (failed.length) {
    console.error(
      `\nbench: ${failed.length} case(s) failed or met secondary limits: ${failed.map((r) => r.case.name).join(', ')}`
    )
    process.exitCode = 1
  }
}

main()
  .catch((error) => {
    console.error(`bench: ${error instanceof Error ? error.stack : String(error)}`)
    process.exitCode = 1
  })
  .finally(killAll)
