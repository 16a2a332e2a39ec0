#!/usr/bin/env node
// `npm run demo`: runs the committed dist/index.js the way a runner does
// (INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP) against
// the in-repo fake GitHub API with a generated org, then prints the job
// summary, the outputs and where the report files are.
//   npm run demo                       report on 2,500 generated seats
//   npm run demo -- --mode audit       audit (findings only)
//   npm run demo -- --seats 20000 --mode audit --reclaim --dry-run
//   npm run demo -- --mode sync        sync to a seat file the demo writes (today's direct seats,
//                                      less a few leavers, plus a few newcomers; add --dry-run
//                                      for the plan alone, as a pull request would show it)
//   npm run demo -- --mode audit --notify issue   the tracking issue and its notices, printed
//   npm run demo -- --no-usage         without the usage metrics report
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FakeGitHub, GITHUB_ACTIONS_BOT } from '../fake/github.js'
import { useIssues } from '../fake/issues.js'
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
const notify = opt('notify', 'none')
// Notices are posted 3 s apart, as on GitHub: a smaller org keeps the notify demo short.
const seats = Number(opt('seats', notify === 'issue' ? '300' : '2500'))
const mode = opt('mode', 'report')
const token = 'demo-token-not-a-secret'
const workflowToken = 'demo-workflow-token-not-a-secret'
const notifyRepo = 'acme/copilot-notices'

const gh = new FakeGitHub({
  auth: { valid: [token], users: { [workflowToken]: GITHUB_ACTIONS_BOT } }
})
gh.addOrg('acme')
const issues = useIssues(gh)
issues.addRepo(notifyRepo)
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
const seatFile = mode === 'sync' ? writeSeatFile(path.join(dir, 'workspace')) : null

/**
 * The desired state a sync demo applies: today's live direct seats, less 20 leavers, plus 10
 * members without a seat and 5 pending seats taken back; every team that grants seats.
 */
function writeSeatFile(workspace) {
  const rows = gh.seats('acme').filter((s) => s.assignee)
  const direct = rows.filter((s) => !s.assigning_team && !s.pending_cancellation_date)
  const pending = rows.filter((s) => s.pending_cancellation_date).slice(0, 5)
  const seated = new Set(rows.map((s) => s.assignee.login.toLowerCase()))
  const joiners = gh
    .members('acme')
    .filter((m) => !seated.has(m.toLowerCase()))
    .slice(0, 10)
  const keep = direct.slice(20).map((s) => s.assignee.login)
  const teams = [...new Set(rows.filter((s) => s.assigning_team).map((s) => s.assigning_team.slug))]
  mkdirSync(path.join(workspace, '.github'), { recursive: true })
  const lines = [
    '# Copilot seats: the desired state (written by npm run demo)',
    ...keep,
    '# back from pending cancellation',
    ...pending.map((s) => s.assignee.login),
    '# newcomers',
    ...joiners
  ]
  writeFileSync(path.join(workspace, '.github', 'copilot-seats.txt'), lines.join('\n') + '\n')
  console.log(
    `Seat file: ${lines.length - 3} logins (today's direct seats less 20, 5 pending seats, 10 newcomers) and teams ${teams.join(', ')}.`
  )
  return { workspace, path: '.github/copilot-seats.txt', teams: teams.join(' ') }
}
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
  'users-file': seatFile ? seatFile.path : '',
  teams: seatFile ? seatFile.teams : '',
  'inactive-days': opt('inactive-days', '30'),
  'exclude-users': '',
  'exclude-teams': flag('reclaim') && generated.teams[0] ? generated.teams[0] : '',
  reclaim: flag('reclaim') ? 'true' : 'false',
  'dry-run': flag('dry-run') ? 'true' : 'false',
  'max-cancellations': flag('reclaim') ? opt('max-cancellations', String(seats)) : '100',
  'max-assignments': mode === 'sync' ? opt('max-assignments', String(seats)) : '100',
  'pr-comment': 'false',
  'seat-cost': '',
  'job-summary': 'true',
  notify,
  'grace-days': opt('grace-days', '7'),
  'notify-repo': notify === 'issue' ? notifyRepo : '',
  'github-token': workflowToken
}
const env = {
  PATH: process.env.PATH,
  GITHUB_API_URL: server.url,
  GITHUB_OUTPUT: files.output,
  GITHUB_STEP_SUMMARY: files.summary,
  RUNNER_TEMP: files.temp,
  GITHUB_WORKSPACE: seatFile ? seatFile.workspace : root,
  GITHUB_RUN_ID: 'demo',
  ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
}

console.log(
  `Fake GitHub at ${server.url}: org "acme" with ${seats} generated seats${downloads ? `, and its usage metrics report at ${downloads.url}` : ''}.`
)
console.log(
  `Running: node dist/index.js (mode ${mode}${flag('reclaim') ? ', reclaim' : ''}${notify === 'issue' ? `, notify: issue in ${notifyRepo}` : ''}${flag('dry-run') ? ', dry run' : ''})\n`
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
if (notify === 'issue') {
  for (const issue of issues.issues(notifyRepo)) {
    const comments = issues.comments(notifyRepo, issue.number)
    console.log(
      `\n========== Tracking issue ${notifyRepo}#${issue.number} (${issue.state}, labels: ${issue.labels.map((l) => l.name).join(', ')}) ==========\n`
    )
    console.log(`Title: ${issue.title}\nOpened by: ${issue.user.login}\n`)
    console.log(issue.body)
    console.log(`---------- ${comments.length} notice comment(s); the first: ----------\n`)
    const first = comments[0]?.body.split('\n') ?? []
    console.log(
      first.length > 14
        ? [...first.slice(0, 12), '...', ...first.slice(-4)].join('\n')
        : first.join('\n')
    )
  }
}
console.log(`\nThe fake answered ${gh.stats.requests} request(s); the action exited with ${code}.`)
process.exit(code)
