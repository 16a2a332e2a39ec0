// Issue 10: reliability problems, one test (or a pair) each, named after the problem.
// Covered elsewhere and not repeated here:
// - users-file symbolic links, size, FIFOs, folders, `..foo`: test/reliability/users-file.test.ts
// - seat-cost, Kelvin sign, EMU suffix, UTF-16 files: test/reliability/inputs.test.ts (the
//   "bad inputs" table) and test/domain/login-list.test.ts
import { describe, expect, it } from 'vitest'
import { createMswHandlers, FakeGitHub, type SeatJson } from '../../fake/index.js'
import { API, json, mswServer, runAction, TOKEN } from '../support/harness.js'
import { NEXT_CYCLE, NOW, OLD } from '../support/assign-revoke-fixtures.js'

const { server, useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })
const SEATS = '/orgs/acme/copilot/billing/seats'
const LOOK_UP = /^\/orgs\/acme\/members\/[^/]+\/copilot$/
const RECENT = '2026-05-09T08:00:00Z'
const DAY = 86_400_000
const daysAgo = (d: number) => new Date(NOW - d * DAY).toISOString().replace(/\.\d+Z$/, 'Z')
const login = (i: number) => `u${String(i).padStart(3, '0')}`

function addActiveSeats(gh: FakeGitHub, n: number): string[] {
  const logins = Array.from({ length: n }, (_, i) => login(i))
  for (const l of logins)
    gh.addSeat('acme', { login: l, created_at: OLD, last_activity_at: RECENT })
  return logins
}

const seatPageReads = (gh: FakeGitHub, page: string) =>
  gh.requests.filter((q) => q.path === SEATS && q.query.page === page).length

describe('Issue 10: a 200 page without `seats` is not proof that seats are absent', () => {
  // 150 seats: page 2 holds u100…u149. 30 users, 25 of them on page 2.
  const users = [
    ...[0, 1, 2, 3, 4].map(login),
    ...Array.from({ length: 25 }, (_, i) => login(125 + i))
  ]
  /** Page 2 answers `200 {"message":"upstream busy"}` `times` times. */
  function busyPage2(gh: FakeGitHub, times: number) {
    let left = times
    gh.onRequest((req, g) => {
      if (req.path !== SEATS || req.query.page !== '2' || left <= 0) return
      left--
      g.fault({ method: 'GET', path: SEATS, status: 200, body: { message: 'upstream busy' } })
    })
  }

  it('revoke of 30 users, page 2 of 150 seats always `{"message":"upstream busy"}`: retried, then a clear failure; nobody reported as "no seat", nothing sent', async () => {
    const gh = fake()
    addActiveSeats(gh, 150)
    busyPage2(gh, Infinity)
    const r = await runAction({ mode: 'revoke', users: users.join(' ') }, { now: NOW })
    expect(r.exitCode).toBe(1)
    expect(seatPageReads(gh, '2')).toBe(4) // the first attempt and 3 retries
    expect(r.errors.join('\n')).toMatch(
      /body that is not the documented shape while listing the Copilot seats of org "acme" \(page 2\), after retries; nothing was concluded from it/
    )
    expect(gh.requests.filter((q) => q.method !== 'GET')).toEqual([])
    expect(json(r.outputs['skipped-users'])).toEqual([])
    expect(json(r.outputs['cancelled-users'])).toEqual([])
    expect(r.summary).not.toMatch(/no seat/)
  })

  it('the same, page 2 busy once: the retry reads it and all 30 are cancelled', async () => {
    const gh = fake()
    addActiveSeats(gh, 150)
    busyPage2(gh, 1)
    const r = await runAction({ mode: 'revoke', users: users.join(' ') }, { now: NOW })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(json<string[]>(r.outputs['cancelled-users']).sort()).toEqual(users)
    expect(json(r.outputs['skipped-users'])).toEqual([])
    for (const l of users) expect(gh.seat('acme', l)?.pending_cancellation_date).toBe(NEXT_CYCLE)
  })
})

