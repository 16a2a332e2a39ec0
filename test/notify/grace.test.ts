// audit with `notify: issue` and `reclaim`: warn first, wait `grace-days`,
// then reclaim only those still idle. Asserted at the HTTP boundary: the
// requests, and what the fake's tracking issue and seats hold afterwards.
import { describe, expect, it } from 'vitest'
import { json, mswServer, requestLines, runAction } from '../support/harness.js'
import {
  ago,
  DAY,
  NEXT_CYCLE,
  NOW,
  pendingOf,
  usedSeat,
  usernamesOf,
  writes
} from '../support/audit-fixtures.js'
import {
  LABEL,
  mentionsOf,
  noticesIn,
  notifyFake,
  notifyInputs,
  QUICK,
  REPO,
  seatCancels,
  stableSummary,
  trackingIssues,
  useCopilotAt,
  type NotifyFake
} from '../support/notify-fixtures.js'

const { useFake } = mswServer()

/** Three direct idle seats, one protected, one via team, one active, one turning idle soon, one new. */
function seed(): NotifyFake {
  const f = notifyFake(useFake)
  const { gh } = f
  gh.addSeat('acme', usedSeat('idle-a', 45))
  gh.addSeat('acme', usedSeat('idle-b', 60))
  gh.addSeat('acme', { login: 'idle-c', created_at: ago(400) }) // nothing in GitHub's 90 days
  gh.addSeat('acme', usedSeat('svc-bot', 120))
  gh.addSeat('acme', usedSeat('designer', 70, { team: 'design' }))
  gh.addSeat('acme', usedSeat('busy', 1))
  gh.addSeat('acme', usedSeat('soon', 26))
  gh.addSeat('acme', { login: 'new-hire', created_at: ago(3) })
  return f
}

const reclaimInputs = notifyInputs({ reclaim: 'true', 'exclude-users': 'svc-bot' })
const deletes = seatCancels

