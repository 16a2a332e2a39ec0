// Token kinds at enterprise scope: App / fine-grained tokens, non-owners, billing managers.
import { describe, expect, it } from 'vitest'
import {
  FakeGitHub,
  enterpriseApi,
  APP_TOKEN_MESSAGE,
  ENTERPRISE_READ_FORBIDDEN_MESSAGE,
  ENTERPRISE_WRITE_FORBIDDEN_MESSAGE,
  type FakeAuth
} from '../../fake/index.js'
import { NOW } from './util.js'

function world(auth: FakeAuth) {
  const gh = new FakeGitHub({ now: () => NOW, auth })
  gh.use(enterpriseApi())
  gh.addOrg('o1')
  gh.addSeat('o1', { login: 'alice' })
  gh.addEnterprise('ent', { orgs: ['o1'] })
  gh.addEnterpriseTeam('ent', 'eng', { members: ['alice'], copilot: true })
  gh.addEnterpriseSeat('ent', { login: 'carol' })
  return gh
}

async function call(gh: FakeGitHub, token: string, method: string, url: string, body?: unknown) {
  const r = await gh.handle({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  if (!('status' in r)) throw new Error('reset')
  return { status: r.status, json: r.body ? JSON.parse(r.body) : undefined }
}

const READS = [
  '/enterprises/ent/copilot/billing/seats',
  '/enterprises/ent/members/alice/copilot',
  '/enterprises/ent/teams/ent:eng',
  '/enterprises/ent/teams/ent:eng/memberships'
]
const WRITES: Array<[string, string, unknown]> = [
  ['POST', '/enterprises/ent/copilot/billing/selected_users', { selected_usernames: ['alice'] }],
  ['DELETE', '/enterprises/ent/copilot/billing/selected_users', { selected_usernames: ['carol'] }],
  [
    'POST',
    '/enterprises/ent/copilot/billing/selected_enterprise_teams',
    { selected_enterprise_teams: ['eng'] }
  ],
  [
    'DELETE',
    '/enterprises/ent/copilot/billing/selected_enterprise_teams',
    { selected_enterprise_teams: ['eng'] }
  ]
]

describe('token kinds on the enterprise endpoints', () => {
  it('App tokens: every enterprise read 403s; the Copilot writes are allowed (since 2026-11-10)', async () => {
    const gh = world({ valid: ['pat'], appTokens: ['ghs_app'] })
    for (const path of READS) {
      const r = await call(gh, 'ghs_app', 'GET', path)
      expect(r.status, path).toBe(403)
      expect(r.json).toMatchObject({ message: APP_TOKEN_MESSAGE, status: '403' })
      expect((await call(gh, 'pat', 'GET', path)).status, path).toBe(200)
    }
    const statuses = []
    for (const [method, path, body] of WRITES)
      statuses.push((await call(gh, 'ghs_app', method, path, body)).status)
    expect(statuses).toEqual([201, 200, 201, 200])
    // the org endpoints take App tokens as before
    expect((await call(gh, 'ghs_app', 'GET', '/orgs/o1/copilot/billing/seats')).status).toBe(200)
  })

  it('appEnterpriseWrites: false refuses App writes too (before 2026-11-10, or no permission)', async () => {
    const gh = world({ appTokens: ['ghs_app'], appEnterpriseWrites: false })
    for (const [method, path, body] of WRITES) {
      const r = await call(gh, 'ghs_app', method, path, body)
      expect(r.status).toBe(403)
      expect(r.json.message).toBe(APP_TOKEN_MESSAGE)
    }
    expect(gh.enterpriseRows('ent', 'carol')[0]!.pending_cancellation_date).toBeNull()
  })

  it('enterpriseOwners: other classic tokens are not owners; billing managers may read seats', async () => {
    const gh = world({ enterpriseOwners: ['owner'], enterpriseBillingManagers: ['billing'] })
    for (const path of READS.slice(0, 2)) {
      expect((await call(gh, 'owner', 'GET', path)).status).toBe(200)
      expect((await call(gh, 'billing', 'GET', path)).status).toBe(200)
      const r = await call(gh, 'member', 'GET', path)
      expect(r.status).toBe(403)
      expect(r.json.message).toBe(ENTERPRISE_READ_FORBIDDEN_MESSAGE)
    }
    // enterprise team reads are open to enterprise members (GitHub's docs)
    for (const path of READS.slice(2))
      expect((await call(gh, 'member', 'GET', path)).status).toBe(200)
    for (const [method, path, body] of WRITES) {
      for (const token of ['member', 'billing']) {
        const r = await call(gh, token, method, path, body)
        expect(r.status).toBe(403)
        expect(r.json.message).toBe(ENTERPRISE_WRITE_FORBIDDEN_MESSAGE)
      }
    }
    expect((await call(gh, 'owner', ...WRITES[1]!)).json).toEqual({ seats_cancelled: 1 })
    // org endpoints do not look at enterprise ownership
    expect((await call(gh, 'member', 'GET', '/orgs/o1/copilot/billing/seats')).status).toBe(200)
  })

  it('keeps valid / forbidden: listed kinds are not 401; forbidden still 403s first', async () => {
    const gh = world({
      valid: ['pat'],
      forbidden: ['nope'],
      appTokens: ['app'],
      enterpriseOwners: ['pat', 'owner']
    })
    expect((await call(gh, 'stranger', 'GET', READS[0]!)).status).toBe(401)
    expect((await call(gh, 'owner', 'GET', READS[0]!)).status).toBe(200)
    expect((await call(gh, 'app', 'GET', '/orgs/o1/copilot/billing/seats')).status).toBe(200)
    const f = await call(gh, 'nope', 'GET', READS[0]!)
    expect(f.status).toBe(403)
    expect(f.json.message).toMatch(/organization owner/)
    // other /enterprises/ paths (e.g. usage reports kept by another module) are not judged here
    expect(
      (await call(gh, 'app', 'GET', '/enterprises/ent/copilot/metrics/reports/x')).status
    ).toBe(404)
  })
})
