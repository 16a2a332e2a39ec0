import { describe, expect, it } from 'vitest'
import { json, mswServer, runAction } from '../support/harness.js'

const { useFake } = mswServer()

describe('harness smoke', () => {
  it('reports 101 seats over two pages', async () => {
    const gh = useFake()
    for (let i = 0; i < 101; i++) gh.addSeat('acme', { login: `u${String(i).padStart(3, '0')}`, created_at: '2026-01-01T00:00:00Z', last_activity_at: i < 50 ? new Date().toISOString() : null })
    const r = await runAction({ mode: 'report' })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(r.outputs['total-seats']).toBe('101')
    expect(json<string[]>(r.outputs['idle-users'])).toHaveLength(51)
    expect(gh.requests.map((q) => `${q.method} ${q.path}?page=${q.query.page}`)).toEqual([
      'GET /orgs/acme/copilot/billing/seats?page=1',
      'GET /orgs/acme/copilot/billing/seats?page=2'
    ])
  })
})
