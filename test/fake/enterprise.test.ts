// Enterprise-scope seats in the fake: rows granted by orgs, enterprise teams and the enterprise
// itself; the enterprise writes, per-user seats and enterprise team reads (fake/enterprise.js).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { setupServer } from 'msw/node'
import {
  FakeGitHub,
  createMswHandlers,
  enterpriseApi,
  nextBillingCycleStart,
  ENTERPRISE_POLICY_MESSAGE_TEAMS,
  ENTERPRISE_POLICY_MESSAGE_USERS,
  ENTERPRISE_SEAT_422_MESSAGE,
  TEAM_DELETE_ACCEPTED_MESSAGE,
  type EnterpriseOptions,
  type FakeGitHubOptions,
  type SeatJson
} from '../../fake/index.js'
import { NOW, client, parseLink, relOrder } from './util.js'
import { rowLabel as label } from '../support/enterprise-fixtures.js'

const BASE = 'https://api.github.com'
const PENDING = nextBillingCycleStart(NOW) // '2026-12-01'
const server = setupServer()
let gh: FakeGitHub
let clock: Date

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const api = client(BASE)
const USERS = '/enterprises/ent/copilot/billing/selected_users'
const TEAMS = '/enterprises/ent/copilot/billing/selected_enterprise_teams'
const LIST = '/enterprises/ent/copilot/billing/seats'

/**
 * o1: alice (direct org seat), erin (member, no seat); o2: bob (via org team dev);
 * enterprise team eng (grants): alice, dave; enterprise team ops (no grant): frank;
 * enterprise-direct: alice, carol.
 */
function world(ent: EnterpriseOptions = {}, options: FakeGitHubOptions = {}) {
  clock = new Date(NOW)
  gh = new FakeGitHub({ now: () => clock, ...options })
  gh.use(enterpriseApi())
  gh.addOrg('o1')
  gh.addOrg('o2')
  gh.addSeat('o1', { login: 'alice', created_at: '2026-01-01T00:00:00Z' })
  gh.addMember('o1', 'erin')
  gh.addTeam('o2', 'dev')
  gh.addSeat('o2', { login: 'bob', team: 'dev', created_at: '2026-01-01T00:00:00Z' })
  gh.addEnterprise('ent', { orgs: ['o1', 'o2'], ...ent })
  gh.addEnterpriseTeam('ent', 'eng', {
    name: 'Engineering',
    members: ['alice', 'dave'],
    copilot: true,
    group_id: '62ab9291-fae2-468e-974b-7e45096d5021'
  })
  gh.addEnterpriseTeam('ent', 'ops', { name: 'Operations', members: ['frank'] })
  gh.addEnterpriseSeat('ent', { login: 'alice', created_at: '2026-02-01T00:00:00Z' })
  gh.addEnterpriseSeat('ent', {
    login: 'carol',
    created_at: '2026-03-01T00:00:00Z',
    last_activity_at: '2026-11-20T10:00:00Z'
  })
  server.use(...createMswHandlers(gh, BASE))
  return gh
}

const rows = (login: string) => gh.enterpriseRows('ent', login).map(label)

