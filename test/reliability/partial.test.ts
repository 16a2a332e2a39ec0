// Partial failure: one write batch fails for good while the others apply. The
// step fails, and the summary, outputs and JSON report say exactly which logins
// changed (as read back) and which did not. A re-run finishes the job without
// writing anything twice.
import { describe, expect, it } from 'vitest'
import type { FakeGitHub } from '../../fake/index.js'
import { json, mswServer, runAction } from '../support/harness.js'

const { useFake } = mswServer()

const DAY = 86_400_000
const NOW = Date.now()
const ago = (days: number) => new Date(NOW - days * DAY).toISOString()
const LIMITER = { writeSpacingMs: 10 }
const TIMING = { retryBaseMs: 1 }
const USERS = '/orgs/acme/copilot/billing/selected_users'
const login = (i: number) => `idle${String(i).padStart(3, '0')}`
const sorted = (a: readonly string[]) => [...a].sort()

type Skipped = { login: string; reason: string }[]
const sentIn = (gh: FakeGitHub, method: string) =>
  gh.requests
    .filter((q) => q.method === method && q.path === USERS)
    .map((q) => (q.body as { selected_usernames: string[] }).selected_usernames)
const pending = (gh: FakeGitHub, logins: readonly string[]) =>
  logins.filter((l) => gh.seat('acme', l)?.pending_cancellation_date)

