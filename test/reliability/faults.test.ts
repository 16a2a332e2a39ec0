// Fault matrix: every mode (report, audit with reclaim, assign, revoke) against
// every kind of failure GitHub or the network produces, on a read and on a
// write, once (transient: the run must succeed with the right state) and for
// good (permanent: a clear failure, nothing half-claimed). The real retry and
// throttling plugins are on; the harness scales their waits down.
import { describe, expect, it } from 'vitest'
import type { FakeGitHub, FaultRule } from '../../fake/index.js'
import {
  json,
  mswServer,
  requestLines,
  runAction,
  type ActionRun,
  type RunInputs
} from '../support/harness.js'

const { useFake } = mswServer()

const DAY = 86_400_000
const NOW = Date.now()
const ago = (days: number) => new Date(NOW - days * DAY).toISOString()
/** Writes may follow each other quickly here; the production spacing is tested elsewhere. */
const LIMITER = { writeSpacingMs: 10 }
const SEATS_PATH = '/orgs/acme/copilot/billing/seats'
const BILLING = '/orgs/acme/copilot/billing'
const USERS = '/orgs/acme/copilot/billing/selected_users'

interface Target {
  method: string
  path: string
  write: boolean
}

interface Scenario {
  mode: string
  inputs: RunInputs
  setup: (gh: FakeGitHub) => void
  /** Every request a clean run sends, as "METHOD /path". */
  clean: string[]
  targets: Target[]
  /** The state and outputs of a run that did its job. */
  done: (gh: FakeGitHub, r: ActionRun) => void
  /** The state before the run (nothing changed). */
  untouched: (gh: FakeGitHub) => void
}

const pendingOf = (gh: FakeGitHub, login: string) =>
  gh.seat('acme', login)?.pending_cancellation_date ?? null