describe('enterprise listing with org, enterprise team and enterprise-direct rows', () => {
  it('lists one row per grantor, counts users once, and pages across them with Link', async () => {
    world()
    const p1 = await api('GET', `${LIST}?per_page=4`)
    expect(p1.status).toBe(200)
    expect(p1.json.total_seats).toBe(4) // alice, bob, dave, carol
    expect(relOrder(p1.headers.get('link'))).toEqual(['next', 'last'])
    expect(parseLink(p1.headers.get('link')).last).toBe(`${BASE}${LIST}?per_page=4&page=2`)
    const p2 = await api('GET', `${LIST}?per_page=4&page=2`)
    expect(relOrder(p2.headers.get('link'))).toEqual(['prev', 'first'])
    const all = [...p1.json.seats, ...p2.json.seats]
    expect(all.map((s: SeatJson) => `${label(s)}/${s.assignee!.login}`)).toEqual([
      'org:o1/alice',
      'org:o2/bob',
      'team:ent:eng/alice',
      'team:ent:eng/dave',
      'direct/alice',
      'direct/carol'
    ])
    expect(all).toEqual(gh.enterpriseSeats('ent'))
    const past = await api('GET', `${LIST}?per_page=4&page=3`)
    expect(past.json).toEqual({ total_seats: 4, seats: [] })
  })

  it('serialises enterprise rows: organization null, assigning_team in the enterprise-team shape', async () => {
    world()
    const all: SeatJson[] = (await api('GET', LIST)).json.seats
    const direct = all.find((s) => label(s) === 'direct' && s.assignee!.login === 'carol')!
    expect(direct).toMatchObject({
      created_at: '2026-03-01T00:00:00Z',
      last_activity_at: '2026-11-20T10:00:00Z',
      pending_cancellation_date: null,
      plan_type: 'business',
      assigning_team: null,
      organization: null
    })
    const viaTeam = all.find((s) => label(s) === 'team:ent:eng')!
    expect(viaTeam.organization).toBeNull()
    const team = viaTeam.assigning_team as object
    expect(team).toEqual({
      id: expect.any(Number),
      name: 'Engineering',
      description: null,
      slug: 'ent:eng',
      url: `${BASE}/enterprises/ent/teams/ent:eng`,
      organization_selection_type: 'disabled',
      group_id: '62ab9291-fae2-468e-974b-7e45096d5021',
      html_url: 'https://github.com/enterprises/ent/teams/eng',
      members_url: `${BASE}/enterprises/ent/teams/ent:eng/memberships{/member}`,
      created_at: '2026-11-23T12:00:00Z',
      updated_at: '2026-11-23T12:00:00Z'
    })
    // api.md §1.3 discrimination: enterprise teams carry group_id, org teams do not
    expect('group_id' in team && !('node_id' in team)).toBe(true)
    const orgTeam = all.find((s) => s.assignee!.login === 'bob')!.assigning_team!
    expect('group_id' in orgTeam || 'organization_selection_type' in orgTeam).toBe(false)
    expect(orgTeam.slug).toBe('dev')
  })

  it('counts an assignee-less enterprise row on its own; plan_type follows the enterprise', async () => {
    world({ plan_type: 'enterprise' })
    gh.addEnterpriseSeat('ent', { login: null })
    const r = await api('GET', `${LIST}?per_page=100`)
    expect(r.json.total_seats).toBe(5)
    const last = r.json.seats.at(-1)
    expect(last.assignee).toBeNull()
    expect(last.plan_type).toBe('enterprise')
    expect(r.json.seats.find((s: SeatJson) => s.organization)?.plan_type).toBe('business')
  })
})

describe('GET /enterprises/{enterprise}/members/{username}/copilot', () => {
  it('answers the list shape with one entry per granting org, team and the enterprise', async () => {
    world()
    const r = await api('GET', '/enterprises/ent/members/ALICE/copilot')
    expect(r.status).toBe(200)
    expect(r.json.total_seats).toBe(1)
    expect(r.json.seats.map(label)).toEqual(['org:o1', 'team:ent:eng', 'direct'])
    expect(r.json.seats).toEqual(gh.enterpriseRows('ent', 'alice'))
    const carol = await api('GET', '/enterprises/ent/members/carol/copilot')
    expect(carol.json.seats.map(label)).toEqual(['direct'])
  })

  it('404 when the user has no row (member or not), or the enterprise is unknown', async () => {
    world()
    for (const path of [
      '/enterprises/ent/members/erin/copilot',
      '/enterprises/ent/members/frank/copilot',
      '/enterprises/ent/members/nobody/copilot',
      '/enterprises/nope/members/alice/copilot'
    ]) {
      const r = await api('GET', path)
      expect(r.status, path).toBe(404)
      expect(r.json).toMatchObject({ message: 'Not Found', status: '404' })
    }
  })

  it('422 when Copilot is not enabled for the enterprise', async () => {
    world({ seat_management_setting: 'disabled' })
    const r = await api('GET', '/enterprises/ent/members/alice/copilot')
    expect(r.status).toBe(422)
    expect(r.json).toMatchObject({ message: ENTERPRISE_SEAT_422_MESSAGE, status: '422' })
  })
})