describe('Issue 10: a 200 look-up without a seat is not read as one either', () => {
  // Found while writing the tests above: a one-user look-up answered `200 {"message": ...}`
  // failed the run at once ("a field this action cannot read") instead of being retried.
  const ANN = '/orgs/acme/members/ann/copilot'
  function twoSeats() {
    const gh = fake()
    for (const l of ['ann', 'bob'])
      gh.addSeat('acme', { login: l, created_at: OLD, last_activity_at: RECENT })
    return gh
  }

  it('answered once: retried, and both users are cancelled', async () => {
    const gh = twoSeats()
    gh.fault({ method: 'GET', path: ANN, status: 200, body: { message: 'upstream busy' } })
    const r = await runAction({ mode: 'revoke', users: 'ann bob' }, { now: NOW })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(json<string[]>(r.outputs['cancelled-users']).sort()).toEqual(['ann', 'bob'])
  })

  it('answered every time: retried, then a clear failure, nothing sent', async () => {
    const gh = twoSeats()
    gh.fault({
      method: 'GET',
      path: ANN,
      status: 200,
      body: { message: 'upstream busy' },
      times: Infinity
    })
    const r = await runAction({ mode: 'revoke', users: 'ann bob' }, { now: NOW })
    expect(r.exitCode).toBe(1)
    expect(gh.requests.filter((q) => q.path === ANN)).toHaveLength(4)
    expect(r.errors.join('\n')).toMatch(
      /body that is not the documented shape while looking up the Copilot seat of "ann", after retries/
    )
    expect(gh.requests.filter((q) => q.method !== 'GET')).toEqual([])
  })
})

describe('Issue 10: a failed read-back keeps the writes GitHub accepted', () => {
  /** Every seat look-up fails (500) once the first write has been received. */
  function failLookUpsAfterWrite(gh: FakeGitHub) {
    let armed = false
    gh.onRequest((req, g) => {
      if (armed || req.method === 'GET') return
      armed = true
      g.fault({ method: 'GET', path: LOOK_UP, status: 500, times: Infinity })
    })
  }

  it('revoke: DELETE answered 200 {seats_cancelled: 2}, read-back GETs failing: cancelled-users has both, the summary lists them as accepted, not confirmed, and the step fails naming why', async () => {
    const gh = fake()
    for (const l of ['ann', 'bob'])
      gh.addSeat('acme', { login: l, created_at: OLD, last_activity_at: RECENT })
    failLookUpsAfterWrite(gh)
    const r = await runAction({ mode: 'revoke', users: 'ann bob' }, { now: NOW })
    expect(gh.requests.filter((q) => q.method === 'DELETE').map((q) => q.status)).toEqual([200])
    expect(r.outputs['seats-cancelled']).toBe('2')
    expect(json<string[]>(r.outputs['cancelled-users']).sort()).toEqual(['ann', 'bob'])
    expect(r.summary).toContain('### Accepted by GitHub, not confirmed (2)')
    expect(r.summary).toMatch(/\| ann \| cancel \| GitHub failed with 500 while looking up/)
    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(
      /GitHub accepted the changes for 2 login\(s\), but reading them back failed: GitHub failed with 500 while looking up the Copilot seat of "(ann|bob)", after retries/
    )
    expect(r.reportJson!.meta.accepted_not_confirmed).toEqual([
      expect.objectContaining({ login: 'ann', change: 'cancel' }),
      expect.objectContaining({ login: 'bob', change: 'cancel' })
    ])
    expect(json(r.outputs['skipped-users'])).toEqual([])
  })

  it('assign: POST accepted, read-back GETs failing: assigned-users has both, accepted, not confirmed, and the step fails', async () => {
    const gh = fake()
    for (const l of ['ann', 'bob']) gh.addMember('acme', l)
    failLookUpsAfterWrite(gh)
    const r = await runAction({ mode: 'assign', users: 'ann bob' }, { now: NOW })
    expect(gh.requests.filter((q) => q.method === 'POST').map((q) => q.status)).toEqual([201])
    expect(r.outputs['seats-created']).toBe('2')
    expect(json<string[]>(r.outputs['assigned-users']).sort()).toEqual(['ann', 'bob'])
    expect(r.summary).toContain('### Accepted by GitHub, not confirmed (2)')
    expect(r.summary).toMatch(/\| bob \| assign \| GitHub failed with 500/)
    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(
      /accepted the changes for 2 login\(s\), but reading them back failed/
    )
  })
})

