// audit with reclaim and the usage report: two signals before a reclaim. A seat
// the seats API calls idle whose holder the report shows active within
// inactive-days is not cancelled; it is listed as "signals disagree".
import { describe, expect, it } from 'vitest'
import type { FakeGitHub } from '../../fake/index.js'
import { json, mswServer, requestLines, runAction } from '../support/harness.js'
import {
  NEXT_CYCLE,
  NOW,
  pendingOf,
  usedSeat,
  usernamesOf,
  writes
} from '../support/audit-fixtures.js'
import { LATEST, usageInputs, useUsage } from '../support/usage-fixtures.js'

const { server, useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })
// NOW is 2026-06-15T12:00Z: the fake's report covers 2026-05-17 to 2026-06-13.

function org(gh: FakeGitHub) {
  gh.addSeat('acme', usedSeat('busy', 1))
  gh.addSeat('acme', usedSeat('disagree', 60)) // idle by the seats API, active in the report
  gh.addSeat('acme', usedSeat('quiet', 60)) // idle in both
  gh.addSeat('acme', usedSeat('early', 45)) // active in the report, but only 20 days ago
}

const ACTIVITY = {
  busy: 'daily' as const,
  disagree: ['2026-05-20', '2026-06-12'],
  quiet: 'idle' as const,
  early: ['2026-05-26']
}

describe('audit with reclaim and the usage report', () => {
  it('keeps an idle seat the report shows in use within inactive-days; reclaims the others', async () => {
    const gh = fake()
    org(gh)
    useUsage(server, gh).setReport({ org: 'acme', activity: ACTIVITY })
    const r = await runAction(
      usageInputs({ mode: 'audit', reclaim: 'true', 'inactive-days': '14' }),
      { now: NOW }
    )
    expect(r.errors).toEqual([])
    expect(r.warnings).toEqual([])
    expect(r.exitCode).toBe(0)

    // The report is read before anything is planned or sent.
    const lines = requestLines(gh)
    expect(lines.indexOf(`GET ${LATEST}`)).toBeLessThan(
      lines.indexOf('DELETE /orgs/acme/copilot/billing/selected_users')
    )
    expect(writes(gh).flatMap((w) => usernamesOf(w.body))).toEqual(['early', 'quiet'])
    expect(pendingOf(gh, 'disagree')).toBeNull()
    expect(pendingOf(gh, 'quiet')).toBe(NEXT_CYCLE)
    expect(pendingOf(gh, 'early')).toBe(NEXT_CYCLE)

    const reason =
      'signals disagree: idle by the seats API (latest activity 2026-04-16), but the usage metrics report shows Copilot use on 2026-06-12; not reclaimed'
    expect(json(r.outputs['skipped-users'])).toEqual([{ login: 'disagree', reason }])
    expect(json(r.outputs['cancelled-users'])).toEqual(['early', 'quiet'])
    expect(r.reportJson!.skipped).toEqual([
      { login: 'disagree', reason, kind: 'signals-disagree', failed: false }
    ])
    // Listed once, in the usage section with both dates, not again among the skips.
    expect(r.summary).toContain(
      '#### Signals disagree: idle by the seats API, active in the report (1)'
    )
    expect(r.summary).toMatch(/\| disagree \| 2026-04-16 \| 2026-06-12 \| \d+ \|/)
    expect(r.summary).not.toContain('### Skipped or not changed')
  })

  it('without the report (usage-metrics: false) the same seat is reclaimed', async () => {
    const gh = fake()
    org(gh)
    useUsage(server, gh).setReport({ org: 'acme', activity: ACTIVITY })
    const r = await runAction(
      { mode: 'audit', reclaim: 'true', 'inactive-days': '14', 'usage-metrics': 'false' },
      { now: NOW }
    )
    expect(r.exitCode).toBe(0)
    expect(requestLines(gh)).not.toContain(`GET ${LATEST}`)
    expect(writes(gh).flatMap((w) => usernamesOf(w.body))).toEqual(['disagree', 'early', 'quiet'])
  })

  it('a dry run shows the same guard and sends nothing', async () => {
    const gh = fake()
    org(gh)
    useUsage(server, gh).setReport({ org: 'acme', activity: ACTIVITY })
    const r = await runAction(
      usageInputs({ mode: 'audit', reclaim: 'true', 'inactive-days': '14', 'dry-run': 'true' }),
      { now: NOW }
    )
    expect(r.exitCode).toBe(0)
    expect(writes(gh)).toEqual([])
    expect(json(r.outputs['cancelled-users'])).toEqual(['early', 'quiet'])
    expect(json<{ login: string }[]>(r.outputs['skipped-users']).map((s) => s.login)).toEqual([
      'disagree'
    ])
  })

  it('auto with the report unavailable: one warning, and the reclaim goes on by the seats API', async () => {
    const gh = fake()
    org(gh)
    useUsage(server, gh).policy('acme', 'disabled')
    const r = await runAction(
      usageInputs({ mode: 'audit', reclaim: 'true', 'inactive-days': '14' }),
      { now: NOW }
    )
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toEqual([expect.stringMatching(/not available \(403/)])
    expect(writes(gh).flatMap((w) => usernamesOf(w.body))).toEqual(['disagree', 'early', 'quiet'])
  })

  it('true with the report incomplete: nothing is reclaimed, the step fails, the seats are reported', async () => {
    const gh = fake()
    org(gh)
    useUsage(server, gh).setReport({ org: 'acme', activity: ACTIVITY, malformed: true })
    const r = await runAction(
      usageInputs({
        mode: 'audit',
        reclaim: 'true',
        'inactive-days': '14',
        'usage-metrics': 'true'
      }),
      { now: NOW }
    )
    expect(r.exitCode).toBe(1)
    expect(writes(gh)).toEqual([])
    expect(r.errors).toEqual([
      expect.stringMatching(
        /is incomplete and was not used: line \d+ of file 1 of 1 is not a usage row \(not valid JSON\)\..*Nothing was reclaimed\.$/s
      )
    ])
    expect(r.outputs['idle-seats']).toBe('3')
    expect(r.summary).toContain('Nothing was reclaimed (see the error above).')
  })

  it('audit without reclaim shows the usage section and the disagreement, and changes nothing', async () => {
    const gh = fake()
    org(gh)
    useUsage(server, gh).setReport({ org: 'acme', activity: ACTIVITY })
    const r = await runAction(usageInputs({ mode: 'audit' }), { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(writes(gh)).toEqual([])
    expect(r.summary).toContain('### Copilot usage, 2026-05-17 – 2026-06-13')
    expect(r.summary).toContain('Signals disagree')
    expect(r.outputs['usage-report-end-day']).toBe('2026-06-13')
    // busy, disagree and early each have an active day in the report; quiet has none
    expect(r.outputs['usage-active-seats']).toBe('3')
  })
})
