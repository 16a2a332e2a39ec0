// The bundled action (dist/index.js, built by `npm run build`) run as the
// runner runs it, against the loopback fake: an assign and a revoke with mixed
// cases give the same outputs, requests and final state as the in-process run.
// On Node 20 (this machine) and on Node 24 (the action's `runs.using`).
// The bundle reads no clock but the real one, so both runs use it: both fakes
// keep the real time, the seats are dated relative to the test's start, and
// what a run stamps (a new seat's `created_at`, the summary's "As of") is
// checked to fall within that run, then compared.
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FakeGitHub, nextBillingCycleStart, startFakeServer } from '../../fake/index.js'
import {
  comparableOutputs,
  comparableSummary,
  DIST,
  during,
  hasNode24,
  NODE24,
  REQUIRE_NODE24,
  runDist,
  settle,
  type DistRun,
  type RunWindow
} from '../support/dist-runner.js'
import {
  mswServer,
  ORG,
  requestLines,
  runAction,
  TOKEN,
  type ActionRun,
  type RunInputs
} from '../support/harness.js'
import {
  ASSIGN_MIXED_EXPECTED,
  ASSIGN_MIXED_FILES,
  ASSIGN_MIXED_INPUTS,
  REVOKE_MIXED_EXPECTED,
  REVOKE_MIXED_INPUTS,
  seedAssignMixed,
  seedRevokeMixed,
  skipsOf,
  writeBodies
} from '../support/assign-revoke-fixtures.js'

const { useFake } = mswServer()

const RUNTIMES: { name: string; node: string; available: boolean }[] = [
  { name: 'Node 20 (this machine)', node: process.execPath, available: true },
  { name: 'Node 24', node: NODE24, available: hasNode24 }
]

interface Scenario {
  name: string
  inputs: RunInputs
  files?: Record<string, string>
  seed: (gh: FakeGitHub, at: number) => void
  check: (run: ActionRun, gh: FakeGitHub, w: RunWindow) => void
}

const SCENARIOS: Scenario[] = [
  {
    name: 'assign',
    inputs: { ...ASSIGN_MIXED_INPUTS },
    files: ASSIGN_MIXED_FILES,
    seed: seedAssignMixed,
    check: (r, gh, w) => {
      expect(JSON.parse(r.outputs['assigned-users']!)).toEqual(ASSIGN_MIXED_EXPECTED.assigned)
      // Granted (or restored) by this run: created now, so their grace period starts over.
      for (const login of ASSIGN_MIXED_EXPECTED.assigned) {
        const created = Date.parse(gh.seat('acme', login)!.created_at)
        expect(created).toBeGreaterThanOrEqual(w.from)
        expect(created).toBeLessThanOrEqual(w.to)
      }
      // Those that held a seat were not re-sent: their grant date stays as seeded (days ago).
      for (const login of ['active1', 'idle1', 't3', 'c1', 'c2'])
        expect(Date.parse(gh.seat('acme', login)!.created_at)).toBeLessThan(w.from)
      expect(r.outputs['seats-created']).toBe('5')
    }
  },
  {
    name: 'revoke',
    inputs: { ...REVOKE_MIXED_INPUTS },
    seed: seedRevokeMixed,
    check: (r, gh) => {
      expect(JSON.parse(r.outputs['cancelled-users']!)).toEqual(REVOKE_MIXED_EXPECTED.cancelled)
      // GitHub's pending date for a seat cancelled now: the start of the next billing cycle.
      const nextCycle = nextBillingCycleStart(new Date())
      for (const login of REVOKE_MIXED_EXPECTED.cancelled)
        expect(gh.seat('acme', login)?.pending_cancellation_date).toBe(nextCycle)
      for (const w of writeBodies(gh))
        for (const name of REVOKE_MIXED_EXPECTED.neverSent) expect(w.names).not.toContain(name)
      expect(r.outputs['seats-cancelled']).toBe('4')
    }
  }
]

/** The real clock: the bundle reads no other. */
const newFake = () => {
  const gh = new FakeGitHub({ auth: { valid: [TOKEN] } })
  gh.addOrg(ORG)
  return gh
}

describe('bundled action (dist/index.js)', () => {
  it('is built', () => {
    expect(existsSync(DIST), 'run `npm run build` first').toBe(true)
  })

  describe.each(RUNTIMES)('on $name', ({ node, available }) => {
    it.for(SCENARIOS)(
      '$name with mixed cases matches the in-process run',
      async (scenario, ctx) => {
        if (!available) {
          if (REQUIRE_NODE24)
            throw new Error(`REQUIRE_NODE24=1 but ${NODE24} is missing: run \`npm run node24\``)
          ctx.skip()
        }
        // Both fakes get the same seats, dated from one moment.
        const at = Date.now()
        // In-process, through msw, on the real clock like the bundle.
        const local = useFake()
        scenario.seed(local, at)
        const [inProcess, localRun] = await during(() =>
          runAction(scenario.inputs, { workspaceFiles: scenario.files })
        )

        // Bundled, in a child process, against the loopback server.
        const gh = newFake()
        scenario.seed(gh, at)
        const server = await startFakeServer(gh)
        let dist: DistRun
        let distRun: RunWindow
        try {
          ;[dist, distRun] = await during(() =>
            runDist(scenario.inputs, { apiUrl: server.url, node, workspaceFiles: scenario.files })
          )
        } finally {
          await server.close()
        }

        expect(dist.stderr).toBe('')
        expect(dist.signal).toBeNull()
        // fails for the failing cases only, like the in-process run
        expect(dist.exitCode).toBe(1)
        expect(dist.exitCode).toBe(inProcess.exitCode)
        expect(dist.errors).toEqual(inProcess.errors)
        expect(comparableOutputs(dist.outputs)).toEqual(comparableOutputs(inProcess.outputs))
        expect(skipsOf(dist.outputs['skipped-users']).length).toBeGreaterThan(0)
        expect(writeBodies(gh)).toEqual(writeBodies(local))
        expect(requestLines(gh).sort()).toEqual(requestLines(local).sort())
        expect(settle(gh.seats('acme'), distRun)).toEqual(settle(local.seats('acme'), localRun))
        expect(comparableSummary(dist.summary, distRun)).toEqual(
          comparableSummary(inProcess.summary, localRun)
        )
        expect(settle(dist.reportJson?.seats, distRun)).toEqual(
          settle(inProcess.reportJson?.seats, localRun)
        )
        // The token is registered as a secret first thing, and shows nowhere else.
        expect(dist.stdout.split('\n')[0]).toBe(`::add-mask::${TOKEN}`)
        expect(dist.stdout.split('\n').slice(1).join('\n')).not.toContain(TOKEN)
        expect(dist.summary).not.toContain(TOKEN)
        expect(Object.values(dist.outputs).join('\n')).not.toContain(TOKEN)
        scenario.check(dist, gh, distRun)
      }
    )
  })
})
