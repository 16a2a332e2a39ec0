// Cancellation of the bundled action, as the runner does it: SIGINT (or SIGTERM)
// while a reclaim is sending DELETE batches. The action must send no new write,
// let the one in flight finish, write the summary, outputs and report files of
// what GitHub did, and exit non-zero well before the runner's hard kill.
// Real clock throughout (the bundle reads no other): the seats are dated from
// the real time, their last activity 60 days ago (within GitHub's 90 days).
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FakeGitHub } from '../../fake/index.js'
import {
  DIST,
  hasNode24,
  loopbackServers,
  NODE24,
  runDist,
  type DistRun
} from '../support/dist-runner.js'
import { json, TOKEN } from '../support/harness.js'

const DAY = 86_400_000
const IDLE = 500
/** Days since the idle seats' last activity: idle, and still within GitHub's 90-day retention. */
const IDLE_DAYS = 60
/** The runner sends SIGTERM 7.5 s after SIGINT; the action must be done before that. */
const RUNNER_PATIENCE_MS = 7000

function node(): string {
  if (hasNode24) return NODE24
  if (process.env.REQUIRE_NODE24)
    throw new Error(`REQUIRE_NODE24 is set but Node 24 is missing at ${NODE24}; run npm run node24`)
  return process.execPath
}

const serve = loopbackServers()

/** An org of `count` seats idle for IDLE_DAYS (idle000, idle001…); each DELETE takes `deleteMs`. */
function idleOrg(count: number, deleteMs: number): { gh: FakeGitHub; logins: string[] } {
  const now = Date.now()
  const gh = new FakeGitHub({
    auth: { valid: [TOKEN] },
    latencyMs: (req) => (req.method === 'DELETE' ? deleteMs : 0)
  })
  gh.addOrg('acme')
  const logins = Array.from({ length: count }, (_, i) => `idle${String(i).padStart(3, '0')}`)
  for (const login of logins)
    gh.addSeat('acme', {
      login,
      created_at: new Date(now - 300 * DAY).toISOString(),
      last_activity_at: new Date(now - IDLE_DAYS * DAY).toISOString()
    })
  return { gh, logins }
}

/**
 * The bundle's reclaim against `gh`, sent `signal` as its first DELETE starts: the run, when the
 * signal was sent (null: never), and when the run ended.
 */
async function reclaimSignalled(
  gh: FakeGitHub,
  signal: NodeJS.Signals
): Promise<{ r: DistRun; signalledAt: number | null; endedAt: number }> {
  const server = await serve(gh)
  let signalledAt: number | null = null
  let child: ChildProcess | null = null
  gh.onRequest((req) => {
    if (req.method === 'DELETE' && signalledAt === null && child) {
      signalledAt = Date.now()
      child.kill(signal)
    }
  })
  const r = await runDist(
    { mode: 'audit', reclaim: 'true', 'max-cancellations': '1000' },
    { apiUrl: server.url, node: node(), onSpawn: (c) => (child = c), timeoutMs: 30_000 }
  )
  return { r, signalledAt, endedAt: Date.now() }
}

