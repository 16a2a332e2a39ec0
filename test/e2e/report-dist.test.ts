// The bundled dist/index.js in report mode, spawned as the runner does, against
// the fake over loopback HTTP: on Node 20 (this process) and on Node 24 (runs.using).
// The bundle reads no clock but the real one: the fake keeps the real time and the
// generated seats are dated relative to it (activity within 90 days, or null).
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import {
  FakeGitHub,
  generateEnterprise,
  generateOrg,
  startFakeServer,
  type FakeServer,
  type SeatJson
} from '../../fake/index.js'
import { OUTPUT_NAMES } from '../../src/render/outputs.js'
import { hasNode24, NODE24, runDist, type DistRun } from '../support/dist-runner.js'
import { json, TOKEN } from '../support/harness.js'
import { DAY } from '../support/report-helpers.js'

const RETENTION = 90 * DAY
const requireNode24 = process.env.REQUIRE_NODE24 === '1'

let servers: FakeServer[] = []
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()))
  servers = []
})

async function serve(gh: FakeGitHub): Promise<string> {
  const server = await startFakeServer(gh)
  servers.push(server)
  return server.url
}

/**
 * Counts worked out from the fake's own seat JSON (as GitHub serves it: activity older than 90
 * days is null), independently of src/, by SPEC's definitions at `now`. `latest` is null when
 * unknown: both activity fields null on a seat granted more than 90 days ago.
 */
function expectedCounts(seats: SeatJson[], now: number) {
  let active = 0
  let idle = 0
  let pending = 0
  let neverUsed = 0
  let noActivity = 0
  const idleLogins: { login: string; latest: number | null; created: number }[] = []
  for (const s of seats) {
    const created = Date.parse(s.created_at)
    const noFields = !s.last_activity_at && !s.last_authenticated_at
    if (noFields && now - created <= RETENTION) neverUsed++
    if (noFields && now - created > RETENTION) noActivity++
    const latest =
      noFields && now - created > RETENTION
        ? null
        : Math.max(
            ...[s.created_at, s.last_activity_at, s.last_authenticated_at]
              .filter((t): t is string => !!t)
              .map(Date.parse)
          )
    if (s.pending_cancellation_date) pending++
    else if (latest === null || now - latest > 30 * DAY) {
      idle++
      idleLogins.push({ login: s.assignee?.login ?? '(no assignee)', latest, created })
    } else active++
  }
  return { total: seats.length, active, idle, pending, neverUsed, noActivity, idleLogins }
}

function expectTokenOnlyMasked(r: DistRun): void {
  expect(r.stdout.split('\n').filter((l) => l.includes(TOKEN))).toEqual([`::add-mask::${TOKEN}`])
  expect(r.stderr).not.toContain(TOKEN)
  expect(r.summary).not.toContain(TOKEN)
  expect(JSON.stringify(r.outputs)).not.toContain(TOKEN)
  expect(readFileSync(r.outputs['report-json']!, 'utf8')).not.toContain(TOKEN)
  expect(r.reportCsv).not.toContain(TOKEN)
}