describe('POST|DELETE /enterprises/{enterprise}/copilot/billing/selected_users', () => {
  it('POST creates enterprise-direct rows next to org and team rows; restores and refreshes', async () => {
    world()
    gh.addEnterpriseSeat('ent', { login: 'carol', pending_cancellation_date: PENDING })
    clock = new Date('2026-11-24T08:00:00Z')
    const r = await api('POST', USERS, { selected_usernames: ['dave', 'Carol', 'alice', 'erin'] })
    expect(r.status).toBe(201)
    expect(r.json).toEqual({ seats_created: 4 })
    expect(rows('dave')).toEqual(['team:ent:eng', 'direct'])
    expect(rows('erin')).toEqual(['direct'])
    expect(rows('carol')).toEqual(['direct']) // restored
    const [org, , direct] = gh.enterpriseRows('ent', 'alice')
    expect(direct!.created_at).toBe('2026-11-24T08:00:00Z') // refreshed
    expect(org!.created_at).toBe('2026-01-01T00:00:00Z') // the org row is untouched
    expect((await api('GET', `${LIST}?per_page=100`)).json.total_seats).toBe(5)
  })

  it('DELETE (default pending): only the direct row goes pending; access remains through the others', async () => {
    world()
    const r = await api('DELETE', USERS, { selected_usernames: ['alice', 'carol', 'dave', 'bob'] })
    expect(r.status).toBe(200)
    expect(r.json).toEqual({ seats_cancelled: 2 }) // dave and bob have no direct row: not counted
    expect(rows('alice')).toEqual(['org:o1', 'team:ent:eng', `direct@${PENDING}`])
    expect(rows('carol')).toEqual([`direct@${PENDING}`])
    expect(rows('dave')).toEqual(['team:ent:eng'])
    // still billed and listed while pending; a second DELETE does not count them again
    expect((await api('GET', LIST)).json.total_seats).toBe(4)
    expect((await api('DELETE', USERS, { selected_usernames: ['carol'] })).json).toEqual({
      seats_cancelled: 0
    })
    // at the date the pending rows go; alice keeps her org and team rows
    clock = new Date(`${PENDING}T00:00:01Z`)
    const after = await api('GET', `${LIST}?per_page=100`)
    expect(after.json.total_seats).toBe(3)
    expect(rows('alice')).toEqual(['org:o1', 'team:ent:eng'])
    expect(rows('carol')).toEqual([])
    expect((await api('GET', '/enterprises/ent/members/carol/copilot')).status).toBe(404)
  })

  it('DELETE with unassign immediate: the direct row is gone at once', async () => {
    world({ unassign: 'immediate' })
    const r = await api('DELETE', USERS, { selected_usernames: ['alice', 'carol'] })
    expect(r.json).toEqual({ seats_cancelled: 2 })
    expect(rows('alice')).toEqual(['org:o1', 'team:ent:eng'])
    const carol = await api('GET', '/enterprises/ent/members/carol/copilot')
    expect(carol.status).toBe(404)
    expect((await api('GET', LIST)).json.total_seats).toBe(3)
  })

  it('a pending direct row is restored by POST (created_at reset)', async () => {
    world()
    await api('DELETE', USERS, { selected_usernames: ['carol'] })
    clock = new Date('2026-11-25T00:00:00Z')
    expect((await api('POST', USERS, { selected_usernames: ['carol'] })).json).toEqual({
      seats_created: 1
    })
    const [row] = gh.enterpriseRows('ent', 'carol')
    expect(row).toMatchObject({
      pending_cancellation_date: null,
      created_at: '2026-11-25T00:00:00Z'
    })
  })

  it('an unknown login fails the whole batch naming each one (422 default, 404, or ignored)', async () => {
    world()
    const before = gh.enterpriseSeats('ent')
    for (const method of ['POST', 'DELETE']) {
      const r = await api(method, USERS, {
        selected_usernames: ['carol', 'ghost', 'dave', 'nobody']
      })
      expect(r.status, method).toBe(422)
      expect(r.json.message).toBe(
        'The following users are not members of the enterprise ent: ghost, nobody'
      )
    }
    expect(gh.enterpriseSeats('ent')).toEqual(before) // nothing changed

    gh.setEnterprisePolicy('ent', { unknownUsers: 404 })
    const nf = await api('POST', USERS, { selected_usernames: ['ghost', 'dave'] })
    expect(nf.status).toBe(404)
    expect(nf.json).toMatchObject({
      message: 'The following users are not members of the enterprise ent: ghost',
      status: '404'
    })
    expect(rows('dave')).toEqual(['team:ent:eng'])

    gh.setEnterprisePolicy('ent', { unknownUsers: 'ignore' })
    const ig = await api('POST', USERS, { selected_usernames: ['ghost', 'dave'] })
    expect(ig.json).toEqual({ seats_created: 1 })
    expect(rows('dave')).toEqual(['team:ent:eng', 'direct'])
    expect(rows('ghost')).toEqual([])

    // a login added as an enterprise member is known without any org or team
    gh.setEnterprisePolicy('ent', { unknownUsers: 422 })
    gh.addEnterpriseMember('ent', 'ghost')
    expect((await api('POST', USERS, { selected_usernames: ['ghost'] })).status).toBe(201)
  })

  it('validates the body like the org endpoints (before the policy check)', async () => {
    world({ public_code_suggestions: 'unconfigured' })
    const cases: Array<[unknown, string]> = [
      [{}, `Invalid request.\n\n"selected_usernames" wasn't supplied.`],
      [
        { selected_usernames: [] },
        `Invalid request.\n\nFor 'properties/selected_usernames', [] has fewer items than 1.`
      ],
      [
        { selected_usernames: 'alice' },
        `Invalid request.\n\nFor 'properties/selected_usernames', "alice" is not an array.`
      ],
      [{ selected_usernames: ['a', 7] }, `Invalid request.\n\nFor 'items', 7 is not a string.`]
    ]
    for (const [body, message] of cases) {
      for (const method of ['POST', 'DELETE']) {
        const r = await api(method, USERS, body)
        expect(r.status).toBe(422)
        expect(r.json.message).toBe(message)
      }
    }
    const bad = await api('POST', USERS, undefined, {
      body: '{nope',
      headers: { authorization: 'token tok', 'content-type': 'application/json' }
    })
    expect(bad.status).toBe(400)
  })

  it('422 with the spec prose for each policy problem; nothing changes', async () => {
    const policies: EnterpriseOptions[] = [
      { billingConfigured: false },
      { public_code_suggestions: 'unconfigured' },
      { seat_management_setting: 'assign_all' },
      { seat_management_setting: 'unconfigured' },
      { seat_management_setting: 'disabled' }
    ]
    for (const p of policies) {
      world(p)
      for (const method of ['POST', 'DELETE']) {
        const r = await api(method, USERS, { selected_usernames: ['carol'] })
        expect(r.status, JSON.stringify(p)).toBe(422)
        expect(r.json).toMatchObject({ message: ENTERPRISE_POLICY_MESSAGE_USERS, status: '422' })
      }
      expect(rows('carol')).toEqual(['direct'])
    }
  })

  it('404 for an unknown enterprise; other methods 404', async () => {
    world()
    const r = await api('POST', '/enterprises/nope/copilot/billing/selected_users', {
      selected_usernames: ['carol']
    })
    expect(r.status).toBe(404)
    expect((await api('GET', USERS)).status).toBe(404)
    expect((await api('PUT', TEAMS, { selected_enterprise_teams: ['eng'] })).status).toBe(404)
  })
})

