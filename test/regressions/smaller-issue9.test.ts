// Issue 9, item 4: the smaller problems. Each test is named after the problem it guards.
import { describe, expect, it } from 'vitest'
import type { FakeGitHub } from '../../fake/index.js'
import { json, mswServer, runAction } from '../support/harness.js'
import { ago, NOW, usedSeat } from '../support/audit-fixtures.js'

const { useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })
const QUICK_WRITES = { writeSpacingMs: 50 }

describe('Issue 9: enterprise merge order', () => {
  // Before the fix the merge kept the plan of the last row unless it was enterprise, so
  // business then unknown gave "unknown" (priced by the business fallback, with a warning).
  for (const orgs of [
    ['o-business', 'o-unknown'],
    ['o-unknown', 'o-business']
  ]) {
    it(`business + unknown rows of one user are business, listed ${orgs.join(' then ')}`, async () => {
      const gh = useFake({ now: () => new Date(NOW) }, null)
      gh.addOrg('o-business', { plan_type: 'business' })
      gh.addOrg('o-unknown', { plan_type: 'business' })
      gh.addEnterprise('ent', { orgs })
      gh.addSeat('o-business', usedSeat('alice', 60, { plan_type: 'business' }))
      gh.addSeat('o-unknown', usedSeat('alice', 50, { plan_type: 'unknown' }))
      expect(gh.enterpriseSeats('ent').map((s) => s.plan_type)).toEqual(
        orgs.map((o) => (o === 'o-business' ? 'business' : 'unknown'))
      )
      const r = await runAction({ mode: 'report', enterprise: 'ent' }, { now: NOW })
      expect(r.errors).toEqual([])
      expect(r.exitCode).toBe(0)
      expect(r.reportJson!.seats).toEqual([
        expect.objectContaining({ login: 'alice', plan_type: 'business', status: 'idle' })
      ])
      expect(r.outputs['estimated-idle-cost']).toBe('19')
      expect(r.warnings).toEqual([]) // no "no known plan" fallback
    })
  }
})

