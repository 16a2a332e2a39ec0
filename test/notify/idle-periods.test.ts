// One notice per idle period: a user who uses Copilot after their notice is not
// reclaimed and is noticed again when idle again; activity that shows up a day
// late cannot make an older notice count for a later idle period. Plus the
// dry run, notices without reclaim, and a private repository.
import { describe, expect, it } from 'vitest'
import { json, mswServer, runAction } from '../support/harness.js'
import {
  ago,
  DAY,
  NOW,
  pendingOf,
  usedSeat,
  usernamesOf,
  writes
} from '../support/audit-fixtures.js'
import {
  ageNotices,
  mentionsOf,
  noticesIn,
  notifyFake,
  notifyInputs,
  QUICK,
  REPO,
  runNotifyAt,
  seatCancels,
  trackingIssues,
  useCopilotAt,
  type NotifyFake
} from '../support/notify-fixtures.js'

const { useFake } = mswServer()

const reclaim = notifyInputs({ reclaim: 'true' })
const deletes = seatCancels

/** A run that succeeds. */
async function runAt(f: NotifyFake, t: number, inputs = reclaim) {
  const r = await runNotifyAt(f, t, inputs)
  expect(r.errors).toEqual([])
  expect(r.exitCode).toBe(0)
  return r
}

describe('one notice per idle period', () => {
  it('a user active after their notice is not reclaimed, and is noticed again when idle again', async () => {
    const f = notifyFake(useFake)
    f.gh.addSeat('acme', usedSeat('mona', 40))
    f.gh.addSeat('acme', usedSeat('hubot', 40))
    await runAt(f, NOW)
    const [issue] = trackingIssues(f.issues)
    const n = issue!.number

    // mona uses Copilot two days after her notice; a week on, only hubot is reclaimed.
    useCopilotAt(f, 'mona', NOW + 2 * DAY)
    const week = await runAt(f, NOW + 8 * DAY)
    expect(deletes(f).map((w) => usernamesOf(w.body))).toEqual([['hubot']])
    expect(pendingOf(f.gh, 'mona')).toBeNull()
    expect(json(week.outputs['noticed-users'])).toEqual([])
    expect(f.issues.issue(REPO, n)!.body).not.toContain('mona')

    // 31 days after her last use she is idle again: the old notice does not count, a new one is posted.
    const again = await runAt(f, NOW + 33 * DAY + 3_600_000)
    expect(deletes(f)).toEqual([])
    expect(json(again.outputs['noticed-users'])).toEqual(['mona'])
    expect(noticesIn(f.issues, n).map((x) => x.logins)).toEqual([['hubot', 'mona'], ['mona']])
    expect(noticesIn(f.issues, n)[1]!.reclaimOn).toBe('2026-07-25')

    // Her new grace period, not the old notice, decides: not before 7 days after the new notice.
    await runAt(f, NOW + 39 * DAY)
    expect(deletes(f)).toEqual([])
    await runAt(f, NOW + 40 * DAY + 7_200_000)
    expect(deletes(f).map((w) => usernamesOf(w.body))).toEqual([['mona']])
    expect(noticesIn(f.issues, n)).toHaveLength(2)
  })

  it('activity that shows up a day late cannot make an older notice count for the next idle period', async () => {
    const f = notifyFake(useFake)
    f.gh.addSeat('acme', usedSeat('late', 40))
    // 'late' used Copilot half a day before the first run, but GitHub shows it only a day later.
    await runAt(f, NOW)
    const [issue] = trackingIssues(f.issues)
    const n = issue!.number
    expect(noticesIn(f.issues, n).map((x) => x.logins)).toEqual([['late']])
    useCopilotAt(f, 'late', NOW - DAY / 2)

    // Now active (the activity shows): not reclaimed after the grace period, off the list.
    await runAt(f, NOW + 8 * DAY)
    expect(deletes(f)).toEqual([])
    expect(f.issues.issue(REPO, n)!.body).toContain('### Under notice (0)')

    // Idle again 30 days after that use. The first notice came after the use, yet the user was
    // not idle when it was posted (half a day since activity), so it does not count: a new one.
    const idleAgain = NOW - DAY / 2 + 30 * DAY + 3_600_000
    const r = await runAt(f, idleAgain)
    expect(json(r.outputs['noticed-users'])).toEqual(['late'])
    expect(deletes(f)).toEqual([])
    await runAt(f, idleAgain + 6 * DAY)
    expect(deletes(f)).toEqual([])
    await runAt(f, idleAgain + 7 * DAY + 60_000)
    expect(deletes(f).map((w) => usernamesOf(w.body))).toEqual([['late']])
  })

  it('unknown activity (> 90 days): only a notice at most 90 days old counts', async () => {
    const f = notifyFake(useFake)
    f.gh.addSeat('acme', { login: 'ghost', created_at: ago(400) })
    await runAt(f, NOW)
    const [issue] = trackingIssues(f.issues)
    // The notice is 91 days old: the user's activity, if any, may be newer than it.
    ageNotices(f.issues, issue!.number, 91)
    const r = await runAt(f, NOW)
    expect(deletes(f)).toEqual([])
    expect(json(r.outputs['noticed-users'])).toEqual(['ghost'])
    // A 90-day-old notice still counts: reclaimed.
    ageNotices(f.issues, issue!.number, 90)
    await runAt(f, NOW)
    expect(deletes(f).map((w) => usernamesOf(w.body))).toEqual([['ghost']])
  })
})

