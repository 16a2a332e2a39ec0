// Notices at scale: 5,000 idle users in 100 comments of 50 mentions, paced
// within GitHub's content-creation limit (the fake enforces it on a clock that
// runs as much faster as the harness's pacing is shortened), the per-run cap,
// and a re-run after a failure mid-way that posts no notice twice.
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck'
import { describe, expect, it } from 'vitest'
import { json, mswServer, runAction } from '../support/harness.js'
import { addIdleSeats, DAY, NOW, writes } from '../support/audit-fixtures.js'
import {
  GITHUB_ACTIONS_BOT,
  noticedLogins,
  noticesIn,
  notifyFake,
  notifyInputs,
  REPO,
  trackingIssues,
  type NotifyFake
} from '../support/notify-fixtures.js'

const { useFake } = mswServer()

/**
 * Time runs SPEED times faster: plugin-throttling's groups and the limiter's write spacing are
 * divided by it (3 s between notifying writes -> 60 ms), and the fake's clock, which measures
 * GitHub's content-creation limit (80 a minute, 500 an hour), runs SPEED times faster to match.
 */
const SPEED = 50
const scaled = {
  limiter: { writeSpacingMs: 1000 / SPEED },
  throttleGroups: {
    global: new Bottleneck.Group({ maxConcurrent: 10 }),
    auth: new Bottleneck.Group({ maxConcurrent: 1 }),
    search: new Bottleneck.Group({ maxConcurrent: 1, minTime: 2000 / SPEED }),
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 1000 / SPEED }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3000 / SPEED })
  }
}

function fastClockFake(): NotifyFake {
  const start = performance.now()
  return notifyFake(useFake, {
    now: () => new Date(NOW + (performance.now() - start) * SPEED),
    limits: { enforceContent: true, contentClock: 'fake' }
  })
}

const commentPosts = (f: NotifyFake) =>
  writes(f.gh).filter((w) => w.method === 'POST' && w.path.endsWith('/comments'))

describe('notices at scale', () => {
  it('5,000 idle users: 100 comments of 50 mentions, paced, nobody twice, within the content limit', async () => {
    const f = fastClockFake()
    const idle = addIdleSeats(f.gh, 5000)

    const r = await runAction(notifyInputs({ reclaim: 'true' }), { now: NOW, ...scaled })

    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    const [issue] = trackingIssues(f.issues)
    const notices = noticesIn(f.issues, issue!.number)
    expect(notices).toHaveLength(100)
    expect(Math.max(...notices.map((n) => n.mentions.length))).toBe(50)
    for (const n of notices) expect(n.mentions).toEqual(n.logins)
    const noticed = notices.flatMap((n) => n.logins)
    expect(new Set(noticed).size).toBe(5000)
    expect([...noticed].sort()).toEqual(idle)
    // Paced: GitHub's limit (80 a minute, 500 an hour, on the fake's fast clock) never refused one.
    expect(f.issues.stats.contentLimited).toBe(0)
    expect(f.issues.stats.contentCreated).toBe(101)
    // Comments go through plugin-throttling's group for notifying writes: 3 s apart (scaled), 20
    // a minute, a quarter of GitHub's limit; and one run's 101 stay under the 500 an hour.
    expect(throttling.triggersNotification(`/repos/${REPO}/issues/1/comments`)).toBe(true)
    const posts = commentPosts(f)
    const span = posts.at(-1)!.startedAt - posts[0]!.startedAt
    expect(span).toBeGreaterThanOrEqual((99 * 3000) / SPEED - 50)
    // Outputs and the issue body stay within their limits.
    expect(json<string[]>(r.outputs['noticed-users'])).toHaveLength(1000)
    const body = f.issues.issue(REPO, issue!.number)!.body!
    expect(body.length).toBeLessThanOrEqual(60_000)
    expect(body).toContain('### Under notice (5000)')
    expect(body).toMatch(
      /_…and \d+ more: the JSON report file of the workflow run lists everyone under notice\._/
    )
    expect(r.reportJson!.meta.notify).toMatchObject({ comments: 100, deferred: 0 })
    expect((r.reportJson!.meta.notify as { noticed: unknown[] }).noticed).toHaveLength(5000)
    expect(r.summary).toContain('Noticed **5,000 users** in 100 comment(s)')
  }, 120_000)

  it('over 5,000: the rest are left for the next run, which notices only them', async () => {
    const f = fastClockFake()
    const scaled = { limiter: { writeSpacingMs: 5 } }
    addIdleSeats(f.gh, 5060)

    const first = await runAction(notifyInputs(), { now: NOW, ...scaled })

    expect(first.errors).toEqual([])
    const [issue] = trackingIssues(f.issues)
    expect(noticesIn(f.issues, issue!.number)).toHaveLength(100)
    expect(first.summary).toContain('**60 users** left for the next run')
    expect(f.issues.issue(REPO, issue!.number)!.body).toContain(
      '60 more idle users get a notice in the next run'
    )
    f.gh.clearRequests()

    const second = await runAction(notifyInputs(), { now: NOW + DAY, ...scaled })

    expect(second.errors).toEqual([])
    expect(commentPosts(f)).toHaveLength(2)
    expect(json<string[]>(second.outputs['noticed-users'])).toHaveLength(60)
    const all = noticedLogins(f.issues, issue!.number)
    expect(all).toHaveLength(5060)
    expect(new Set(all).size).toBe(5060)
    expect(f.issues.stats.contentLimited).toBe(0)
  }, 120_000)
})