describe('Issue 9: the idle list is ordered by exact time', () => {
  it('45.9 days idle comes before 45.1 days idle, though both show 45 and the logins sort the other way', async () => {
    const gh = fake()
    gh.addSeat('acme', usedSeat('aa-451', 45.1))
    gh.addSeat('acme', usedSeat('zz-459', 45.9))
    gh.addSeat('acme', usedSeat('active', 1))
    const r = await runAction({ mode: 'audit' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(json(r.outputs['idle-users'])).toEqual(['zz-459', 'aa-451'])
    const rows = r.summary.split('\n').filter((l) => /^\| (aa-451|zz-459) \| 45 \|/.test(l))
    expect(rows.map((l) => l.split(' | ')[0])).toEqual(['| zz-459', '| aa-451'])
    expect(r.reportJson!.seats.map((s) => [s.login, s.days_since])).toContainEqual(['aa-451', 45])
  })

  it('who makes the 1,000-entry cap of idle-users is decided by exact time', async () => {
    const gh = fake()
    // 999 seats idle 50 to 89 days, then two at 45.x days: room for one more.
    for (let i = 0; i < 999; i++)
      gh.addSeat('acme', usedSeat(`idle${String(i).padStart(4, '0')}`, 50 + (i % 40)))
    gh.addSeat('acme', usedSeat('aa-451', 45.1))
    gh.addSeat('acme', usedSeat('zz-459', 45.9))
    const r = await runAction({ mode: 'audit' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(r.outputs['idle-seats']).toBe('1001')
    const idle = json<string[]>(r.outputs['idle-users'])
    expect(idle).toHaveLength(1000)
    expect(idle.at(-1)).toBe('zz-459')
    expect(idle).not.toContain('aa-451')
  })
})

describe('Issue 9: a team and a user of the same name in one plan', () => {
  function seedOps(gh: FakeGitHub) {
    gh.addSeat('acme', usedSeat('ops', 2)) // the user ops: a direct seat
    gh.addSeat('acme', usedSeat('o1', 2, { team: 'ops' })) // the team ops grants o1 and o2
    gh.addSeat('acme', usedSeat('o2', 2, { team: 'ops' }))
  }
  const skipOf = (
    r: Awaited<ReturnType<typeof runAction>>,
    who: { login?: string; team?: string }
  ) =>
    r.reportJson!.skipped.filter((k) => (who.login ? k.login === who.login : k.team === who.team))

  /** revoke users: ops and teams: ops, every write to `path` failing with 500. */
  async function revokeOpsFailing(path: string) {
    const gh = fake()
    seedOps(gh)
    gh.fault({ method: 'DELETE', path, status: 500, times: Infinity })
    const r = await runAction(
      { mode: 'revoke', users: 'ops', teams: 'ops' },
      { now: NOW, limiter: QUICK_WRITES }
    )
    return { gh, r }
  }

  it('revoke users: ops and teams: ops, the team write failing with 500: the user is cancelled and the team failure is reported', async () => {
    const { gh, r } = await revokeOpsFailing('/orgs/acme/copilot/billing/selected_teams')
    expect(r.exitCode).toBe(1)
    // The user's outcome: cancelled, not hidden by the team's failure.
    expect(json(r.outputs['cancelled-users'])).toEqual(['ops'])
    expect(gh.seat('acme', 'ops')?.pending_cancellation_date).not.toBeNull()
    expect(skipOf(r, { login: 'ops' })).toEqual([])
    // The team's failure: reported for the team and its members, not hidden by the user.
    expect(skipOf(r, { team: 'ops' })).toEqual([
      expect.objectContaining({ kind: 'write-failed', failed: true })
    ])
    expect(skipOf(r, { login: 'o1' })).toEqual([
      expect.objectContaining({ kind: 'write-failed', failed: true })
    ])
    expect(json<{ login: string }[]>(r.outputs['skipped-users']).map((s) => s.login)).toEqual([
      'o1',
      'o2'
    ])
    expect(r.summary).toMatch(/\| ❌ \| team ops \| not cancelled: GitHub failed with 500/)
    expect(r.summary).toMatch(
      /### Cancelled \(1\)\n\n\| Login \| State \|\n\| --- \| --- \|\n\| ops \| pending until /
    )
    expect(r.errors.join('\n')).toMatch(/- team ops: not cancelled: GitHub failed with 500/)
  })

  it('the same plan with the user write failing: the team members are cancelled and the user failure is reported', async () => {
    const { gh, r } = await revokeOpsFailing('/orgs/acme/copilot/billing/selected_users')
    expect(r.exitCode).toBe(1)
    expect(json<string[]>(r.outputs['cancelled-users']).sort()).toEqual(['o1', 'o2'])
    expect(gh.seat('acme', 'ops')?.pending_cancellation_date).toBeNull()
    expect(skipOf(r, { login: 'ops' })).toEqual([
      expect.objectContaining({ kind: 'write-failed', failed: true })
    ])
    expect(skipOf(r, { team: 'ops' })).toEqual([])
    expect(r.errors.join('\n')).toMatch(/- ops: not cancelled: GitHub failed with 500/)
  })
})

describe('Issue 9: a seat without assignee is never in idle-users', () => {
  it('audit with reclaim: counted idle and priced, never in idle-users nor in a DELETE', async () => {
    const gh = fake()
    gh.addSeat('acme', usedSeat('idle1', 60))
    gh.addSeat('acme', { login: null, created_at: ago(200) }) // no activity in 90 days
    gh.addSeat('acme', { login: null, created_at: ago(40) }) // never used, past its grace
    const r = await runAction(
      { mode: 'audit', reclaim: 'true' },
      { now: NOW, limiter: QUICK_WRITES }
    )
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(r.outputs['idle-seats']).toBe('2') // idle1 is pending now; the two seats stay idle
    expect(json(r.outputs['idle-users'])).toEqual([])
    expect(json(r.outputs['cancelled-users'])).toEqual(['idle1'])
    expect(r.outputs['estimated-idle-cost']).toBe('38')
    const deleted = gh.requests.filter((q) => q.method === 'DELETE').map((q) => q.body)
    expect(deleted).toEqual([{ selected_usernames: ['idle1'] }])
    expect(r.summary).toContain('| &#40;no assignee&#41; | &gt; 90 |')
  })
})