describe('POST|DELETE /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams', () => {
  it('POST by name or ent: slug grants a row to each member; counts users given or restored a row', async () => {
    world()
    gh.addEnterpriseTeam('ent', 'ops', { members: ['carol'] })
    const r = await api('POST', TEAMS, { selected_enterprise_teams: ['operations'] })
    expect(r.status).toBe(201)
    expect(r.json).toEqual({ seats_created: 2 }) // frank, carol
    expect(rows('frank')).toEqual(['team:ent:ops'])
    expect(rows('carol')).toEqual(['team:ent:ops', 'direct'])
    // the team now grants: a new member gets a row at once
    gh.addEnterpriseTeam('ent', 'ent:ops', { members: ['erin'] })
    expect(rows('erin')).toEqual(['team:ent:ops'])
    // re-sending a granting team creates nothing
    expect((await api('POST', TEAMS, { selected_enterprise_teams: ['ent:OPS'] })).json).toEqual({
      seats_created: 0
    })
  })

  it('DELETE (pending): the team rows go pending, show the team, and expire; other grants remain', async () => {
    world()
    const r = await api('DELETE', TEAMS, { selected_enterprise_teams: ['Engineering'] })
    expect(r.status).toBe(200)
    expect(r.json).toEqual({ seats_cancelled: 2 })
    expect(rows('alice')).toEqual(['org:o1', `team:ent:eng@${PENDING}`, 'direct'])
    expect(rows('dave')).toEqual([`team:ent:eng@${PENDING}`])
    // restoring before the date brings the rows back (counted)
    expect((await api('POST', TEAMS, { selected_enterprise_teams: ['ent:eng'] })).json).toEqual({
      seats_created: 2
    })
    expect(rows('dave')).toEqual(['team:ent:eng'])
    await api('DELETE', TEAMS, { selected_enterprise_teams: ['ent:eng'] })
    clock = new Date(`${PENDING}T00:00:00Z`)
    await api('GET', LIST)
    expect(rows('alice')).toEqual(['org:o1', 'direct'])
    expect(rows('dave')).toEqual([])
    // the team and its members remain; only the grant is gone
    expect(gh.enterpriseTeamMembers('ent', 'eng')).toEqual(['alice', 'dave'])
  })

  it('DELETE with unassign immediate removes the team rows at once', async () => {
    world({ unassign: 'immediate' })
    expect((await api('DELETE', TEAMS, { selected_enterprise_teams: ['ent:eng'] })).json).toEqual({
      seats_cancelled: 2
    })
    expect(rows('alice')).toEqual(['org:o1', 'direct'])
    expect((await api('GET', '/enterprises/ent/members/dave/copilot')).status).toBe(404)
  })

  it('DELETE may answer 202 { message }; with a lag the rows change only later', async () => {
    world({ teamDelete: 202 })
    const r = await api('DELETE', TEAMS, { selected_enterprise_teams: ['ent:eng'] })
    expect(r.status).toBe(202)
    expect(r.json).toEqual({ message: TEAM_DELETE_ACCEPTED_MESSAGE })
    expect(rows('dave')).toEqual([`team:ent:eng@${PENDING}`])

    world({ teamDelete: 202, teamDeleteLag: 2 })
    expect((await api('DELETE', TEAMS, { selected_enterprise_teams: ['ent:eng'] })).status).toBe(
      202
    )
    const label1 = (await api('GET', '/enterprises/ent/members/dave/copilot')).json.seats.map(label)
    const label2 = (await api('GET', '/enterprises/ent/members/dave/copilot')).json.seats.map(label)
    const label3 = (await api('GET', '/enterprises/ent/members/dave/copilot')).json.seats.map(label)
    expect([label1, label2, label3]).toEqual([
      ['team:ent:eng'],
      ['team:ent:eng'],
      [`team:ent:eng@${PENDING}`]
    ])
  })

  it('a member of two granting teams keeps the other team row', async () => {
    world()
    gh.addEnterpriseTeam('ent', 'platform', { members: ['dave'], copilot: true })
    await api('DELETE', TEAMS, { selected_enterprise_teams: ['Engineering'] })
    expect(rows('dave')).toEqual([`team:ent:eng@${PENDING}`, 'team:ent:platform'])
    clock = new Date(`${PENDING}T00:00:00Z`)
    await api('GET', LIST)
    expect(rows('dave')).toEqual(['team:ent:platform'])
  })

  it('unknown team (or a bare slug, unless bareTeamSlugs) fails the whole request; 422 or 404', async () => {
    world()
    for (const method of ['POST', 'DELETE']) {
      const r = await api(method, TEAMS, {
        selected_enterprise_teams: ['ent:eng', 'nope', 'Operations', 'gone']
      })
      expect(r.status).toBe(422)
      expect(r.json.message).toBe(
        'The following enterprise teams could not be found in ent: nope, gone'
      )
    }
    // 'Engineering' is the name, 'ent:eng' the slug; the bare 'eng' is neither
    const bare = await api('POST', TEAMS, { selected_enterprise_teams: ['eng'] })
    expect(bare.status).toBe(422)
    expect(rows('frank')).toEqual([])
    gh.setEnterprisePolicy('ent', { unknownTeams: 404 })
    expect((await api('POST', TEAMS, { selected_enterprise_teams: ['nope'] })).status).toBe(404)
    gh.setEnterprisePolicy('ent', { bareTeamSlugs: true })
    expect((await api('POST', TEAMS, { selected_enterprise_teams: ['ops'] })).status).toBe(201)
    expect(rows('frank')).toEqual(['team:ent:ops'])
  })

  it('validates selected_enterprise_teams; 422 with the teams prose on policy problems', async () => {
    world()
    const empty = await api('POST', TEAMS, { selected_enterprise_teams: [] })
    expect(empty.json.message).toBe(
      `Invalid request.\n\nFor 'properties/selected_enterprise_teams', [] has fewer items than 1.`
    )
    const missing = await api('DELETE', TEAMS, { selected_teams: ['eng'] })
    expect(missing.status).toBe(422)
    expect(missing.json.message).toBe(
      `Invalid request.\n\n"selected_enterprise_teams" wasn't supplied.`
    )
    for (const p of [
      { billingConfigured: false },
      { public_code_suggestions: 'unconfigured' as const },
      { seat_management_setting: 'disabled' as const }
    ]) {
      world(p)
      const r = await api('POST', TEAMS, { selected_enterprise_teams: ['Operations'] })
      expect(r.status).toBe(422)
      expect(r.json.message).toBe(ENTERPRISE_POLICY_MESSAGE_TEAMS)
    }
    // the teams' 422 prose names no access setting: assign_all does not block them
    world({ seat_management_setting: 'assign_all' })
    expect((await api('POST', TEAMS, { selected_enterprise_teams: ['Operations'] })).status).toBe(
      201
    )
  })
})

