// Token options of the fake: valid, forbidden, readOnly and users (who a token acts as).
import { describe, expect, it } from 'vitest'
import { FakeGitHub, GITHUB_ACTIONS_BOT, READ_ONLY_MESSAGE } from '../../fake/index.js'

async function call(gh: FakeGitHub, method: string, path: string, token: string, body?: unknown) {
  const r = await gh.handle({
    method,
    url: `https://api.github.com${path}`,
    headers: { authorization: `token ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  if ('kind' in r) throw new Error('reset')
  return { status: r.status, json: JSON.parse(r.body || 'null') }
}

const USERS = '/orgs/acme/copilot/billing/selected_users'

describe('auth options', () => {
  it('readOnly tokens read but every write is 403 "Resource not accessible by integration"', async () => {
    const gh = new FakeGitHub({ auth: { valid: ['pat'], readOnly: ['ro'] } })
    gh.addOrg('acme')
    gh.addMember('acme', 'a')
    expect((await call(gh, 'GET', '/orgs/acme/copilot/billing/seats', 'ro')).status).toBe(200)
    const w = await call(gh, 'POST', USERS, 'ro', { selected_usernames: ['a'] })
    expect(w).toMatchObject({ status: 403, json: { message: READ_ONLY_MESSAGE, status: '403' } })
    expect(gh.seat('acme', 'a')).toBeUndefined()
    expect((await call(gh, 'POST', USERS, 'pat', { selected_usernames: ['a'] })).status).toBe(201)
  })

  it('valid keeps its meaning; tokens in users, readOnly and forbidden are known', async () => {
    const gh = new FakeGitHub({
      auth: {
        valid: ['pat'],
        forbidden: ['f'],
        readOnly: ['ro'],
        users: { wf: GITHUB_ACTIONS_BOT }
      }
    })
    gh.addOrg('acme')
    const seats = '/orgs/acme/copilot/billing/seats'
    expect((await call(gh, 'GET', seats, 'pat')).status).toBe(200)
    expect((await call(gh, 'GET', seats, 'wf')).status).toBe(200)
    expect((await call(gh, 'GET', seats, 'ro')).status).toBe(200)
    expect((await call(gh, 'GET', seats, 'f')).status).toBe(403)
    expect((await call(gh, 'GET', seats, 'other')).json.message).toBe('Bad credentials')
    // without valid, any token passes
    const open = new FakeGitHub({ auth: { users: { wf: GITHUB_ACTIONS_BOT } } })
    open.addOrg('acme')
    expect((await call(open, 'GET', seats, 'anything')).status).toBe(200)
  })

  it('userOf: the mapped user, the member id for a login, else token-user-N per token', () => {
    const gh = new FakeGitHub({
      auth: { users: { wf: GITHUB_ACTIONS_BOT, pat: { login: 'Admin' } } }
    })
    gh.addOrg('acme')
    gh.addSeat('acme', { login: 'admin' })
    const h = (t: string) => ({ authorization: `Bearer ${t}` })
    expect(gh.userOf(h('wf'))).toEqual({ login: 'github-actions[bot]', id: 41898282, type: 'Bot' })
    expect(gh.userOf(h('pat'))).toEqual({
      login: 'Admin',
      id: gh.seat('acme', 'admin')!.assignee!.id,
      type: 'User'
    })
    const one = gh.userOf(h('x1'))
    expect(one).toMatchObject({ login: 'token-user-1', type: 'User' })
    expect(gh.userOf(h('x2'))!.login).toBe('token-user-2')
    expect(gh.userOf(h('x1'))).toEqual(one)
    expect(gh.userOf({})).toBeNull()
  })
})
