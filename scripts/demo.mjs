#!/usr/bin/env node
// `npm run demo`: runs the committed dist/index.js the way a runner does
// (INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP) against
// the in-repo fake GitHub API with a generated org, then prints the job
// summary, the outputs and where the report files are.
//   npm run demo                       report on 2,500 generated seats
//   npm run demo -- --mode audit       audit (findings only)
//   npm run demo -- --seats 20000 --mode audit --reclaim --dry-run
//   npm run demo -- --no-usage         without the usage metrics report
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FakeGitHub } from '../fake/github.js'
import { generateOrg } from '../fake/generate.js'
import { startFakeServer } from '../fake/server.js'
import { installUsageReports, startUsageDownloadServer } from '../fake/usage.js'

const args = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] && !args[i + 1].startsWith('--') ? args[i + 1] : fallback
}
const flag = (name) => args.includes(`--${name}`)

const root = path.resolve(import.meta.dirname, '..')
const seats = Number(opt('seats', '2500'))
const mode = opt('mode', 'report')
const token = 'demo-token-not-a-secret'

const gh = new FakeGitHub({ auth: { valid: [token] } })
gh.addOrg('acme')
const generated = generateOrg(gh, { org: 'acme', seats, seed: 42 })
const server = await startFakeServer(gh)

// The 28-day usage metrics report, on a second loopback server (the signed links' host). Its
// activity follows the seats: holders of idle seats have no active day, except one in 40, whose
// recent use the seats API has not seen (the summary lists them as "signals disagree").
let downloads = null
if (!flag('no-usage')) {
  const usage = installUsageReports(gh)
  downloads = await startUsageDownloadServer(usage)
  const cutoff = Date.now() - Number(opt('inactive-days', '30')) * 86_400_000
  const activity = {}
  let idle = 0
  for (const seat of gh.seats('acme')) {
    const login = seat.assignee?.login
    if (!login) continue
    const times = [seat.created_at, seat.last_activity_at, seat.last_authenticated_at]
      .filter(Boolean)
      .map(Date.parse)
    if (Math.max(...times) <= cutoff) activity[login] = idle++ % 40 === 39 ? 'daily' : 'idle'
  }
  usage.setReport({ org: 'acme', files: 2, gzip: true, seed: 42, extraUsers: 12, activity })
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'copilot-seats-demo-'))
const files = {
  output: path.join(dir, 'output'),
  summary: path.join(dir, 'summary.md'),
  temp: path.join(dir, 'runner-temp')
}
writeFileSync(files.output, '')
writeFileSync(files.summary, '')
mkdirSync(files.temp)

const inputs = {
  mode,
  token,
  org: 'acme',
  enterprise: '',
  users: '',
  'users-file': '',
  teams: '',
  'inactive-days': opt('inactive-days', '30'),
  'exclude-users': '',
  'exclude-teams': flag('reclaim') && generated.teams[0] ? generated.teams[0] : '',
  reclaim: flag('reclaim') ? 'true' : 'false',
  'dry-run': flag('dry-run') ? 'true' : 'false',
  'max-cancellations': flag('reclaim') ? opt('max-cancellations', String(seats)) : '100',
  'max-assignments': '100',
  'seat-cost': '',
  'job-summary': 'true'
}
const env = {
  PATH: process.env.PATH,
  GITHUB_API_URL: server.url,
  GITHUB_OUTPUT: files.output,
  GITHUB_STEP_SUMMARY: files.summary,
  RUNNER_TEMP: files.temp,
  GITHUB_WORKSPACE: root,
  GITHUB_RUN_ID: 'demo',
  ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
}

console.log(
  `Fake GitHub at ${server.url}: org "acme" with ${seats} generated seats${downloads ? `, and its usage metrics report at ${downloads.url}` : ''}.`
)
console.log(
  `Running: node dist/index.js (mode ${mode}${flag('reclaim') ? ', reclaim' : ''}${flag('dry-run') ? ', dry run' : ''})\n`
)
const child = spawn(process.execPath, [path.join(root, 'dist', 'index.js')], {
  env,
  stdio: ['ignore', 'inherit', 'inherit']
})
const code = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)))
await server.close()
await downloads?.close()

const outputs = {}
for (const m of readFileSync(files.output, 'utf8').matchAll(/^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm))
  outputs[m[1]] = m[3]
const short = (v) => (v.length > 160 ? `${v.slice(0, 157)}...` : v)

console.log('\n========== Job summary ($GITHUB_STEP_SUMMARY) ==========\n')
console.log(readFileSync(files.summary, 'utf8'))
console.log('========== Outputs ($GITHUB_OUTPUT) ==========\n')
for (const [k, v] of Object.entries(outputs)) console.log(`${k}: ${short(v)}`)
console.log(`\nReport files:\n  ${outputs['report-json']}\n  ${outputs['report-csv']}`)
console.log(`\nThe fake answered ${gh.stats.requests} request(s); the action exited with ${code}.`)
process.exit(code)