const scenarios: Scenario[] = [
  {
    mode: 'report',
    inputs: { mode: 'report' },
    setup: (gh) => {
      gh.addSeat('acme', { login: 'alice', created_at: ago(200), last_activity_at: ago(1) })
      gh.addSeat('acme', { login: 'bob', created_at: ago(200), last_activity_at: ago(90) })
      gh.addSeat('acme', {
        login: 'carol',
        created_at: ago(200),
        last_activity_at: ago(100),
        pending_cancellation_date: '2026-12-01'
      })
    },
    clean: [`GET ${SEATS_PATH}`],
    targets: [{ method: 'GET', path: SEATS_PATH, write: false }],
    done: (gh, r) => {
      expect(r.outputs['total-seats']).toBe('3')
      expect(r.outputs['active-seats']).toBe('1')
      expect(r.outputs['idle-seats']).toBe('1')
      expect(r.outputs['pending-seats']).toBe('1')
      expect(json(r.outputs['idle-users'])).toEqual(['bob'])
      expect(r.reportJson?.seats.map((s) => s.login)).toEqual(['alice', 'bob', 'carol'])
    },
    untouched: (gh) => expect(gh.seats('acme')).toHaveLength(3)
  },
  {
    mode: 'audit (reclaim)',
    inputs: { mode: 'audit', reclaim: 'true' },
    setup: (gh) => {
      gh.addSeat('acme', { login: 'alice', created_at: ago(200), last_activity_at: ago(1) })
      gh.addSeat('acme', { login: 'bob', created_at: ago(200), last_activity_at: ago(90) })
      gh.addSeat('acme', {
        login: 'dave',
        created_at: ago(200),
        last_activity_at: null,
        last_authenticated_at: ago(60)
      })
    },
    clean: [
      `GET ${BILLING}`,
      `GET ${SEATS_PATH}`,
      // Each cancellation confirmed just before the write, then read back.
      'GET /orgs/acme/members/bob/copilot',
      'GET /orgs/acme/members/dave/copilot',
      `DELETE ${USERS}`,
      'GET /orgs/acme/members/bob/copilot',
      'GET /orgs/acme/members/dave/copilot'
    ],
    targets: [
      { method: 'GET', path: SEATS_PATH, write: false },
      { method: 'DELETE', path: USERS, write: true }
    ],
    done: (gh, r) => {
      expect(pendingOf(gh, 'bob')).not.toBeNull()
      expect(pendingOf(gh, 'dave')).not.toBeNull()
      expect(pendingOf(gh, 'alice')).toBeNull()
      expect(json(r.outputs['cancelled-users'])).toEqual(['bob', 'dave'])
      expect(r.outputs['seats-cancelled']).toBe('2')
      // The report names each cancelled login with the pending date GitHub shows.
      const cancelled = r.reportJson?.meta.cancelled as Record<string, unknown>[]
      expect(cancelled.map((c) => c.login)).toEqual(['bob', 'dave'])
      for (const c of cancelled)
        expect(Object.values(c)).toContain(pendingOf(gh, c.login as string))
    },
    untouched: (gh) => {
      for (const l of ['alice', 'bob', 'dave']) expect(pendingOf(gh, l)).toBeNull()
    }
  },
  {
    mode: 'assign',
    inputs: { mode: 'assign', users: 'erin, frank' },
    setup: (gh) => {
      gh.addMember('acme', 'erin')
      gh.addMember('acme', 'frank')
    },
    clean: [
      `GET ${BILLING}`,
      'GET /orgs/acme/members/erin/copilot',
      'GET /orgs/acme/members/frank/copilot',
      'GET /orgs/acme/members/erin',
      'GET /orgs/acme/members/frank',
      `POST ${USERS}`,
      'GET /orgs/acme/members/erin/copilot',
      'GET /orgs/acme/members/frank/copilot'
    ],
    targets: [
      { method: 'GET', path: BILLING, write: false },
      { method: 'POST', path: USERS, write: true }
    ],
    done: (gh, r) => {
      expect(gh.seat('acme', 'erin')).toBeDefined()
      expect(gh.seat('acme', 'frank')).toBeDefined()
      expect(json(r.outputs['assigned-users'])).toEqual(['erin', 'frank'])
      expect(r.outputs['seats-created']).toBe('2')
    },
    untouched: (gh) => expect(gh.seats('acme')).toEqual([])
  },
  {
    mode: 'revoke',
    inputs: { mode: 'revoke', users: 'gina hank' },
    setup: (gh) => {
      gh.addSeat('acme', { login: 'gina', created_at: ago(100), last_activity_at: ago(2) })
      gh.addSeat('acme', { login: 'hank', created_at: ago(100), last_activity_at: ago(3) })
    },
    clean: [
      `GET ${BILLING}`,
      'GET /orgs/acme/members/gina/copilot',
      'GET /orgs/acme/members/hank/copilot',
      `DELETE ${USERS}`,
      'GET /orgs/acme/members/gina/copilot',
      'GET /orgs/acme/members/hank/copilot'
    ],
    targets: [
      { method: 'GET', path: '/orgs/acme/members/gina/copilot', write: false },
      { method: 'DELETE', path: USERS, write: true }
    ],
    done: (gh, r) => {
      expect(pendingOf(gh, 'gina')).not.toBeNull()
      expect(pendingOf(gh, 'hank')).not.toBeNull()
      expect(json(r.outputs['cancelled-users'])).toEqual(['gina', 'hank'])
      expect(r.outputs['seats-cancelled']).toBe('2')
    },
    untouched: (gh) => {
      expect(pendingOf(gh, 'gina')).toBeNull()
      expect(pendingOf(gh, 'hank')).toBeNull()
    }
  }
]

interface Fault {
  name: string
  rule: Omit<FaultRule, 'method' | 'path' | 'times'>
  /** Attempts of the faulted request before a permanent fault fails the run. */
  attempts: number
  message: RegExp
  /** Fails even when it happens once (a primary reset hours away). */
  failsAtOnce?: boolean
  /** A hang needs a per-attempt timeout shorter than the harness default. */
  timing?: { attemptTimeoutMs: number }
}

const HOURS = 3 * 3600
const faults: Fault[] = [
  {
    name: '429 with Retry-After',
    rule: {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '3' },
      body: { message: 'Too Many Requests', documentation_url: 'https://docs.github.com/rest' }
    },
    attempts: 4,
    message: /secondary rate limit stopped the run \(429\).*not a permission problem/s
  },
  {
    name: '403 secondary limit with Retry-After',
    rule: { kind: 'secondary', headers: { 'retry-after': '2' } },
    attempts: 4,
    message: /secondary rate limit stopped the run \(403\).*not a permission problem/s
  },
  {
    name: '403 secondary limit without Retry-After',
    rule: { kind: 'secondary' },
    attempts: 4,
    message: /secondary rate limit stopped the run \(403\).*not a permission problem/s
  },
  {
    name: 'primary limit, reset in 2 s',
    rule: { kind: 'primary', resetInSeconds: 2 },
    attempts: 2,
    message:
      /primary rate limit for this token is used up \(403\).*resets at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/s
  },
  {
    name: 'primary limit, reset hours away',
    rule: { kind: 'primary', resetInSeconds: HOURS },
    attempts: 1,
    failsAtOnce: true,
    message:
      /primary rate limit for this token is used up \(403\).*resets at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ.*not a permission problem/s
  },
  {
    name: '500',
    rule: { kind: 'status', status: 500 },
    attempts: 4,
    message: /GitHub failed with 500 .*after retries.*githubstatus/s
  },
  {
    name: "502 with GitHub's HTML page",
    rule: { kind: 'html', status: 502 },
    attempts: 4,
    message: /GitHub failed with 502 .*after retries/s
  },
  {
    name: '503',
    rule: { kind: 'status', status: 503 },
    attempts: 4,
    message: /GitHub failed with 503 .*after retries/s
  },
  {
    name: 'connection reset',
    rule: { kind: 'reset' },
    attempts: 4,
    message: /Could not reach GitHub .*after retries/s
  },
  {
    name: 'hang',
    rule: { kind: 'hang' },
    attempts: 4,
    message: /GitHub did not answer within 0\.2 s .*after retries/s,
    timing: { attemptTimeoutMs: 200 }
  },
  {
    name: '200 with malformed JSON',
    rule: { kind: 'malformed-json' },
    attempts: 4,
    message: /GitHub answered with a body that is not valid JSON while .*after retries/s
  }
]

