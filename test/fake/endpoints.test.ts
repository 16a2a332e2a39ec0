import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setupServer } from 'msw/node'
import {
  FakeGitHub,
  createMswHandlers,
  nextBillingCycleStart,
  POLICY_MESSAGE_USERS_POST,
  VIA_TEAM_MESSAGE
} from '../../fake/index.js'
import { NOW, client, parseLink, relOrder } from './util.js'

const BASE = 'https://api.github.com'
let gh: FakeGitHub
let clock: Date
const server = setupServer()

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

function use(g: FakeGitHub, base = BASE) {
  gh = g
  server.use(...createMswHandlers(g, base))
}

function seed7() {
  clock = new Date(NOW)
  const g = new FakeGitHub({ now: () => clock })
  g.addOrg('acme')
  for (let i = 1; i <= 7; i++)
    g.addSeat('acme', { login: `u${i}`, created_at: '2026-01-01T00:00:00Z' })
  use(g)
  return g
}

const api = client(BASE)

describe('seat listing and pagination', () => {
  beforeEach(() => {
    seed7()
  })

  it('builds Link headers in GitHub order across pages, absolute, keeping per_page', async () => {
    const p1 = await api('GET', '/orgs/acme/copilot/billing/seats?per_page=3')
    expect(p1.status).toBe(200)
    expect(p1.json.total_seats).toBe(7)
    expect(p1.json.seats.map((s: any) => s.assignee.login)).toEqual(['u1', 'u2', 'u3'])
    expect(relOrder(p1.headers.get('link'))).toEqual(['next', 'last'])
    expect(parseLink(p1.headers.get('link'))).toEqual({
      next: `${BASE}/orgs/acme/copilot/billing/seats?per_page=3&page=2`,
      last: `${BASE}/orgs/acme/copilot/billing/seats?per_page=3&page=3`
    })

    const p2 = await api('GET', '/orgs/acme/copilot/billing/seats?per_page=3&page=2')
    expect(p2.headers.get('link')).toBe(
      `<${BASE}/orgs/acme/copilot/billing/seats?per_page=3&page=1>; rel="prev", ` +
        `<${BASE}/orgs/acme/copilot/billing/seats?per_page=3&page=3>; rel="next", ` +
        `<${BASE}/orgs/acme/copilot/billing/seats?per_page=3&page=3>; rel="last", ` +
        `<${BASE}/orgs/acme/copilot/billing/seats?per_page=3&page=1>; rel="first"`
    )

    const p3 = await api('GET', '/orgs/acme/copilot/billing/seats?per_page=3&page=3')
    expect(relOrder(p3.headers.get('link'))).toEqual(['prev', 'first'])
    expect(p3.json.seats.map((s: any) => s.assignee.login)).toEqual(['u7'])

    const past = await api('GET', '/orgs/acme/copilot/billing/seats?per_page=3&page=9')
    expect(past.json).toEqual({ total_seats: 7, seats: [] })
  })

  it('omits Link when everything fits on one page; default per_page 50; clamps to 100', async () => {
    const one = await api('GET', '/orgs/acme/copilot/billing/seats')
    expect(one.headers.get('link')).toBeNull()
    expect(one.json.seats).toHaveLength(7)

    for (let i = 8; i <= 250; i++) gh.addSeat('acme', { login: `u${i}` })
    const def = await api('GET', '/orgs/acme/copilot/billing/seats')
    expect(def.json.seats).toHaveLength(50)
    expect(parseLink(def.headers.get('link')).last).toBe(
      `${BASE}/orgs/acme/copilot/billing/seats?page=5`
    )

    const clamped = await api('GET', '/orgs/acme/copilot/billing/seats?per_page=500')
    expect(clamped.json.seats).toHaveLength(100)
    expect(clamped.json.total_seats).toBe(250)
    expect(parseLink(clamped.headers.get('link')).last).toBe(
      `${BASE}/orgs/acme/copilot/billing/seats?per_page=500&page=3`
    )
  })

  it('serialises seats like the API (assignee, team object, null assignee)', async () => {
    gh.addTeam('acme', 'eng', { name: 'Engineering' })
    gh.addSeat('acme', {
      login: 'teamy',
      team: 'eng',
      last_activity_editor: 'vscode/1.95.3/copilot/1.245.0'
    })
    gh.addSeat('acme', { login: null })
    const r = await api('GET', '/orgs/acme/copilot/billing/seats?per_page=100')
    const t = r.json.seats.find((s: any) => s.assignee?.login === 'teamy')
    expect(Object.keys(t).sort()).toEqual(
      [
        'assignee',
        'assigning_team',
        'created_at',
        'last_activity_at',
        'last_activity_editor',
        'last_authenticated_at',
        'pending_cancellation_date',
        'plan_type',
        'updated_at'
      ].sort()
    )
    expect(t.assignee).toMatchObject({ login: 'teamy', type: 'User', site_admin: false })
    expect(typeof t.assignee.id).toBe('number')
    expect(t.assigning_team).toMatchObject({
      slug: 'eng',
      name: 'Engineering',
      parent: null,
      type: 'organization'
    })
    for (const k of [
      'id',
      'node_id',
      'url',
      'html_url',
      'description',
      'privacy',
      'permission',
      'members_url',
      'repositories_url'
    ]) {
      expect(t.assigning_team).toHaveProperty(k)
    }
    expect(r.json.seats.at(-1).assignee).toBeNull()
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8')
    for (const h of [
      'x-github-request-id',
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-used',
      'x-ratelimit-reset',
      'x-ratelimit-resource'
    ]) {
      expect(r.headers.get(h)).toBeTruthy()
    }
  })

  it('is case-insensitive on org and decodes path segments; unknown org / route 404', async () => {
    expect((await api('GET', '/orgs/ACME/copilot/billing/seats')).status).toBe(200)
    expect((await api('GET', '/orgs/%61cme/copilot/billing/seats')).status).toBe(200)
    const nf = await api('GET', '/orgs/nope/copilot/billing/seats')
    expect(nf.status).toBe(404)
    expect(nf.json).toMatchObject({ message: 'Not Found', status: '404' })
    expect(nf.json.documentation_url).toMatch(/^https:\/\/docs\.github\.com\//)
    expect((await api('GET', '/orgs/acme/copilot/usage')).status).toBe(404)
  })

  it('lets hooks mutate state between page fetches', async () => {
    gh.onRequest((req, g) => {
      if (req.query.page === '2') g.addSeat('acme', { login: 'late' })
    })
    await api('GET', '/orgs/acme/copilot/billing/seats?per_page=3')
    const p2 = await api('GET', '/orgs/acme/copilot/billing/seats?per_page=3&page=2')
    expect(p2.json.total_seats).toBe(8)
    expect(gh.requests.map((r) => r.query.page ?? '1')).toEqual(['1', '2'])
  })
})

describe('auth, GHES and prefix', () => {
  it('401 without or with a bad token, 403 for non-owners', async () => {
    const g = new FakeGitHub({ auth: { valid: ['good'], forbidden: ['member'] } })
    g.addOrg('acme')
    use(g)
    expect((await client(BASE, null)('GET', '/orgs/acme/copilot/billing')).json).toMatchObject({
      message: 'Requires authentication',
      status: '401'
    })
    expect((await client(BASE, 'bad')('GET', '/orgs/acme/copilot/billing')).json.message).toBe(
      'Bad credentials'
    )
    expect((await client(BASE, 'member')('GET', '/orgs/acme/copilot/billing')).status).toBe(403)
    expect((await client(BASE, 'good')('GET', '/orgs/acme/copilot/billing')).status).toBe(200)
  })

  it('GHES mode 404s copilot paths under a path prefix, links keep the prefix', async () => {
    const ghesBase = 'https://ghes.example.com/api/v3'
    const g = new FakeGitHub({ ghes: true, pathPrefix: '/api/v3' })
    g.addOrg('acme')
    g.addMember('acme', 'a')
    use(g, ghesBase)
    const c = client(ghesBase)
    expect((await c('GET', '/orgs/acme/copilot/billing/seats')).status).toBe(404)
    expect((await c('GET', '/orgs/acme/members/a')).status).toBe(204)

    const g2 = new FakeGitHub({ pathPrefix: '/api/v3' })
    g2.addOrg('acme')
    for (let i = 0; i < 3; i++) g2.addSeat('acme', { login: `p${i}` })
    use(g2, ghesBase)
    const r = await c('GET', '/orgs/acme/copilot/billing/seats?per_page=2')
    expect(parseLink(r.headers.get('link')).next).toBe(
      `${ghesBase}/orgs/acme/copilot/billing/seats?per_page=2&page=2`
    )
    expect(g2.requests[0]!.path).toBe('/orgs/acme/copilot/billing/seats')
  })
})

describe('org details and seat details', () => {
  beforeEach(() => {
    clock = new Date(NOW)
    const g = new FakeGitHub({ now: () => clock })
    g.addOrg('acme')
    g.addSeat('acme', {
      login: 'active',
      created_at: '2026-11-02T00:00:00Z',
      last_activity_at: '2026-11-20T00:00:00Z'
    })
    g.addSeat('acme', {
      login: 'old',
      created_at: '2025-01-01T00:00:00Z',
      last_activity_at: '2026-01-01T00:00:00-06:00'
    })
    g.addSeat('acme', {
      login: 'leaving',
      created_at: '2025-01-01T00:00:00Z',
      pending_cancellation_date: '2026-12-01'
    })
    g.addMember('acme', 'invitee', { pendingInvitation: true })
    g.addMember('acme', 'plain')
    use(g)
  })

  it('reports a consistent seat_breakdown and policy', async () => {
    const r = await api('GET', '/orgs/acme/copilot/billing')
    expect(r.json).toMatchObject({
      seat_breakdown: {
        total: 3,
        added_this_cycle: 1,
        pending_invitation: 1,
        pending_cancellation: 1,
        active_this_cycle: 1,
        inactive_this_cycle: 2
      },
      seat_management_setting: 'assign_selected',
      public_code_suggestions: 'block',
      plan_type: 'business'
    })
    gh.setPolicy('acme', { billingConfigured: false })
    expect((await api('GET', '/orgs/acme/copilot/billing')).status).toBe(422)
  })

  it('GET member seat: 200 with organization, 404 without seat, 422 for invitee or disabled', async () => {
    const r = await api('GET', '/orgs/acme/members/Active/copilot')
    expect(r.status).toBe(200)
    expect(r.json.organization.login).toBe('acme')
    expect(r.json.assignee.login).toBe('active')
    expect((await api('GET', '/orgs/acme/members/plain/copilot')).status).toBe(404)
    expect((await api('GET', '/orgs/acme/members/stranger/copilot')).status).toBe(404)
    expect((await api('GET', '/orgs/acme/members/invitee/copilot')).status).toBe(422)
    gh.setPolicy('acme', { seat_management_setting: 'disabled' })
    expect((await api('GET', '/orgs/acme/members/active/copilot')).status).toBe(422)
  })

  it('membership: 204 for members, 404 for invitees and strangers', async () => {
    expect((await api('GET', '/orgs/acme/members/plain')).status).toBe(204)
    expect((await api('GET', '/orgs/acme/members/invitee')).status).toBe(404)
    expect((await api('GET', '/orgs/acme/members/stranger')).status).toBe(404)
    expect(gh.members('acme')).not.toContain('invitee')
  })

  it('expires pending seats on their date', async () => {
    clock = new Date('2026-12-01T00:00:01Z')
    const r = await api('GET', '/orgs/acme/copilot/billing/seats')
    expect(r.json.total_seats).toBe(2)
    expect(gh.seat('acme', 'leaving')).toBeUndefined()
  })
})

describe('per-user assign and cancel', () => {
  beforeEach(() => {
    clock = new Date(NOW)
    const g = new FakeGitHub({ now: () => clock })
    g.addOrg('acme')
    g.addMember('acme', 'newbie')
    g.addMember('acme', 'invitee', { pendingInvitation: true })
    g.addSeat('acme', { login: 'direct', created_at: '2025-01-01T00:00:00Z' })
    g.addSeat('acme', {
      login: 'pend',
      created_at: '2025-01-01T00:00:00Z',
      pending_cancellation_date: '2026-12-01'
    })
    g.addTeam('acme', 'eng')
    g.addSeat('acme', { login: 'viateam', team: 'eng', created_at: '2025-01-01T00:00:00Z' })
    use(g)
  })

  it('POST creates, restores and refreshes; counts all of them', async () => {
    const r = await api('POST', '/orgs/acme/copilot/billing/selected_users', {
      selected_usernames: ['newbie', 'pend', 'direct', 'viateam']
    })
    expect(r.status).toBe(201)
    expect(r.json).toEqual({ seats_created: 4 })
    const now = '2026-11-23T12:00:00Z'
    expect(gh.seat('acme', 'newbie')).toMatchObject({
      created_at: now,
      last_activity_at: null,
      assigning_team: null
    })
    expect(gh.seat('acme', 'pend')!.pending_cancellation_date).toBeNull()
    expect(gh.seat('acme', 'direct')!.created_at).toBe(now)
    // via team + direct now: per-user DELETE allowed
    const d = await api('DELETE', '/orgs/acme/copilot/billing/selected_users', {
      selected_usernames: ['viateam']
    })
    expect(d.json).toEqual({ seats_cancelled: 1 })
  })

  it('POST with a non-member or invitee is a 422 naming the login, with no change', async () => {
    const before = gh.seats('acme')
    for (const who of ['ghost', 'invitee']) {
      const r = await api('POST', '/orgs/acme/copilot/billing/selected_users', {
        selected_usernames: ['newbie', who]
      })
      expect(r.status).toBe(422)
      expect(r.json.message).toContain(who)
      expect(r.json.status).toBe('422')
    }
    expect(gh.seats('acme')).toEqual(before)
  })

  it('rejects empty, missing and non-string bodies with 422', async () => {
    for (const body of [
      { selected_usernames: [] },
      {},
      { selected_usernames: [1] },
      { selected_usernames: 'a' }
    ]) {
      expect((await api('POST', '/orgs/acme/copilot/billing/selected_users', body)).status).toBe(
        422
      )
      expect((await api('DELETE', '/orgs/acme/copilot/billing/selected_users', body)).status).toBe(
        422
      )
    }
  })

  it.each([
    [{ seat_management_setting: 'assign_all' }],
    [{ seat_management_setting: 'unconfigured' }],
    [{ seat_management_setting: 'disabled' }],
    [{ public_code_suggestions: 'unconfigured' }],
    [{ billingConfigured: false }]
  ] as const)('policy %o -> 422 on every mutation', async (patch) => {
    gh.setPolicy('acme', patch)
    const p = await api('POST', '/orgs/acme/copilot/billing/selected_users', {
      selected_usernames: ['newbie']
    })
    expect(p.status).toBe(422)
    expect(p.json.message).toBe(POLICY_MESSAGE_USERS_POST)
    expect(
      (
        await api('DELETE', '/orgs/acme/copilot/billing/selected_users', {
          selected_usernames: ['direct']
        })
      ).status
    ).toBe(422)
    expect(
      (await api('POST', '/orgs/acme/copilot/billing/selected_teams', { selected_teams: ['eng'] }))
        .status
    ).toBe(422)
    expect(
      (
        await api('DELETE', '/orgs/acme/copilot/billing/selected_teams', {
          selected_teams: ['eng']
        })
      ).status
    ).toBe(422)
    expect(gh.seat('acme', 'newbie')).toBeUndefined()
    expect(gh.seat('acme', 'direct')!.pending_cancellation_date).toBeNull()
  })

  it('DELETE sets pending (next cycle), keeps the seat listed, ignores pending / no seat', async () => {
    const r = await api('DELETE', '/orgs/acme/copilot/billing/selected_users', {
      selected_usernames: ['direct', 'pend', 'newbie', 'ghost']
    })
    expect(r.status).toBe(200)
    expect(r.json).toEqual({ seats_cancelled: 1 })
    expect(gh.seat('acme', 'direct')!.pending_cancellation_date).toBe(nextBillingCycleStart(NOW))
    expect(nextBillingCycleStart(NOW)).toBe('2026-12-01')
    const list = await api('GET', '/orgs/acme/copilot/billing/seats')
    expect(list.json.total_seats).toBe(3)
    expect(list.json.seats.map((s: any) => s.assignee.login)).toContain('direct')
  })

  it('DELETE with a via-team seat is a 422 for the whole request', async () => {
    const r = await api('DELETE', '/orgs/acme/copilot/billing/selected_users', {
      selected_usernames: ['direct', 'viateam']
    })
    expect(r.status).toBe(422)
    expect(r.json.message).toContain(VIA_TEAM_MESSAGE)
    expect(gh.seat('acme', 'direct')!.pending_cancellation_date).toBeNull()
  })

  it('a cancelled direct seat that also has a team grant survives the cycle end via the team', async () => {
    gh.addSeat('acme', { login: 'both', team: 'eng', direct: true })
    await api('DELETE', '/orgs/acme/copilot/billing/selected_users', {
      selected_usernames: ['both']
    })
    expect(gh.seat('acme', 'both')!.pending_cancellation_date).toBe('2026-12-01')
    clock = new Date('2026-12-02T00:00:00Z')
    await api('GET', '/orgs/acme/copilot/billing/seats')
    expect(gh.seat('acme', 'both')).toMatchObject({
      pending_cancellation_date: null,
      assigning_team: { slug: 'eng' }
    })
    expect(gh.seat('acme', 'direct')).toBeDefined()
  })
})

describe('teams', () => {
  beforeEach(() => {
    clock = new Date(NOW)
    const g = new FakeGitHub({ now: () => clock })
    g.addOrg('acme')
    g.addTeam('acme', 'eng', { name: 'Engineering', members: ['a', 'b', 'c'] })
    g.addTeam('acme', 'ops', { members: ['c', 'd'] })
    g.addSeat('acme', { login: 'b', created_at: '2025-01-01T00:00:00Z' })
    g.addSeat('acme', { login: 'c', team: 'ops', created_at: '2025-01-01T00:00:00Z' })
    use(g)
  })

  it('POST selected_teams grants members without a seat; DELETE cancels only team-only seats', async () => {
    const r = await api('POST', '/orgs/acme/copilot/billing/selected_teams', {
      selected_teams: ['ENG']
    })
    expect(r.status).toBe(201)
    expect(r.json).toEqual({ seats_created: 1 }) // only a; b direct and c via ops already hold seats
    expect(gh.seat('acme', 'a')!.assigning_team!.slug).toBe('eng')

    const d = await api('DELETE', '/orgs/acme/copilot/billing/selected_teams', {
      selected_teams: ['eng']
    })
    expect(d.status).toBe(200)
    expect(d.json).toEqual({ seats_cancelled: 1 }) // a; b is direct, c still has ops
    expect(gh.seat('acme', 'a')!.pending_cancellation_date).toBe('2026-12-01')
    expect(gh.seat('acme', 'b')!.pending_cancellation_date).toBeNull()
    expect(gh.seat('acme', 'c')!.pending_cancellation_date).toBeNull()

    // re-granting the team restores the pending seat
    const again = await api('POST', '/orgs/acme/copilot/billing/selected_teams', {
      selected_teams: ['eng']
    })
    expect(again.json).toEqual({ seats_created: 1 })
    expect(gh.seat('acme', 'a')!.pending_cancellation_date).toBeNull()
  })

  it('unknown team -> 422; team lookups case-insensitive; team members paginate', async () => {
    expect(
      (await api('POST', '/orgs/acme/copilot/billing/selected_teams', { selected_teams: ['nope'] }))
        .status
    ).toBe(422)
    const t = await api('GET', '/orgs/acme/teams/ENG')
    expect(t.json).toMatchObject({ slug: 'eng', name: 'Engineering' })
    expect((await api('GET', '/orgs/acme/teams/nope')).status).toBe(404)
    const m1 = await api('GET', '/orgs/acme/teams/eng/members?per_page=2')
    expect(m1.json.map((u: any) => u.login)).toEqual(['a', 'b'])
    expect(parseLink(m1.headers.get('link')).next).toBe(
      `${BASE}/orgs/acme/teams/eng/members?per_page=2&page=2`
    )
    const m2 = await api('GET', '/orgs/acme/teams/eng/members?per_page=2&page=2')
    expect(m2.json.map((u: any) => u.login)).toEqual(['c'])
  })
})

describe('org members listing', () => {
  it('paginates with default 30 and max 100, skipping invitees', async () => {
    const g = new FakeGitHub()
    g.addOrg('acme')
    for (let i = 0; i < 250; i++) g.addMember('acme', `m${i}`)
    g.addMember('acme', 'invited', { pendingInvitation: true })
    use(g)
    const d = await api('GET', '/orgs/acme/members')
    expect(d.json).toHaveLength(30)
    expect(parseLink(d.headers.get('link')).last).toBe(`${BASE}/orgs/acme/members?page=9`)
    const big = await api('GET', '/orgs/acme/members?per_page=1000&page=3')
    expect(big.json).toHaveLength(50)
    expect(relOrder(big.headers.get('link'))).toEqual(['prev', 'first'])
    expect(big.json.map((u: any) => u.login)).not.toContain('invited')
  })
})

describe('enterprise seats', () => {
  it('lists one row per granting org; total_seats counts distinct users', async () => {
    const g = new FakeGitHub()
    g.addOrg('o1')
    g.addOrg('o2')
    g.addSeat('o1', { login: 'x' })
    g.addSeat('o1', { login: 'y' })
    g.addSeat('o2', { login: 'X' })
    g.addTeam('o2', 'eng')
    g.addSeat('o2', { login: 'z', team: 'eng' })
    g.addEnterprise('ent', { orgs: ['o1', 'o2'] })
    use(g)
    const p1 = await api('GET', '/enterprises/ENT/copilot/billing/seats?per_page=3')
    expect(p1.json.total_seats).toBe(3)
    expect(p1.json.seats).toHaveLength(3)
    expect(parseLink(p1.headers.get('link')).last).toBe(
      `${BASE}/enterprises/ENT/copilot/billing/seats?per_page=3&page=2`
    )
    const p2 = await api('GET', '/enterprises/ENT/copilot/billing/seats?per_page=3&page=2')
    const rows = [...p1.json.seats, ...p2.json.seats]
    expect(rows.map((s: any) => `${s.organization.login}/${s.assignee.login}`)).toEqual([
      'o1/x',
      'o1/y',
      'o2/x',
      'o2/z'
    ])
    expect(rows[3].assigning_team.slug).toBe('eng')
    expect((await api('GET', '/enterprises/nope/copilot/billing/seats')).status).toBe(404)
  })
})
