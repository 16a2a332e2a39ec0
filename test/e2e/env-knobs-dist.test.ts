// Nothing outside the runner's own variables changes what the bundled action
// decides: the clock and the timings reach the code only through the test
// entry point (`run(options)`), never through the job's environment. The
// bundle runs twice against two identically seeded fakes, once with every
// COPILOT_SEATS_* variable it ever read set to odd values (a clock in 2030,
// timeouts scaled down a thousandfold) and once without; both runs must decide
// the same, on the real clock. The old bundle, which read them, took the 2030
// clock and reclaimed the seats used yesterday.
import { describe, expect, it } from 'vitest'
import { FakeGitHub, nextBillingCycleStart, type RequestRecord } from '../../fake/index.js'
import {
  comparableOutputs,
  comparableSummary,
  distRuntimes,
  during,
  expectRuntime,
  loopbackServers,
  runDist,
  settle,
  type DistRun,
  type RunWindow
} from '../support/dist-runner.js'
import { json, TOKEN } from '../support/harness.js'
import { relativeTo, usernamesOf, writes } from '../support/audit-fixtures.js'

/**
 * Every COPILOT_SEATS_* variable the action has read (`git log -p -S COPILOT_SEATS -- src`: the
 * foundation's `knobs()`, dropped by the core redesign), set to values that would change every
 * decision and every timeout if anything still read them.
 */
const KNOBS = {
  COPILOT_SEATS_NOW: '2030-01-01T00:00:00Z',
  COPILOT_SEATS_TIME_SCALE: '0.001'
}

const RUNTIMES = distRuntimes()
const serve = loopbackServers()

const INPUTS = { mode: 'audit', reclaim: 'true', 'exclude-users': 'keeper' }

/** Used yesterday (activity, or authentication only with telemetry off): active, kept. */
const USED_YESTERDAY = ['daily-dev', 'daily-ops', 'telemetry-off']
/**
 * Idle with inactive-days 30: quiet shows no activity in 90 days (granted 200 days ago, both
 * fields null: unknown); idle-70 (70 days); unused-60 (granted 60 days ago, never used);
 * team-idle (52, via team eng: listed, not cancelled per user); keeper (48, in exclude-users);
 * idle-45. The direct, unprotected ones are reclaimed; soon (26 days) and fresh (granted 3 days
 * ago) stay active, leaving is already pending.
 */
const RECLAIMED = ['idle-45', 'idle-70', 'quiet', 'unused-60']
/** What the outputs show after the reclaim (read back): still idle, longest idle first. */
const STILL_IDLE = ['team-idle', 'keeper']

/** Seats dated from `now` (the real time at the test's start); pending until its next cycle. */
function seed(now: number): FakeGitHub {
  const { ago, usedSeat } = relativeTo(now)
  const gh = new FakeGitHub({ auth: { valid: [TOKEN] } })
  gh.addOrg('acme')
  gh.addSeat('acme', usedSeat('daily-dev', 1))
  gh.addSeat('acme', usedSeat('daily-ops', 1, { team: 'ops' }))
  gh.addSeat('acme', {
    login: 'telemetry-off',
    created_at: ago(300),
    last_authenticated_at: ago(1)
  })
  gh.addSeat('acme', usedSeat('soon', 26))
  gh.addSeat('acme', { login: 'fresh', created_at: ago(3) })
  gh.addSeat('acme', { login: 'quiet', created_at: ago(200) })
  gh.addSeat('acme', usedSeat('idle-70', 70))
  gh.addSeat('acme', { login: 'unused-60', created_at: ago(60) })
  gh.addSeat('acme', usedSeat('team-idle', 52, { team: 'eng' }))
  gh.addSeat('acme', usedSeat('keeper', 48))
  gh.addSeat('acme', usedSeat('idle-45', 45))
  gh.addSeat('acme', {
    ...usedSeat('leaving', 40),
    pending_cancellation_date: nextBillingCycleStart(new Date(now))
  })
  return gh
}

const requestsOf = (gh: FakeGitHub) =>
  gh.requests
    .map((r: RequestRecord) => {
      const query = new URLSearchParams(r.query).toString()
      return `${r.method} ${r.path}${query ? `?${query}` : ''}`
    })
    .sort()
