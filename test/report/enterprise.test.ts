// report with `enterprise`: one row per granting org, merged per user.
import { describe, expect, it } from 'vitest'
import { generateEnterprise } from '../../fake/index.js'
import { json, mswServer, runAction } from '../support/harness.js'
import { daysAgo, listingRequests, NOW, page } from '../support/report-helpers.js'

const { useFake } = mswServer()
const ENT_PATH = '/enterprises/ent/copilot/billing/seats'

describe('report: enterprise', () => {
  it('merges rows per user: latest activity of the rows, pending only if every row is, every org and team kept', async () => {
    const gh = useFake({ now: () => new Date(NOW) }, null)
    for (const org of ['ent-a', 'ent-b', 'ent-c']) gh.addOrg(org, { plan_type: 'enterprise' })
    gh.addEnterprise('ent', { orgs: ['ent-a', 'ent-b', 'ent-c'] })
    const base = { created_at: daysAgo(400), last_authenticated_at: null }
    // mona: idle in ent-a (via team red), active in ent-b (direct) -> active
    gh.addSeat('ent-a', {
      ...base,
      login: 'Mona',
      last_activity_at: daysAgo(40),
      last_activity_editor: 'vim/9.1/copilot.vim/1.41.0',
      team: 'red'
    })
    gh.addSeat('ent-b', {
      ...base,
      login: 'mona',
      last_activity_at: daysAgo(3),
      last_activity_editor: 'vscode/1.95.3/copilot/1.245.0'
    })
    // hubot: pending in ent-a only -> not pending; idle in both -> idle
    gh.addSeat('ent-a', {
      ...base,
      login: 'hubot',
      last_activity_at: daysAgo(50),
      pending_cancellation_date: '2026-12-01'
    })
    gh.addSeat('ent-c', { ...base, login: 'hubot', last_activity_at: daysAgo(45), team: 'blue' })
    // octo: pending in both -> pending
    gh.addSeat('ent-a', {
      ...base,
      login: 'octo',
      last_activity_at: daysAgo(1),
      pending_cancellation_date: '2026-12-01'
    })
    gh.addSeat('ent-b', {
      ...base,
      login: 'octo',
      last_activity_at: daysAgo(2),
      pending_cancellation_date: '2026-12-01'
    })
    // solo: one row, idle
    gh.addSeat('ent-c', { ...base, login: 'solo', last_activity_at: daysAgo(90) })

    const r = await runAction({ mode: 'report', enterprise: 'ent' }, { now: NOW })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(listingRequests(gh, ENT_PATH)).toEqual([page(1, ENT_PATH)])
    expect(gh.requests).toHaveLength(1)
    expect(r.outputs).toMatchObject({
      'total-seats': '4',
      'active-seats': '1',
      'idle-seats': '2',
      'pending-seats': '1',
      'estimated-idle-cost': String(2 * 39)
    })
    expect(json(r.outputs['idle-users'])).toEqual(['solo', 'hubot'])

    const seats = Object.fromEntries(
      r.reportJson!.seats.map((s) => [String(s.login).toLowerCase(), s])
    )
    expect(Object.keys(seats)).toEqual(['hubot', 'mona', 'octo', 'solo'])
    expect(seats.mona).toMatchObject({
      status: 'active',
      days_since: 3,
      orgs: ['ent-a', 'ent-b'],
      teams: ['red'],
      editor: 'vscode/1.95.3/copilot/1.245.0',
      pending_cancellation_date: null
    })
    expect(seats.hubot).toMatchObject({
      status: 'idle',
      days_since: 45,
      orgs: ['ent-a', 'ent-c'],
      teams: ['blue'],
      pending_cancellation_date: null
    })
    expect(seats.octo).toMatchObject({
      status: 'pending',
      orgs: ['ent-a', 'ent-b'],
      pending_cancellation_date: '2026-12-01'
    })
    expect(seats.solo).toMatchObject({ status: 'idle', days_since: 90, orgs: ['ent-c'] })
    expect(r.reportJson!.meta).toMatchObject({
      enterprise: 'ent',
      org: null,
      counts: { total: 4, rows: 7 }
    })

    const csv = r.reportCsv!.trimEnd().split('\r\n')
    expect(csv).toHaveLength(5)
    expect(csv.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      'hubot,idle',
      'Mona,active',
      'octo,pending',
      'solo,idle'
    ])
    expect(r.summary).toContain('## Copilot seats: report, enterprise ent')
    expect(r.summary).toContain('| Total seats | 4 |')
  })

  it('takes the page count from Link rel="last", not from total_seats (more rows than seats)', async () => {
    const gh = useFake({ now: () => new Date(NOW) }, null)
    generateEnterprise(gh, {
      enterprise: 'ent',
      users: 150,
      rows: 260,
      orgs: 3,
      seed: 7,
      now: new Date(NOW)
    })
    const r = await runAction({ mode: 'report', enterprise: 'ent' }, { now: NOW })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toEqual([])
    // 260 rows = 3 pages, although 150 seats would fit in 2
    expect(listingRequests(gh, ENT_PATH)).toEqual([
      page(1, ENT_PATH),
      page(2, ENT_PATH),
      page(3, ENT_PATH),
      page(1, ENT_PATH)
    ])
    expect(r.outputs['total-seats']).toBe('150')
    const s = r.outputs
    expect(Number(s['active-seats']) + Number(s['idle-seats']) + Number(s['pending-seats'])).toBe(
      150
    )
    expect(r.reportJson!.seats).toHaveLength(150)
    expect(r.reportJson!.meta).toMatchObject({ counts: { total: 150, rows: 260 } })
    const multi = r.reportJson!.seats.filter((x) => (x.orgs as string[]).length > 1)
    expect(multi).toHaveLength(110)
    expect(r.reportCsv!.trimEnd().split('\r\n')).toHaveLength(151)
  })
})
