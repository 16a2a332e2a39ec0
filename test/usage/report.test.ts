// report with the usage metrics report (the default, `usage-metrics: auto`):
// the whole summary and request log of the main scenario, the join rules, the
// report files and outputs, and the token never reaching the download host.
import { describe, expect, it } from 'vitest'
import type { FakeGitHub } from '../../fake/index.js'
import { json, mswServer, requestLines, runAction, TOKEN } from '../support/harness.js'
import { daysAgo, NOW } from '../support/report-helpers.js'
import { downloadLines, usageInputs, useUsage } from '../support/usage-fixtures.js'

const { server, useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })
// NOW is 2026-11-23T12:00Z; the fake's report ends two days before: 2026-10-25 to 2026-11-21.
const END = '2026-11-21'
const START = '2026-10-25'

/** The report files' names end in random hex: the same summary every run. */
const stable = (md: string) =>
  md.replace(/(copilot-seats-report-1234-1-)[0-9a-f]{8}/g, '$1XXXXXXXX')

function scenario(gh: FakeGitHub) {
  const seat = (login: string, days: number | null, extra: Record<string, unknown> = {}) =>
    gh.addSeat('acme', {
      login,
      created_at: daysAgo(400),
      last_activity_at: days === null ? null : daysAgo(days),
      last_authenticated_at: null,
      last_activity_editor: 'vscode/1.99.0/copilot/1.300.0',
      ...extra
    })
  seat('alice', 1)
  seat('bob', 2)
  seat('carol', 60) // idle by the seats API, active in the report: signals disagree
  seat('dave', 75) // idle in both
  seat('erin', 3, { team: 'red' })
  seat('frank', 1, { pending_cancellation_date: '2026-12-01' })
  seat('grace', null, { created_at: daysAgo(200) }) // no activity in 90 days, none in the report
  gh.addSeat('acme', { login: null, created_at: daysAgo(10) })
}

