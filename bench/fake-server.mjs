#!/usr/bin/env node
// The benchmark's fake GitHub: fake/github.js on 127.0.0.1, in its own process
// (so its CPU and memory stay out of the action's numbers), with both secondary
// budgets enforced and a fixed latency per request.
//   node bench/fake-server.mjs '{"kind":"org","seats":1000,"latencyMs":100}'
//   kinds: org {seats} | enterprise {users, rows} | audit {active, idle} | assign {seats, members}
//          | usage {seats, files}: an org and its 28-day usage metrics report (every seat
//            holder x 28 days, gzip), served by a second loopback server (the download host)
//          | enterprise-reclaim {users, rows, orgs, idle}
// Prints one JSON line when listening. Over the IPC channel (when spawned with
// one) it answers {cmd:'requests'} with the method, path, status and arrival time
// of every API request since the last {cmd:'clear'}. Stops on SIGTERM/SIGINT, and
// by itself after `maxLifeMs` (default 30 min) so it can never outlive the bench.
import { enterpriseApi } from '../fake/enterprise.js'
import { FakeGitHub } from '../fake/github.js'
import { generateEnterprise, generateOrg } from '../fake/generate.js'
import { startFakeServer } from '../fake/server.js'
import { installUsageReports, startUsageDownloadServer } from '../fake/usage.js'

const DAY = 86_400_000
const spec = JSON.parse(process.argv[2] ?? '{}')
const seed = spec.seed ?? 42
const now = new Date()

const gh = new FakeGitHub({ latencyMs: spec.latencyMs ?? 0, limits: { enforce: true } })
const info = { kind: spec.kind }
if (spec.kind === 'org') {
  generateOrg(gh, { org: 'acme', seats: spec.seats, seed, now })
  info.seats = spec.seats
} else if (spec.kind === 'enterprise') {
  gh.addOrg('acme')
  const e = generateEnterprise(gh, {
    enterprise: 'bench-ent',
    users: spec.users,
    rows: spec.rows,
    seed,
    now
  })
  Object.assign(info, { users: spec.users, rows: spec.rows, orgs: e.orgs })
} else if (spec.kind === 'assign') {
  // `seats` seats, and members without one for the assign to send
  generateOrg(gh, { org: 'acme', seats: spec.seats, seed, now })
  for (const login of spec.members) gh.addMember('acme', login)
  Object.assign(info, { seats: spec.seats, members: spec.members.length })
} else if (spec.kind === 'audit') {
  // `active` seats in use (a fifth of them through teams), then `idle` direct seats
  // last used 60 days ago and granted a year ago: exactly `idle` seats to reclaim.
  generateOrg(gh, {
    org: 'acme',
    seats: spec.active,
    seed,
    now,
    idleShare: 0,
    pendingShare: 0,
    neverUsedShare: 0
  })
  const old = new Date(now.getTime() - 60 * DAY).toISOString().replace(/\.\d+Z$/, 'Z')
  const created = new Date(now.getTime() - 365 * DAY).toISOString().replace(/\.\d+Z$/, 'Z')
  for (let i = 0; i < spec.idle; i++) {
    gh.addSeat('acme', {
      login: `idle-${String(i + 1).padStart(6, '0')}`,
      created_at: created,
      last_activity_at: old,
      last_authenticated_at: old,
      last_activity_editor: 'vscode/1.95.3/copilot/1.245.0'
    })
  }
  Object.assign(info, { seats: spec.active + spec.idle, idle: spec.idle })
} else if (spec.kind === 'usage') {
  generateOrg(gh, { org: 'acme', seats: spec.seats, seed, now })
  info.seats = spec.seats
} else if (spec.kind === 'enterprise-reclaim') {
  // `users` users in `rows` rows across `orgs` orgs, all in use except `idle` users whose one
  // org-direct row was last used 60 days ago: exactly `idle` rows to reclaim, spread evenly
  // over the orgs. The active users' extra rows (rows - users) are second orgs.
  const orgs = Array.from({ length: spec.orgs }, (_, i) => `bench-ent-org-${i + 1}`)
  for (const org of orgs) gh.addOrg(org, { plan_type: 'enterprise' })
  gh.addEnterprise('bench-ent', { orgs, plan_type: 'enterprise' })
  gh.use(enterpriseApi())
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z')
  const created = iso(now.getTime() - 365 * DAY)
  const seat = (login, days) => ({
    login,
    created_at: created,
    last_activity_at: iso(now.getTime() - days * DAY),
    last_authenticated_at: iso(now.getTime() - days * DAY),
    last_activity_editor: 'vscode/1.95.3/copilot/1.245.0'
  })
  const active = spec.users - spec.idle
  const extra = spec.rows - spec.users
  for (let i = 0; i < active; i++) {
    const login = `user-${String(i + 1).padStart(6, '0')}`
    gh.addSeat(orgs[i % orgs.length], seat(login, 1 + (i % 25)))
    if (i < extra) gh.addSeat(orgs[(i + 1) % orgs.length], seat(login, 3 + (i % 20)))
  }
  for (let i = 0; i < spec.idle; i++) {
    gh.addSeat(orgs[i % orgs.length], seat(`idle-${String(i + 1).padStart(5, '0')}`, 60))
  }
  Object.assign(info, { users: spec.users, rows: spec.rows, orgs: orgs.length, idle: spec.idle })
} else {
  process.stderr.write(`bench/fake-server.mjs: unknown kind ${JSON.stringify(spec.kind)}\n`)
  process.exit(2)
}

const server = await startFakeServer(gh, { host: '127.0.0.1', port: 0 })
let usage = null
let downloads = null
if (spec.kind === 'usage') {
  // The report is generated row by row as it is downloaded (gzip level 1), never held whole.
  usage = installUsageReports(gh)
  downloads = await startUsageDownloadServer(usage, { host: '127.0.0.1' })
  info.report = usage.setReport({ org: 'acme', files: spec.files ?? 4, gzip: true, seed })
}
process.stdout.write(JSON.stringify({ url: server.url, ...info }) + '\n')

process.on('message', (msg) => {
  if (msg?.cmd === 'requests') {
    process.send?.({
      id: msg.id,
      requests: gh.requests.map((r) => ({
        method: r.method,
        path: r.path,
        status: r.status,
        startedAt: r.startedAt,
        durationMs: r.durationMs
      }))
    })
  } else if (msg?.cmd === 'clear') {
    gh.clearRequests()
    usage?.clearDownloads()
    process.send?.({ id: msg.id, ok: true })
  } else if (msg?.cmd === 'usage') {
    // What the download host served since the last clear: requests and body bytes on the wire.
    const list = usage?.downloads ?? []
    process.send?.({
      id: msg.id,
      downloads: list.length,
      bytes: list.reduce((n, d) => n + (d.bytes ?? 0), 0),
      statuses: list.map((d) => d.status),
      authorization: list.some((d) => d.authorization)
    })
  }
})

let closing = false
const stop = () => {
  if (closing) return
  closing = true
  Promise.all([server.close(), downloads?.close()]).then(
    () => process.exit(0),
    () => process.exit(0)
  )
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
process.on('disconnect', stop)
setTimeout(stop, spec.maxLifeMs ?? 30 * 60_000).unref()