const writesOf = (gh: FakeGitHub) =>
  writes(gh).map((w) => [w.method, w.path, [...usernamesOf(w.body)].sort()])

describe.each(RUNTIMES)('bundled audit on %s', (_name, node) => {
  it('decides the same with COPILOT_SEATS_* set as without: the real clock, no scaled timings', async () => {
    expectRuntime(node)
    const started = Date.now()
    const run = async (env: Record<string, string>): Promise<[FakeGitHub, DistRun, RunWindow]> => {
      const gh = seed(started)
      const server = await serve(gh)
      const [r, w] = await during(() => runDist(INPUTS, { apiUrl: server.url, node, env }))
      return [gh, r, w]
    }
    const [plainGh, plain, plainRun] = await run({})
    const [knobGh, knobs, knobRun] = await run(KNOBS)

    // The run without the variables, checked against the seeds.
    expect(plain.errors).toEqual([])
    expect(plain.stderr).toBe('')
    expect(plain.exitCode).toBe(0)
    expect(plain.outputs).toMatchObject({
      'total-seats': '12',
      'active-seats': String(USED_YESTERDAY.length + 2),
      'idle-seats': String(STILL_IDLE.length),
      'pending-seats': String(1 + RECLAIMED.length),
      'seats-cancelled': String(RECLAIMED.length),
      'estimated-idle-cost': String(19 * STILL_IDLE.length)
    })
    expect(json(plain.outputs['idle-users'])).toEqual(STILL_IDLE)
    expect(
      json<{ login: string }[]>(plain.outputs['skipped-users'])
        .map((k) => k.login)
        .sort()
    ).toEqual(['keeper', 'team-idle'])
    expect(json<string[]>(plain.outputs['cancelled-users']).sort()).toEqual(RECLAIMED)
    const nextCycle = nextBillingCycleStart(new Date())
    expect(writesOf(plainGh)).toEqual([
      ['DELETE', '/orgs/acme/copilot/billing/selected_users', RECLAIMED]
    ])
    for (const login of RECLAIMED)
      expect(plainGh.seat('acme', login)!.pending_cancellation_date).toBe(nextCycle)

    // With the variables: the same decisions, the same requests, the same end state.
    expect(knobs.errors).toEqual(plain.errors)
    expect(knobs.warnings).toEqual(plain.warnings)
    expect(knobs.stderr).toBe('')
    expect(knobs.exitCode).toBe(plain.exitCode)
    expect(comparableOutputs(knobs.outputs)).toEqual(comparableOutputs(plain.outputs))
    expect(writesOf(knobGh)).toEqual(writesOf(plainGh))
    expect(requestsOf(knobGh)).toEqual(requestsOf(plainGh))
    expect(settle(knobGh.seats('acme'), knobRun)).toEqual(settle(plainGh.seats('acme'), plainRun))
    expect(comparableSummary(knobs.summary, knobRun)).toEqual(
      comparableSummary(plain.summary, plainRun)
    )
    expect(knobs.reportJson!.seats).toEqual(plain.reportJson!.seats)
    const { generated_at: knobsAt, ...knobsMeta } = knobs.reportJson!.meta
    const { generated_at: plainAt, ...plainMeta } = plain.reportJson!.meta
    expect(knobsMeta).toEqual(plainMeta)
    // Each run's "now" is the real time it ran at, not 2030.
    for (const [at, w] of [
      [knobsAt, knobRun],
      [plainAt, plainRun]
    ] as const) {
      expect(Date.parse(at as string)).toBeGreaterThanOrEqual(w.from)
      expect(Date.parse(at as string)).toBeLessThanOrEqual(w.to)
    }

    // The seats used yesterday are untouched in both: never sent, not pending.
    for (const gh of [plainGh, knobGh]) {
      for (const w of writes(gh))
        for (const login of USED_YESTERDAY) expect(usernamesOf(w.body)).not.toContain(login)
      for (const login of USED_YESTERDAY)
        expect(gh.seat('acme', login)!.pending_cancellation_date).toBeNull()
    }
  }, 60_000)
})