describe('a re-run after a failure mid-way', () => {
  const run = (t: number) => runAction(notifyInputs(), { now: t, limiter: { writeSpacingMs: 5 } })

  it('GitHub created the third notice but answered 502: not retried, and the re-run posts only the fourth', async () => {
    const f = notifyFake(useFake)
    addIdleSeats(f.gh, 160)
    let posts = 0
    f.gh.onRequest((req) => {
      if (req.method !== 'POST' || !req.path.endsWith('/comments')) return
      if (++posts !== 3) return
      // The comment lands; the answer is lost.
      const number = Number(req.path.split('/')[5])
      f.issues.addComment(REPO, number, {
        body: (req.body as { body: string }).body,
        user: GITHUB_ACTIONS_BOT
      })
      f.gh.fault({ method: 'POST', path: req.path, status: 502 })
    })

    const first = await run(NOW)

    expect(first.exitCode).toBe(1)
    expect(commentPosts(f)).toHaveLength(3)
    expect(first.errors).toEqual([
      expect.stringContaining(
        'Posting notice 3 of 4 failed; 2 posted before it stand. GitHub failed with 502'
      )
    ])
    expect(first.errors[0]).toContain(
      'the next run reads the tracking issue and notices whoever has no notice, nobody twice'
    )
    expect(json<string[]>(first.outputs['noticed-users'])).toHaveLength(100)
    const [issue] = trackingIssues(f.issues)
    expect(noticedLogins(f.issues, issue!.number)).toHaveLength(150)
    f.gh.clearRequests()

    const second = await run(NOW + 3_600_000)

    expect(second.errors).toEqual([])
    expect(second.exitCode).toBe(0)
    expect(commentPosts(f)).toHaveLength(1)
    const all = noticedLogins(f.issues, issue!.number)
    expect(all).toHaveLength(160)
    expect(new Set(all).size).toBe(160)
  })

  it('a notice GitHub refused (500, not created): the re-run posts it; nobody twice', async () => {
    const f = notifyFake(useFake)
    addIdleSeats(f.gh, 120)
    let posts = 0
    f.gh.onRequest((req) => {
      if (req.method === 'POST' && req.path.endsWith('/comments') && ++posts === 2)
        f.gh.fault({ method: 'POST', path: req.path, status: 500 })
    })

    const first = await run(NOW)

    expect(first.exitCode).toBe(1)
    const [issue] = trackingIssues(f.issues)
    expect(noticedLogins(f.issues, issue!.number)).toHaveLength(50)
    // The list is still rewritten with what did land.
    expect(f.issues.issue(REPO, issue!.number)!.body).toContain('### Under notice (50)')
    f.gh.clearRequests()

    const second = await run(NOW + 3_600_000)

    expect(second.exitCode).toBe(0)
    expect(commentPosts(f)).toHaveLength(2)
    const all = noticedLogins(f.issues, issue!.number)
    expect(all).toHaveLength(120)
    expect(new Set(all).size).toBe(120)
  })
})
