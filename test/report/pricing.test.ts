// report: the idle-cost estimate, by plan or by `seat-cost`.
import { describe, expect, it } from 'vitest'
import { mswServer, runAction } from '../support/harness.js'
import { addSeats, NOW } from '../support/report-helpers.js'

const { useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })
const BILLING = '/orgs/acme/copilot/billing'

describe('report: idle cost', () => {
  it("by each seat's plan: business 19, enterprise 39; no org look-up needed", async () => {
    const gh = fake()
    // odd seats are idle: u001 business, u003 enterprise, u005 business
    addSeats(gh, 6, 'acme', (i) => ({ plan_type: i === 3 ? 'enterprise' : 'business' }))
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(r.outputs['estimated-idle-cost']).toBe(String(19 + 39 + 19))
    expect(gh.requests.map((q) => q.path)).not.toContain(BILLING)
    expect(r.summary).toContain('| Estimated monthly idle cost | 77 USD |')
  })

  it("a seat of unknown plan takes the org's plan, read once from the org details", async () => {
    const gh = fake()
    gh.setPolicy('acme', { plan_type: 'enterprise' })
    addSeats(gh, 4, 'acme', (i) => ({ plan_type: i === 1 ? 'unknown' : 'business' }))
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    // u001 unknown -> enterprise 39, u003 business 19
    expect(r.outputs['estimated-idle-cost']).toBe('58')
    expect(gh.requests.filter((q) => q.path === BILLING)).toHaveLength(1)
    expect(r.warnings).toEqual([])
  })

  it('unknown plan and no org plan: priced as business, with a warning naming seat-cost', async () => {
    const gh = fake()
    addSeats(gh, 4, 'acme', () => ({ plan_type: 'unknown' }))
    gh.fault({ path: BILLING, status: 404 })
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(r.errors).toEqual([])
    expect(r.outputs['estimated-idle-cost']).toBe('38')
    expect(r.warnings).toHaveLength(1)
    expect(r.warnings[0]).toMatch(
      /2 idle seat\(s\) have no known plan; they are priced as Copilot Business \(19 USD a month\)/
    )
    expect(r.warnings[0]).toMatch(/`seat-cost`/)
  })

  it('seat-cost overrides every plan, with no org look-up', async () => {
    const gh = fake()
    addSeats(gh, 6, 'acme', (i) => ({ plan_type: i === 3 ? 'enterprise' : 'unknown' }))
    const r = await runAction({ mode: 'report', 'seat-cost': '12.5' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(r.outputs['estimated-idle-cost']).toBe('37.5')
    expect(gh.requests.map((q) => q.path)).not.toContain(BILLING)
    expect(r.reportJson!.meta).toMatchObject({ seat_cost: 12.5, estimated_idle_cost: 37.5 })
  })
})
