// Request economy, batching, write spacing, 422 splitting, partial failure
// and idempotent re-runs for assign and revoke.
import { describe, expect, it } from 'vitest'
import type { FakeGitHub } from '../../fake/index.js'
import { json, mswServer, requestLines, runAction } from '../support/harness.js'
import {
  NEXT_CYCLE,
  NOW,
  NOW_ISO,
  OLD,
  skipsOf,
  writeBodies
} from '../support/assign-revoke-fixtures.js'

const { useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })
const USERS_PATH = '/orgs/acme/copilot/billing/selected_users'

const logins = (n: number, prefix = 'u') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`)
function addMembers(gh: FakeGitHub, names: string[]) {
  for (const login of names) gh.addMember('acme', login)
}
/** `GET path` with the page number, for listings. */
const linesWithPage = (gh: FakeGitHub) =>
  gh.requests.map((q) => `${q.method} ${q.path}${q.query.page ? `?page=${q.query.page}` : ''}`)
// Where write spacing is not what a test is about, writes are 50 ms apart
// instead of 1 s (the limiter's option; the fake does not enforce spacing).
const QUICK_WRITES = { limiter: { writeSpacingMs: 50 } }

describe('request economy', () => {
  /** Seats for `n` other users, so the listing has ceil(n / 100) pages. */
  function addOtherSeats(gh: FakeGitHub, n: number) {
    for (const login of logins(n, 'other'))
      gh.addSeat('acme', { login, created_at: OLD, last_activity_at: '2026-05-01T00:00:00Z' })
  }

  it('two users are looked up one by one, with no listing at all', async () => {
    const gh = fake()
    addMembers(gh, ['u000', 'u001'])
    addOtherSeats(gh, 250)
    const r = await runAction({ mode: 'assign', users: 'u000 u001' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(requestLines(gh).sort()).toEqual(
      [
        'GET /orgs/acme/copilot/billing',
        'GET /orgs/acme/members/u000/copilot',
        'GET /orgs/acme/members/u001/copilot',
        'GET /orgs/acme/members/u000',
        'GET /orgs/acme/members/u001',
        `POST ${USERS_PATH}`,
        'GET /orgs/acme/members/u000/copilot',
        'GET /orgs/acme/members/u001/copilot'
      ].sort()
    )
  })

  it('fewer users than listing pages: page 1 for the count, then one look-up each (3n + 3 in all)', async () => {
    const gh = fake()
    const users = logins(5)
    addMembers(gh, users)
    addOtherSeats(gh, 600) // 6 pages
    const r = await runAction({ mode: 'assign', users: users.join(',') }, { now: NOW })
    expect(r.exitCode).toBe(0)
    const lines = linesWithPage(gh)
    expect(lines.filter((l) => l.includes('/copilot/billing/seats'))).toEqual([
      'GET /orgs/acme/copilot/billing/seats?page=1'
    ])
    expect(lines.filter((l) => /^GET \/orgs\/acme\/members\/u\d+\/copilot$/.test(l))).toHaveLength(
      10
    ) // looked up, then read back
    expect(lines.filter((l) => /^GET \/orgs\/acme\/members\/u\d+$/.test(l))).toHaveLength(5)
    expect(lines.some((l) => l.startsWith('GET /orgs/acme/members?'))).toBe(false)
    expect(gh.requests).toHaveLength(3 * 5 + 3)
    expect(writeBodies(gh)).toEqual([{ method: 'POST', path: USERS_PATH, names: users }])
    expect(json<string[]>(r.outputs['assigned-users'])).toEqual(users)
  })

  it('more users than pages: one listing, and a look-up of each login it does not show', async () => {
    const gh = fake()
    const users = logins(60)
    addMembers(gh, users)
    gh.addSeat('acme', { login: 'u005', created_at: OLD, last_activity_at: '2026-05-01T00:00:00Z' })
    const r = await runAction(
      { mode: 'assign', users: [...users, 'ghost'].join(' ') },
      { now: NOW }
    )
    const lines = linesWithPage(gh)
    // page 1 is the whole listing; it shows u005, so u005 is not looked up (it holds a seat)
    expect(lines.slice(0, 2)).toEqual([
      'GET /orgs/acme/copilot/billing',
      'GET /orgs/acme/copilot/billing/seats?page=1'
    ])
    const lookups = lines.filter((l) => /^GET \/orgs\/acme\/members\/[^/]+\/copilot$/.test(l))
    expect(lookups).toHaveLength(60) // 59 users and ghost: a listing never proves "no seat"
    expect(lookups).not.toContain('GET /orgs/acme/members/u005/copilot')
    // one page of members answers for all of them
    expect(lines.filter((l) => l.startsWith('GET /orgs/acme/members?'))).toEqual([
      'GET /orgs/acme/members?page=1'
    ])
    expect(lines.slice(-2)).toEqual([
      `POST ${USERS_PATH}`,
      'GET /orgs/acme/copilot/billing/seats?page=1'
    ])
    expect(
      gh.requests
        .filter((q) => q.path.endsWith('/seats') || q.path === '/orgs/acme/members')
        .every((q) => q.query.per_page === '100')
    ).toBe(true)
    expect(writeBodies(gh)[0]!.names).toEqual(users.filter((u) => u !== 'u005'))
    expect(gh.seat('acme', 'u005')?.created_at).toBe(OLD)
    expect(json<string[]>(r.outputs['assigned-users'])).toHaveLength(59)
    expect(skipsOf(r.outputs['skipped-users']).map((s) => s.login)).toEqual(['u005', 'ghost'])
    expect(r.exitCode).toBe(1) // ghost is not a member
  })

  it('revoke of a long list reads the seat listing and no member list', async () => {
    const gh = fake()
    const users = logins(60)
    for (const login of users)
      gh.addSeat('acme', { login, created_at: OLD, last_activity_at: '2026-05-01T00:00:00Z' })
    const r = await runAction({ mode: 'revoke', users: users.join('\n') }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(linesWithPage(gh)).toEqual([
      'GET /orgs/acme/copilot/billing',
      'GET /orgs/acme/copilot/billing/seats?page=1',
      `DELETE ${USERS_PATH}`,
      'GET /orgs/acme/copilot/billing/seats?page=1'
    ])
    expect(gh.seats('acme').every((s) => s.pending_cancellation_date === NEXT_CYCLE)).toBe(true)
    expect(json<string[]>(r.outputs['cancelled-users'])).toEqual(users)
  })
})

describe('batches', () => {
  it('assigns 250 users in three POSTs of 100, 100 and 50, at least a second apart, and reads them back', async () => {
    const gh = fake()
    const users = logins(250)
    addMembers(gh, users)
    const r = await runAction(
      { mode: 'assign', users: users.join(','), 'max-assignments': '250' },
      { now: NOW }
    )
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    const posts = gh.requests.filter((q) => q.method === 'POST')
    expect(
      posts.map((q) => (q.body as { selected_usernames: string[] }).selected_usernames)
    ).toEqual([users.slice(0, 100), users.slice(100, 200), users.slice(200)])
    expect(posts.map((q) => q.status)).toEqual([201, 201, 201])
    // Request spacing as the fake saw it (not a wall-clock bound on the run).
    for (let i = 1; i < posts.length; i++)
      expect(posts[i]!.startedAt - posts[i - 1]!.startedAt).toBeGreaterThanOrEqual(990)
    // read back: the seat listing, after the last write
    const afterWrites = linesWithPage(gh).slice(
      linesWithPage(gh).lastIndexOf(`POST ${USERS_PATH}`) + 1
    )
    // three pages, then page 1 again to check that nothing moved while they were read
    expect(afterWrites.sort()).toEqual([
      'GET /orgs/acme/copilot/billing/seats?page=1',
      'GET /orgs/acme/copilot/billing/seats?page=1',
      'GET /orgs/acme/copilot/billing/seats?page=2',
      'GET /orgs/acme/copilot/billing/seats?page=3'
    ])
    expect(gh.seats('acme')).toHaveLength(250)
    expect(gh.seats('acme').every((s) => s.created_at === NOW_ISO)).toBe(true)
    expect(json<string[]>(r.outputs['assigned-users'])).toEqual(users)
    expect(r.outputs['seats-created']).toBe('250')
    expect(r.summary).toContain('### Assigned (250)')
  })

  it('splits a batch refused with 422 down to the one login that causes it and applies the others', async () => {
    const gh = fake()
    const users = logins(30)
    addMembers(gh, users)
    // u017 leaves the org after planning, before the first write: the plan cannot know.
    let removed = false
    gh.onRequest((req, g) => {
      if (!removed && req.method === 'POST') {
        removed = true
        g.removeMember('acme', 'u017')
      }
    })
    const r = await runAction(
      { mode: 'assign', users: users.join(',') },
      { now: NOW, ...QUICK_WRITES }
    )

    const posts = gh.requests
      .filter((q) => q.method === 'POST')
      .map((q) => ({
        names: (q.body as { selected_usernames: string[] }).selected_usernames,
        status: q.status
      }))
    expect(posts[0]).toEqual({ names: users, status: 422 })
    // every refused batch holds u017; every accepted one does not
    for (const p of posts) expect(p.names.includes('u017')).toBe(p.status === 422)
    expect(posts.filter((p) => p.status === 422).at(-1)).toEqual({ names: ['u017'], status: 422 })
    const accepted = posts.filter((p) => p.status === 201).flatMap((p) => p.names)
    expect(accepted.sort()).toEqual(users.filter((u) => u !== 'u017'))
    expect(posts.length).toBeLessThan(20)
    // the policy is re-read once, after the first 422, and is fine
    expect(requestLines(gh).filter((l) => l === 'GET /orgs/acme/copilot/billing')).toHaveLength(2)

    expect(gh.seats('acme')).toHaveLength(29)
    expect(gh.seat('acme', 'u017')).toBeUndefined()
    expect(json<string[]>(r.outputs['assigned-users'])).toEqual(users.filter((u) => u !== 'u017'))
    expect(r.outputs['seats-created']).toBe('29')
    const skips = skipsOf(r.outputs['skipped-users'])
    expect(skips.map((s) => s.login)).toEqual(['u017'])
    // the policy was re-read and is fine, so the cause is this login, not the org's policy
    expect(skips[0]!.reason).toMatch(/^not assigned: GitHub refused "u017" alone \(422\)/)
    expect(skips[0]!.reason).toContain('not members of the organization acme')
    expect(skips[0]!.reason).toContain('not an org member')
    expect(skips[0]!.reason).not.toMatch(/policy/)
    expect(r.exitCode).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toContain('1 requested change(s) could not be made')
    expect(r.errors[0]).toContain('- u017: not assigned')
  })

  it('a batch failing with 500 after retries: the others are applied, the re-run finishes the job, a third run sends nothing', async () => {
    const gh = fake()
    const users = logins(250)
    addMembers(gh, users)
    // The batch holding u150 (the second) fails with 500 on every attempt while `failing`.
    let failing = true
    gh.onRequest((req, g) => {
      const names = (req.body as { selected_usernames?: string[] } | null)?.selected_usernames
      if (failing && req.method === 'POST' && names?.includes('u150'))
        g.fault({
          method: 'POST',
          path: USERS_PATH,
          status: 500,
          body: { message: 'Server Error' }
        })
    })
    const inputs = { mode: 'assign', users: users.join(','), 'max-assignments': '300' }
    const first = await runAction(inputs, { now: NOW, ...QUICK_WRITES })

    const posts = gh.requests.filter((q) => q.method === 'POST')
    const failed = posts.filter((q) => q.status === 500)
    expect(failed.length).toBe(4) // the first attempt and 3 retries
    for (const q of failed)
      expect((q.body as { selected_usernames: string[] }).selected_usernames).toEqual(
        users.slice(100, 200)
      )
    expect(
      posts
        .filter((q) => q.status === 201)
        .map((q) => (q.body as { selected_usernames: string[] }).selected_usernames)
    ).toEqual([users.slice(0, 100), users.slice(200)])

    expect(first.exitCode).toBe(1)
    expect(gh.seats('acme')).toHaveLength(150)
    expect(gh.seat('acme', 'u099')?.created_at).toBe(NOW_ISO)
    expect(gh.seat('acme', 'u150')).toBeUndefined()
    expect(json<string[]>(first.outputs['assigned-users'])).toEqual([
      ...users.slice(0, 100),
      ...users.slice(200)
    ])
    expect(first.outputs['seats-created']).toBe('150')
    const skips = skipsOf(first.outputs['skipped-users'])
    expect(skips.map((s) => s.login)).toEqual(users.slice(100, 200))
    for (const s of skips)
      expect(s.reason).toMatch(
        /^not assigned: GitHub failed with 500 while assigning seats for 100 users in org "acme", after retries/
      )
    expect(first.summary).toContain('### Assigned (150)')
    expect(first.summary).toContain('### Skipped or not changed (100, 100 failed)')
    expect(first.summary).toMatch(/\| ❌ \| u100 \| not assigned: GitHub failed with 500/)
    expect(first.errors[0]).toContain('100 requested change(s) could not be made')

    // Re-run with the fault gone: only what is left is sent.
    failing = false
    gh.clearRequests()
    const second = await runAction(inputs, { now: NOW, ...QUICK_WRITES })
    expect(second.errors).toEqual([])
    expect(second.exitCode).toBe(0)
    expect(writeBodies(gh)).toEqual([
      { method: 'POST', path: USERS_PATH, names: users.slice(100, 200) }
    ])
    expect(gh.seats('acme')).toHaveLength(250)
    expect(json<string[]>(second.outputs['assigned-users'])).toEqual(users.slice(100, 200))
    expect(second.outputs['seats-created']).toBe('100')
    expect(
      skipsOf(second.outputs['skipped-users']).every((s) =>
        s.reason.startsWith('already holds a seat')
      )
    ).toBe(true)

    // A third identical run: nothing to do, no writes at all.
    gh.clearRequests()
    const third = await runAction(inputs, { now: NOW, ...QUICK_WRITES })
    expect(third.exitCode).toBe(0)
    expect(requestLines(gh, true)).toEqual([])
    expect(json(third.outputs['assigned-users'])).toEqual([])
    expect(third.outputs['seats-created']).toBe('0')
    expect(skipsOf(third.outputs['skipped-users'])).toHaveLength(250)
  })

  it('a revoke re-run after success sends no writes', async () => {
    const gh = fake()
    for (const login of ['r1', 'r2'])
      gh.addSeat('acme', { login, created_at: OLD, last_activity_at: '2026-05-01T00:00:00Z' })
    const first = await runAction({ mode: 'revoke', users: 'r1 r2' }, { now: NOW })
    expect(first.exitCode).toBe(0)
    expect(json(first.outputs['cancelled-users'])).toEqual(['r1', 'r2'])
    gh.clearRequests()
    const again = await runAction({ mode: 'revoke', users: 'r1 r2' }, { now: NOW })
    expect(again.exitCode).toBe(0)
    expect(requestLines(gh, true)).toEqual([])
    expect(json(again.outputs['cancelled-users'])).toEqual([])
    expect(skipsOf(again.outputs['skipped-users']).map((s) => s.reason)).toEqual([
      `already pending cancellation until ${NEXT_CYCLE}`,
      `already pending cancellation until ${NEXT_CYCLE}`
    ])
  })
})
