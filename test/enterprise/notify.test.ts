// audit at enterprise scope with `notify: issue` (and `reclaim`, and
// `exclude-teams` naming enterprise teams), and the usage report's guard on the
// enterprise reclaim. Notices go to the idle users an enterprise reclaim would
// cancel rows of; after the grace period their rows are routed as the reclaim
// routes them: enterprise-direct rows to the enterprise, org-direct rows to
// their org. Asserted at the HTTP boundary.
import { describe, expect, it } from 'vitest'
import { json, mswServer, requestLines, runAction } from '../support/harness.js'
import { DAY, writes } from '../support/audit-fixtures.js'
import { enterpriseWorld, NOW, rowsOf } from '../support/enterprise-fixtures.js'
import {
  mentionsOf,
  noticesIn,
  notifyFake,
  notifyInputs,
  runNotifyAt,
  trackingIssues
} from '../support/notify-fixtures.js'
import { usageInputs, useUsage } from '../support/usage-fixtures.js'
import { nextBillingCycleStart } from '../../fake/index.js'

const { server, useFake } = mswServer()

function seed() {
  const f = notifyFake(useFake)
  enterpriseWorld(f.gh)
  return f
}

const RECLAIM = notifyInputs({ enterprise: 'ent', reclaim: 'true' })
/** Idle users a reclaim would cancel rows of, longest idle first (team-only's row is a team's). */
const NOTICED = ['half-pending', 'ent-only', 'one-org', 'multi', 'blocked']

/** "DELETE /path [a, b]" for each write to the seats. */
const seatWrites = (f: ReturnType<typeof seed>) =>
  writes(f.gh)
    .filter((w) => w.path.includes('/copilot/billing/'))
    .map(
      (w) =>
        `${w.method} ${w.path} [${((w.body as { selected_usernames?: string[] }).selected_usernames ?? []).join(', ')}]`
    )

describe('notify: issue at enterprise scope', () => {
  it('notices first, reclaims no one inside the grace period, then routes the rows of those still idle', async () => {
    const f = seed()

    // 1. The first run opens the enterprise's tracking issue and notices; nothing is reclaimed.
    const first = await runNotifyAt(f, NOW, RECLAIM)
    expect(first.errors).toEqual([])
    expect(first.exitCode).toBe(0)
    expect(seatWrites(f)).toEqual([])
    const [issue, ...others] = trackingIssues(f.issues)
    expect(others).toEqual([])
    expect(issue!.title).toBe('Idle GitHub Copilot seats in the ent enterprise')
    expect(issue!.body).toContain('<!-- copilot-seats:tracking enterprise:ent -->')
    const [notice] = noticesIn(f.issues, issue!.number)
    expect(notice!.scope).toBe('enterprise:ent')
    expect(notice!.logins).toEqual(NOTICED)
    expect(notice!.mentions).toEqual(NOTICED)
    expect(notice!.comment.body).toContain('Your GitHub Copilot seat in the **ent** enterprise')
    expect(json(first.outputs['noticed-users'])).toEqual(NOTICED)
    const held = json<{ login: string; reason: string }[]>(first.outputs['skipped-users'])
    expect(held.find((s) => s.login === 'one-org')!.reason).toMatch(
      /^idle, not noticed yet: a notice in the tracking issue comes first/
    )

    // 2. Inside the grace period: nothing reclaimed, nobody noticed twice.
    const inside = await runNotifyAt(f, NOW + 3 * DAY, RECLAIM)
    expect(inside.errors).toEqual([])
    expect(seatWrites(f)).toEqual([])
    expect(noticesIn(f.issues, issue!.number)).toHaveLength(1)
    expect(json(inside.outputs['noticed-users'])).toEqual([])

    // 3. After it: each idle row where it is granted, the enterprise's and the orgs'.
    const after = NOW + 8 * DAY
    const cycle = nextBillingCycleStart(new Date(after))
    const reclaim = await runNotifyAt(f, after, RECLAIM)
    expect(reclaim.errors).toEqual([])
    expect(reclaim.exitCode).toBe(0)
    expect(seatWrites(f)).toEqual([
      'DELETE /enterprises/ent/copilot/billing/selected_users [ent-only, half-pending]',
      'DELETE /orgs/o1/copilot/billing/selected_users [multi, one-org]',
      'DELETE /orgs/o2/copilot/billing/selected_users [multi]',
      'DELETE /orgs/o3/copilot/billing/selected_users [blocked]'
    ])
    expect(rowsOf(f.gh, 'ent-only')).toEqual([`direct@${cycle}`])
    expect(rowsOf(f.gh, 'multi')).toEqual([`org:o1@${cycle}`, `org:o2@${cycle}`, 'team:ent:eng'])
    expect(rowsOf(f.gh, 'team-only')).toEqual(['org:o2'])
    expect(json(reclaim.outputs['cancelled-users'])).toEqual([
      'ent-only',
      'half-pending',
      'multi',
      'one-org',
      'blocked'
    ])
    // Whoever has no row left that a reclaim can cancel drops out of the issue's list.
    const body = f.issues.issue('acme/copilot-notices', issue!.number)!.body!
    expect(mentionsOf(body)).toEqual([])
    for (const login of NOTICED) expect(body).not.toContain(`| \`${login}\` |`)
  })

  it('exclude-teams names enterprise teams: their idle members are neither noticed nor reclaimed', async () => {
    const f = seed()
    const inputs = notifyInputs({ enterprise: 'ent', reclaim: 'true', 'exclude-teams': 'eng' })
    const first = await runNotifyAt(f, NOW, inputs)
    expect(first.errors).toEqual([])
    expect(requestLines(f.gh)).toContain('GET /enterprises/ent/teams/ent%3Aeng/memberships')
    const notice = noticesIn(f.issues, trackingIssues(f.issues)[0]!.number)[0]!
    expect(notice.logins).toEqual(NOTICED.filter((l) => l !== 'multi'))
    expect(first.summary).toContain('### Protected, not reclaimed (1)')

    const reclaim = await runNotifyAt(f, NOW + 8 * DAY, inputs)
    expect(reclaim.exitCode).toBe(0)
    expect(seatWrites(f).some((w) => w.includes('multi'))).toBe(false)
    expect(rowsOf(f.gh, 'multi')).toEqual(['org:o1', 'org:o2', 'team:ent:eng'])
    expect(json(reclaim.outputs['cancelled-users'])).toEqual([
      'ent-only',
      'half-pending',
      'one-org',
      'blocked'
    ])
  })

  it('without reclaim, exclude-teams with an enterprise team narrows the notices too', async () => {
    const f = seed()
    const r = await runNotifyAt(
      f,
      NOW,
      notifyInputs({ enterprise: 'ent', 'exclude-teams': 'ent:eng' })
    )
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(seatWrites(f)).toEqual([])
    const notice = noticesIn(f.issues, trackingIssues(f.issues)[0]!.number)[0]!
    expect(notice.logins).toEqual(NOTICED.filter((l) => l !== 'multi'))
    expect(notice.reclaimOn).toBeNull()
  })
})