describe('notify: issue with reclaim', () => {
  it('the first run opens the tracking issue, notices everyone idle once and reclaims no one', async () => {
    const f = seed()
    const r = await runAction(reclaimInputs, { now: NOW })

    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(deletes(f)).toEqual([])
    const [issue, ...others] = trackingIssues(f.issues)
    expect(others).toEqual([])
    expect(issue!.title).toBe('Idle GitHub Copilot seats in the acme organization')
    expect(issue!.user.login).toBe('github-actions[bot]')
    expect(f.issues.labels(REPO).map((l) => l.name)).toEqual([LABEL])
    // One comment: the direct, unprotected idle users, longest idle first, each mentioned.
    const [notice, ...more] = noticesIn(f.issues, issue!.number)
    expect(more).toEqual([])
    expect(notice!.scope).toBe('org:acme')
    expect(notice!.logins).toEqual(['idle-c', 'idle-b', 'idle-a'])
    expect(notice!.mentions).toEqual(['idle-c', 'idle-b', 'idle-a'])
    expect(notice!.reclaimOn).toBe('2026-06-22')
    expect(notice!.comment.body).toContain(
      'It will be reclaimed on or after 2026-06-22 (UTC) unless you use Copilot'
    )
    // The body lists them in code spans: editing it mentions nobody again.
    const body = f.issues.issue(REPO, issue!.number)!.body!
    expect(mentionsOf(body)).toEqual([])
    expect(body).toContain('| `idle-c` | more than 90 days ago | 2026-06-15 | 2026-06-22 |')
    expect(json(r.outputs['noticed-users'])).toEqual(['idle-c', 'idle-b', 'idle-a'])
    expect(json(r.outputs['cancelled-users'])).toEqual([])
    const skipped = json<{ login: string; reason: string }[]>(r.outputs['skipped-users'])
    expect(skipped).toContainEqual({
      login: 'idle-a',
      reason:
        'idle, not noticed yet: a notice in the tracking issue comes first, and the seat is reclaimed `grace-days` after it at the earliest'
    })
    expect(skipped.map((s) => s.login).sort()).toEqual([
      'designer',
      'idle-a',
      'idle-b',
      'idle-c',
      'svc-bot'
    ])

    expect(stableSummary(r.summary)).toMatchSnapshot('summary')
    expect(body).toMatchSnapshot('tracking issue body')
    expect(notice!.comment.body).toMatchSnapshot('notice comment')
    expect(requestLines(f.gh)).toMatchSnapshot('requests')
  })

  it('a run inside the grace period reclaims no one and notices only who turned idle since', async () => {
    const f = seed()
    await runAction(reclaimInputs, { now: NOW, ...QUICK })
    const [issue] = trackingIssues(f.issues)
    f.gh.clearRequests()
    f.clock.t = NOW + 6 * DAY + 23 * 3_600_000

    const r = await runAction(reclaimInputs, { now: f.clock.t, ...QUICK })

    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(deletes(f)).toEqual([])
    expect(writes(f.gh).map((w) => `${w.method} ${w.path}`)).toEqual([
      `POST /repos/${REPO}/issues/${issue!.number}/comments`,
      `PATCH /repos/${REPO}/issues/${issue!.number}`
    ])
    // `soon` turned idle meanwhile: its own notice, with its own date; nobody is noticed twice.
    const notices = noticesIn(f.issues, issue!.number)
    expect(notices.map((n) => [n.logins, n.reclaimOn])).toEqual([
      [['idle-c', 'idle-b', 'idle-a'], '2026-06-22'],
      [['soon'], '2026-06-29']
    ])
    expect(json(r.outputs['noticed-users'])).toEqual(['soon'])
    expect(json<{ login: string; reason: string }[]>(r.outputs['skipped-users'])).toContainEqual({
      login: 'idle-a',
      reason:
        'idle, noticed on 2026-06-15 in the tracking issue; reclaimed on or after 2026-06-22 unless used'
    })
    expect(r.summary).toContain(
      '**3 users** under an earlier notice, still idle: the next reclaim is on or after 2026-06-22.'
    )
  })

  it('after the grace period only those still idle are reclaimed, through the other rules', async () => {
    const f = seed()
    await runAction(reclaimInputs, { now: NOW, ...QUICK })
    const [issue] = trackingIssues(f.issues)
    // idle-b uses Copilot two days after the notice.
    useCopilotAt(f, 'idle-b', NOW + 2 * DAY)
    f.gh.clearRequests()
    f.clock.t = NOW + 7 * DAY + 60_000

    const r = await runAction(reclaimInputs, { now: f.clock.t, ...QUICK })

    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(deletes(f).map((w) => usernamesOf(w.body))).toEqual([['idle-a', 'idle-c']])
    expect(pendingOf(f.gh, 'idle-a')).toBe(NEXT_CYCLE)
    expect(pendingOf(f.gh, 'idle-c')).toBe(NEXT_CYCLE)
    for (const kept of ['idle-b', 'svc-bot', 'designer', 'busy'])
      expect(pendingOf(f.gh, kept)).toBeNull()
    expect(json(r.outputs['cancelled-users'])).toEqual(['idle-a', 'idle-c'])
    // idle-b left the list, the reclaimed are named; `soon`, idle since, gets its first notice.
    expect(noticesIn(f.issues, issue!.number).map((n) => n.logins)).toEqual([
      ['idle-c', 'idle-b', 'idle-a'],
      ['soon']
    ])
    const body = f.issues.issue(REPO, issue!.number)!.body!
    expect(body).toContain('### Under notice (1)')
    expect(body).toContain('| `soon` | 2026-05-20 | 2026-06-22 | 2026-06-29 |')
    expect(body).not.toContain('idle-b')
    expect(body).toContain('### Reclaimed by the latest run (2)')
    expect(body).toContain(`\`idle-a\` (until ${NEXT_CYCLE}), \`idle-c\` (until ${NEXT_CYCLE})`)
    expect(mentionsOf(body)).toEqual([])
  })
})
