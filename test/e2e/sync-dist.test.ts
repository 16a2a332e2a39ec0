// sync through the bundled action (dist/index.js), as the runner runs it,
// against the loopback fake: the main scenario sends the same writes and
// leaves GitHub in the same state as the in-process run, a second run finds
// nothing to do, and on a pull request the plan is one comment edited in
// place. On Node 20 (this machine) and Node 24 (the action's `runs.using`).
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FakeGitHub, GITHUB_ACTIONS_BOT, startFakeServer, useIssues } from '../../fake/index.js'
import { hasNode24, NODE24, runDist } from '../support/dist-runner.js'
import { ORG, TOKEN } from '../support/harness.js'
import { writeBodies } from '../support/assign-revoke-fixtures.js'
import {
  NEXT_CYCLE,
  NOW,
  SYNC_EXPECTED,
  SYNC_FILES,
  SYNC_INPUTS,
  seedSync
} from '../support/sync-fixtures.js'

const requireNode24 = process.env.REQUIRE_NODE24 === '1'
const WORKFLOW = 'ghs_workflow_token_0123456789'
const REPO = 'acme/seat-list'

const RUNTIMES = [
  { name: 'Node 20 (this machine)', node: process.execPath, available: true },
  { name: 'Node 24', node: NODE24, available: hasNode24 }
]

function newFake() {
  const gh = new FakeGitHub({
    now: () => new Date(NOW),
    auth: { valid: [TOKEN], users: { [WORKFLOW]: GITHUB_ACTIONS_BOT } }
  })
  gh.addOrg(ORG)
  seedSync(gh)
  return gh
}

function pullRequestEnv(number: number): Record<string, string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'copilot-seats-event-'))
  const file = path.join(dir, 'event.json')
  writeFileSync(file, JSON.stringify({ number, pull_request: { number } }))
  return {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: file,
    GITHUB_REPOSITORY: REPO,
    GITHUB_SERVER_URL: 'https://github.com'
  }
}

describe.each(RUNTIMES)('bundled sync on $name', ({ node, available }) => {
  const skipUnless = (ctx: { skip: () => void }) => {
    if (available) return
    if (requireNode24)
      throw new Error(`REQUIRE_NODE24=1 but ${NODE24} is missing: run \`npm run node24\``)
    ctx.skip()
  }

  it('applies the seat file, then a second run finds nothing to do', async (ctx) => {
    skipUnless(ctx)
    const gh = newFake()
    const server = await startFakeServer(gh)
    try {
      const first = await runDist(SYNC_INPUTS, {
        apiUrl: server.url,
        node,
        workspaceFiles: SYNC_FILES
      })
      expect(first.stderr).toBe('')
      expect(first.exitCode).toBe(0)
      expect(writeBodies(gh)).toEqual(SYNC_EXPECTED.writes)
      expect(JSON.parse(first.outputs['assigned-users']!)).toEqual(SYNC_EXPECTED.assigned)
      expect(JSON.parse(first.outputs['cancelled-users']!)).toEqual(SYNC_EXPECTED.cancelled)
      for (const login of SYNC_EXPECTED.live)
        expect(gh.seat('acme', login)?.pending_cancellation_date, login).toBeNull()
      for (const login of SYNC_EXPECTED.pending)
        expect(gh.seat('acme', login)?.pending_cancellation_date, login).toBe(NEXT_CYCLE)
      expect(first.summary).toContain('### Plan, as sent: 2 new, 1 restored, 2 cancelled')

      gh.clearRequests()
      const second = await runDist(SYNC_INPUTS, {
        apiUrl: server.url,
        node,
        workspaceFiles: SYNC_FILES
      })
      expect(second.exitCode).toBe(0)
      expect(writeBodies(gh)).toEqual([])
      expect(second.summary).toContain('Nothing to change: the seats match the desired state.')
    } finally {
      await server.close()
    }
  })

  it('on a pull request, a dry run posts the plan as one comment and edits it on the next run', async (ctx) => {
    skipUnless(ctx)
    const gh = newFake()
    const issues = useIssues(gh)
    issues.addRepo(REPO)
    const pr = issues.addPullRequest(REPO).number
    const server = await startFakeServer(gh)
    const inputs = {
      ...SYNC_INPUTS,
      'dry-run': 'true',
      'pr-comment': 'true',
      'github-token': WORKFLOW
    }
    try {
      for (let i = 0; i < 2; i++) {
        const r = await runDist(inputs, {
          apiUrl: server.url,
          node,
          workspaceFiles: SYNC_FILES,
          env: pullRequestEnv(pr)
        })
        expect(r.exitCode).toBe(0)
        // Masked first (the runner hides it from then on), and never printed otherwise.
        const printed = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'))
        expect(printed.join('\n')).not.toContain(WORKFLOW)
      }
      // No seat write: the only writes are the comment's (created, then edited).
      expect(writeBodies(gh).filter((w) => w.path.includes('/copilot/'))).toEqual([])
      expect(gh.requests.filter((r) => r.method !== 'GET').map((r) => r.method)).toEqual([
        'POST',
        'PATCH'
      ])
      const comments = issues.comments(REPO, pr)
      expect(comments).toHaveLength(1)
      expect(comments[0]!.user.login).toBe('github-actions[bot]')
      expect(comments[0]!.body).toContain('### Plan: 2 new, 1 restored, 2 cancelled')
      expect(comments[0]!.body).toContain(
        '[job summary](https://github.com/acme/seat-list/actions/runs/77)'
      )
    } finally {
      await server.close()
    }
  })
})
