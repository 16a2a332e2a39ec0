// The issues extension (fake/issues.js), run through msw (issues-msw.test.ts) and the loopback
// server (issues-server.test.ts): repositories, issues, comments, labels, identity by token,
// read-only tokens, the content-creation limit and the helpers for people's actions.
import { describe, expect, it } from 'vitest'
import {
  ARCHIVED_MESSAGE,
  BODY_MAX_CHARS,
  BODY_TOO_LONG_MESSAGE,
  FakeGitHub,
  GITHUB_ACTIONS_BOT,
  ISSUES_DISABLED_MESSAGE,
  READ_ONLY_MESSAGE,
  SECONDARY_MESSAGE,
  useIssues,
  type FakeGitHubOptions,
  type FakeIssues
} from '../../fake/index.js'
import { NOW, client, parseLink, relOrder } from './util.js'

export const PAT = 'ghp_seats'
export const WORKFLOW = 'ghs_workflow'
export const FORK = 'ghs_fork'
const REPO = '/repos/acme/notices'
const MARKER = '<!-- copilot-seats:notice org=acme -->'

type Mount = (gh: FakeGitHub) => Promise<string>

export function issuesSuite(mount: Mount) {
  let clock = new Date(NOW)

  async function fresh(opts: FakeGitHubOptions = {}) {
    clock = new Date(NOW)
    const gh = new FakeGitHub({
      now: () => clock,
      auth: {
        valid: [PAT],
        readOnly: [FORK],
        users: { [WORKFLOW]: GITHUB_ACTIONS_BOT, [PAT]: { login: 'admin' } }
      },
      ...opts
    })
    gh.addOrg('acme')
    gh.addSeat('acme', { login: 'admin' })
    const issues = useIssues(gh)
    issues.addRepo('acme/notices')
    const base = await mount(gh)
    return {
      gh,
      issues,
      base,
      bot: client(base, WORKFLOW),
      pat: client(base, PAT),
      fork: client(base, FORK)
    }
  }

  /** The action's tracking issue, made by the workflow token. */
  async function tracking(issues: FakeIssues, bot: ReturnType<typeof client>) {
    const r = await bot('POST', `${REPO}/issues`, {
      title: 'Copilot seats: idle users in acme',
      body: `${MARKER}\nidle: \`u1\``,
      labels: ['copilot-seats']
    })
    expect(r.status).toBe(201)
    return { number: r.json.number as number, issues }
  }

  describe('repositories', () => {
    it('GET /repos/{owner}/{repo}: private and visibility; unknown -> 404', async () => {
      const { issues, bot } = await fresh()
      issues.addRepo('acme/secret', { private: true })
      issues.addRepo('acme/inner', { visibility: 'internal' })
      const pub = await bot('GET', REPO)
      expect(pub.status).toBe(200)
      expect(pub.json).toMatchObject({
        name: 'notices',
        full_name: 'acme/notices',
        private: false,
        visibility: 'public',
        owner: { login: 'acme', type: 'Organization' },
        html_url: 'https://github.com/acme/notices',
        has_issues: true,
        archived: false
      })
      expect((await bot('GET', '/repos/ACME/Secret')).json).toMatchObject({
        full_name: 'acme/secret',
        private: true,
        visibility: 'private'
      })
      expect((await bot('GET', '/repos/acme/inner')).json).toMatchObject({
        private: true,
        visibility: 'internal'
      })
      const missing = await bot('GET', '/repos/acme/nope')
      expect(missing.status).toBe(404)
      expect(missing.json).toMatchObject({ message: 'Not Found', status: '404' })
      expect((await bot('GET', '/repos/acme/nope/issues')).status).toBe(404)
      expect(() => issues.addRepo('acme/x', { private: false, visibility: 'internal' })).toThrow()
      issues.addRepo('acme/notices', { visibility: 'private' })
      expect(issues.repo('acme/notices')!.private).toBe(true)
    })

    it('archived: writes 403; issues turned off: 410 on issues, pull-request comments still work', async () => {
      const { issues, bot } = await fresh()
      issues.addRepo('acme/old', { archived: true })
      expect((await bot('GET', '/repos/acme/old/issues')).status).toBe(200)
      const w = await bot('POST', '/repos/acme/old/issues', { title: 't' })
      expect(w.status).toBe(403)
      expect(w.json.message).toBe(ARCHIVED_MESSAGE)

      issues.addRepo('acme/code', { hasIssues: false })
      const pr = issues.addPullRequest('acme/code', { user: 'dev' })
      const off = await bot('POST', '/repos/acme/code/issues', { title: 't' })
      expect(off.status).toBe(410)
      expect(off.json.message).toBe(ISSUES_DISABLED_MESSAGE)
      expect((await bot('GET', '/repos/acme/code/issues')).status).toBe(410)
      const c = await bot('POST', `/repos/acme/code/issues/${pr.number}/comments`, { body: 'plan' })
      expect(c.status).toBe(201)
    })
  })

  describe('identity by token', () => {
    it("the author is the token's user: the workflow token is github-actions[bot]", async () => {
      const { gh, issues, bot, pat } = await fresh()
      const { number } = await tracking(issues, bot)
      const issue = (await bot('GET', `${REPO}/issues/${number}`)).json
      expect(issue.user).toMatchObject({
        login: 'github-actions[bot]',
        id: 41898282,
        type: 'Bot',
        html_url: 'https://github.com/apps/github-actions',
        node_id: Buffer.from('03:Bot41898282').toString('base64')
      })
      // a mapped user without an id has the fake's id for that login (the org member's)
      const c = await pat('POST', `${REPO}/issues/${number}/comments`, { body: 'hi' })
      const adminId = gh.seat('acme', 'admin')!.assignee!.id
      expect(c.json.user).toMatchObject({ login: 'admin', id: adminId, type: 'User' })
      // a token without a user of its own acts as token-user-N (stable per token)
      const gh2 = new FakeGitHub({ now: () => clock })
      const i2 = useIssues(gh2)
      expect(useIssues(gh2)).toBe(i2)
      i2.addRepo('o/r')
      const base2 = await mount(gh2)
      const a = client(base2, 'one')
      const b = client(base2, 'two')
      const first = await a('POST', '/repos/o/r/issues', { title: 'a' })
      const second = await b('POST', '/repos/o/r/issues', { title: 'b' })
      const again = await a('POST', '/repos/o/r/issues', { title: 'c' })
      expect(first.json.user.login).toBe('token-user-1')
      expect(second.json.user.login).toBe('token-user-2')
      expect(again.json.user).toEqual(first.json.user)
      expect(second.json.user.id).not.toBe(first.json.user.id)
    })

    it('auth.valid keeps its meaning; users and readOnly tokens are known tokens', async () => {
      const { base, fork } = await fresh()
      expect((await client(base, 'stranger')('GET', REPO)).status).toBe(401)
      expect((await client(base, null)('GET', REPO)).status).toBe(401)
      expect((await client(base, WORKFLOW)('GET', REPO)).status).toBe(200)
      expect((await fork('GET', REPO)).status).toBe(200)
    })

    it('a read-only token (fork pull request) reads but every write is 403', async () => {
      const { issues, bot, fork } = await fresh()
      const { number } = await tracking(issues, bot)
      const pr = issues.addPullRequest('acme/notices', { user: 'forker' })
      const comment = issues.addComment('acme/notices', number, { body: 'x', user: 'someone' })
      const writes: Array<[string, string, unknown]> = [
        ['POST', `${REPO}/issues`, { title: 't' }],
        ['PATCH', `${REPO}/issues/${number}`, { body: 'b' }],
        ['POST', `${REPO}/issues/${pr.number}/comments`, { body: 'plan' }],
        ['PATCH', `${REPO}/issues/comments/${comment.id}`, { body: 'b' }],
        ['POST', `${REPO}/labels`, { name: 'x' }],
        ['POST', '/orgs/acme/copilot/billing/selected_users', { selected_usernames: ['admin'] }]
      ]
      for (const [method, path, body] of writes) {
        const r = await fork(method, path, body)
        expect(r.status, `${method} ${path}`).toBe(403)
        expect(r.json).toMatchObject({ message: READ_ONLY_MESSAGE, status: '403' })
      }
      expect((await fork('GET', `${REPO}/issues/${pr.number}/comments`)).status).toBe(200)
      expect(issues.comments('acme/notices', pr.number)).toEqual([])
      expect(issues.issues('acme/notices')).toHaveLength(2)
    })
  })

  describe('issues', () => {
    it('POST creates (201, Location, shape); missing labels are created', async () => {
      const { issues, bot } = await fresh()
      const r = await bot('POST', `${REPO}/issues`, {
        title: 'Copilot seats',
        body: 'b',
        labels: ['copilot-seats', { name: 'Ops' }]
      })
      expect(r.status).toBe(201)
      expect(r.headers.get('location')).toBe('https://api.github.com/repos/acme/notices/issues/1')
      expect(r.json).toMatchObject({
        number: 1,
        title: 'Copilot seats',
        body: 'b',
        state: 'open',
        comments: 0,
        created_at: '2026-11-23T12:00:00Z',
        updated_at: '2026-11-23T12:00:00Z',
        closed_at: null,
        html_url: 'https://github.com/acme/notices/issues/1',
        url: 'https://api.github.com/repos/acme/notices/issues/1',
        comments_url: 'https://api.github.com/repos/acme/notices/issues/1/comments',
        state_reason: null
      })
      expect(r.json.pull_request).toBeUndefined()
      expect(r.json.labels.map((l: any) => [l.name, l.color])).toEqual([
        ['copilot-seats', 'ededed'],
        ['Ops', 'ededed']
      ])
      expect(issues.labels('acme/notices').map((l) => l.name)).toEqual(['copilot-seats', 'Ops'])
      const noBody = await bot('POST', `${REPO}/issues`, { title: 'x' })
      expect(noBody.json).toMatchObject({ number: 2, body: null, labels: [] })
    })

    it('422 for a missing title, bad labels, and a body over 65,536 characters', async () => {
      const { issues, bot } = await fresh()
      const t = await bot('POST', `${REPO}/issues`, { body: 'b' })
      expect(t.status).toBe(422)
      expect(t.json).toMatchObject({
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }],
        status: '422'
      })
      expect((await bot('POST', `${REPO}/issues`, { title: 't', labels: 'x' })).status).toBe(422)
      const long = await bot('POST', `${REPO}/issues`, {
        title: 't',
        body: 'x'.repeat(BODY_MAX_CHARS + 1)
      })
      expect(long.status).toBe(422)
      expect(long.json.errors).toEqual([
        { resource: 'Issue', code: 'custom', field: 'body', message: BODY_TOO_LONG_MESSAGE }
      ])
      // at the limit is fine; characters are code points (an emoji is one)
      const exact = await bot('POST', `${REPO}/issues`, {
        title: 't',
        body: '😀'.repeat(BODY_MAX_CHARS)
      })
      expect(exact.status).toBe(201)
      expect(issues.issues('acme/notices')).toHaveLength(1)
    })

    it('GET list: open by default, labels (all), creator, pull requests marked, sort and direction', async () => {
      const { issues, bot } = await fresh()
      const { number } = await tracking(issues, bot) // #1 by the bot, labelled, 12:00
      clock = new Date(NOW.getTime() + 60_000)
      issues.addIssue('acme/notices', { title: 'someone else', labels: ['copilot-seats'] }) // #2
      const pr = issues.addPullRequest('acme/notices', { user: 'dev' }) // #3
      issues.addIssue('acme/notices', { title: 'done', state: 'closed' }) // #4
      issues.addIssue('acme/notices', {
        title: 'old',
        labels: ['copilot-seats', 'x'],
        created_at: '2026-01-01T00:00:00Z'
      }) // #5

      const open = await bot('GET', `${REPO}/issues`)
      expect(open.status).toBe(200)
      expect(open.json.map((i: any) => i.number)).toEqual([3, 2, 1, 5]) // created desc
      const prJson = open.json.find((i: any) => i.number === pr.number)
      expect(prJson.pull_request).toMatchObject({
        url: 'https://api.github.com/repos/acme/notices/pulls/3',
        html_url: 'https://github.com/acme/notices/pull/3',
        merged_at: null
      })
      expect(prJson.html_url).toBe('https://github.com/acme/notices/pull/3')

      const q = (s: string) =>
        bot('GET', `${REPO}/issues?${s}`).then((r) => r.json.map((i: any) => i.number))
      expect(await q('labels=copilot-seats&state=open&sort=created&direction=asc')).toEqual([
        5,
        number,
        2
      ])
      expect(await q('labels=COPILOT-SEATS,x')).toEqual([5])
      expect(await q('creator=github-actions%5Bbot%5D&labels=copilot-seats')).toEqual([1])
      expect(await q('creator=nobody')).toEqual([])
      expect(await q('state=closed')).toEqual([4])
      expect(await q('state=all&direction=asc')).toEqual([5, 1, 2, 3, 4])
      expect(await q('since=2026-11-23T12:00:30Z&state=all&direction=asc')).toEqual([2, 3, 4])
      const bad = await bot('GET', `${REPO}/issues?state=shut`)
      expect(bad.status).toBe(422)
      expect(bad.json.errors[0]).toMatchObject({ field: 'state', code: 'invalid' })
    })

    it('GET list paginates with Link headers (default 30, at most 100)', async () => {
      const { issues, bot, base } = await fresh()
      for (let i = 1; i <= 205; i++) issues.addIssue('acme/notices', { title: `i${i}` })
      const p1 = await bot('GET', `${REPO}/issues?state=open&per_page=100&direction=asc`)
      expect(p1.json).toHaveLength(100)
      expect(relOrder(p1.headers.get('link'))).toEqual(['next', 'last'])
      expect(parseLink(p1.headers.get('link'))).toEqual({
        next: `${base}${REPO}/issues?state=open&per_page=100&direction=asc&page=2`,
        last: `${base}${REPO}/issues?state=open&per_page=100&direction=asc&page=3`
      })
      const seen: number[] = []
      let next: string | undefined = `${base}${REPO}/issues?per_page=100&direction=asc`
      while (next) {
        const r = await bot('GET', next.slice(base.length))
        seen.push(...r.json.map((i: any) => i.number))
        next = parseLink(r.headers.get('link')).next
      }
      expect(seen).toEqual(Array.from({ length: 205 }, (_, i) => i + 1))
      const p3 = await bot('GET', `${REPO}/issues?per_page=100&page=3`)
      expect(relOrder(p3.headers.get('link'))).toEqual(['prev', 'first'])
      expect((await bot('GET', `${REPO}/issues`)).json).toHaveLength(30)
      expect((await bot('GET', `${REPO}/issues?per_page=500`)).json).toHaveLength(100)
      expect((await bot('GET', `${REPO}/issues?per_page=100&page=9`)).json).toEqual([])
      expect((await bot('GET', `${REPO}/issues?per_page=300&page=2`)).json).toHaveLength(100)
    })

    it('GET one; PATCH title, body, labels, state (closed_at, closed_by, state_reason)', async () => {
      const { issues, bot } = await fresh()
      const { number } = await tracking(issues, bot)
      expect((await bot('GET', `${REPO}/issues/${number}`)).json.title).toBe(
        'Copilot seats: idle users in acme'
      )
      expect((await bot('GET', `${REPO}/issues/99`)).status).toBe(404)
      expect((await bot('GET', `${REPO}/issues/abc`)).status).toBe(404)

      clock = new Date(NOW.getTime() + 3_600_000)
      const p = await bot('PATCH', `${REPO}/issues/${number}`, {
        title: 'new title',
        body: 'new body',
        labels: ['copilot-seats', 'extra']
      })
      expect(p.status).toBe(200)
      expect(p.json).toMatchObject({
        title: 'new title',
        body: 'new body',
        created_at: '2026-11-23T12:00:00Z',
        updated_at: '2026-11-23T13:00:00Z'
      })
      expect(p.json.labels.map((l: any) => l.name)).toEqual(['copilot-seats', 'extra'])
      const long = await bot('PATCH', `${REPO}/issues/${number}`, {
        body: 'x'.repeat(BODY_MAX_CHARS + 1)
      })
      expect(long.status).toBe(422)
      expect((await bot('PATCH', `${REPO}/issues/${number}`, { state: 'gone' })).status).toBe(422)

      const closed = await bot('PATCH', `${REPO}/issues/${number}`, {
        state: 'closed',
        state_reason: 'not_planned'
      })
      expect(closed.json).toMatchObject({
        state: 'closed',
        closed_at: '2026-11-23T13:00:00Z',
        state_reason: 'not_planned',
        closed_by: { login: 'github-actions[bot]' }
      })
      const reopened = await bot('PATCH', `${REPO}/issues/${number}`, { state: 'open' })
      expect(reopened.json).toMatchObject({
        state: 'open',
        closed_at: null,
        state_reason: 'reopened'
      })
      expect(issues.issue('acme/notices', number)!.body).toBe('new body')
    })
  })

  describe('comments', () => {
    it('POST (201, shape); the issue counts it and moves its updated_at', async () => {
      const { issues, bot } = await fresh()
      const { number } = await tracking(issues, bot)
      clock = new Date(NOW.getTime() + 5_000)
      const c = await bot('POST', `${REPO}/issues/${number}/comments`, {
        body: `${MARKER}\n@u1 your seat...`
      })
      expect(c.status).toBe(201)
      expect(c.headers.get('location')).toBe(
        `https://api.github.com/repos/acme/notices/issues/comments/${c.json.id}`
      )
      expect(c.json).toMatchObject({
        body: `${MARKER}\n@u1 your seat...`,
        user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
        created_at: '2026-11-23T12:00:05Z',
        updated_at: '2026-11-23T12:00:05Z',
        html_url: `https://github.com/acme/notices/issues/${number}#issuecomment-${c.json.id}`,
        issue_url: `https://api.github.com/repos/acme/notices/issues/${number}`,
        url: `https://api.github.com/repos/acme/notices/issues/comments/${c.json.id}`
      })
      expect(typeof c.json.id).toBe('number')
      expect((await bot('GET', `${REPO}/issues/comments/${c.json.id}`)).json).toEqual(c.json)
      const issue = (await bot('GET', `${REPO}/issues/${number}`)).json
      expect(issue).toMatchObject({ comments: 1, updated_at: '2026-11-23T12:00:05Z' })

      expect((await bot('POST', `${REPO}/issues/${number}/comments`, {})).json.errors).toEqual([
        { resource: 'IssueComment', code: 'missing_field', field: 'body' }
      ])
      const long = await bot('POST', `${REPO}/issues/${number}/comments`, {
        body: 'x'.repeat(BODY_MAX_CHARS + 1)
      })
      expect(long.status).toBe(422)
      expect(long.json.errors[0].message).toBe(BODY_TOO_LONG_MESSAGE)
      expect((await bot('POST', `${REPO}/issues/77/comments`, { body: 'x' })).status).toBe(404)
      expect((await bot('GET', `${REPO}/issues/comments/123`)).status).toBe(404)
    })

    it('GET list: oldest first, paginated (default 30, at most 100), since', async () => {
      const { issues, bot, base } = await fresh()
      const { number } = await tracking(issues, bot)
      for (let i = 1; i <= 130; i++) {
        clock = new Date(NOW.getTime() + i * 1000)
        issues.addComment('acme/notices', number, { body: `c${i}`, user: 'someone' })
      }
      const path = `${REPO}/issues/${number}/comments`
      const def = await bot('GET', path)
      expect(def.json.map((c: any) => c.body)).toEqual(
        Array.from({ length: 30 }, (_, i) => `c${i + 1}`)
      )
      expect(parseLink(def.headers.get('link')).last).toBe(`${base}${path}?page=5`)
      const p1 = await bot('GET', `${path}?per_page=250`)
      expect(p1.json).toHaveLength(100)
      const p2 = await bot('GET', parseLink(p1.headers.get('link')).next!.slice(base.length))
      expect(p2.json.map((c: any) => c.body)).toEqual(
        Array.from({ length: 30 }, (_, i) => `c${i + 101}`)
      )
      expect(relOrder(p2.headers.get('link'))).toEqual(['prev', 'first'])
      const since = await bot('GET', `${path}?since=2026-11-23T12:02:08Z&per_page=100`)
      expect(since.json.map((c: any) => c.body)).toEqual(['c128', 'c129', 'c130'])
      expect(since.headers.get('link')).toBeNull()
    })

    it('PATCH changes the body and updated_at, never created_at', async () => {
      const { issues, bot } = await fresh()
      const { number } = await tracking(issues, bot)
      const c = (await bot('POST', `${REPO}/issues/${number}/comments`, { body: 'v1' })).json
      // frozen clock: an edit is still later than the creation
      const e1 = await bot('PATCH', `${REPO}/issues/comments/${c.id}`, { body: 'v2' })
      expect(e1.status).toBe(200)
      expect(e1.json).toMatchObject({
        id: c.id,
        body: 'v2',
        created_at: c.created_at,
        updated_at: '2026-11-23T12:00:01Z'
      })
      clock = new Date('2026-11-24T08:00:00Z')
      const e2 = await bot('PATCH', `${REPO}/issues/comments/${c.id}`, { body: 'v3' })
      expect(e2.json).toMatchObject({
        body: 'v3',
        created_at: '2026-11-23T12:00:00Z',
        updated_at: '2026-11-24T08:00:00Z'
      })
      expect(issues.comment(c.id)).toEqual(e2.json)
      expect((await bot('PATCH', `${REPO}/issues/comments/${c.id}`, { body: '' })).status).toBe(422)
      expect(
        (await bot('PATCH', '/repos/acme/notices/issues/comments/1', { body: 'x' })).status
      ).toBe(404)
    })

    it('pull-request conversation comments use the issue-comment endpoints', async () => {
      const { issues, bot } = await fresh()
      const pr = issues.addPullRequest('acme/notices', { user: 'dev', title: 'Add alice' })
      const path = `${REPO}/issues/${pr.number}/comments`
      const c = await bot('POST', path, { body: '<!-- copilot-seats:pr org=acme mode=sync -->' })
      expect(c.status).toBe(201)
      expect(c.json.html_url).toBe(
        `https://github.com/acme/notices/pull/${pr.number}#issuecomment-${c.json.id}`
      )
      clock = new Date(NOW.getTime() + 60_000)
      await bot('PATCH', `${REPO}/issues/comments/${c.json.id}`, { body: 'updated plan' })
      const list = (await bot('GET', path)).json
      expect(list).toHaveLength(1)
      expect(list[0]).toMatchObject({ body: 'updated plan', updated_at: '2026-11-23T12:01:00Z' })
    })
  })

  describe('labels', () => {
    it('POST 201; an existing name (any case) is 422 already_exists; GET by name', async () => {
      const { bot, issues } = await fresh()
      const r = await bot('POST', `${REPO}/labels`, {
        name: 'copilot seats',
        color: 'A0B1C2',
        description: 'Copilot seat notices'
      })
      expect(r.status).toBe(201)
      expect(r.json).toMatchObject({
        name: 'copilot seats',
        color: 'a0b1c2',
        description: 'Copilot seat notices',
        default: false,
        url: 'https://api.github.com/repos/acme/notices/labels/copilot%20seats'
      })
      const again = await bot('POST', `${REPO}/labels`, { name: 'Copilot Seats' })
      expect(again.status).toBe(422)
      expect(again.json).toMatchObject({
        message: 'Validation Failed',
        errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
        status: '422'
      })
      expect((await bot('GET', `${REPO}/labels/COPILOT%20SEATS`)).json.id).toBe(r.json.id)
      const missing = await bot('GET', `${REPO}/labels/nope`)
      expect(missing.status).toBe(404)
      expect((await bot('POST', `${REPO}/labels`, { name: 'x', color: '#fff' })).status).toBe(422)
      expect((await bot('POST', `${REPO}/labels`, {})).json.errors[0].code).toBe('missing_field')
      expect((await bot('POST', `${REPO}/labels`, { name: 'plain' })).json.color).toBe('ededed')
      expect(issues.labels('acme/notices').map((l) => l.name)).toEqual(['copilot seats', 'plain'])
    })
  })

  describe('content-creation limit', () => {
    it('refuses the 81st content-creating request in a minute (403 secondary, retry-after), per user', async () => {
      const { gh, issues, bot, pat } = await fresh({
        limits: { enforceContent: true }
      })
      const { number } = await tracking(issues, bot) // 1
      const path = `${REPO}/issues/${number}/comments`
      for (let i = 2; i <= 80; i++) {
        const r = await bot('POST', path, { body: `notice ${i}` })
        expect(r.status, `request ${i}`).toBe(201)
      }
      // reads, edits and labels are not content creation
      expect((await bot('GET', path)).status).toBe(200)
      expect((await bot('PATCH', `${REPO}/issues/${number}`, { body: 'b' })).status).toBe(200)
      expect((await bot('POST', `${REPO}/labels`, { name: 'another' })).status).toBe(201)

      const r81 = await bot('POST', path, { body: 'notice 81' })
      expect(r81.status).toBe(403)
      expect(r81.json.message).toMatch(/\bsecondary rate limit\b/)
      expect(r81.json.message.startsWith(SECONDARY_MESSAGE)).toBe(true)
      expect(r81.json.message).toContain(r81.headers.get('x-github-request-id'))
      expect(r81.headers.get('x-fake-secondary-reason')).toBe('content')
      const wait = Number(r81.headers.get('retry-after'))
      expect(wait).toBeGreaterThanOrEqual(1)
      expect(wait).toBeLessThanOrEqual(60)
      expect((await bot('POST', `${REPO}/issues`, { title: 'x' })).status).toBe(403)
      expect(issues.comments('acme/notices', number)).toHaveLength(79)
      expect(issues.stats).toEqual({ contentCreated: 80, contentLimited: 2 })
      expect(gh.stats.secondaryLimited).toBe(2)
      // another user has a budget of its own
      expect((await pat('POST', path, { body: 'by admin' })).status).toBe(201)
    })

    it('an hourly budget too; the windows can run on the fake clock', async () => {
      const { issues, bot } = await fresh({
        limits: {
          enforceContent: true,
          contentPerMinute: 3,
          contentPerHour: 5,
          contentClock: 'fake'
        }
      })
      const { number } = await tracking(issues, bot)
      const post = () => bot('POST', `${REPO}/issues/${number}/comments`, { body: 'n' })
      expect((await post()).status).toBe(201)
      expect((await post()).status).toBe(201)
      const m = await post()
      expect(m.status).toBe(403)
      expect(m.headers.get('retry-after')).toBe('60')
      clock = new Date(NOW.getTime() + 60_000)
      expect((await post()).status).toBe(201)
      expect((await post()).status).toBe(201)
      const h = await post() // 5 in the hour
      expect(h.status).toBe(403)
      expect(Number(h.headers.get('retry-after'))).toBe(3600 - 60)
      clock = new Date(NOW.getTime() + 3_600_000)
      expect((await post()).status).toBe(201)
    })

    it('on with limits.enforce, off by default; retryAfterSeconds null drops retry-after', async () => {
      const on = await fresh({
        limits: { enforce: true, writeSpacingMs: 0, contentPerMinute: 1, retryAfterSeconds: null }
      })
      expect((await on.bot('POST', `${REPO}/issues`, { title: 'a' })).status).toBe(201)
      const r = await on.bot('POST', `${REPO}/issues`, { title: 'b' })
      expect(r.status).toBe(403)
      expect(r.headers.get('retry-after')).toBeNull()

      const off = await fresh({ limits: { contentPerMinute: 1 } })
      for (let i = 0; i < 3; i++)
        expect((await off.bot('POST', `${REPO}/issues`, { title: 'a' })).status).toBe(201)
      const split = await fresh({
        limits: { enforce: true, writeSpacingMs: 0, enforceContent: false, contentPerMinute: 1 }
      })
      for (let i = 0; i < 3; i++)
        expect((await split.bot('POST', `${REPO}/issues`, { title: 'a' })).status).toBe(201)
    })
  })

  describe("helpers for people's actions", () => {
    it('a person comments (with the marker), edits, deletes; readers see it', async () => {
      const { issues, bot } = await fresh()
      const { number } = await tracking(issues, bot)
      const forged = issues.addComment('acme/notices', number, {
        body: `${MARKER}\n<!-- {"logins":["victim"]} -->`,
        user: 'mallory'
      })
      expect(forged.user).toMatchObject({ login: 'mallory', type: 'User' })
      const notice = (await bot('POST', `${REPO}/issues/${number}/comments`, { body: 'notice' }))
        .json
      const edited = issues.editComment(notice.id, 'notice, edited')
      expect(edited.created_at).toBe('2026-11-23T12:00:00Z')
      expect(edited.updated_at).toBe('2026-11-23T12:00:01Z') // later than created_at, frozen clock
      expect(
        issues.editComment(notice.id, 'again', { at: '2026-11-30T00:00:00Z' }).updated_at
      ).toBe('2026-11-30T00:00:00Z')
      const listed = (await bot('GET', `${REPO}/issues/${number}/comments`)).json
      expect(listed.map((c: any) => [c.user.login, c.body])).toEqual([
        ['mallory', forged.body],
        ['github-actions[bot]', 'again']
      ])
      expect(listed[1].updated_at).toBe('2026-11-30T00:00:00Z')
      issues.deleteComment(forged.id)
      expect(issues.comments('acme/notices', number).map((c) => c.id)).toEqual([notice.id])
      expect((await bot('GET', `${REPO}/issues/comments/${forged.id}`)).status).toBe(404)
    })

    it('a person closes the tracking issue: it leaves the open list', async () => {
      const { issues, bot } = await fresh()
      const { number } = await tracking(issues, bot)
      clock = new Date(NOW.getTime() + 86_400_000)
      const closed = issues.closeIssue('acme/notices', number, { user: 'admin' })
      expect(closed).toMatchObject({
        state: 'closed',
        closed_at: '2026-11-24T12:00:00Z',
        closed_by: { login: 'admin' },
        state_reason: 'completed'
      })
      const open = await bot('GET', `${REPO}/issues?labels=copilot-seats&state=open`)
      expect(open.json).toEqual([])
      expect(issues.issues('acme/notices', { state: 'closed' }).map((i) => i.number)).toEqual([
        number
      ])
      expect(issues.reopenIssue('acme/notices', number).state).toBe('open')
      const edited = issues.editIssue('acme/notices', number, { body: 'a person wrote here' })
      expect(edited.body).toBe('a person wrote here')
    })

    it('backdating ages a notice and an issue without moving the clock', async () => {
      const { issues, bot } = await fresh()
      const { number } = await tracking(issues, bot)
      const notice = (await bot('POST', `${REPO}/issues/${number}/comments`, { body: 'notice' }))
        .json
      const aged = issues.backdateComment(notice.id, new Date('2026-11-10T09:00:00Z'))
      expect(aged).toMatchObject({
        created_at: '2026-11-10T09:00:00Z',
        updated_at: '2026-11-10T09:00:00Z'
      })
      issues.backdateComment(notice.id, '2026-11-10T09:00:00Z', {
        updatedAt: '2026-11-11T09:00:00Z'
      })
      const c = (await bot('GET', `${REPO}/issues/${number}/comments`)).json[0]
      expect(c).toMatchObject({
        created_at: '2026-11-10T09:00:00Z',
        updated_at: '2026-11-11T09:00:00Z'
      })
      issues.backdateIssue('acme/notices', number, '2026-10-01T00:00:00Z')
      const i = (await bot('GET', `${REPO}/issues/${number}`)).json
      expect(i).toMatchObject({
        created_at: '2026-10-01T00:00:00Z',
        updated_at: '2026-10-01T00:00:00Z'
      })
      // a later comment moves the issue's updated_at again
      await bot('POST', `${REPO}/issues/${number}/comments`, { body: 'n2' })
      expect(issues.issue('acme/notices', number)!.updated_at).toBe('2026-11-23T12:00:00Z')
      expect(() => issues.backdateComment(notice.id, 'not a date')).toThrow(/not a date/)
      expect(() => issues.comments('acme/other', 1)).toThrow(/addRepo/)
    })
  })
}