describe('notify: issue without reclaim, and dry runs', () => {
  it('without reclaim, notices promise no date and nothing is reclaimed; a later reclaim notices again with a date', async () => {
    const f = notifyFake(useFake)
    f.gh.addSeat('acme', usedSeat('mona', 40))
    f.gh.addSeat('acme', usedSeat('svc', 40))
    f.gh.addSeat('acme', usedSeat('designer', 40, { team: 'design' }))
    const first = await runAt(f, NOW, notifyInputs({ 'exclude-users': 'svc' }))
    const [issue] = trackingIssues(f.issues)
    const [notice] = noticesIn(f.issues, issue!.number)
    // Only whom a reclaim would cancel: not the protected, not via team.
    expect(notice!.logins).toEqual(['mona'])
    expect(notice!.reclaimOn).toBeNull()
    expect(notice!.comment.body).toContain('Seats that stay unused may be reclaimed')
    expect(notice!.comment.body).not.toMatch(/\d{4}-\d{2}-\d{2} \(UTC\)/)
    expect(f.issues.issue(REPO, issue!.number)!.body).not.toContain('Reclaimed on or after')
    expect(first.summary).toContain('`reclaim` is off: the notices promise no date')
    expect(json(first.outputs['skipped-users'])).toEqual([])

    // A second run finds her noticed: nothing new.
    const second = await runAt(f, NOW + 3 * DAY, notifyInputs({ 'exclude-users': 'svc' }))
    expect(json(second.outputs['noticed-users'])).toEqual([])
    expect(writes(f.gh).map((w) => w.method)).toEqual(['PATCH'])

    // Reclaim switched on later: a notice that promised no date does not count; a dated one first.
    ageNotices(f.issues, issue!.number, 30)
    const dated = await runAt(
      f,
      NOW + 4 * DAY,
      notifyInputs({ reclaim: 'true', 'exclude-users': 'svc' })
    )
    expect(deletes(f)).toEqual([])
    expect(json(dated.outputs['noticed-users'])).toEqual(['mona'])
    expect(noticesIn(f.issues, issue!.number)[1]!.reclaimOn).toBe('2026-06-26')
  })

  it('a dry run writes no issue, label or comment and shows the notices it would post', async () => {
    const f = notifyFake(useFake)
    f.gh.addSeat('acme', usedSeat('mona', 40))
    f.gh.addSeat('acme', usedSeat('hubot', 50))
    const r = await runAt(f, NOW, notifyInputs({ reclaim: 'true', 'dry-run': 'true' }))
    expect(writes(f.gh)).toEqual([])
    expect(trackingIssues(f.issues)).toEqual([])
    expect(f.issues.labels(REPO)).toEqual([])
    expect(json(r.outputs['noticed-users'])).toEqual(['hubot', 'mona'])
    expect(r.summary).toContain(
      'Would notice **2 users** in 1 comment(s), in a tracking issue it would open. Nothing was posted (dry run).'
    )
    expect(r.summary).toContain('| hubot | 2026-04-26 | 2026-06-22 |')

    // With the issue there and its notices old enough, a dry run would reclaim, and writes nothing.
    await runAt(f, NOW)
    const [issue] = trackingIssues(f.issues)
    ageNotices(f.issues, issue!.number, 8)
    const before = f.issues.issue(REPO, issue!.number)!.body
    const dry = await runAt(f, NOW, notifyInputs({ reclaim: 'true', 'dry-run': 'true' }))
    expect(writes(f.gh)).toEqual([])
    expect(json(dry.outputs['cancelled-users'])).toEqual(['hubot', 'mona'])
    expect(f.issues.issue(REPO, issue!.number)!.body).toBe(before)
    expect(pendingOf(f.gh, 'mona')).toBeNull()
  })

  it('a private notify-repo is warned: people without access get no notification', async () => {
    const f = notifyFake(useFake)
    f.issues.addRepo(REPO, { private: true })
    f.gh.addSeat('acme', usedSeat('mona', 40))
    f.clock.t = NOW
    const r = await runAction(notifyInputs(), { now: NOW, ...QUICK })
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toEqual([
      expect.stringContaining(
        '`notify-repo` acme/copilot-notices is private: GitHub notifies a mention only to people who can read the repository'
      )
    ])
    expect(mentionsOf(noticesIn(f.issues, 1)[0]!.comment.body)).toEqual(['mona'])
  })
})
