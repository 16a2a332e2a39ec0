// What counts as a notice, and failing closed: only unedited comments of the
// tracking issue's author with this org's marker are notices; a record that
// does not parse, or an issue that cannot be read, cancels nothing and fails;
// a closed tracking issue resets the clock; two orgs share a repository.
import { describe, expect, it } from 'vitest'
import { json, mswServer } from '../support/harness.js'
import { DAY, NOW, pendingOf, usedSeat, usernamesOf, writes } from '../support/audit-fixtures.js'
import {
  addTrackingIssue,
  ageNotices,
  GITHUB_ACTIONS_BOT,
  noticeBody,
  noticedLogins,
  noticesIn,
  notifyFake,
  notifyInputs,
  REPO,
  runNotifyAt,
  seatCancels,
  trackingIssues,
  type NotifyFake
} from '../support/notify-fixtures.js'

const { useFake } = mswServer()

const reclaim = notifyInputs({ reclaim: 'true' })
const deletes = seatCancels

function seed(): NotifyFake {
  const f = notifyFake(useFake)
  f.gh.addSeat('acme', usedSeat('mona', 40))
  f.gh.addSeat('acme', usedSeat('hubot', 50))
  return f
}

const runAt = (f: NotifyFake, t: number, inputs = reclaim) => runNotifyAt(f, t, inputs)

describe('what counts as a notice', () => {
  it('an edited notice is not a notice: its users are noticed again and not reclaimed on it', async () => {
    const f = seed()
    await runAt(f, NOW)
    const [issue] = trackingIssues(f.issues)
    ageNotices(f.issues, issue!.number, 8)
    const [notice] = noticesIn(f.issues, issue!.number)
    // A person edits the notice (its record untouched): GitHub moves updated_at.
    f.issues.editComment(notice!.comment.id, notice!.comment.body + '\n\nEdit: see the wiki.')

    const r = await runAt(f, NOW)

    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(deletes(f)).toEqual([])
    expect(json(r.outputs['noticed-users'])).toEqual(['hubot', 'mona'])
    expect(noticesIn(f.issues, issue!.number)).toHaveLength(2)
    expect(r.stdout).toContain('1 notice comment(s) were edited after posting: not notices')
  })

  it('a comment by another author with the marker is not a notice', async () => {
    const f = seed()
    const issue = addTrackingIssue(f)
    // The bot's own notice for hubot, and mallory's copy of the marker naming mona, both 15 days old.
    f.issues.addComment(REPO, issue.number, {
      body: noticeBody(['hubot'], '2026-06-07'),
      user: GITHUB_ACTIONS_BOT,
      created_at: new Date(NOW - 15 * DAY)
    })
    f.issues.addComment(REPO, issue.number, {
      body: noticeBody(['mona'], '2026-06-07'),
      user: 'mallory',
      created_at: new Date(NOW - 15 * DAY)
    })

    const r = await runAt(f, NOW)

    expect(r.errors).toEqual([])
    expect(deletes(f).map((w) => usernamesOf(w.body))).toEqual([['hubot']])
    expect(pendingOf(f.gh, 'mona')).toBeNull()
    // mona gets a real notice now, by the issue's author.
    expect(json(r.outputs['noticed-users'])).toEqual(['mona'])
    const last = noticesIn(f.issues, issue.number).at(-1)!
    expect(last.comment.user.login).toBe('github-actions[bot]')
    expect(last.logins).toEqual(['mona'])
    expect(r.stdout).toContain(
      "1 comment(s) carry the notice marker but were not posted by the tracking issue's author"
    )
  })

  it('a tampered record fails the run closed: nothing reclaimed, posted or edited, the cause named', async () => {
    const f = seed()
    const issue = addTrackingIssue(f)
    const c = f.issues.addComment(REPO, issue.number, {
      body: noticeBody(['hubot'], '2026-06-07').replace('["hubot"]', '["hubot",]'),
      user: GITHUB_ACTIONS_BOT,
      created_at: new Date(NOW - 15 * DAY)
    })

    const r = await runAt(f, NOW)

    expect(r.exitCode).toBe(1)
    expect(writes(f.gh)).toEqual([])
    // Failed before the seats were even read.
    expect(f.gh.requests.some((q) => q.path.startsWith('/orgs/'))).toBe(false)
    expect(r.errors).toEqual([
      expect.stringContaining(
        `The notice log of ${issue.html_url} cannot be trusted: the notice record of comment ${c.html_url} does not parse (the record is not JSON). Nothing was reclaimed and no notice was posted.`
      )
    ])
    expect(r.summary).toContain('cannot be trusted')
  })

  it('a record of an unknown version, or with a bad login, fails closed too', async () => {
    for (const body of [
      noticeBody(['hubot'], '2026-06-07').replace('"v":1', '"v":2'),
      noticeBody(['Hubot'], '2026-06-07'),
      noticeBody(['hubot'], 'next week')
    ]) {
      const f = seed()
      const issue = addTrackingIssue(f)
      f.issues.addComment(REPO, issue.number, {
        body,
        user: GITHUB_ACTIONS_BOT,
        created_at: new Date(NOW - 15 * DAY)
      })
      const r = await runAt(f, NOW)
      expect(r.exitCode).toBe(1)
      expect(writes(f.gh)).toEqual([])
      expect(r.errors[0]).toMatch(/does not parse/)
    }
  })
})

