// The bundled action (dist/index.js) at enterprise scope, spawned as the runner
// does, against the loopback fake: the reclaim routing scenarios (with an org
// answering 403), then revoke and assign through the enterprise endpoints, and
// sync's main scenario. On
// this machine's Node and on Node 24 (runs.using). The bundle reads the real
// clock, so the world is built around it.
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FakeGitHub, nextBillingCycleStart } from '../../fake/index.js'
import { distRuntimes, DIST, loopbackServers, runDist } from '../support/dist-runner.js'
import { json, TOKEN } from '../support/harness.js'
import { writes } from '../support/audit-fixtures.js'
import { enterpriseWorld, o3RefusesCancels, rowsOf } from '../support/enterprise-fixtures.js'
import {
  ENT_SYNC_EXPECTED,
  ENT_SYNC_INPUTS,
  enterpriseSyncWorld
} from '../support/enterprise-sync-fixtures.js'

const RUNTIMES = distRuntimes()
const serve = loopbackServers()

const names = (gh: FakeGitHub) =>
  writes(gh).map(
    (w) => `${w.method} ${w.path} ${w.status} ${JSON.stringify(Object.values(w.body as object)[0])}`
  )

describe.each(RUNTIMES)('bundled action at enterprise scope on %s', (_name, node) => {
  it('reclaims by routing rows, then revokes and assigns through the enterprise endpoints', async () => {
    expect(existsSync(node), `Node 24 is required (REQUIRE_NODE24=1) but missing at ${node}`).toBe(
      true
    )
    expect(existsSync(DIST), 'dist/index.js is missing: run `npm run build`').toBe(true)
    const now = Date.now()
    const cycle = nextBillingCycleStart(new Date(now))
    const gh = o3RefusesCancels(
      enterpriseWorld(new FakeGitHub({ auth: { valid: [TOKEN] } }), { now })
    )
    const server = await serve(gh)
    const run = (inputs: Record<string, string>) =>
      runDist({ enterprise: 'ent', ...inputs }, { apiUrl: server.url, node })

    // 1. Reclaim: each idle row where it is granted; o3's refusal is o3's alone.
    const reclaim = await run({ mode: 'audit', reclaim: 'true' })
    expect(reclaim.stderr).toBe('')
    expect(names(gh)).toEqual([
      'DELETE /enterprises/ent/copilot/billing/selected_users 200 ["ent-only","half-pending"]',
      'DELETE /orgs/o1/copilot/billing/selected_users 200 ["multi","one-org"]',
      'DELETE /orgs/o2/copilot/billing/selected_users 200 ["multi"]',
      'DELETE /orgs/o3/copilot/billing/selected_users 403 ["blocked"]'
    ])
    expect(reclaim.exitCode).toBe(1)
    expect(reclaim.errors.join('\n')).toMatch(/blocked: not cancelled: .*\(403\)/)
    expect(json(reclaim.outputs['cancelled-users'])).toEqual([
      'ent-only',
      'half-pending',
      'multi',
      'one-org'
    ])
    expect(rowsOf(gh, 'multi')).toEqual([`org:o1@${cycle}`, `org:o2@${cycle}`, 'team:ent:eng'])
    expect(rowsOf(gh, 'mixed')).toEqual(['org:o1', 'org:o2'])
    expect(rowsOf(gh, 'blocked')).toEqual(['org:o3'])
    expect(reclaim.summary).toContain('### Still holding access after this run (2)')
    expect(reclaim.reportJson!.meta.enterprise_outcome).toMatchObject({ users: 5, seats_freed: 3 })

    // 2. Revoke the enterprise team: multi keeps access through nothing the enterprise grants.
    gh.clearRequests()
    const revoke = await run({ mode: 'revoke', teams: 'eng' })
    expect(names(gh)).toEqual([
      'DELETE /enterprises/ent/copilot/billing/selected_enterprise_teams 200 ["Engineering"]'
    ])
    expect(revoke.errors).toEqual([])
    expect(revoke.exitCode).toBe(0)
    expect(rowsOf(gh, 'multi')).toEqual([
      `org:o1@${cycle}`,
      `org:o2@${cycle}`,
      `team:ent:eng@${cycle}`
    ])

    // 3. Assign: a new enterprise-direct seat; an unknown login is isolated by splitting.
    gh.addEnterpriseMember('ent', 'newbie')
    gh.clearRequests()
    const assign = await run({ mode: 'assign', users: 'newbie stranger' })
    expect(names(gh)).toEqual([
      'POST /enterprises/ent/copilot/billing/selected_users 422 ["newbie","stranger"]',
      'POST /enterprises/ent/copilot/billing/selected_users 201 ["newbie"]',
      'POST /enterprises/ent/copilot/billing/selected_users 422 ["stranger"]'
    ])
    expect(json(assign.outputs['assigned-users'])).toEqual(['newbie'])
    expect(assign.exitCode).toBe(1)
    expect(assign.errors.join('\n')).toMatch(
      /stranger: not assigned: GitHub refused "stranger" alone \(422\)/
    )
    expect(rowsOf(gh, 'newbie')).toEqual(['direct'])
  }, 60_000)

  it('syncs the enterprise’s own grants, and leaves the rows an org grants as they are', async () => {
    expect(existsSync(node), `Node 24 is required (REQUIRE_NODE24=1) but missing at ${node}`).toBe(
      true
    )
    const now = Date.now()
    const cycle = nextBillingCycleStart(new Date(now))
    const gh = enterpriseSyncWorld(new FakeGitHub({ auth: { valid: [TOKEN] } }), { now })
    const server = await serve(gh)
    const sync = await runDist({ ...ENT_SYNC_INPUTS }, { apiUrl: server.url, node })
    expect(sync.stderr).toBe('')
    expect(sync.errors).toEqual([])
    expect(sync.exitCode).toBe(0)
    expect(names(gh).map((n) => n.replace(/ \d{3} /, ' '))).toEqual(ENT_SYNC_EXPECTED.writes)
    expect(json(sync.outputs['assigned-users'])).toEqual(ENT_SYNC_EXPECTED.assigned)
    expect(json(sync.outputs['cancelled-users'])).toEqual(ENT_SYNC_EXPECTED.cancelled)
    expect(rowsOf(gh, 'leaver-org')).toEqual(['org:o2', `direct@${cycle}`])
    expect(rowsOf(gh, 'org-only')).toEqual(['org:o1'])
    expect(sync.summary).toContain('### Still holding access after this run (1)')

    gh.clearRequests()
    const again = await runDist({ ...ENT_SYNC_INPUTS }, { apiUrl: server.url, node })
    expect(again.exitCode).toBe(0)
    expect(names(gh)).toEqual([])
  }, 60_000)
})
