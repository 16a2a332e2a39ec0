// Issue 11: paths of the write code that no test ran before.
import { afterEach, describe, expect, it } from 'vitest'
import type { FakeGitHub } from '../../fake/index.js'
import { json, mswServer, runAction } from '../support/harness.js'
import { NEXT_CYCLE, NOW, OLD, skipsOf } from '../support/assign-revoke-fixtures.js'

const { useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })
const RECENT = '2026-05-09T08:00:00Z'
const USERS = '/orgs/acme/copilot/billing/selected_users'
const BILLING = '/orgs/acme/copilot/billing'
const QUICK_WRITES = { writeSpacingMs: 50 }

/** 250 direct seats u000…u249: a revoke of all of them is three batches (100, 100, 50). */
function org250(gh: FakeGitHub): string[] {
  const logins = Array.from({ length: 250 }, (_, i) => `u${String(i).padStart(3, '0')}`)
  for (const l of logins)
    gh.addSeat('acme', { login: l, created_at: OLD, last_activity_at: RECENT })
  return logins
}
const deletes = (gh: FakeGitHub) =>
  gh.requests.filter((q) => q.method === 'DELETE' && q.path === USERS)

describe('Issue 11: later batches stop after a lasting rate limit', () => {
  it('the first batch hits a primary limit that resets in an hour: the other batches are not sent, and every login is reported', async () => {
    const gh = fake()
    const users = org250(gh)
    gh.fault({ method: 'DELETE', path: USERS, kind: 'primary', resetInSeconds: 3600 })
    const r = await runAction(
      { mode: 'revoke', users: users.join(' '), 'max-cancellations': '250' },
      { now: NOW, limiter: QUICK_WRITES }
    )
    expect(r.exitCode).toBe(1)
    expect(deletes(gh)).toHaveLength(1) // batches 2 and 3 were not sent
    expect(gh.seats('acme').every((s) => s.pending_cancellation_date === null)).toBe(true)
    const skips = skipsOf(r.outputs['skipped-users'])
    expect(skips.map((s) => s.login).sort()).toEqual(users)
    for (const s of skips)
      expect(s.reason).toMatch(
        /^not cancelled: GitHub's primary rate limit for this token is used up \(403\)/
      )
    expect(json(r.outputs['cancelled-users'])).toEqual([])
    expect(r.errors.join('\n')).toMatch(/250 requested change\(s\) could not be made/)
  })
})

describe("Issue 11: the org's policy breaks mid-run", () => {
  it('a 422 on batch 2 after an owner switched seat management to "assign_all": the re-read policy explains it, no batch is split', async () => {
    const gh = fake()
    const users = org250(gh)
    let writes = 0
    gh.onRequest((req, g) => {
      if (req.method === 'DELETE' && ++writes === 2)
        g.setPolicy('acme', { seat_management_setting: 'assign_all' })
    })
    const r = await runAction(
      { mode: 'revoke', users: users.join(' '), 'max-cancellations': '250' },
      { now: NOW, limiter: QUICK_WRITES }
    )
    expect(r.exitCode).toBe(1)
    expect(
      deletes(gh).map((q) => [
        q.status,
        (q.body as { selected_usernames: string[] }).selected_usernames.length
      ])
    ).toEqual([
      [200, 100],
      [422, 100]
    ])
    // Read before the writes, and once more after the 422.
    expect(gh.requests.filter((q) => q.path === BILLING)).toHaveLength(2)
    const first = users.slice(0, 100)
    expect(json<string[]>(r.outputs['cancelled-users'])).toEqual(first)
    for (const l of first) expect(gh.seat('acme', l)?.pending_cancellation_date).toBe(NEXT_CYCLE)
    const skips = skipsOf(r.outputs['skipped-users'])
    expect(skips.map((s) => s.login)).toEqual(users.slice(100))
    for (const s of skips)
      expect(s.reason).toMatch(
        /^not cancelled: Org "acme" has Copilot seat management set to "assign_all"/
      )
  })
})