const sorted = (lines: string[]) => [...lines].sort()
const line = (t: Target) => `${t.method} ${t.path}`
const attemptsOf = (gh: FakeGitHub, t: Target) =>
  requestLines(gh).filter((l) => l === line(t)).length
const writesOf = (gh: FakeGitHub) => requestLines(gh, true)

async function runWith(s: Scenario, gh: FakeGitHub, f: Fault): Promise<ActionRun> {
  // Every wait scaled to 1 ms per second GitHub asks for (Retry-After 60 s -> 60 ms).
  return runAction(s.inputs, { limiter: LIMITER, timing: { retryBaseMs: 1, ...f.timing } })
}

for (const s of scenarios) {
  describe(`fault matrix: ${s.mode}`, () => {
    it('runs clean without faults (the baseline the rows compare with)', async () => {
      const gh = useFake()
      s.setup(gh)
      const r = await runAction(s.inputs, { limiter: LIMITER })
      expect(r.errors).toEqual([])
      expect(r.exitCode).toBe(0)
      expect(sorted(requestLines(gh))).toEqual(sorted(s.clean))
      s.done(gh, r)
    })

    for (const t of s.targets) {
      for (const f of faults) {
        // A 200 whose body does not parse on a write: GitHub did take the write
        // (here the fake did not apply it), so it is not re-sent; the read-back tells the truth.
        const malformedWrite = f.rule.kind === 'malformed-json' && t.write

        if (!f.failsAtOnce && !malformedWrite) {
          for (const times of [1, 2]) {
            if (times === 2 && f.attempts < 3) continue
            it(`${f.name} ${times}× on ${line(t)}: retried, then completes`, async () => {
              const gh = useFake()
              s.setup(gh)
              gh.fault({ ...f.rule, method: t.method, path: t.path, times })
              const r = await runWith(s, gh, f)
              expect(r.errors).toEqual([])
              expect(r.exitCode).toBe(0)
              s.done(gh, r)
              // The clean run's requests plus one more attempt per fault.
              expect(sorted(requestLines(gh))).toEqual(
                sorted([...s.clean, ...Array<string>(times).fill(line(t))])
              )
              expect(r.stdout).not.toMatch(/<html|<!DOCTYPE/i)
            })
          }
        }

        it(`${f.name} ${f.failsAtOnce ? 'once' : 'for good'} on ${line(t)}: fails clearly`, async () => {
          const gh = useFake()
          s.setup(gh)
          gh.fault({
            ...f.rule,
            method: t.method,
            path: t.path,
            times: f.failsAtOnce ? 1 : Infinity
          })
          const r = await runWith(s, gh, f)
          expect(r.exitCode).toBe(1)
          expect(r.errors).toHaveLength(1)
          const error = r.errors[0]!
          expect(error).toMatch(
            malformedWrite ? /GitHub accepted the request but shows/ : f.message
          )
          expect(error).not.toMatch(/<[a-z!/]/i)
          expect(error).not.toMatch(/&middot;|&#\d+;/)
          expect(r.stdout).not.toMatch(/<html|<!DOCTYPE|<body/i)
          expect(attemptsOf(gh, t)).toBe(malformedWrite ? 1 : f.attempts)
          if (f.failsAtOnce) {
            // The reset time named is the one GitHub gave, hours from now.
            const at = Date.parse(/resets at (\S+?Z)/.exec(error)![1]!)
            expect(at - Date.now()).toBeGreaterThan(HOURS * 1000 - 120_000)
          }
          // Outputs are always set, and the report files written.
          expect(r.outputs['total-seats']).toMatch(/^\d+$/)
          if (!t.write) {
            // A read failed: nothing was changed, no write was sent.
            expect(writesOf(gh)).toEqual([])
            s.untouched(gh)
            expect(r.reportJson?.meta.complete).toBe(false)
          } else {
            // The write failed: GitHub shows nothing changed, and the outputs say so.
            s.untouched(gh)
            expect(json(r.outputs['cancelled-users'])).toEqual([])
            expect(json(r.outputs['assigned-users'])).toEqual([])
            const failedLogins = json<{ login: string; reason: string }[]>(
              r.outputs['skipped-users']
            ).map((k) => k.login)
            expect(failedLogins.length).toBeGreaterThan(0)
            expect(r.reportJson?.skipped.every((k) => k.failed)).toBe(true)
          }
        })
      }
    }
  })
}

describe('a listing that changes between pages', () => {
  function seatsFor(gh: FakeGitHub, n: number) {
    for (let i = 0; i < n; i++) {
      gh.addSeat('acme', {
        login: `user${String(i).padStart(3, '0')}`,
        created_at: ago(300),
        last_activity_at: i % 2 ? ago(1) : ago(90)
      })
    }
  }
  const pageRequests = (gh: FakeGitHub) =>
    gh.requests
      .filter((q) => q.method === 'GET' && q.path === SEATS_PATH)
      .map((q) => Number(q.query.page))

  it('report: a seat added while page 2 is read makes it read the listing again, once, and count right', async () => {
    const gh = useFake()
    seatsFor(gh, 250)
    let added = false
    gh.onRequest((req, g) => {
      if (!added && req.path === SEATS_PATH && req.query.page === '2') {
        added = true
        g.addSeat('acme', { login: 'aaa-newcomer', created_at: ago(0), last_activity_at: null })
      }
    })
    const r = await runAction({ mode: 'report' }, { limiter: LIMITER })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toEqual([])
    // The whole listing was read twice (page 1 may be read once more to check that nothing moved).
    const reads = pageRequests(gh)
    expect(reads.filter((p) => p === 2)).toHaveLength(2)
    expect(reads.filter((p) => p === 3)).toHaveLength(2)
    expect(reads.filter((p) => p === 1).length).toBeGreaterThanOrEqual(2)
    expect(reads.filter((p) => p === 1).length).toBeLessThanOrEqual(3)
    expect(r.outputs['total-seats']).toBe('251')
    expect(r.reportJson?.seats.map((s) => s.login)).toContain('aaa-newcomer')
    expect(new Set(r.reportJson?.seats.map((s) => s.login)).size).toBe(251)
  })

  it('report: a listing that keeps moving is read twice, then reported with a warning about the drift', async () => {
    const gh = useFake()
    seatsFor(gh, 250)
    let n = 0
    gh.onRequest((req, g) => {
      if (req.path === SEATS_PATH && req.query.page === '2')
        g.addSeat('acme', { login: `aaa-new${n++}`, created_at: ago(0) })
    })
    const r = await runAction({ mode: 'report' }, { limiter: LIMITER })
    expect(r.exitCode).toBe(0)
    // Read twice, not more: it does not loop while the listing keeps moving.
    expect(pageRequests(gh).filter((p) => p === 2)).toHaveLength(2)
    expect(pageRequests(gh).filter((p) => p === 3)).toHaveLength(2)
    expect(r.warnings.join('\n')).toMatch(
      /changed while it was being read, twice; counts may be off by about \d+ seat/
    )
    expect(r.summary).toMatch(/changed while it was being read/)
  })

  it('audit with reclaim: a seat removed between pages; the re-read plan cancels exactly the idle seats GitHub still has', async () => {
    const gh = useFake()
    seatsFor(gh, 250)
    let removed = false
    gh.onRequest((req, g) => {
      if (!removed && req.path === SEATS_PATH && req.query.page === '2') {
        removed = true
        g.removeSeat('acme', 'user000')
      }
    })
    const r = await runAction(
      { mode: 'audit', reclaim: 'true', 'max-cancellations': '1000' },
      { limiter: LIMITER }
    )
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    const cancelled = json<string[]>(r.outputs['cancelled-users'])
    expect(cancelled).toHaveLength(124)
    expect(cancelled).not.toContain('user000')
    const deleted = gh.requests
      .filter((q) => q.method === 'DELETE')
      .flatMap((q) => (q.body as { selected_usernames: string[] }).selected_usernames)
    expect(sorted(deleted)).toEqual(sorted(cancelled))
    for (const login of cancelled) expect(pendingOf(gh, login)).not.toBeNull()
    expect(gh.seat('acme', 'user000')).toBeUndefined()
  })
})