describe('a write batch that fails for good while the others apply', () => {
  it('audit with reclaim: batch 2 of 3 keeps failing; the rest is cancelled, reported exactly, and a re-run finishes the job', async () => {
    const gh = useFake()
    const all = Array.from({ length: 250 }, (_, i) => login(i))
    for (const l of all)
      gh.addSeat('acme', { login: l, created_at: ago(300), last_activity_at: ago(120) })
    gh.addSeat('acme', { login: 'active1', created_at: ago(300), last_activity_at: ago(1) })
    // Every attempt of the batch that carries idle100 (the second, idle100..idle199) gets a 500.
    let broken = true
    gh.onRequest((req, g) => {
      const names =
        (req.body as { selected_usernames?: string[] } | undefined)?.selected_usernames ?? []
      if (broken && req.method === 'DELETE' && names.includes(login(100)))
        g.fault({ method: 'DELETE', path: USERS, status: 500, times: 1 })
    })
    const inputs = { mode: 'audit', reclaim: 'true', 'max-cancellations': '1000' }
    const r = await runAction(inputs, { limiter: LIMITER, timing: TIMING })

    const batch2 = all.slice(100, 200)
    const applied = [...all.slice(0, 100), ...all.slice(200)]
    // GitHub's state: batches 1 and 3 pending, batch 2 untouched.
    expect(sorted(pending(gh, all))).toEqual(sorted(applied))
    // Requests: batch 1 once, batch 2 four times (1 + 3 retries), batch 3 once; nothing else written.
    const deletes = sentIn(gh, 'DELETE')
    expect(deletes.map((b) => b.length)).toEqual([100, 100, 100, 100, 100, 50])
    expect(deletes.filter((b) => b.includes(login(100)))).toHaveLength(4)
    expect(gh.requests.filter((q) => q.method === 'POST')).toEqual([])

    expect(r.exitCode).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(
      /^100 requested change\(s\) could not be made:\n- idle100: not cancelled: GitHub failed with 500 while cancelling seats for 100 users/
    )
    expect(r.errors[0]).toMatch(/…and 90 more \(see the summary and the report files\)/)
    // Outputs: exactly the logins GitHub shows as cancelled, and exactly the ones that were not.
    expect(sorted(json<string[]>(r.outputs['cancelled-users']))).toEqual(sorted(applied))
    expect(r.outputs['seats-cancelled']).toBe('150')
    const skipped = json<Skipped>(r.outputs['skipped-users'])
    expect(sorted(skipped.map((k) => k.login))).toEqual(sorted(batch2))
    for (const k of skipped) expect(k.reason).toMatch(/^not cancelled: GitHub failed with 500/)
    // The JSON report: each cancelled login with the pending date GitHub shows; the failed ones marked failed.
    const meta = r.reportJson!.meta as { cancelled: { login: string }[]; complete: boolean }
    expect(sorted(meta.cancelled.map((c) => c.login))).toEqual(sorted(applied))
    for (const c of meta.cancelled)
      expect(Object.values(c)).toContain(gh.seat('acme', c.login)!.pending_cancellation_date)
    expect(sorted(r.reportJson!.skipped.filter((k) => k.failed).map((k) => k.login ?? ''))).toEqual(
      sorted(batch2)
    )
    const reportStatus = new Map(r.reportJson!.seats.map((s) => [s.login as string, s.status]))
    for (const l of applied) expect(reportStatus.get(l)).toBe('pending')
    for (const l of batch2) expect(reportStatus.get(l)).toBe('idle')
    // The summary: the count cancelled (as read back) and the failures.
    expect(r.summary).toMatch(/Cancelled \(150\)/)
    expect(r.summary).toMatch(/idle100/)
    expect(r.summary).toMatch(/GitHub failed with 500/)

    // Re-run after the cause is gone: only batch 2 is sent; nothing is written twice.
    broken = false
    gh.clearRequests()
    const again = await runAction(inputs, { limiter: LIMITER, timing: TIMING })
    expect(again.errors).toEqual([])
    expect(again.exitCode).toBe(0)
    expect(sentIn(gh, 'DELETE')).toEqual([batch2])
    expect(sorted(json<string[]>(again.outputs['cancelled-users']))).toEqual(sorted(batch2))
    expect(again.outputs['seats-cancelled']).toBe('100')
    expect(sorted(pending(gh, all))).toEqual(sorted(all))
    expect(gh.seat('acme', 'active1')?.pending_cancellation_date).toBeNull()

    // A third run has nothing left to do and sends no write.
    gh.clearRequests()
    const third = await runAction(inputs, { limiter: LIMITER, timing: TIMING })
    expect(third.exitCode).toBe(0)
    expect(sentIn(gh, 'DELETE')).toEqual([])
    expect(json(third.outputs['cancelled-users'])).toEqual([])
  })

  it('revoke: a 422 for one login is isolated by splitting; the others are cancelled; a re-run sends none of them again', async () => {
    const gh = useFake()
    const users = Array.from({ length: 30 }, (_, i) => `user${i}`)
    for (const u of users)
      gh.addSeat('acme', { login: u, created_at: ago(100), last_activity_at: ago(2) })
    // GitHub refuses any request that names user7 (as it does for a seat it cannot cancel per user).
    gh.onRequest((req, g) => {
      const names =
        (req.body as { selected_usernames?: string[] } | undefined)?.selected_usernames ?? []
      if (req.method === 'DELETE' && names.includes('user7')) {
        g.fault({
          method: 'DELETE',
          path: USERS,
          status: 422,
          times: 1,
          body: {
            message: 'user7 cannot be cancelled',
            documentation_url: 'https://docs.github.com/rest',
            status: '422'
          }
        })
      }
    })
    const inputs = { mode: 'revoke', users: users.join(',') }
    const r = await runAction(inputs, { limiter: LIMITER, timing: TIMING })
    const others = users.filter((u) => u !== 'user7')
    expect(sorted(pending(gh, users))).toEqual(sorted(others))
    expect(r.exitCode).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(
      /^1 requested change\(s\) could not be made:\n- user7: not cancelled: GitHub refused "user7" alone \(422\).*user7 cannot be cancelled/s
    )
    expect(sorted(json<string[]>(r.outputs['cancelled-users']))).toEqual(sorted(others))
    expect(json<Skipped>(r.outputs['skipped-users']).map((k) => k.login)).toEqual(['user7'])
    // The batch was split until user7 stood alone: every login but user7 was accepted exactly once.
    const accepted = gh.requests
      .filter((q) => q.method === 'DELETE' && q.status === 200)
      .flatMap((q) => (q.body as { selected_usernames: string[] }).selected_usernames)
    expect(sorted(accepted)).toEqual(sorted(others))
    expect(
      gh.requests.filter((q) => q.method === 'DELETE' && q.status === 422).at(-1)?.body
    ).toEqual({ selected_usernames: ['user7'] })

    gh.clearRequests()
    const again = await runAction(inputs, { limiter: LIMITER, timing: TIMING })
    // Still refused for user7 (the cause is not fixed), but no write for the 29 already pending.
    expect(again.exitCode).toBe(1)
    expect(sentIn(gh, 'DELETE')).toEqual([['user7']])
    expect(json(again.outputs['cancelled-users'])).toEqual([])
    const reasons = new Map(
      json<Skipped>(again.outputs['skipped-users']).map((k) => [k.login, k.reason])
    )
    for (const u of others) expect(reasons.get(u)).toMatch(/pending/i)
  })

  it('assign: the second batch fails for good; the first is assigned; the re-run sends only the second', async () => {
    const gh = useFake()
    const users = Array.from({ length: 150 }, (_, i) => `new${String(i).padStart(3, '0')}`)
    for (const u of users) gh.addMember('acme', u)
    let broken = true
    gh.onRequest((req, g) => {
      const names =
        (req.body as { selected_usernames?: string[] } | undefined)?.selected_usernames ?? []
      if (broken && req.method === 'POST' && names.includes('new100'))
        g.fault({ method: 'POST', path: USERS, kind: 'reset', times: 1 })
    })
    const inputs = { mode: 'assign', users: users.join('\n'), 'max-assignments': '1000' }
    const r = await runAction(inputs, { limiter: LIMITER, timing: TIMING })
    const first = users.slice(0, 100)
    const second = users.slice(100)
    expect(sorted(users.filter((u) => gh.seat('acme', u)))).toEqual(first)
    expect(r.exitCode).toBe(1)
    expect(r.errors[0]).toMatch(
      /^50 requested change\(s\) could not be made:\n- new100: not assigned: Could not reach GitHub while assigning seats for 50 users/
    )
    expect(json(r.outputs['assigned-users'])).toEqual(first)
    expect(r.outputs['seats-created']).toBe('100')
    expect(sorted(json<Skipped>(r.outputs['skipped-users']).map((k) => k.login))).toEqual(second)
    const created = new Map(first.map((u) => [u, gh.seat('acme', u)!.created_at]))

    broken = false
    gh.clearRequests()
    const again = await runAction(inputs, { limiter: LIMITER, timing: TIMING })
    expect(again.errors).toEqual([])
    expect(again.exitCode).toBe(0)
    expect(sentIn(gh, 'POST')).toEqual([second])
    expect(json(again.outputs['assigned-users'])).toEqual(second)
    // The first 100 were not re-sent: their grace period (created_at) is unchanged.
    for (const u of first) expect(gh.seat('acme', u)!.created_at).toBe(created.get(u))
  })
})