describe('report: usage metrics', () => {
  it('main scenario: the usage section, the idle table column, files and outputs; the token stays on the API', async () => {
    const gh = fake()
    scenario(gh)
    const usage = useUsage(server, gh)
    const info = usage.setReport({
      org: 'acme',
      files: 3,
      gzip: true,
      redirect: true,
      seed: 7,
      extraUsers: 2,
      activity: {
        alice: 'daily',
        bob: 'idle',
        carol: ['2026-11-18', '2026-11-20'],
        dave: 'idle',
        erin: ['2026-11-10'],
        grace: 'idle'
      }
    })
    expect([info.report_start_day, info.report_end_day]).toEqual([START, END])

    const r = await runAction(usageInputs({ mode: 'report' }), { now: NOW })
    expect(r.errors).toEqual([])
    expect(r.warnings).toEqual([])
    expect(r.exitCode).toBe(0)

    // The token went to the API only: every download without Authorization.
    expect(usage.downloads.length).toBeGreaterThan(0)
    expect(usage.authorizationsSeen).toEqual([])
    for (const d of usage.downloads) {
      expect(d.authorization).toBe(false)
      expect(JSON.stringify(d.headers)).not.toContain(TOKEN)
    }
    // (the API accepted the token: the fake answers 401 to a request without it)

    expect(r.outputs['usage-report-end-day']).toBe(END)
    // alice, carol and erin: not bob, dave, grace, the seat without an assignee, nor frank
    // (pending: not a seat holder, though the report shows him)
    expect(r.outputs['usage-active-seats']).toBe('3')

    const md = r.summary
    expect(md).toContain(`### Copilot usage, ${START} – ${END}`)
    expect(md).toContain(
      '| Login | Days since latest activity | Last editor | Team | Interactions (28 d) |'
    )
    expect(md).toMatch(/\| carol \| 2026-09-24 \| 2026-11-20 \| \d+ \|/)
    expect(md).toContain('#### Seat holders with no active day')

    expect({
      summary: stable(md),
      requests: requestLines(gh),
      downloads: downloadLines(usage)
    }).toMatchSnapshot()
  })

  it('report files: the usage columns per seat and the report in the meta', async () => {
    const gh = fake()
    scenario(gh)
    const usage = useUsage(server, gh)
    usage.setReport({
      org: 'acme',
      seed: 7,
      extraUsers: 2,
      activity: {
        alice: ['2026-11-01', '2026-11-21'],
        bob: 'idle',
        carol: 'idle',
        dave: 'idle',
        grace: 'idle',
        erin: 'idle',
        frank: 'idle'
      }
    })
    const r = await runAction(usageInputs({ mode: 'report' }), { now: NOW })
    expect(r.exitCode).toBe(0)
    const lines = r.reportCsv!.trimEnd().split('\r\n')
    expect(lines[0]).toBe(
      'login,status,latest_activity,days_since,activity_known,editor,team,created,pending_date,active_days,last_active_day,interactions,features,ides,ai_credits'
    )
    const alice = lines.find((l) => l.startsWith('alice,'))!.split(',')
    expect(alice.slice(9, 11)).toEqual(['2', '2026-11-21'])
    expect(Number(alice[11])).toBeGreaterThan(0)
    const bob = lines.find((l) => l.startsWith('bob,'))!.split(',')
    expect(bob.slice(9, 13)).toEqual(['0', '', '0', ''])
    // the seat without an assignee cannot be joined: empty cells
    const orphan = lines.find((l) => l.startsWith(',active'))!.split(',')
    expect(orphan.slice(9)).toEqual(['', '', '', '', '', ''])

    const seats = r.reportJson!.seats
    const a = seats.find((s) => s.login === 'alice')!
    expect(a.usage).toMatchObject({ active_days: 2, last_active_day: '2026-11-21' })
    expect(seats.find((s) => s.login === null)!.usage).toBeNull()
    expect(seats.find((s) => s.login === 'bob')!.usage).toEqual({
      active_days: 0,
      last_active_day: null,
      interactions: 0,
      features: [],
      ides: [],
      ai_credits: 0
    })
    expect(r.reportJson!.meta.usage).toMatchObject({
      scope: 'org',
      report_start_day: START,
      report_end_day: END,
      files: 1,
      seat_holders: 7,
      active_seat_holders: 1,
      seat_holders_without_active_day: 6,
      users_without_seat: 2,
      signals_disagree: []
    })
    expect(r.outputs['usage-active-seats']).toBe('1')
  })

  it('joins by user id when both sides have one, else by login (any case); others are counted apart', async () => {
    const gh = fake()
    for (const login of ['alice', 'Bob', 'carol']) {
      gh.addSeat('acme', { login, created_at: daysAgo(400), last_activity_at: daysAgo(1) })
    }
    const id = (login: string) =>
      gh.seats('acme').find((s) => s.assignee?.login === login)!.assignee!.id
    const day = (d: string, extra: Record<string, unknown>) => ({
      day: d,
      user_initiated_interaction_count: 1,
      ...extra
    })
    const usage = useUsage(server, gh)
    usage.setReport({
      org: 'acme',
      rows: [
        // alice's id under another login (a renamed account): hers
        day('2026-11-20', { user_id: id('alice'), user_login: 'alice-renamed' }),
        // no id: by login, case-insensitively
        day('2026-11-20', { user_login: 'BOB' }),
        day('2026-11-19', { user_login: 'bob' }),
        // carol's login with someone else's id: not carol
        day('2026-11-20', { user_id: 4242, user_login: 'carol' }),
        // no seat here
        day('2026-11-20', { user_id: 5151, user_login: 'dave' }),
        day('2026-11-20', { user_login: 'erin', user_initiated_interaction_count: 0 })
      ]
    })
    const r = await runAction(usageInputs({ mode: 'report' }), { now: NOW })
    expect(r.exitCode).toBe(0)
    const u = (login: string) =>
      r.reportJson!.seats.find((s) => s.login === login)!.usage as {
        active_days: number
        interactions: number
      }
    expect(u('alice')).toMatchObject({ active_days: 1, interactions: 1 })
    expect(u('Bob')).toMatchObject({ active_days: 2, interactions: 2 })
    expect(u('carol')).toMatchObject({ active_days: 0, interactions: 0 })
    expect(r.reportJson!.meta.usage).toMatchObject({
      users_without_seat: 3,
      active_users_without_seat: 2
    })
    expect(r.summary).toContain(
      '| Users in the report without a seat here | 3 (2 with an active day) |  |'
    )
    expect(r.outputs['usage-active-seats']).toBe('2')
  })

  it('gzip as a file (.ndjson.gz), and content-encoding: both read as the same rows', async () => {
    const totals: unknown[] = []
    for (const gzip of [false, 'file', 'encoding'] as const) {
      const gh = fake()
      scenario(gh)
      const usage = useUsage(server, gh)
      usage.setReport({ org: 'acme', seed: 3, files: 2, gzip })
      const r = await runAction(usageInputs({ mode: 'report' }), { now: NOW })
      expect(r.exitCode, String(gzip)).toBe(0)
      expect(r.warnings).toEqual([])
      // the bytes read differ (gzip or not); everything counted from them must not
      const meta = { ...(r.reportJson!.meta.usage as Record<string, unknown>), bytes: null }
      totals.push({ meta, seats: r.reportJson!.seats.map((s) => s.usage) })
    }
    expect(totals[1]).toEqual(totals[0])
    expect(totals[2]).toEqual(totals[0])
  })

  it('enterprise: the enterprise report, joined to the merged seats', async () => {
    const gh = fake()
    gh.addOrg('o2')
    gh.addEnterprise('ent', { orgs: ['acme', 'o2'] })
    gh.addSeat('acme', { login: 'alice', created_at: daysAgo(400), last_activity_at: daysAgo(60) })
    gh.addSeat('o2', { login: 'alice', created_at: daysAgo(400), last_activity_at: daysAgo(50) })
    gh.addSeat('o2', { login: 'bob', created_at: daysAgo(400), last_activity_at: daysAgo(2) })
    const usage = useUsage(server, gh)
    usage.setReport({ enterprise: 'ent', activity: { alice: ['2026-11-20'], bob: 'idle' } })
    const r = await runAction(usageInputs({ mode: 'report', enterprise: 'ent' }), { now: NOW })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(requestLines(gh)).toContain(
      'GET /enterprises/ent/copilot/metrics/reports/users-28-day/latest'
    )
    expect(requestLines(gh).some((l) => l.includes('/orgs/') && l.includes('metrics'))).toBe(false)
    expect(r.outputs['usage-active-seats']).toBe('1')
    expect(r.reportJson!.meta.usage).toMatchObject({
      scope: 'enterprise',
      signals_disagree: ['alice']
    })
    expect(r.summary).toContain("_GitHub's usage metrics report of the enterprise")
  })

  it('a report older than 7 days is used, with a warning that says how old', async () => {
    const gh = fake()
    scenario(gh)
    const usage = useUsage(server, gh)
    usage.setReport({ org: 'acme', endDay: '2026-11-10' })
    const r = await runAction(usageInputs({ mode: 'report' }), { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toEqual([
      'The usage metrics report of org "acme" ends on 2026-11-10, 12 days before this run (GitHub usually publishes one a day): its numbers are that old.'
    ])
    expect(r.outputs['usage-report-end-day']).toBe('2026-11-10')
    expect(r.summary).toContain('### Copilot usage, 2026-10-14 – 2026-11-10')
  })

  it('a report of 7 days ago gives no warning', async () => {
    const gh = fake()
    scenario(gh)
    useUsage(server, gh).setReport({ org: 'acme', endDay: '2026-11-15' })
    const r = await runAction(usageInputs({ mode: 'report' }), { now: NOW })
    expect(r.warnings).toEqual([])
  })

  it('usage-metrics: false sends no usage request and shows no usage', async () => {
    const gh = fake()
    scenario(gh)
    const usage = useUsage(server, gh)
    usage.setReport({ org: 'acme' })
    const r = await runAction({ mode: 'report', 'usage-metrics': 'false' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(requestLines(gh)).toEqual(['GET /orgs/acme/copilot/billing/seats'])
    expect(usage.downloads).toEqual([])
    expect(r.summary).not.toContain('Copilot usage')
    expect(r.summary).not.toContain('Interactions (28 d)')
    expect(r.reportCsv!.split('\r\n')[0]).not.toContain('active_days')
    expect(r.reportJson!.meta.usage).toBeNull()
    expect(r.reportJson!.seats[0]).not.toHaveProperty('usage')
    expect(r.outputs['usage-report-end-day']).toBe('')
    expect(r.outputs['usage-active-seats']).toBe('0')
    expect(json(r.outputs['idle-users'])).toContain('carol')
  })
})