describe('the tracking issue', () => {
  it('closed by a person: the next run opens a new one, notices everyone again and reclaims no one', async () => {
    const f = seed()
    await runAt(f, NOW)
    const [first] = trackingIssues(f.issues)
    ageNotices(f.issues, first!.number, 10)
    f.issues.closeIssue(REPO, first!.number, { user: 'octocat' })

    const r = await runAt(f, NOW)

    expect(r.errors).toEqual([])
    expect(deletes(f)).toEqual([])
    const open = trackingIssues(f.issues, 'open')
    expect(open.map((i) => i.number)).toEqual([first!.number + 1])
    expect(noticedLogins(f.issues, open[0]!.number)).toEqual(['hubot', 'mona'])
    expect(f.issues.issue(REPO, first!.number)!.comments).toBe(1)
  })

  it('closed while the run reads the seats: nothing is reclaimed on its notices, nothing posted to it', async () => {
    const f = seed()
    await runAt(f, NOW)
    const [issue] = trackingIssues(f.issues)
    ageNotices(f.issues, issue!.number, 10)
    f.gh.onRequest((req) => {
      if (
        req.path === '/orgs/acme/copilot/billing/seats' &&
        f.issues.issue(REPO, 1)!.state === 'open'
      )
        f.issues.closeIssue(REPO, issue!.number, { user: 'octocat' })
    })

    const r = await runAt(f, NOW)

    expect(deletes(f)).toEqual([])
    expect(writes(f.gh)).toEqual([])
    expect(r.warnings).toEqual([
      expect.stringContaining('was closed during the run: every notice is reset')
    ])
    expect(r.exitCode).toBe(0)
    expect(trackingIssues(f.issues, 'open')).toEqual([])
  })

  it('two orgs share the repository: each has its own issue, and one org’s notices never count for the other', async () => {
    const f = seed()
    f.gh.addOrg('beta')
    f.gh.addSeat('beta', usedSeat('mona', 40))
    f.gh.addSeat('beta', usedSeat('octo', 40))
    await runAt(f, NOW)
    const beta = await runAt(f, NOW + DAY, notifyInputs({ reclaim: 'true', org: 'beta' }))
    expect(beta.errors).toEqual([])
    const [acme, betaIssue] = trackingIssues(f.issues)
    expect(betaIssue!.title).toBe('Idle GitHub Copilot seats in the beta organization')
    expect(noticesIn(f.issues, betaIssue!.number).map((n) => [n.scope, n.logins])).toEqual([
      ['org:beta', ['mona', 'octo']]
    ])

    // A week after acme's notices (six days after beta's): acme reclaims, beta does not yet.
    const a = await runAt(f, NOW + 7 * DAY + 60_000)
    expect(deletes(f).map((w) => [w.path, usernamesOf(w.body)])).toEqual([
      ['/orgs/acme/copilot/billing/selected_users', ['hubot', 'mona']]
    ])
    expect(writes(f.gh).some((w) => w.path.includes(`/issues/${betaIssue!.number}`))).toBe(false)
    expect(json(a.outputs['noticed-users'])).toEqual([])
    const b = await runAt(
      f,
      NOW + 7 * DAY + 120_000,
      notifyInputs({ reclaim: 'true', org: 'beta' })
    )
    expect(deletes(f)).toEqual([])
    expect(b.errors).toEqual([])
    expect(noticesIn(f.issues, acme!.number)).toHaveLength(1)
    expect(noticesIn(f.issues, betaIssue!.number)).toHaveLength(1)
  })

  it('an enterprise has its own tracking issue and marker; its notices list each user once', async () => {
    const f = seed()
    f.gh.addOrg('acme-labs')
    f.gh.addEnterprise('big', { orgs: ['acme', 'acme-labs'] })
    f.gh.addSeat('acme-labs', usedSeat('mona', 45))
    f.gh.addSeat('acme-labs', usedSeat('labber', 35))

    const r = await runAt(f, NOW, notifyInputs({ enterprise: 'big' }))

    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    const [issue] = trackingIssues(f.issues)
    expect(issue!.title).toBe('Idle GitHub Copilot seats in the big enterprise')
    expect(issue!.body).toContain('<!-- copilot-seats:tracking enterprise:big -->')
    expect(noticesIn(f.issues, issue!.number).map((n) => [n.scope, n.logins, n.reclaimOn])).toEqual(
      [['enterprise:big', ['hubot', 'mona', 'labber'], null]]
    )
    // acme's own run does not take the enterprise's issue.
    await runAt(f, NOW, notifyInputs())
    expect(trackingIssues(f.issues)).toHaveLength(2)
  })

  it('two open tracking issues: the oldest is used, with a warning', async () => {
    const f = seed()
    const older = addTrackingIssue(f, { daysAgo: 40 })
    const newer = addTrackingIssue(f, { daysAgo: 10 })
    // Another org's issue and an unlabelled copy of the marker are not candidates.
    addTrackingIssue(f, { scope: 'org:beta', daysAgo: 50 })
    f.issues.addIssue(REPO, { title: 'copy', body: '<!-- copilot-seats:tracking org:acme -->' })

    const r = await runAt(f, NOW)

    expect(r.exitCode).toBe(0)
    expect(r.warnings).toEqual([
      `2 open tracking issues for org acme in ${REPO} (#${older.number}, #${newer.number}): the oldest, #${older.number}, is used. Fix: close the others.`
    ])
    expect(noticedLogins(f.issues, older.number)).toEqual(['hubot', 'mona'])
    expect(f.issues.comments(REPO, newer.number)).toEqual([])
  })

  it('a comment list that cannot be read fails closed, naming the cause', async () => {
    const f = seed()
    const issue = addTrackingIssue(f)
    f.gh.fault({
      method: 'GET',
      path: `/repos/${REPO}/issues/${issue.number}/comments`,
      status: 403,
      times: Infinity
    })

    const r = await runAt(f, NOW)

    expect(r.exitCode).toBe(1)
    expect(writes(f.gh)).toEqual([])
    expect(r.errors).toEqual([
      expect.stringMatching(
        /^The tracking issue could not be read, so nothing was reclaimed and no notice was posted\. `github-token` may not do this \(403\)/
      )
    ])
  })

  it('an issue opened by someone else (github-token changed): the first notice shows it, and no more are posted', async () => {
    const f = notifyFake(useFake)
    for (let i = 0; i < 60; i++)
      f.gh.addSeat('acme', usedSeat(`user${String(i).padStart(2, '0')}`, 40))
    const issue = addTrackingIssue(f, { user: 'octocat' })

    const r = await runAt(f, NOW)

    expect(r.exitCode).toBe(1)
    expect(r.errors).toEqual([
      expect.stringContaining(
        "is by github-actions[bot], not by the issue's author octocat; only the author's comments are notices, so no more were posted"
      )
    ])
    expect(f.issues.comments(REPO, issue.number)).toHaveLength(1)
    expect(json(r.outputs['noticed-users'])).toEqual([])
  })
})
