// audit: outputs, idle cost, the seats turning idle soon, the summary's order,
// and the enterprise scope.
import { describe, expect, it } from 'vitest'
import { enterpriseApi } from '../../fake/index.js'
import { json, mswServer, requestLines, runAction } from '../support/harness.js'
import { addIdleSeats, ago, NOW, usedSeat, writes } from '../support/audit-fixtures.js'

const { useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })

describe('audit outputs', () => {
  it('sets every output, idle users longest idle first', async () => {
    const gh = fake()
    gh.addSeat('acme', usedSeat('mid', 45))
    gh.addSeat('acme', usedSeat('oldest', 400))
    gh.addSeat('acme', usedSeat('b-tie', 60))
    gh.addSeat('acme', usedSeat('a-tie', 60))
    gh.addSeat('acme', usedSeat('busy', 0))

    const r = await runAction({ mode: 'audit' }, { now: NOW })

    expect(r.exitCode).toBe(0)
    expect(r.outputs).toMatchObject({
      'total-seats': '5',
      'active-seats': '1',
      'idle-seats': '4',
      'pending-seats': '0',
      'seats-created': '0',
      'seats-cancelled': '0',
      'assigned-users': '[]',
      'cancelled-users': '[]',
      'skipped-users': '[]',
      'estimated-idle-cost': '76'
    })
    expect(json(r.outputs['idle-users'])).toEqual(['oldest', 'a-tie', 'b-tie', 'mid'])
    expect(r.outputs['report-json']).toMatch(/copilot-seats-audit-.*\.json$/)
    expect(r.outputs['report-csv']).toMatch(/copilot-seats-audit-.*\.csv$/)
    expect(r.reportCsv!.split('\r\n')[0]).toBe(
      'login,status,latest_activity,days_since,activity_known,editor,team,created,pending_date'
    )
    // Activity 400 days ago is past GitHub's 90 days: unknown, never "400 days".
    expect(r.reportCsv).toContain('oldest,idle,,,false,')
    expect(r.reportCsv).toContain(`mid,idle,${ago(45)},45,true,`)
  })

  it('caps idle-users at 1,000, longest idle first; the report files have them all', async () => {
    const gh = fake()
    // 1,005 idle seats, idle 40 to 1,044 days: idle0001 is the most recent.
    for (let i = 1; i <= 1005; i++)
      gh.addSeat('acme', usedSeat(`idle${String(i).padStart(4, '0')}`, 39 + i))

    const r = await runAction({ mode: 'audit' }, { now: NOW })

    expect(r.exitCode).toBe(0)
    expect(r.outputs['idle-seats']).toBe('1005')
    const idle = json<string[]>(r.outputs['idle-users'])
    expect(idle).toHaveLength(1000)
    expect(idle[0]).toBe('idle1005')
    expect(idle[999]).toBe('idle0006')
    expect(r.reportJson!.seats.filter((s) => s.status === 'idle')).toHaveLength(1005)
    expect(r.reportCsv!.trim().split('\r\n')).toHaveLength(1006)
    expect(r.summary).toContain('### Idle seats (1,005), longest idle first')
    expect(r.summary).toMatch(/_…and 505 more in the report file\._/)
  })

  it.each([
    ['a business org', 'business' as const, '', '57'],
    ['an enterprise org', 'enterprise' as const, '', '117'],
    ['seat-cost set', 'enterprise' as const, '25.5', '76.5']
  ])('estimates the monthly idle cost for %s', async (_name, plan, seatCost, expected) => {
    const gh = useFake({ now: () => new Date(NOW) }, null)
    gh.addOrg('acme', { plan_type: plan })
    addIdleSeats(gh, 3)
    gh.addSeat('acme', usedSeat('busy', 3))
    const r = await runAction({ mode: 'audit', 'seat-cost': seatCost }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(r.outputs['estimated-idle-cost']).toBe(expected)
    expect(r.reportJson!.meta.estimated_idle_cost).toBe(Number(expected))
    expect(r.summary).toContain(`about **${expected} USD a month**`)
  })

  it('prices each idle seat by its own plan', async () => {
    const gh = fake()
    gh.addSeat('acme', usedSeat('biz', 50, { plan_type: 'business' }))
    gh.addSeat('acme', usedSeat('ent', 50, { plan_type: 'enterprise' }))
    const r = await runAction({ mode: 'audit' }, { now: NOW })
    expect(r.outputs['estimated-idle-cost']).toBe('58')
  })

  it('lists the seats turning idle within 7 days, soonest first', async () => {
    const gh = fake()
    gh.addSeat('acme', usedSeat('in-5-days', 25)) // idle from 2026-06-20
    gh.addSeat('acme', usedSeat('in-1-day', 29, { team: 'design' })) // idle from 2026-06-16
    gh.addSeat('acme', usedSeat('at-7-days', 23)) // idle 7 days + 1 ms from now: not within 7 days
    gh.addSeat('acme', { login: 'grace-ends', created_at: ago(24) }) // never used, grace ends 2026-06-21
    gh.addSeat('acme', usedSeat('idle-now', 31))

    const r = await runAction({ mode: 'audit' }, { now: NOW })

    expect(r.exitCode).toBe(0)
    const soon = r.summary.slice(r.summary.indexOf('### Turning idle within 7 days'))
    expect(soon).toMatch(/^### Turning idle within 7 days \(3\)/)
    const rows = soon.split('\n').filter((l) => /^\| [a-z]/.test(l))
    expect(rows.slice(0, 3)).toEqual([
      '| in-1-day | 2026-06-16 | design |',
      '| in-5-days | 2026-06-20 | — |',
      '| grace-ends | 2026-06-21 | — |'
    ])
    expect(soon).not.toContain('at-7-days')
    expect(r.summary).toContain('- **3 seats** turn idle within 7 days.')
    expect(json(r.outputs['idle-users'])).toEqual(['idle-now'])
  })
})

describe('audit summary', () => {
  it('reads in order: idle count and cost, reclaimed, protected, teams holding idle seats, turning idle soon', async () => {
    const gh = fake()
    addIdleSeats(gh, 3)
    gh.addSeat('acme', usedSeat('svc-bot', 200))
    gh.addSeat('acme', usedSeat('designer', 60, { team: 'design' }))
    gh.addSeat('acme', usedSeat('soon', 25))
    gh.addSeat('acme', usedSeat('busy', 1))

    const r = await runAction(
      { mode: 'audit', reclaim: 'true', 'exclude-users': 'svc-bot' },
      { now: NOW }
    )

    expect(r.exitCode).toBe(0)
    const s = r.summary
    const at = (text: string) => {
      const i = s.indexOf(text)
      expect(i, text).toBeGreaterThanOrEqual(0)
      return i
    }
    // The lead, a person's ten seconds.
    const lead = [
      at('**2 seats still idle** (no activity for more than 30 days), about **38 USD a month**.'),
      at(
        '- Reclaimed **3 seats**: pending cancellation, still billed and usable until 2026-07-01.'
      ),
      at('- **1 idle seat** protected by `exclude-users` or `exclude-teams`, not reclaimed.'),
      at(
        '- **1 idle seat** granted through teams (design): reclaimed only by removing the users from the team.'
      ),
      at('- **1 seat** turns idle within 7 days.')
    ]
    expect([...lead].sort((a, b) => a - b)).toEqual(lead)
    expect(lead[4]).toBeLessThan(at('| Total seats |'))
    // Then the same order in the detailed sections.
    const sections = [
      at('### Cancelled (3)'),
      at('### Protected, not reclaimed (1)'),
      at('### Idle seats granted through teams'),
      at('### Turning idle within 7 days (1)'),
      at('### Idle seats (2), longest idle first')
    ]
    expect([...sections].sort((a, b) => a - b)).toEqual(sections)
    expect(lead[4]).toBeLessThan(sections[0]!)
  })

  it('without reclaim, leads with the idle count and cost, then the teams and the soon-idle seats', async () => {
    const gh = fake()
    addIdleSeats(gh, 2)
    gh.addSeat('acme', usedSeat('designer', 60, { team: 'design' }))
    const r = await runAction({ mode: 'audit' }, { now: NOW })
    expect(r.summary).toMatch(
      /^## Copilot seats: audit, org acme\n\n\*\*3 idle seats\*\* \(no activity for more than 30 days\), about \*\*57 USD a month\*\*\.\n\n- \*\*1 idle seat\*\* granted through teams \(design\)/
    )
    expect(r.summary).not.toContain('reclaim **')
    expect(r.summary).not.toContain('### Cancelled')
    expect(writes(gh)).toEqual([])
  })
})

describe('audit at enterprise scope', () => {
  it('audits every org of the enterprise, merged by login', async () => {
    const gh = fake()
    gh.addEnterprise('octo-ent', { orgs: ['acme', 'beta'] })
    gh.addSeat('acme', usedSeat('both', 90))
    gh.addSeat('beta', usedSeat('both', 10)) // active through beta: not idle
    gh.addSeat('acme', usedSeat('idle-acme', 50))
    gh.addSeat('beta', usedSeat('idle-beta', 70))

    const r = await runAction({ mode: 'audit', enterprise: 'octo-ent' }, { now: NOW })

    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(r.outputs['total-seats']).toBe('3')
    expect(json(r.outputs['idle-users'])).toEqual(['idle-beta', 'idle-acme'])
    expect(
      requestLines(gh).every((l) => l.startsWith('GET /enterprises/octo-ent/copilot/billing/seats'))
    ).toBe(true)
    expect(r.summary).toContain('## Copilot seats: audit, enterprise octo-ent')
    expect(r.reportJson!.meta.enterprise).toBe('octo-ent')
  })

  it('reclaims with enterprise in the org that grants the idle seats (test/enterprise has every case)', async () => {
    const gh = fake()
    gh.use(enterpriseApi())
    gh.addEnterprise('octo-ent', { orgs: ['acme'] })
    addIdleSeats(gh, 2)

    const r = await runAction(
      { mode: 'audit', enterprise: 'octo-ent', reclaim: 'true' },
      { now: NOW }
    )

    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(writes(gh).map((w) => `${w.method} ${w.path}`)).toEqual([
      'DELETE /orgs/acme/copilot/billing/selected_users'
    ])
    expect(json(r.outputs['cancelled-users'])).toEqual(['idle0001', 'idle0002'])
  })
})