describe('Issue 10: waits for secondary limits are capped', () => {
  // Production timing (waits in whole seconds): a run that waited would take an hour or a day.
  // A long attempt timeout too, so that a loaded machine's slow answer is not retried as a timeout.
  const PRODUCTION_WAITS = { retryBaseMs: 1000, attemptTimeoutMs: 30_000 }
  const cases = [
    {
      status: 403,
      retryAfter: 3600,
      kind: 'secondary' as const,
      when: /re-run in about 60 minutes/
    },
    { status: 429, retryAfter: 86400, kind: 'status' as const, when: /re-run in about 24 hours/ }
  ]
  for (const c of cases) {
    it(`${c.status} with Retry-After: ${c.retryAfter} fails at once, naming when to retry`, async () => {
      const gh = fake()
      addActiveSeats(gh, 3)
      gh.fault({
        method: 'GET',
        path: SEATS,
        kind: c.kind,
        status: c.status,
        headers: { 'retry-after': String(c.retryAfter) },
        times: Infinity
      })
      const started = performance.now()
      const r = await runAction({ mode: 'report' }, { now: NOW, timing: PRODUCTION_WAITS })
      expect(performance.now() - started).toBeLessThan(10_000)
      expect(r.exitCode).toBe(1)
      expect(gh.requests.map((q) => `${q.method} ${q.path} ${q.status}`)).toEqual([
        `GET ${SEATS} ${c.status}`
      ]) // not retried
      const error = r.errors.join('\n')
      expect(error).toContain(`GitHub asked to wait ${c.retryAfter} s, longer than the 120 s`)
      expect(error).toMatch(c.when)
      expect(error).toMatch(/not a permission problem/)
    })
  }
})

describe('Issue 10: a `Link rel="last"` far beyond `total_seats`', () => {
  it('page 10,000,000 on a one-seat org fails clearly and fast, after one request', async () => {
    const gh = fake()
    gh.addSeat('acme', { login: 'solo', created_at: OLD, last_activity_at: RECENT })
    const only = gh.seats('acme')[0]!
    const link = (page: number) => `<${API}${SEATS}?per_page=100&page=${page}>`
    gh.fault({
      method: 'GET',
      path: SEATS,
      status: 200,
      body: { total_seats: 1, seats: [only] },
      headers: { link: `${link(2)}; rel="next", ${link(10_000_000)}; rel="last"` },
      times: Infinity
    })
    const started = performance.now()
    const heapBefore = process.memoryUsage().heapUsed
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(performance.now() - started).toBeLessThan(5000)
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024)
    expect(r.exitCode).toBe(1)
    expect(gh.requests).toHaveLength(1)
    expect(r.errors.join('\n')).toMatch(
      /GitHub's answer names 10000000 pages while listing the Copilot seats of org "acme", more than its own count allows \(at most 2\)/
    )
  })
})

describe('Issue 10: seats without an assignee granted in the same second', () => {
  it('stay distinct: counted and priced each, no "changed while read" warning, no second listing', async () => {
    const gh = fake()
    addActiveSeats(gh, 150)
    const granted = daysAgo(200)
    for (let i = 0; i < 3; i++) gh.addSeat('acme', { login: null, created_at: granted })
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toEqual([])
    expect(r.outputs).toMatchObject({
      'total-seats': '153',
      'idle-seats': '3',
      'estimated-idle-cost': '57'
    })
    // Pages 1 and 2, and page 1 once more to check that nothing moved: one listing.
    expect(gh.requests.map((q) => q.query.page).sort()).toEqual(['1', '1', '2'])
    expect(r.reportJson!.seats.filter((s) => s.login === null)).toHaveLength(3)
  })
})

