// The bundled action (dist/index.js) with `notify: issue`, spawned as the
// runner does, against the loopback fake with its issues extension: the first
// run opens the tracking issue and notices the idle users; once the notices are
// aged past grace-days (backdated in the fake: the bundle reads only the real
// clock), the next run reclaims those still idle. On this machine's Node and on
// Node 24 (runs.using). Real pacing: comments 3 s apart, writes 1 s apart.
import { describe, expect, it } from 'vitest'
import { FakeGitHub, nextBillingCycleStart, useIssues } from '../../fake/index.js'
import { distRuntimes, expectRuntime, loopbackServers, runDist } from '../support/dist-runner.js'
import { json, TOKEN } from '../support/harness.js'
import { relativeTo, usernamesOf, writes } from '../support/audit-fixtures.js'
import {
  ageNotices,
  GITHUB_ACTIONS_BOT,
  mentionsOf,
  noticesIn,
  notifyInputs,
  REPO,
  trackingIssues,
  WORKFLOW_TOKEN
} from '../support/notify-fixtures.js'

const RUNTIMES = distRuntimes()
const serve = loopbackServers()

describe.each(RUNTIMES)('bundled audit with notify: issue on %s', (_name, node) => {
  it('notices first, reclaims after the grace period only those still idle', async () => {
    expectRuntime(node)
    const now = Date.now()
    const { usedSeat } = relativeTo(now)
    const gh = new FakeGitHub({
      auth: { valid: [TOKEN], users: { [WORKFLOW_TOKEN]: GITHUB_ACTIONS_BOT } }
    })
    gh.addOrg('acme')
    const issues = useIssues(gh)
    issues.addRepo(REPO)
    for (const login of ['idle-a', 'idle-b', 'mona']) gh.addSeat('acme', usedSeat(login, 45))
    gh.addSeat('acme', usedSeat('svc', 60))
    gh.addSeat('acme', usedSeat('busy', 1))
    const seen: { token: string; area: string }[] = []
    gh.use({
      name: 'token-spy',
      preAuth: (req) => {
        const token = (req.headers.authorization ?? '').replace(/^(token|bearer) /i, '')
        seen.push({ token, area: req.url.pathname.split('/')[1] ?? '' })
        return undefined
      }
    })
    const server = await serve(gh)
    const inputs = notifyInputs({ reclaim: 'true', 'exclude-users': 'svc' })
    const run = () => runDist(inputs, { apiUrl: server.url, node })

    // 1. The first run: the tracking issue and one notice; nothing reclaimed.
    const first = await run()
    expect(first.errors).toEqual([])
    expect(first.exitCode).toBe(0)
    expect(writes(gh).map((w) => `${w.method} ${w.path}`)).toEqual([
      `POST /repos/${REPO}/labels`,
      `POST /repos/${REPO}/issues`,
      `POST /repos/${REPO}/issues/1/comments`,
      `PATCH /repos/${REPO}/issues/1`
    ])
    const [issue] = trackingIssues(issues)
    const [notice] = noticesIn(issues, issue!.number)
    expect(notice!.logins).toEqual(['idle-a', 'idle-b', 'mona'])
    expect(notice!.mentions).toEqual(['idle-a', 'idle-b', 'mona'])
    expect(mentionsOf(issues.issue(REPO, issue!.number)!.body!)).toEqual([])
    expect(json(first.outputs['noticed-users'])).toEqual(['idle-a', 'idle-b', 'mona'])
    expect(first.summary).toContain('Noticed **3 users** in 1 comment(s)')

    // 2. Eight days on (the notice backdated), mona has used Copilot: the other two are reclaimed.
    ageNotices(issues, issue!.number, 8)
    gh.addSeat('acme', usedSeat('mona', 0))
    gh.clearRequests()
    const second = await run()
    expect(second.errors).toEqual([])
    expect(second.exitCode).toBe(0)
    const deletes = writes(gh).filter((w) => w.method === 'DELETE')
    expect(deletes.map((w) => usernamesOf(w.body))).toEqual([['idle-a', 'idle-b']])
    const pending = nextBillingCycleStart(new Date())
    expect(gh.seat('acme', 'idle-a')!.pending_cancellation_date).toBe(pending)
    expect(gh.seat('acme', 'mona')!.pending_cancellation_date).toBeNull()
    expect(gh.seat('acme', 'svc')!.pending_cancellation_date).toBeNull()
    expect(json(second.outputs['cancelled-users'])).toEqual(['idle-a', 'idle-b'])
    expect(json(second.outputs['noticed-users'])).toEqual([])
    const body = issues.issue(REPO, issue!.number)!.body!
    expect(body).toContain('### Under notice (0)')
    expect(body).toContain('### Reclaimed by the latest run (2)')
    expect(noticesIn(issues, issue!.number)).toHaveLength(1)

    // Neither token appears anywhere but in the runner's ::add-mask:: commands.
    for (const r of [first, second]) {
      const logged = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'))
      for (const secret of [TOKEN, WORKFLOW_TOKEN]) {
        expect(r.stdout).toContain(`::add-mask::${secret}`)
        for (const text of [
          logged.join('\n'),
          r.stderr,
          r.summary,
          JSON.stringify(r.outputs),
          JSON.stringify(r.reportJson)
        ])
          expect(text).not.toContain(secret)
      }
    }
    // github-token went to the repository endpoints only, token to the seat endpoints only.
    expect(new Set(seen.filter((s) => s.token === WORKFLOW_TOKEN).map((s) => s.area))).toEqual(
      new Set(['repos'])
    )
    expect(new Set(seen.filter((s) => s.token === TOKEN).map((s) => s.area))).toEqual(
      new Set(['orgs'])
    )
  }, 120_000)
})
