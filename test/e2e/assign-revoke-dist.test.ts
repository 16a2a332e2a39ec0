// The bundled action (dist/index.js, built by `npm run build`) run as the
// runner runs it, against the loopback fake: an assign and a revoke with mixed
// cases give the same outputs, requests and final state as the in-process run.
// On Node 20 (this machine) and on Node 24 (the action's `runs.using`).
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FakeGitHub, startFakeServer } from '../../fake/index.js'
import { DIST, hasNode24, NODE24, runDist } from '../support/dist-runner.js'
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
  NEXT_CYCLE,
  NOW,
  NOW_ISO,
  REVOKE_MIXED_EXPECTED,
  REVOKE_MIXED_INPUTS,
  seedAssignMixed,
  seedRevokeMixed,
  skipsOf,
  writeBodies
} from '../support/assign-revoke-fixtures.js'

const { useFake } = mswServer()
const requireNode24 = process.env.REQUIRE_NODE24 === '1'

const RUNTIMES: { name: string; node: string; available: boolean }[] = [
  { name: 'Node 20 (this machine)', node: process.execPath, available: true },
  { name: 'Node 24', node: NODE24, available: hasNode24 }
]

interface Scenario {
  name: string
  inputs: RunInputs
  files?: Record<string, string>
  seed: (gh: FakeGitHub) => void
  check: (run: ActionRun, gh: FakeGitHub) => void
}

const SCENARIOS: Scenario[] = [
  {
    name: 'assign',
    inputs: { ...ASSIGN_MIXED_INPUTS },
    files: ASSIGN_MIXED_FILES,
    seed: seedAssignMixed,
    check: (r, gh) => {
      expect(JSON.parse(r.outputs['assigned-users']!)).toEqual(ASSIGN_MIXED_EXPECTED.assigned)
      for (const login of ASSIGN_MIXED_EXPECTED.assigned)
        expect(gh.seat('acme', login)?.created_at).toBe(NOW_ISO)
      expect(r.outputs['seats-created']).toBe('5')
    }
  },
  {
    name: 'revoke',
    inputs: { ...REVOKE_MIXED_INPUTS },
    seed: seedRevokeMixed,
    check: (r, gh) => {
      expect(JSON.parse(r.outputs['cancelled-users']!)).toEqual(REVOKE_MIXED_EXPECTED.cancelled)
      for (const login of REVOKE_MIXED_EXPECTED.cancelled)
        expect(gh.seat('acme', login)?.pending_cancellation_date).toBe(NEXT_CYCLE)
      for (const w of writeBodies(gh))
        for (const name of REVOKE_MIXED_EXPECTED.neverSent) expect(w.names).not.toContain(name)
      expect(r.outputs['seats-cancelled']).toBe('4')
    }
  }
]

const newFake = () => {
  const gh = new FakeGitHub({ auth: { valid: [TOKEN] }, now: () => new Date(NOW) })
  gh.addOrg(ORG)
  return gh
}
/** Outputs without the report file paths, which differ per run. */
const comparable = (outputs: Record<string, string>) => {
  const { 'report-json': json, 'report-csv': csv, ...rest } = outputs
  expect(json).toMatch(/\.json$/)
  expect(csv).toMatch(/\.csv$/)
  return rest
}
/** The summary without the report file names (run id and a random part). */
const summaryText = (summary: string) =>
  summary.replace(/copilot-seats-[a-z]+-\d+-\d+-[0-9a-f]+\.(json|csv)/g, 'REPORT.$1')

describe('bundled action (dist/index.js)', () => {
  it('is built', () => {
    expect(existsSync(DIST), 'run `npm run build` first').toBe(true)
  })

  describe.each(RUNTIMES)('on $name', ({ node, available }) => {
    it.for(SCENARIOS)(
      '$name with mixed cases matches the in-process run',
      async (scenario, ctx) => {
        if (!available) {
          if (requireNode24)
            throw new Error(`REQUIRE_NODE24=1 but ${NODE24} is missing: run \`npm run node24\``)
          ctx.skip()
        }
        // In-process, through msw.
        const local = useFake({ now: () => new Date(NOW) })
        scenario.seed(local)
        const inProcess = await runAction(scenario.inputs, {
          now: NOW,
          workspaceFiles: scenario.files
        })

        // Bundled, in a child process, against the loopback server.
        const gh = newFake()
        scenario.seed(gh)
        const server = await startFakeServer(gh)
        let dist
        try {
          dist = await runDist(scenario.inputs, {
            apiUrl: server.url,
            node,
            workspaceFiles: scenario.files,
            env: { COPILOT_SEATS_NOW: NOW_ISO, COPILOT_SEATS_TIME_SCALE: '0.005' }
          })
        } finally {
          await server.close()
        }

        expect(dist.stderr).toBe('')
        expect(dist.signal).toBeNull()
        // fails for the failing cases only, like the in-process run
        expect(dist.exitCode).toBe(1)
        expect(dist.exitCode).toBe(inProcess.exitCode)
        expect(dist.errors).toEqual(inProcess.errors)
        expect(comparable(dist.outputs)).toEqual(comparable(inProcess.outputs))
        expect(skipsOf(dist.outputs['skipped-users']).length).toBeGreaterThan(0)
        expect(writeBodies(gh)).toEqual(writeBodies(local))
        expect(requestLines(gh).sort()).toEqual(requestLines(local).sort())
        expect(gh.seats('acme')).toEqual(local.seats('acme'))
        expect(summaryText(dist.summary)).toEqual(summaryText(inProcess.summary))
        expect(dist.reportJson?.seats).toEqual(inProcess.reportJson?.seats)
        // The token is registered as a secret first thing, and shows nowhere else.
        expect(dist.stdout.split('\n')[0]).toBe(`::add-mask::${TOKEN}`)
        expect(dist.stdout.split('\n').slice(1).join('\n')).not.toContain(TOKEN)
        expect(dist.summary).not.toContain(TOKEN)
        expect(Object.values(dist.outputs).join('\n')).not.toContain(TOKEN)
        scenario.check(dist, gh)
      }
    )
  })
})