describe('enterprise teams: GET /enterprises/{enterprise}/teams/{team}[/memberships]', () => {
  it('answers the team by ent: slug or id; bare slug 404 unless bareTeamSlugs', async () => {
    world()
    const bySlug = await api('GET', '/enterprises/ent/teams/ent:eng')
    expect(bySlug.status).toBe(200)
    expect(bySlug.json).toMatchObject({ name: 'Engineering', slug: 'ent:eng' })
    expect(bySlug.json).toEqual(gh.enterpriseRows('ent', 'dave')[0]!.assigning_team)
    const encoded = await api('GET', '/enterprises/ent/teams/ent%3AENG')
    expect(encoded.json.id).toBe(bySlug.json.id)
    const byId = await api('GET', `/enterprises/ent/teams/${bySlug.json.id}`)
    expect(byId.json.slug).toBe('ent:eng')
    expect((await api('GET', '/enterprises/ent/teams/eng')).status).toBe(404)
    expect((await api('GET', '/enterprises/ent/teams/ent:nope')).status).toBe(404)
    expect((await api('GET', '/enterprises/nope/teams/ent:eng')).status).toBe(404)
    gh.setEnterprisePolicy('ent', { bareTeamSlugs: true })
    expect((await api('GET', '/enterprises/ent/teams/eng')).json.slug).toBe('ent:eng')
  })

  it('lists members as simple users, paginated with Link (default 30, max 100)', async () => {
    world()
    const many = Array.from({ length: 65 }, (_, i) => `m${String(i).padStart(2, '0')}`)
    gh.addEnterpriseTeam('ent', 'big', { members: many })
    const p1 = await api('GET', '/enterprises/ent/teams/ent:big/memberships')
    expect(p1.status).toBe(200)
    expect(p1.json).toHaveLength(30)
    expect(p1.json[0]).toMatchObject({ login: 'm00', type: 'User', site_admin: false })
    expect(parseLink(p1.headers.get('link')).last).toBe(
      `${BASE}/enterprises/ent/teams/ent:big/memberships?page=3`
    )
    const p3 = await api('GET', '/enterprises/ent/teams/ent:big/memberships?page=3')
    expect(p3.json.map((u: { login: string }) => u.login)).toEqual([
      'm60',
      'm61',
      'm62',
      'm63',
      'm64'
    ])
    const all = await api('GET', '/enterprises/ent/teams/ent:big/memberships?per_page=500')
    expect(all.json).toHaveLength(65)
    expect(all.headers.get('link')).toBeNull()
    const eng = await api('GET', '/enterprises/ent/teams/ent:eng/memberships')
    expect(eng.json.map((u: { login: string }) => u.login)).toEqual(['alice', 'dave'])
  })
})