async function orgReport(node: string) {
  const started = Date.now()
  const gh = new FakeGitHub({ auth: { valid: [TOKEN] } })
  generateOrg(gh, { org: 'acme', seats: 1234, seed: 42, now: new Date(started), nullAssignee: 3 })
  const url = await serve(gh)
  const r = await runDist({ mode: 'report' }, { apiUrl: url, node })
  expect(r.errors).toEqual([])
  expect(r.stderr).toBe('')
  expect(r.exitCode).toBe(0)
  // The run's "now": the real time, a moment after the seats were generated. No generated seat
  // lies within a day of a threshold (30 or 90 days), so a few seconds change no decision.
  const now = Date.parse(r.reportJson!.meta.generated_at as string)
  expect(now).toBeGreaterThanOrEqual(started)
  expect(now).toBeLessThanOrEqual(Date.now())

  const want = expectedCounts(gh.seats('acme'), now)
  expect(Object.keys(r.outputs).sort()).toEqual([...OUTPUT_NAMES].sort())
  expect(r.outputs).toMatchObject({
    'total-seats': '1234',
    'active-seats': String(want.active),
    'idle-seats': String(want.idle),
    'pending-seats': String(want.pending),
    'seats-created': '0',
    'seats-cancelled': '0',
    'assigned-users': '[]',
    'cancelled-users': '[]',
    'skipped-users': '[]'
  })
  expect(want.active + want.idle + want.pending).toBe(1234)
  // The generator's defaults give every kind of seat, unknown activity included.
  expect(want.neverUsed).toBeGreaterThan(0)
  expect(want.noActivity).toBeGreaterThan(0)
  // idle-users holds logins only (it feeds other steps' `users:`): an idle seat without an
  // assignee is counted, and listed in the report files, but not in it.
  const named = want.idleLogins.filter((e) => e.login !== '(no assignee)')
  const idleUsers = json<string[]>(r.outputs['idle-users'])
  expect([...idleUsers].sort()).toEqual(named.map((e) => e.login).sort())
  // Longest idle first: unknown activity first, oldest grant first; then whole days since
  // never increase along the list.
  const byLogin = new Map(named.map((e) => [e.login, e]))
  const listed = idleUsers.map((l) => byLogin.get(l)!)
  const unknown = listed.filter((e) => e.latest === null)
  expect(listed.slice(0, unknown.length)).toEqual(unknown)
  const created = unknown.map((e) => e.created)
  expect(created).toEqual([...created].sort((a, b) => a - b))
  const days = listed.slice(unknown.length).map((e) => Math.floor((now - e.latest!) / DAY))
  expect(days).toEqual([...days].sort((a, b) => b - a))
  expect(Number(r.outputs['estimated-idle-cost'])).toBe(want.idle * 19)

  // 13 pages of 100, each read once, and page 1 once more to check nothing moved
  const pages = gh.requests
    .filter((q) => q.path === '/orgs/acme/copilot/billing/seats')
    .map((q) => q.query.page)
  expect(pages.sort((a, b) => Number(a) - Number(b))).toEqual([
    '1',
    ...Array.from({ length: 13 }, (_, i) => String(i + 1))
  ])
  expect(gh.requests.every((q) => q.method === 'GET')).toBe(true)

  expect(r.summary).toContain('## Copilot seats: report, org acme')
  expect(r.summary).toContain('| Total seats | 1,234 |')
  expect(r.summary).toContain(`| Idle | ${want.idle} |`)
  expect(r.summary).toContain(`| Never used (granted within 90 days) | ${want.neverUsed} |`)
  expect(r.summary).toContain(`| No activity in 90 days (older seats) | ${want.noActivity} |`)
  expect(r.summary).toContain(`"Idle" : ${want.idle}`)
  expect(r.summary).toContain('```mermaid\npie showData')

  expect(r.reportJson!.seats).toHaveLength(1234)
  expect(r.reportJson!.meta).toMatchObject({
    mode: 'report',
    org: 'acme',
    counts: {
      total: 1234,
      idle: want.idle,
      pending: want.pending,
      never_used: want.neverUsed,
      no_activity_in_90_days: want.noActivity
    }
  })
  // Unknown activity: no day count, and said so.
  const unknownSeats = r.reportJson!.seats.filter((s) => s.activity_known === false)
  expect(unknownSeats).toHaveLength(want.noActivity)
  for (const s of unknownSeats) expect(s.days_since).toBeNull()
  const csv = r.reportCsv!.trimEnd().split('\r\n')
  expect(csv[0]).toBe(
    'login,status,latest_activity,days_since,activity_known,editor,team,created,pending_date'
  )
  expect(csv).toHaveLength(1235)
  // No login, editor or team here holds a comma or a quote: the fifth cell is activity_known.
  const rows = csv.slice(1).map((l) => l.split(','))
  expect(rows.filter((c) => c[4] === 'false')).toHaveLength(want.noActivity)
  for (const c of rows.filter((c) => c[4] === 'false')) expect(c[3]).toBe('')
  expect(rows.filter((c) => c[4] === 'true')).toHaveLength(1234 - want.noActivity)
  expectTokenOnlyMasked(r)
}

describe('dist/index.js: report', () => {
  it('Node 20: 1,234 seats, outputs match the fake, summary and report files written', async () => {
    await orgReport(process.execPath)
  }, 60_000)

  it.skipIf(!hasNode24 && !requireNode24)(
    'Node 24: the same run under the runtime of runs.using',
    async () => {
      expect(
        hasNode24,
        `Node 24 is required (REQUIRE_NODE24=1) but missing at ${NODE24}; run npm run node24`
      ).toBe(true)
      await orgReport(NODE24)
    },
    60_000
  )

  it('enterprise: rows merged per user through the bundle', async () => {
    const gh = new FakeGitHub({ auth: { valid: [TOKEN] } })
    generateEnterprise(gh, {
      enterprise: 'big-ent',
      users: 300,
      rows: 420,
      orgs: 3,
      seed: 9,
      now: new Date()
    })
    const url = await serve(gh)
    const r = await runDist({ mode: 'report', enterprise: 'big-ent' }, { apiUrl: url })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    const pages = gh.requests
      .filter((q) => q.path === '/enterprises/big-ent/copilot/billing/seats')
      .map((q) => q.query.page)
    expect(pages.sort()).toEqual(['1', '1', '2', '3', '4', '5'])
    expect(r.outputs['total-seats']).toBe('300')
    const o = r.outputs
    expect(Number(o['active-seats']) + Number(o['idle-seats']) + Number(o['pending-seats'])).toBe(
      300
    )
    expect(r.reportJson!.seats).toHaveLength(300)
    expect(r.reportJson!.meta).toMatchObject({
      enterprise: 'big-ent',
      counts: { total: 300, rows: 420 }
    })
    expect(r.reportJson!.seats.filter((s) => (s.orgs as string[]).length === 2)).toHaveLength(120)
    expect(r.summary).toContain('## Copilot seats: report, enterprise big-ent')
    expect(r.summary).toContain('| Total seats | 300 |')
    expectTokenOnlyMasked(r)
  }, 60_000)
})