describe.each(['SIGINT', 'SIGTERM'] as const)(
  'cancelled with %s during a reclaim (bundled dist/index.js)',
  (signal) => {
    it('sends no new DELETE, lets the one in flight finish, reports what GitHub did, exits non-zero in time', async () => {
      expect(existsSync(DIST), 'run npm run build first').toBe(true)
      // Each DELETE takes 0.8 s, so the signal arrives while the first one is in flight.
      const { gh, logins } = idleOrg(IDLE, 800)
      const { r, signalledAt, endedAt } = await reclaimSignalled(gh, signal)

      expect(signalledAt).not.toBeNull()
      expect(r.signal).toBeNull()
      expect(r.exitCode).not.toBe(0)
      // The process ended on its own, well before the runner would kill it.
      expect(endedAt - signalledAt!).toBeLessThan(RUNNER_PATIENCE_MS)

      // No DELETE started after the signal; the one in flight completed (200) and GitHub applied it.
      const deletes = gh.requests.filter((q) => q.method === 'DELETE')
      expect(deletes).toHaveLength(1)
      expect(deletes.filter((q) => q.startedAt > signalledAt!)).toEqual([])
      expect(deletes[0]!.status).toBe(200)
      const sent = (deletes[0]!.body as { selected_usernames: string[] }).selected_usernames
      expect(sent).toHaveLength(100)
      // No request at all started after the signal (no read-back either: only the write in flight).
      expect(gh.requests.filter((q) => q.startedAt > signalledAt!)).toEqual([])

      const cancelledOnGitHub = logins.filter((l) => gh.seat('acme', l)?.pending_cancellation_date)
      expect(cancelledOnGitHub.sort()).toEqual([...sent].sort())

      // Outputs: exactly what GitHub cancelled (accepted, not read back: the run stopped before
      // its read-back); the rest reported as not sent.
      expect(json<string[]>(r.outputs['cancelled-users']).sort()).toEqual(cancelledOnGitHub)
      expect(r.outputs['seats-cancelled']).toBe('100')
      const skipped = json<{ login: string; reason: string }[]>(r.outputs['skipped-users'])
      expect(skipped).toHaveLength(IDLE - 100)
      for (const k of skipped) expect(k.reason).toMatch(/not sent, the run was cancelled/)
      expect(r.outputs['total-seats']).toBe(String(IDLE))

      // The report files and the summary were written, and say the run was cut short.
      expect(r.reportJson).not.toBeNull()
      expect(r.reportJson!.meta.complete).toBe(false)
      // GitHub accepted them but the run was stopped before reading them back: "accepted, not
      // confirmed", not "cancelled" (confirmed by a read-back) and never "unchanged".
      expect(r.reportJson!.meta.cancelled).toEqual([])
      const unconfirmed = r.reportJson!.meta.accepted_not_confirmed as {
        login: string
        change: string
      }[]
      expect(unconfirmed.map((c) => c.login).sort()).toEqual(cancelledOnGitHub)
      for (const c of unconfirmed) expect(c.change).toBe('cancel')
      expect(r.reportJson!.skipped.filter((k) => k.failed)).toHaveLength(IDLE - 100)
      expect(r.reportCsv).toMatch(/^login,status,/)
      expect(r.summary).toMatch(/cancelled before it finished/)
      expect(r.summary).toMatch(/Accepted by GitHub, not confirmed \(100\)/)
      expect(r.summary).toMatch(/^\| idle000 \| cancel \| /m)

      // The log: the signal noted, and one error saying the run was cancelled.
      expect(r.warnings.join('\n')).toContain(`Received ${signal}`)
      expect(r.errors).toHaveLength(1)
      expect(r.errors[0]).toMatch(/The run was cancelled/)
    }, 40_000)
  }
)

describe('cancelled while a write takes longer than the grace period (bundled dist/index.js)', () => {
  it('stops waiting after the grace, exits non-zero in time, and names every change GitHub did not confirm', async () => {
    expect(existsSync(DIST), 'run npm run build first').toBe(true)
    // The first DELETE never answers within the 5 s grace.
    const { gh, logins } = idleOrg(150, 20_000)
    const { r, signalledAt, endedAt } = await reclaimSignalled(gh, 'SIGINT')
    expect(signalledAt).not.toBeNull()
    expect(r.exitCode).not.toBe(0)
    // 5 s of grace, then the results: done before the runner's SIGTERM (7.5 s), let alone its kill
    // (10 s). (Soft, so the checks below still report when this one fails.)
    expect.soft(endedAt - signalledAt!).toBeLessThan(7500)
    const deletes = gh.requests.filter((q) => q.method === 'DELETE')
    expect(deletes).toHaveLength(1)
    const sent = new Set((deletes[0]!.body as { selected_usernames: string[] }).selected_usernames)
    expect(sent.size).toBe(100)
    // The unanswered request was dropped when the action exited: GitHub (the fake) changed nothing.
    const changedOnGitHub = logins.filter((l) => gh.seat('acme', l)?.pending_cancellation_date)
    expect
      .soft(changedOnGitHub.length, `pending on GitHub: ${changedOnGitHub.slice(0, 3).join(', ')}…`)
      .toBe(0)
    expect(json(r.outputs['cancelled-users'])).toEqual([])
    // Every planned cancellation is named (none silently dropped). The 50 never sent are "not
    // sent"; the 100 in the unanswered DELETE were sent, and GitHub may still apply them: not
    // confirmed, never "not sent".
    const skipped = json<{ login: string; reason: string }[]>(r.outputs['skipped-users'])
    expect(skipped.map((k) => k.login).sort()).toEqual(logins)
    const reasons = (inFlight: boolean, re: RegExp) =>
      skipped
        .filter((k) => sent.has(k.login) === inFlight && !re.test(k.reason))
        .map((k) => `${k.login}: ${k.reason}`)
    const inFlightWrong = reasons(true, /^not confirmed: the run was cancelled/)
    expect.soft(inFlightWrong.length, `sent, reported as: ${inFlightWrong[0]}`).toBe(0)
    expect(reasons(false, /^not cancelled: not sent, the run was cancelled/)).toEqual([])
    expect(r.reportJson!.meta.complete).toBe(false)
    expect(r.reportJson!.skipped.filter((k) => k.failed)).toHaveLength(150)
    expect(r.summary).toMatch(/cancelled before it finished/)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(/150 requested change\(s\) could not be made/)
  }, 40_000)
})