describe('state helpers', () => {
  it('add/remove enterprise-direct rows, team members, and the grant itself', async () => {
    world()
    gh.addEnterpriseSeat('ent', { login: 'dave', pending_cancellation_date: PENDING })
    expect(rows('dave')).toEqual(['team:ent:eng', `direct@${PENDING}`])
    gh.removeEnterpriseSeat('ent', 'dave')
    expect(rows('dave')).toEqual(['team:ent:eng'])
    gh.removeEnterpriseTeamMember('ent', 'Engineering', 'dave')
    expect(rows('dave')).toEqual([])
    expect(gh.enterpriseTeamMembers('ent', 'ent:eng')).toEqual(['alice'])
    // a seat through a team that does not grant yet makes it grant, for every member
    gh.addEnterpriseSeat('ent', {
      login: 'gina',
      team: 'ops',
      last_activity_at: '2026-11-01T00:00:00Z'
    })
    expect(rows('gina')).toEqual(['team:ent:ops'])
    expect(rows('frank')).toEqual(['team:ent:ops'])
    expect(gh.enterpriseRows('ent', 'gina')[0]!.last_activity_at).toBe('2026-11-01T00:00:00Z')
    gh.addEnterpriseTeam('ent', 'ops', { copilot: false })
    expect(rows('frank')).toEqual([])
    expect(() => gh.addEnterpriseSeat('nope', { login: 'x' })).toThrow(/unknown enterprise/)
  })
})

