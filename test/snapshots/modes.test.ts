// Issue 11: one snapshot per mode of the whole job summary and of the request log, with the
// clock fixed, so that an unplanned change to either fails here. Review a changed snapshot
// like code: `npx vitest run test/snapshots -u` rewrites them, and the diff is the change.
//
// The request log is "METHOD /path?query" (query keys sorted). Requests between two writes
// may be sent concurrently, so each such stretch is sorted; the writes keep their places.
import { describe, expect, it } from 'vitest'
import type { FakeGitHub, RequestRecord } from '../../fake/index.js'
import { mswServer, runAction, type ActionRun, type RunInputs } from '../support/harness.js'
import {
  ASSIGN_MIXED_FILES,
  ASSIGN_MIXED_INPUTS,
  NOW as WRITES_NOW,
  REVOKE_MIXED_INPUTS,
  seedAssignMixed,
  seedRevokeMixed
} from '../support/assign-revoke-fixtures.js'
import { ago, NOW as AUDIT_NOW, usedSeat } from '../support/audit-fixtures.js'

const { useFake } = mswServer()
const QUICK_WRITES = { writeSpacingMs: 50 }

function line(q: RequestRecord): string {
  const query = Object.entries(q.query)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
  return `${q.method} ${q.path}${query ? `?${query}` : ''} ${q.status}`
}

function requestLog(gh: FakeGitHub): string {
  const out: string[] = []
  let reads: string[] = []
  for (const q of gh.requests) {
    if (q.method === 'GET') {
      reads.push(line(q))
      continue
    }
    out.push(...reads.sort(), line(q))
    reads = []
  }
  out.push(...reads.sort())
  return out.join('\n')
}

/** The summary with the report files' random suffix made stable. */
const stableSummary = (r: ActionRun) =>
  r.summary.replace(/(copilot-seats-[a-z]+-1234-1)-[0-9a-f]{8}\./g, '$1-XXXXXXXX.')

/** An org with a seat of every kind the summary tells apart. */
function seedOrg(gh: FakeGitHub) {
  gh.addTeam('acme', 'security', { members: ['boss'] })
  gh.addSeat('acme', usedSeat('active-vscode', 1))
  gh.addSeat('acme', usedSeat('soon-idle', 27, { last_activity_editor: 'JetBrains-IU/243.2' }))
  gh.addSeat('acme', usedSeat('idle-45', 45, { last_activity_editor: 'vim/9.1/copilot.vim/1.41' }))
  gh.addSeat('acme', usedSeat('idle-60', 60, { last_activity_editor: 'copilot-cli/1.0' }))
  gh.addSeat('acme', usedSeat('idle-via-team', 70, { team: 'eng' }))
  gh.addSeat('acme', usedSeat('boss', 80, { last_activity_editor: 'Xcode/16.0' }))
  gh.addSeat('acme', { login: 'gone', created_at: ago(400), last_activity_at: ago(120) })
  gh.addSeat('acme', { login: 'new-unused', created_at: ago(5) })
  gh.addSeat('acme', { login: 'old-unused', created_at: ago(45) })
  gh.addSeat('acme', usedSeat('leaving', 50, { pending_cancellation_date: '2026-07-01' }))
  gh.addSeat('acme', { login: null, created_at: ago(200) })
}

interface Scenario {
  name: string
  now: number
  inputs: RunInputs
  seed: (gh: FakeGitHub) => void
  files?: Record<string, string>
  exitCode: number
}

const scenarios: Scenario[] = [
  { name: 'report', now: AUDIT_NOW, inputs: { mode: 'report' }, seed: seedOrg, exitCode: 0 },
  { name: 'audit', now: AUDIT_NOW, inputs: { mode: 'audit' }, seed: seedOrg, exitCode: 0 },
  {
    name: 'audit with reclaim',
    now: AUDIT_NOW,
    inputs: { mode: 'audit', reclaim: 'true', 'exclude-teams': 'security' },
    seed: seedOrg,
    exitCode: 0
  },
  {
    name: 'assign (mixed)',
    now: WRITES_NOW,
    inputs: { ...ASSIGN_MIXED_INPUTS },
    files: ASSIGN_MIXED_FILES,
    seed: seedAssignMixed,
    exitCode: 1
  },
  {
    name: 'revoke (mixed)',
    now: WRITES_NOW,
    inputs: { ...REVOKE_MIXED_INPUTS },
    seed: seedRevokeMixed,
    exitCode: 1
  }
]

describe('snapshots: the whole job summary and the request log of each mode', () => {
  for (const s of scenarios) {
    it(s.name, async () => {
      const gh = useFake({ now: () => new Date(s.now) })
      s.seed(gh)
      const r = await runAction(s.inputs, {
        now: s.now,
        limiter: QUICK_WRITES,
        workspaceFiles: s.files
      })
      expect(r.exitCode).toBe(s.exitCode)
      expect(stableSummary(r)).toMatchSnapshot('summary')
      expect(requestLog(gh)).toMatchSnapshot('requests')
    })
  }
})