describe('Issue 11: a cancel while a write waits in the limiter', () => {
  const listeners = () => ({ int: process.listeners('SIGINT'), term: process.listeners('SIGTERM') })
  const before = listeners()
  afterEach(() => {
    // The run listens with process.once; drop what a signal the test did not send left behind.
    const now = listeners()
    for (const l of now.int) if (!before.int.includes(l)) process.removeListener('SIGINT', l)
    for (const l of now.term) if (!before.term.includes(l)) process.removeListener('SIGTERM', l)
  })

  it('SIGTERM while batch 2 waits for the write spacing: it is never sent, batch 1 is reported accepted, not confirmed', async () => {
    const gh = fake()
    const users = org250(gh)
    let deletesSeen = 0
    gh.onRequest((req) => {
      // Batch 1 is answered, then batch 2 waits a second in the limiter: the cancel comes then.
      if (req.method === 'DELETE' && ++deletesSeen === 1)
        setTimeout(() => process.emit('SIGTERM'), 200)
    })
    const started = performance.now()
    const r = await runAction(
      { mode: 'revoke', users: users.join(' '), 'max-cancellations': '250' },
      { now: NOW, limiter: { writeSpacingMs: 1000 }, handleSignals: true }
    )
    // The queued write was refused at once: the run did not sit out the 5 s grace for it.
    expect(performance.now() - started).toBeLessThan(4000)
    expect(r.exitCode).toBe(1)
    expect(deletes(gh)).toHaveLength(1)
    const lastWrite = gh.requests.findLastIndex((q) => q.method === 'DELETE')
    expect(gh.requests.slice(lastWrite + 1)).toEqual([]) // no read-back after the cancel
    expect(r.warnings.join('\n')).toMatch(/Received SIGTERM: sending no new changes/)
    const first = users.slice(0, 100)
    expect(json<string[]>(r.outputs['cancelled-users'])).toEqual(first)
    const unconfirmed = r.reportJson!.meta.accepted_not_confirmed as { why: string }[]
    expect(unconfirmed).toHaveLength(100)
    // Reported by the mode itself, which stopped reading back, not from the progress record
    // the entry point falls back to when the grace runs out.
    for (const u of unconfirmed)
      expect(u.why).toBe('the run was cancelled before the changes were read back')
    const skips = skipsOf(r.outputs['skipped-users'])
    expect(skips.map((s) => s.login)).toEqual(users.slice(100))
    for (const s of skips) expect(s.reason).toBe('not cancelled: not sent, the run was cancelled')
    expect(r.summary).toContain('**cancelled before it finished**')
    expect(r.errors.join('\n')).toMatch(/The run was cancelled/)
  })
})

describe('Issue 11: a failed team write', () => {
  it('a 422 on selected_teams: the team and its members are reported, the users are assigned', async () => {
    const gh = fake()
    for (const l of ['newbie1', 'newbie2']) gh.addMember('acme', l)
    gh.addTeam('acme', 'devs', { members: ['t1', 't2'] })
    gh.fault({
      method: 'POST',
      path: '/orgs/acme/copilot/billing/selected_teams',
      status: 422,
      body: { message: 'Validation Failed', status: '422' },
      times: Infinity
    })
    const r = await runAction(
      { mode: 'assign', users: 'newbie1 newbie2', teams: 'devs' },
      { now: NOW, limiter: QUICK_WRITES }
    )
    expect(r.exitCode).toBe(1)
    expect(json<string[]>(r.outputs['assigned-users']).sort()).toEqual(['newbie1', 'newbie2'])
    for (const l of ['newbie1', 'newbie2']) expect(gh.seat('acme', l)).toBeDefined()
    for (const l of ['t1', 't2']) expect(gh.seat('acme', l)).toBeUndefined()
    // A 422 re-reads the policy (fine), so the team alone is refused: nothing to split.
    expect(gh.requests.filter((q) => q.path === BILLING)).toHaveLength(2)
    expect(gh.requests.filter((q) => q.path.endsWith('/selected_teams'))).toHaveLength(1)
    const team = r.reportJson!.skipped.filter((k) => k.team === 'devs')
    expect(team).toEqual([
      expect.objectContaining({
        kind: 'write-failed',
        failed: true,
        reason: expect.stringMatching(/^not assigned: GitHub refused "devs" alone \(422\)/)
      })
    ])
    const members = skipsOf(r.outputs['skipped-users'])
    expect(members.map((s) => s.login).sort()).toEqual(['t1', 't2'])
    for (const s of members) expect(s.reason).toMatch(/^not assigned: GitHub refused "devs" alone/)
    expect(r.summary).toMatch(/\| ❌ \| team devs \| not assigned: GitHub refused/)
  })
})
