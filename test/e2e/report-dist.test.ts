// The bundled dist/index.js in report mode, spawned as the runner does, against
// the fake over loopback HTTP: on Node 20 (this process) and on Node 24 (runs.using).
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
import { DAY, iso, NOW } from '../support/report-helpers.js'

// No COPILOT_SEATS_TIME_SCALE: nothing here waits, and a scaled-down attempt timeout (150 ms)
// would let a busy machine time out and re-send pages, making the request counts flaky.
const KNOBS = { COPILOT_SEATS_NOW: iso(NOW) }
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

/** Counts worked out from the fake's own seat JSON, independently of src/. */
function expectedCounts(seats: SeatJson[]) {
  let active = 0
  let idle = 0
  let pending = 0
  const idleLogins: { login: string; latest: number }[] = []
  for (const s of seats) {
    const times = [s.created_at, s.last_activity_at, s.last_authenticated_at]
      .filter((t): t is string => !!t)
      .map(Date.parse)
    const latest = Math.max(...times)
    if (s.pending_cancellation_date) pending++
    else if (NOW - latest > 30 * DAY) {
      idle++
      idleLogins.push({ login: s.assignee?.login ?? '(no assignee)', latest })
    } else active++
  }
  return { total: seats.length, active, idle, pending, idleLogins }
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
  const gh = new FakeGitHub({ auth: { valid: [TOKEN] }, now: () => new Date(NOW) })
  generateOrg(gh, { org: 'acme', seats: 1234, seed: 42, now: new Date(NOW), nullAssignee: 3 })
  const url = await serve(gh)
  const r = await runDist({ mode: 'report' }, { apiUrl: url, node, env: KNOBS })
  expect(r.errors).toEqual([])
  expect(r.stderr).toBe('')
  expect(r.exitCode).toBe(0)

  const want = expectedCounts(gh.seats('acme'))
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
  const idleUsers = json<string[]>(r.outputs['idle-users'])
  expect([...idleUsers].sort()).toEqual(want.idleLogins.map((e) => e.login).sort())
  // longest idle first: whole days since never increase along the list
  const days = new Map(
    want.idleLogins
      .filter((e) => e.login !== '(no assignee)')
      .map((e) => [e.login, Math.floor((NOW - e.latest) / DAY)])
  )
  const listed = idleUsers.filter((l) => l !== '(no assignee)').map((l) => days.get(l)!)
  expect(listed).toEqual([...listed].sort((a, b) => b - a))
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
  expect(r.summary).toContain(`"Idle" : ${want.idle}`)
  expect(r.summary).toContain('```mermaid\npie showData')

  expect(r.reportJson!.seats).toHaveLength(1234)
  expect(r.reportJson!.meta).toMatchObject({
    mode: 'report',
    org: 'acme',
    counts: { total: 1234, idle: want.idle, pending: want.pending }
  })
  expect(r.reportCsv!.trimEnd().split('\r\n')[0]).toBe(
    'login,status,latest_activity,days_since,editor,team,created,pending_date'
  )
  expect(r.reportCsv!.match(/\r\n/g)!.length).toBeGreaterThanOrEqual(1235)
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
    const gh = new FakeGitHub({ auth: { valid: [TOKEN] }, now: () => new Date(NOW) })
    generateEnterprise(gh, {
      enterprise: 'big-ent',
      users: 300,
      rows: 420,
      orgs: 3,
      seed: 9,
      now: new Date(NOW)
    })
    const url = await serve(gh)
    const r = await runDist({ mode: 'report', enterprise: 'big-ent' }, { apiUrl: url, env: KNOBS })
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
