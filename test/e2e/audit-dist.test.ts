// The bundled action (dist/index.js), spawned as the runner does, against the
// loopback fake: a findings-only audit, a reclaim with protections, and the
// idempotent second run. On this machine's Node and on Node 24 (runs.using).
// The bundle reads no clock but the real one, so the fake keeps the real time
// too and the seats are dated relative to it (activity GitHub still holds: at
// most 90 days old; older activity is null, as GitHub returns it).
import { describe, expect, it } from 'vitest'
import { FakeGitHub, nextBillingCycleStart } from '../../fake/index.js'
import { distRuntimes, expectRuntime, loopbackServers, runDist } from '../support/dist-runner.js'
import { json, TOKEN } from '../support/harness.js'
import { relativeTo, usernamesOf, writes } from '../support/audit-fixtures.js'

const RUNTIMES = distRuntimes()
const serve = loopbackServers()

/**
 * With inactive-days 30: idle-a/b/c used 45 days ago; svc-deploy (granted 500 days ago) and cto
 * (400 days ago) show no activity in 90 days (both fields null), so their latest activity is
 * unknown and they sort first, oldest grant first; designer, via team design, used 85 days ago.
 * soon (26 days) turns idle within 7 days; busy (yesterday) and new-hire (granted 3 days ago,
 * never used) are active. Team copilot-keep protects cto.
 */
function seed(now: number): FakeGitHub {
  const { ago, usedSeat } = relativeTo(now)
  const gh = new FakeGitHub({ auth: { valid: [TOKEN] } })
  gh.addOrg('acme')
  for (const login of ['idle-a', 'idle-b', 'idle-c']) gh.addSeat('acme', usedSeat(login, 45))
  gh.addSeat('acme', { login: 'svc-deploy', created_at: ago(500) })
  gh.addTeam('acme', 'copilot-keep', { members: ['cto', 'vp-eng'] })
  gh.addSeat('acme', { login: 'cto', created_at: ago(400) })
  gh.addSeat('acme', usedSeat('designer', 85, { team: 'design' }))
  gh.addSeat('acme', usedSeat('soon', 26))
  gh.addSeat('acme', usedSeat('busy', 1))
  gh.addSeat('acme', { login: 'new-hire', created_at: ago(3) })
  return gh
}

