// revoke mode at the HTTP boundary: skips that are not failures, skips that
// are, what is never sent in a DELETE body, and the read-back of what changed.
import { describe, expect, it } from 'vitest'
import { json, mswServer, requestLines, runAction } from '../support/harness.js'
import {
  NEXT_CYCLE,
  NOW,
  OLD,
  REVOKE_MIXED_EXPECTED,
  REVOKE_MIXED_INPUTS,
  seedRevokeMixed,
  skipName,
  skipsOf,
  userKeys,
  writeBodies
} from '../support/assign-revoke-fixtures.js'

const { useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })
const RECENT = '2026-05-09T08:00:00Z'

const deleteBodies = (gh: ReturnType<typeof fake>) =>
  writeBodies(gh).filter((w) => w.method === 'DELETE')

describe('revoke: skips that do not fail the step', () => {
  it('reports a user without a seat as "no seat"', async () => {
    const gh = fake()
    gh.addMember('acme', 'nos')
    const r = await runAction({ mode: 'revoke', users: 'nos' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(r.errors).toEqual([])
    expect(requestLines(gh)).toEqual([
      'GET /orgs/acme/copilot/billing',
      'GET /orgs/acme/members/nos/copilot'
    ])
    expect(skipsOf(r.outputs['skipped-users'])).toEqual([{ login: 'nos', reason: 'no seat' }])
    expect(json(r.outputs['cancelled-users'])).toEqual([])
    expect(r.outputs['seats-cancelled']).toBe('0')
    expect(r.summary).toContain('### Cancelled (0)')
    expect(r.summary).toMatch(/\| ➖ \| nos \| no seat \|/)
  })

  it('reports a seat already pending with its date and sends nothing', async () => {
    const gh = fake()
    gh.addSeat('acme', {
      login: 'pend',
      created_at: OLD,
      last_activity_at: RECENT,
      pending_cancellation_date: NEXT_CYCLE
    })
    const r = await runAction({ mode: 'revoke', users: 'pend' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(requestLines(gh, true)).toEqual([])
    expect(skipsOf(r.outputs['skipped-users'])).toEqual([
      { login: 'pend', reason: 'already pending cancellation until 2026-06-01' }
    ])
    expect(r.outputs['pending-seats']).toBe('1')
    expect(gh.seat('acme', 'pend')?.pending_cancellation_date).toBe(NEXT_CYCLE)
  })
})

describe('revoke: skips that fail the step', () => {
  it('never sends a seat granted via a team in a per-user DELETE, and names the team and the fix', async () => {
    const gh = fake()
    gh.addSeat('acme', { login: 'viateam', created_at: OLD, last_activity_at: RECENT, team: 'eng' })
    gh.addSeat('acme', { login: 'direct1', created_at: OLD, last_activity_at: RECENT })
    const r = await runAction({ mode: 'revoke', users: 'viateam direct1' }, { now: NOW })
    expect(r.exitCode).toBe(1)
    expect(deleteBodies(gh)).toEqual([
      { method: 'DELETE', path: '/orgs/acme/copilot/billing/selected_users', names: ['direct1'] }
    ])
    for (const w of deleteBodies(gh)) expect(w.names).not.toContain('viateam')
    expect(gh.seat('acme', 'viateam')?.pending_cancellation_date).toBeNull()
    expect(gh.seat('acme', 'direct1')?.pending_cancellation_date).toBe(NEXT_CYCLE)
    const [skip] = skipsOf(r.outputs['skipped-users'])
    expect(skip?.login).toBe('viateam')
    expect(skip?.reason).toBe(
      'seat granted via team eng; GitHub cannot cancel it per user. Fix: remove them from team eng, or revoke the team'
    )
    expect(r.errors[0]).toContain('- viateam: seat granted via team eng')
    expect(json(r.outputs['cancelled-users'])).toEqual(['direct1'])
  })

  it('skips users in exclude-users and members of exclude-teams, and fails', async () => {
    const gh = fake()
    for (const login of ['boss', 'sec1'])
      gh.addSeat('acme', { login, created_at: OLD, last_activity_at: RECENT })
    gh.addTeam('acme', 'security', { members: ['sec1'] })
    const r = await runAction(
      { mode: 'revoke', users: 'boss sec1', 'exclude-users': 'Boss', 'exclude-teams': 'security' },
      { now: NOW }
    )
    expect(r.exitCode).toBe(1)
    expect(requestLines(gh)).toEqual([
      'GET /orgs/acme/copilot/billing',
      'GET /orgs/acme/teams/security',
      'GET /orgs/acme/teams/security/members',
      'GET /orgs/acme/members/boss/copilot',
      'GET /orgs/acme/members/sec1/copilot'
    ])
    expect(skipsOf(r.outputs['skipped-users'])).toEqual([
      { login: 'boss', reason: 'protected (in exclude-users); not cancelled' },
      { login: 'sec1', reason: 'protected (member of protected team security); not cancelled' }
    ])
    for (const login of ['boss', 'sec1'])
      expect(gh.seat('acme', login)?.pending_cancellation_date).toBeNull()
    expect(r.errors[0]).toContain('2 requested change(s) could not be made')
  })

  it('fails without cancelling anything when a protected team cannot be found', async () => {
    const gh = fake()
    gh.addSeat('acme', { login: 'r1', created_at: OLD, last_activity_at: RECENT })
    const r = await runAction(
      { mode: 'revoke', users: 'r1', 'exclude-teams': 'ghosts' },
      { now: NOW }
    )
    expect(r.exitCode).toBe(1)
    expect(requestLines(gh, true)).toEqual([])
    expect(gh.seat('acme', 'r1')?.pending_cancellation_date).toBeNull()
    expect(r.errors[0]).toContain(
      'The protected team "ghosts" in `exclude-teams` was not found in org "acme", so nothing is cancelled'
    )
  })

  it('refuses a team revoke as a whole when a member is protected', async () => {
    const gh = fake()
    gh.addSeat('acme', { login: 'i1', created_at: OLD, last_activity_at: RECENT, team: 'infra' })
    gh.addSeat('acme', { login: 'boss', created_at: OLD, last_activity_at: RECENT, team: 'infra' })
    const r = await runAction(
      { mode: 'revoke', teams: 'infra', 'exclude-users': 'boss' },
      { now: NOW }
    )
    expect(r.exitCode).toBe(1)
    expect(requestLines(gh, true)).toEqual([])
    for (const login of ['i1', 'boss'])
      expect(gh.seat('acme', login)?.pending_cancellation_date).toBeNull()
    expect(skipsOf(r.outputs['skipped-users'])).toEqual([])
    expect(r.reportJson!.skipped).toEqual([
      {
        team: 'infra',
        kind: 'team-protected',
        reason:
          'refused as a whole: revoking the team would cancel protected members (boss). Fix: revoke the other members one by one, or change the protection',
        failed: true
      }
    ])
    expect(r.summary).toMatch(/\| ❌ \| team infra \| refused as a whole/)
  })
})

describe('revoke: changes, read back', () => {
  it('a team revoke cancels the seats granted through that team only', async () => {
    const gh = fake()
    gh.addSeat('acme', { login: 'o1', created_at: OLD, last_activity_at: RECENT, team: 'ops' })
    gh.addSeat('acme', { login: 'o2', created_at: OLD, last_activity_at: null, team: 'ops' })
    gh.addSeat('acme', { login: 'o3', created_at: OLD, last_activity_at: RECENT })
    gh.addTeam('acme', 'ops', { members: ['o3'] })
    const r = await runAction({ mode: 'revoke', teams: 'ops' }, { now: NOW })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(deleteBodies(gh)).toEqual([
      { method: 'DELETE', path: '/orgs/acme/copilot/billing/selected_teams', names: ['ops'] }
    ])
    expect(gh.seat('acme', 'o1')?.pending_cancellation_date).toBe(NEXT_CYCLE)
    expect(gh.seat('acme', 'o2')?.pending_cancellation_date).toBe(NEXT_CYCLE)
    expect(gh.seat('acme', 'o3')?.pending_cancellation_date).toBeNull()
    expect(json(r.outputs['cancelled-users'])).toEqual(['o1', 'o2'])
    expect(r.outputs['seats-cancelled']).toBe('2')
    expect(r.summary).toContain('| o1 | pending until 2026-06-01 |')
    expect(r.summary).toContain('Teams sent: ops.')
  })

  it('a user named in users whose seat comes through a team revoked in the same run is cancelled by it, not a failure', async () => {
    const gh = fake()
    gh.addSeat('acme', { login: 'o1', created_at: OLD, last_activity_at: RECENT, team: 'ops' })
    gh.addSeat('acme', { login: 'o2', created_at: OLD, last_activity_at: RECENT, team: 'ops' })
    gh.addSeat('acme', { login: 'e1', created_at: OLD, last_activity_at: RECENT, team: 'eng' })
    const r = await runAction({ mode: 'revoke', users: 'o1 e1', teams: 'ops' }, { now: NOW })
    expect(deleteBodies(gh)).toEqual([
      { method: 'DELETE', path: '/orgs/acme/copilot/billing/selected_teams', names: ['ops'] }
    ])
    expect(gh.seat('acme', 'o1')?.pending_cancellation_date).toBe(NEXT_CYCLE)
    expect(json(r.outputs['cancelled-users'])).toEqual(['o1', 'o2'])
    // e1's team is not revoked: still a failing skip; o1 is not reported as skipped
    expect(skipsOf(r.outputs['skipped-users']).map((s) => s.login)).toEqual(['e1'])
    expect(r.exitCode).toBe(1)
    expect(r.errors[0]).toContain('1 requested change(s) could not be made')
  })

  it('cancelled seats stay listed with their pending date, and cancelled-users reports them as read back', async () => {
    const gh = fake()
    gh.addSeat('acme', { login: 'r1', created_at: OLD, last_activity_at: RECENT })
    gh.addSeat('acme', { login: 'r2', created_at: OLD, last_activity_at: '2026-01-05T00:00:00Z' })
    const r = await runAction({ mode: 'revoke', users: 'r1,r2' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(requestLines(gh)).toEqual([
      'GET /orgs/acme/copilot/billing',
      'GET /orgs/acme/members/r1/copilot',
      'GET /orgs/acme/members/r2/copilot',
      'DELETE /orgs/acme/copilot/billing/selected_users',
      'GET /orgs/acme/members/r1/copilot',
      'GET /orgs/acme/members/r2/copilot'
    ])
    const listed = gh.seats('acme')
    expect(listed.map((s) => [s.assignee?.login, s.pending_cancellation_date])).toEqual([
      ['r1', NEXT_CYCLE],
      ['r2', NEXT_CYCLE]
    ])
    expect(json(r.outputs['cancelled-users'])).toEqual(['r1', 'r2'])
    expect(r.outputs['seats-cancelled']).toBe('2')
    expect(r.outputs['pending-seats']).toBe('2')
    expect(r.outputs['total-seats']).toBe('2')
    expect(r.reportJson!.seats.map((s) => [s.login, s.pending_cancellation_date])).toEqual([
      ['r1', NEXT_CYCLE],
      ['r2', NEXT_CYCLE]
    ])
    expect(r.summary).toContain('Cancelled **2** seat(s), as GitHub shows them now.')
    expect(r.summary).toContain('| r1 | pending until 2026-06-01 |')
    expect(r.summary).toContain('| r2 | pending until 2026-06-01 |')
    expect(r.summary).toContain('stay billed and usable until their pending date')
  })

  it('reports a change GitHub accepted but does not show as not made', async () => {
    const gh = fake()
    gh.addSeat('acme', { login: 'r1', created_at: OLD, last_activity_at: RECENT })
    // GitHub answers 200 but the seat comes back active (e.g. re-granted in between).
    gh.onRequest((req, g) => {
      if (
        req.method === 'GET' &&
        g.requests.some((q) => q.method === 'DELETE') &&
        req.path === '/orgs/acme/members/r1/copilot' &&
        g.seat('acme', 'r1')?.pending_cancellation_date
      ) {
        g.addSeat('acme', { login: 'r1', created_at: OLD, last_activity_at: RECENT })
      }
    })
    const r = await runAction({ mode: 'revoke', users: 'r1' }, { now: NOW })
    expect(r.exitCode).toBe(1)
    expect(json(r.outputs['cancelled-users'])).toEqual([])
    expect(skipsOf(r.outputs['skipped-users'])).toEqual([
      { login: 'r1', reason: 'not cancelled: GitHub accepted the request but shows a seat held' }
    ])
  })
})

describe('revoke: everything at once', () => {
  it('applies the rest, never sends skipped targets, and fails only because of the failing cases', async () => {
    const gh = fake()
    seedRevokeMixed(gh)
    const r = await runAction({ ...REVOKE_MIXED_INPUTS }, { now: NOW })
    const E = REVOKE_MIXED_EXPECTED

    expect(deleteBodies(gh)).toEqual([
      { method: 'DELETE', path: '/orgs/acme/copilot/billing/selected_users', names: ['r1', 'r2'] },
      { method: 'DELETE', path: '/orgs/acme/copilot/billing/selected_teams', names: ['ops'] }
    ])
    for (const w of deleteBodies(gh))
      for (const name of E.neverSent) expect(w.names).not.toContain(name)
    expect(requestLines(gh, true).every((l) => l.startsWith('DELETE '))).toBe(true)

    for (const login of E.cancelled)
      expect(gh.seat('acme', login)?.pending_cancellation_date).toBe(NEXT_CYCLE)
    for (const login of ['viateam', 'boss', 'sec1', 'o3', 'i1'])
      expect(gh.seat('acme', login)?.pending_cancellation_date).toBeNull()
    expect(gh.seat('acme', 'nos')).toBeUndefined()

    expect(json(r.outputs['cancelled-users'])).toEqual(E.cancelled)
    expect(r.outputs['seats-cancelled']).toBe('4')
    expect(r.outputs['seats-created']).toBe('0')
    expect(json(r.outputs['assigned-users'])).toEqual([])
    const skips = skipsOf(r.outputs['skipped-users'])
    expect(skips.map((s) => s.login).sort()).toEqual(userKeys(E.skipped).sort())
    for (const s of skips) expect(s.reason).toMatch(E.skipped[s.login]!)
    const filed = r.reportJson!.skipped
    expect(filed.map(skipName).sort()).toEqual(Object.keys(E.skipped).sort())
    for (const s of filed) expect(s.reason).toMatch(E.skipped[skipName(s)]!)

    expect(r.exitCode).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toContain('4 requested change(s) could not be made')
    expect(r.errors[0]).not.toMatch(/- (nos|pend):/)
    expect(
      filed
        .filter((s) => s.failed)
        .map(skipName)
        .sort()
    ).toEqual([...E.failing].sort())

    expect(r.summary).toContain('### Cancelled (4)')
    for (const login of E.cancelled)
      expect(r.summary).toContain(`| ${login} | pending until 2026-06-01 |`)
    expect(r.summary).toContain('### Skipped or not changed (6, 4 failed)')
  })
})