describe('one org refusing its DELETE (routing tests)', () => {
  it('a fault rule makes one org answer 403 while the others and the enterprise work', async () => {
    world()
    gh.addSeat('o2', { login: 'carol' })
    gh.fault({
      method: 'DELETE',
      path: '/orgs/o2/copilot/billing/selected_users',
      status: 403,
      times: Infinity,
      body: {
        message: 'Must be an organization owner or have the manage_billing:copilot scope.',
        documentation_url: 'https://docs.github.com/rest/copilot/copilot-user-management',
        status: '403'
      }
    })
    const o2 = await api('DELETE', '/orgs/o2/copilot/billing/selected_users', {
      selected_usernames: ['carol']
    })
    expect(o2.status).toBe(403)
    expect(o2.json.message).toMatch(/organization owner/)
    const o1 = await api('DELETE', '/orgs/o1/copilot/billing/selected_users', {
      selected_usernames: ['alice']
    })
    expect(o1.json).toEqual({ seats_cancelled: 1 })
    expect((await api('DELETE', USERS, { selected_usernames: ['carol'] })).status).toBe(200)
    expect(rows('carol')).toEqual(['org:o2', `direct@${PENDING}`])
    expect(rows('alice')).toEqual([`org:o1@${PENDING}`, 'team:ent:eng', 'direct'])
  })
})