describe.each(RUNTIMES)('bundled audit on %s', (_name, node) => {
  it('audits, reclaims around the protections, and a second run changes nothing', async () => {
    expectRuntime(node)
    const started = Date.now()
    const gh = seed(started)
    const server = await serve(gh)
    const run = (inputs: Record<string, string>) => runDist(inputs, { apiUrl: server.url, node })

    // 1. Findings only: reads the listing, changes nothing.
    const audit = await run({ mode: 'audit' })
    expect(audit.errors).toEqual([])
    expect(audit.exitCode).toBe(0)
    expect(audit.outputs['idle-seats']).toBe('6')
    expect(json(audit.outputs['idle-users'])).toEqual([
      'svc-deploy',
      'cto',
      'designer',
      'idle-a',
      'idle-b',
      'idle-c'
    ])
    expect(audit.outputs['estimated-idle-cost']).toBe('114')
    expect(audit.outputs['cancelled-users']).toBe('[]')
    expect(writes(gh)).toEqual([])
    expect(audit.summary).toContain(
      '**6 idle seats** (no activity for more than 30 days), about **114 USD a month**.'
    )
    expect(audit.summary).toContain('- **1 seat** turns idle within 7 days.')
    // new-hire never used its seat; svc-deploy and cto show nothing in 90 days.
    expect(audit.summary).toContain('| Never used (granted within 90 days) | 1 |')
    expect(audit.summary).toContain('| No activity in 90 days (older seats) | 2 |')
    expect(audit.summary).toMatch(/^\| svc-deploy \| &gt; 90 \|/m)
    expect(audit.summary).toMatch(/^\| cto \| &gt; 90 \|/m)
    expect(audit.summary).toMatch(/^\| designer \| 85 \|/m)
    expect(audit.summary).toMatch(/^\| idle-a \| 45 \|/m)
    // The run's "now" is the real time of the run.
    const generatedAt = Date.parse(audit.reportJson!.meta.generated_at as string)
    expect(generatedAt).toBeGreaterThanOrEqual(started)
    expect(generatedAt).toBeLessThanOrEqual(Date.now())
    const seats = new Map(audit.reportJson!.seats.map((q) => [q.login, q]))
    expect(seats.get('svc-deploy')).toMatchObject({ days_since: null, activity_known: false })
    expect(seats.get('designer')).toMatchObject({ days_since: 85, activity_known: true })

    // 2. Reclaim: protected and via-team seats stay; the rest go pending.
    gh.clearRequests()
    const reclaim = await run({
      mode: 'audit',
      reclaim: 'true',
      'exclude-users': '@SVC-Deploy',
      'exclude-teams': 'copilot-keep'
    })
    expect(reclaim.errors).toEqual([])
    expect(reclaim.exitCode).toBe(0)
    expect(gh.requests.some((q) => q.path === '/orgs/acme/teams/copilot-keep/members')).toBe(true)
    expect(writes(gh).map((w) => [w.method, w.path, usernamesOf(w.body)])).toEqual([
      ['DELETE', '/orgs/acme/copilot/billing/selected_users', ['idle-a', 'idle-b', 'idle-c']]
    ])
    expect(json(reclaim.outputs['cancelled-users'])).toEqual(['idle-a', 'idle-b', 'idle-c'])
    expect(reclaim.outputs['seats-cancelled']).toBe('3')
    const nextCycle = nextBillingCycleStart(new Date())
    expect(reclaim.reportJson!.meta.cancelled).toEqual(
      ['idle-a', 'idle-b', 'idle-c'].map((login) => ({
        login,
        pending_cancellation_date: nextCycle
      }))
    )
    expect(reclaim.reportJson!.meta.accepted_not_confirmed).toEqual([])
    const skipped = json<{ login: string; reason: string }[]>(reclaim.outputs['skipped-users'])
    expect(skipped.map((s) => s.login).sort()).toEqual(['cto', 'designer', 'svc-deploy'])
    for (const login of ['svc-deploy', 'cto', 'designer', 'soon', 'busy', 'new-hire'])
      expect(gh.seat('acme', login)!.pending_cancellation_date).toBeNull()
    expect(reclaim.summary).toContain(
      `- Reclaimed **3 seats**: pending cancellation, still billed and usable until ${nextCycle}.`
    )
    expect(reclaim.summary).toContain(
      '- **2 idle seats** protected by `exclude-users` or `exclude-teams`, not reclaimed.'
    )
    // The token appears once, in the runner's ::add-mask:: command that masks it; nowhere else.
    const logged = reclaim.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'))
    expect(reclaim.stdout).toContain(`::add-mask::${TOKEN}`)
    for (const text of [
      logged.join('\n'),
      reclaim.stderr,
      reclaim.summary,
      JSON.stringify(reclaim.outputs),
      JSON.stringify(reclaim.reportJson),
      reclaim.reportCsv ?? ''
    ]) {
      expect(text).not.toContain(TOKEN)
    }

    // 3. Right after: the seats are pending, nothing more is sent.
    gh.clearRequests()
    const again = await run({
      mode: 'audit',
      reclaim: 'true',
      'exclude-users': '@SVC-Deploy',
      'exclude-teams': 'copilot-keep'
    })
    expect(again.errors).toEqual([])
    expect(again.exitCode).toBe(0)
    expect(writes(gh)).toEqual([])
    expect(again.outputs['pending-seats']).toBe('3')
    expect(again.outputs['idle-seats']).toBe('3')
    expect(again.outputs['cancelled-users']).toBe('[]')
    expect(again.outputs['seats-cancelled']).toBe('0')
    expect(again.summary).toContain('- Nothing to reclaim.')
  }, 120_000)
})
