// Issue 9, item 1: GitHub keeps a seat's activity for 90 days, then returns null. A seat
// granted long ago whose holder was last active 100 days ago looks, through the API, like a
// seat never used; before the fix it was shown as "730 days" and counted as "never used".
// (inactive-days above 90 is an input error: test/reliability/inputs.test.ts, row
// "inactive-days 91".)
import { describe, expect, it } from 'vitest'
import { json, mswServer, runAction } from '../support/harness.js'
import { ago, NOW } from '../support/audit-fixtures.js'

const { useFake } = mswServer()

function seed() {
  const gh = useFake({ now: () => new Date(NOW) })
  // Stored activity 100 days old: the fake serves null for both fields, as GitHub does.
  gh.addSeat('acme', {
    login: 'gone',
    created_at: ago(730),
    last_activity_at: ago(100),
    last_authenticated_at: ago(100),
    last_activity_editor: 'vscode/1.90.0/copilot/1.200.0'
  })
  gh.addSeat('acme', {
    login: 'aaa-idle89',
    created_at: ago(400),
    last_activity_at: ago(89),
    last_activity_editor: 'vscode/1.99.0/copilot/1.300.0'
  })
  gh.addSeat('acme', { login: 'fresh', created_at: ago(10) })
  gh.addSeat('acme', { login: 'busy', created_at: ago(400), last_activity_at: ago(1) })
  return gh
}

describe('Issue 9: 90-day retention', () => {
  it('a user last active 100 days ago on a seat granted 2 years ago shows "> 90", counts as "no activity in 90 days" (not "never used") and sorts as the longest idle', async () => {
    const gh = seed()
    expect(gh.seat('acme', 'gone')?.last_activity_at).toBeNull() // what the API returns
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)

    // Longest idle first, although "aaa-idle89" comes first by login and its 89 days are known.
    expect(json(r.outputs['idle-users'])).toEqual(['gone', 'aaa-idle89'])
    expect(r.summary).toContain('| Never used (granted within 90 days) | 1 |')
    expect(r.summary).toContain('| No activity in 90 days (older seats) | 1 |')
    const idleRows = r.summary.split('\n').filter((l) => /^\| (gone|aaa-idle89) \|/.test(l))
    expect(idleRows).toEqual([
      '| gone | &gt; 90 | — | — |',
      '| aaa-idle89 | 89 | vscode/1.99.0/copilot/1.300.0 (VS Code) | — |'
    ])
    expect(r.summary).not.toMatch(/\| gone \| \d/)

    const gone = r.reportJson!.seats.find((s) => s.login === 'gone')!
    expect(gone).toMatchObject({
      status: 'idle',
      latest_activity: null,
      days_since: null,
      activity_known: false
    })
    expect(r.reportJson!.meta.counts).toMatchObject({ never_used: 1, no_activity_in_90_days: 1 })
    const csvGone = r.reportCsv!.split('\r\n').find((l) => l.startsWith('gone,'))
    // login, status, latest activity (unknown), days since (empty), activity known
    expect(csvGone?.split(',').slice(0, 5)).toEqual(['gone', 'idle', '', '', 'false'])
  })

  it('the seat is idle for every allowed inactive-days, 90 included', async () => {
    seed()
    const r = await runAction({ mode: 'audit', 'inactive-days': '90' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(json(r.outputs['idle-users'])).toEqual(['gone'])
  })
})