describe('Issue 10: API strings never become links or mentions in the summary', () => {
  it('an editor "https://evil.example/login", "www.evil.example" or with "@octocat" is shown broken by a zero-width space', async () => {
    const gh = fake()
    const editors = {
      e1: 'https://evil.example/login',
      e2: 'www.evil.example',
      e3: 'WWW.EVIL.EXAMPLE/x',
      e4: 'copilot/@octocat',
      e5: 'mail evil@example.com http://x.example'
    }
    for (const [l, editor] of Object.entries(editors)) {
      gh.addSeat('acme', {
        login: l,
        created_at: OLD,
        last_activity_at: daysAgo(60),
        last_activity_editor: editor
      })
    }
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    const rows = r.summary.split('\n').filter((l) => /^\| e\d \| 60 \|/.test(l))
    expect(rows).toHaveLength(5)
    for (const row of rows) expect(row).toContain('\u200b')
    // Nothing GitHub's autolinker or mention parser would pick up (entities are decoded first).
    const decoded = r.summary.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    expect(decoded).not.toMatch(/[a-z]+:\/\//i)
    expect(decoded).not.toMatch(/www\./i)
    expect(decoded).not.toMatch(/@[a-z]/i)
  })
})

describe('Issue 10: `github-api-url` points the action elsewhere', () => {
  const OTHER = 'https://api.other.test'

  function otherApi(): FakeGitHub {
    const other = new FakeGitHub({ now: () => new Date(NOW), auth: { valid: [TOKEN] } })
    other.addOrg('acme')
    other.addSeat('acme', { login: 'r1', created_at: OLD, last_activity_at: RECENT })
    other.addSeat('acme', { login: 'r2', created_at: OLD, last_activity_at: RECENT })
    server.use(...createMswHandlers(other, OTHER))
    return other
  }

  it('every request goes to github-api-url, none to GITHUB_API_URL (a revoke, writes included)', async () => {
    const runner = fake() // answers at GITHUB_API_URL; must see nothing
    const other = otherApi()
    const r = await runAction(
      { mode: 'revoke', users: 'r1 r2', 'github-api-url': OTHER },
      { now: NOW, env: { GITHUB_API_URL: API } }
    )
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(runner.requests).toEqual([])
    expect(other.requests.map((q) => q.method)).toContain('DELETE')
    expect(json<string[]>(r.outputs['cancelled-users']).sort()).toEqual(['r1', 'r2'])
  })

  it('a trailing slash on github-api-url makes no `//` paths', async () => {
    fake()
    const other = otherApi()
    const r = await runAction(
      { mode: 'revoke', users: 'r1', 'github-api-url': `${OTHER}/` },
      { now: NOW }
    )
    expect(r.exitCode).toBe(0)
    expect(other.requests.length).toBeGreaterThan(0)
    expect(other.requests.every((q) => q.path.startsWith('/orgs/acme/'))).toBe(true)
  })

  it('a 404 there names github-api-url in the error', async () => {
    const runner = fake()
    const other = new FakeGitHub({ auth: { valid: [TOKEN] } }) // no org acme there
    server.use(...createMswHandlers(other, OTHER))
    const r = await runAction({ mode: 'report', 'github-api-url': OTHER }, { now: NOW })
    expect(r.exitCode).toBe(1)
    expect(runner.requests).toEqual([])
    expect(other.requests.map((q) => q.status)).toEqual([404])
    expect(r.errors.join('\n')).toMatch(
      /Organization "acme" was not found .*\(404\).*`github-api-url` \(https:\/\/api\.other\.test\)/
    )
  })
})

describe('Issue 10: one user listed as `Alice` and `alice`', () => {
  it('is merged as one user, the latest activity wins, with no "changed while read" warning and one listing', async () => {
    const gh = fake()
    gh.addSeat('acme', { login: 'alice', created_at: OLD, last_activity_at: daysAgo(2) })
    const base = gh.seats('acme')[0]!
    const row = (spelled: string, activity: string, editor: string): SeatJson => ({
      ...base,
      last_activity_at: activity,
      last_activity_editor: editor,
      assignee: { ...base.assignee!, login: spelled }
    })
    gh.fault({
      method: 'GET',
      path: SEATS,
      status: 200,
      body: {
        total_seats: 2,
        seats: [
          row('Alice', daysAgo(40), 'vim/9.1/copilot.vim/1.41.0'),
          row('alice', daysAgo(2), 'vscode/1.99.0/copilot/1.300.0')
        ]
      },
      times: Infinity
    })
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toEqual([])
    expect(gh.requests).toHaveLength(1)
    expect(r.outputs).toMatchObject({ 'total-seats': '1', 'active-seats': '1', 'idle-seats': '0' })
    expect(r.reportJson!.seats).toEqual([
      expect.objectContaining({ days_since: 2, editor: 'vscode/1.99.0/copilot/1.300.0' })
    ])
  })
})