describe('audit with reclaim at enterprise scope and the usage report', () => {
  it('keeps a user the report shows in use within inactive-days: the signals disagree', async () => {
    const gh = enterpriseWorld(useFake({ now: () => new Date(NOW) }, null))
    // NOW is 2026-06-15T12:00Z: the report covers 2026-05-17 to 2026-06-13.
    const idle = ['ent-only', 'half-pending', 'one-org', 'multi', 'blocked', 'team-only']
    useUsage(server, gh).setReport({
      enterprise: 'ent',
      users: idle.map((login) => ({ login })),
      activity: {
        'ent-only': ['2026-06-12'],
        'half-pending': 'idle',
        'one-org': 'idle',
        multi: 'idle',
        blocked: 'idle',
        'team-only': 'idle'
      }
    })
    const r = await runAction(usageInputs({ mode: 'audit', reclaim: 'true', enterprise: 'ent' }), {
      now: NOW
    })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    const lines = requestLines(gh)
    expect(lines).toContain('GET /enterprises/ent/copilot/metrics/reports/users-28-day/latest')
    expect(
      writes(gh).find((w) => w.path === '/enterprises/ent/copilot/billing/selected_users')!.body
    ).toEqual({ selected_usernames: ['half-pending'] })
    expect(rowsOf(gh, 'ent-only')).toEqual(['direct'])
    expect(json<string[]>(r.outputs['cancelled-users'])).not.toContain('ent-only')
    expect(r.reportJson!.skipped).toContainEqual({
      login: 'ent-only',
      reason:
        'signals disagree: idle by the seats API (latest activity 2026-04-26), but the usage metrics report shows Copilot use on 2026-06-12; not reclaimed',
      kind: 'signals-disagree',
      failed: false
    })
    expect(r.summary).toContain(
      '#### Signals disagree: idle by the seats API, active in the report (1)'
    )
  })
})
