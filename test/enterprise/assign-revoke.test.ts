// assign and revoke at enterprise scope: the enterprise endpoints for users and
// enterprise teams, no membership pre-check (404/422 batches split), and the
// read-back that says who still holds access through which org or team.
import { describe, expect, it } from 'vitest'
import { json, mswServer, requestLines, runAction } from '../support/harness.js'
import { writes } from '../support/audit-fixtures.js'
import { enterpriseWorld, NEXT_CYCLE, NOW, rowsOf, used } from '../support/enterprise-fixtures.js'

const { useFake } = mswServer()
const world = (options: Parameters<typeof enterpriseWorld>[1] = {}) =>
  enterpriseWorld(useFake({ now: () => new Date(NOW) }, null), options)
const USERS = '/enterprises/ent/copilot/billing/selected_users'
const TEAMS = '/enterprises/ent/copilot/billing/selected_enterprise_teams'

const bodies = (gh: ReturnType<typeof world>) =>
  writes(gh).map((w) => `${w.method} ${w.path} ${w.status} ${JSON.stringify(w.body)}`)

describe('revoke at enterprise scope', () => {
  it('cancels enterprise-direct seats; a user granted only by an org is skipped with the fix', async () => {
    const gh = world()
    const r = await runAction(
      {
        mode: 'revoke',
        enterprise: 'ent',
        users: 'ent-only, half-pending, one-org, nobody'
      },
      { now: NOW }
    )
    expect(bodies(gh)).toEqual([
      `DELETE ${USERS} 200 {"selected_usernames":["ent-only","half-pending"]}`
    ])
    // Page 1 of the listing first (it proves the enterprise exists), which here is the whole
    // listing: the targets it does not show are looked up one by one.
    expect(requestLines(gh)[0]).toBe('GET /enterprises/ent/copilot/billing/seats')
    expect(rowsOf(gh, 'ent-only')).toEqual([`direct@${NEXT_CYCLE}`])
    expect(rowsOf(gh, 'half-pending')).toEqual([`org:o1@${NEXT_CYCLE}`, `direct@${NEXT_CYCLE}`])
    expect(rowsOf(gh, 'one-org')).toEqual(['org:o1'])
    expect(json(r.outputs['cancelled-users'])).toEqual(['ent-only', 'half-pending'])
    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(
      /one-org: not granted by the enterprise directly, so the enterprise endpoint cannot cancel it; granted through org o1\. Fix: cancel it in org o1 \(mode revoke with `org: o1`/
    )
    expect(json<{ login: string; reason: string }[]>(r.outputs['skipped-users'])).toContainEqual({
      login: 'nobody',
      reason: 'no seat'
    })
    expect(r.summary).toContain(
      '**2 seats freed** (users left with no live row) of 2 users the run worked on.'
    )
    expect(r.summary).toContain(`| half-pending | enterprise ent | pending until ${NEXT_CYCLE} |`)
  })

  it('revokes an enterprise team by name, and says who keeps access through an org', async () => {
    const gh = world()
    const r = await runAction({ mode: 'revoke', enterprise: 'ent', teams: 'eng' }, { now: NOW })
    expect(requestLines(gh).slice(0, 3)).toEqual([
      'GET /enterprises/ent/copilot/billing/seats',
      'GET /enterprises/ent/teams/ent%3Aeng',
      'GET /enterprises/ent/teams/ent%3Aeng/memberships'
    ])
    expect(bodies(gh)).toEqual([
      `DELETE ${TEAMS} 200 {"selected_enterprise_teams":["Engineering"]}`
    ])
    expect(rowsOf(gh, 'multi')).toEqual(['org:o1', 'org:o2', `team:ent:eng@${NEXT_CYCLE}`])
    expect(json(r.outputs['cancelled-users'])).toEqual(['multi'])
    // multi keeps Copilot through o1 and o2: the read-back says so, and the step fails.
    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(
      /multi: the enterprise seat was cancelled, but access remains through org o1; org o2\. Fix: for org o1, cancel it in org o1/
    )
    expect(r.summary).toContain('### Still holding access after the revoke (1)')
    expect(r.summary).toMatch(/\| multi \| org o1 \| cancel it in org o1/)
    expect(r.summary).toContain(
      `| multi | enterprise ent, team ent:eng | pending until ${NEXT_CYCLE} |`
    )
  })

  it('a row gone after the unassign counts as cancelled, like a pending one', async () => {
    const gh = world({ unassign: 'immediate' })
    const r = await runAction(
      { mode: 'revoke', enterprise: 'ent', users: 'ent-only' },
      { now: NOW }
    )
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(rowsOf(gh, 'ent-only')).toEqual([])
    expect(json(r.outputs['cancelled-users'])).toEqual(['ent-only'])
    expect(r.summary).toContain('| ent-only | enterprise ent | access removed at once |')
  })

  it('refuses a team with a protected member as a whole, and a protected user', async () => {
    const gh = world()
    const r = await runAction(
      {
        mode: 'revoke',
        enterprise: 'ent',
        users: 'ent-only',
        teams: 'ent:eng',
        'exclude-users': 'multi, ent-only'
      },
      { now: NOW }
    )
    expect(writes(gh)).toEqual([])
    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(
      /team ent:eng: refused as a whole: revoking the team would cancel protected members \(multi\)/
    )
    expect(r.errors.join('\n')).toMatch(/ent-only: protected \(in exclude-users\); not cancelled/)
  })

  it('a dry run reads the same, sends nothing and predicts what remains', async () => {
    const gh = world()
    const r = await runAction(
      { mode: 'revoke', enterprise: 'ent', teams: 'eng', 'dry-run': 'true' },
      { now: NOW }
    )
    expect(gh.requests.every((q) => q.method === 'GET')).toBe(true)
    expect(json(r.outputs['cancelled-users'])).toEqual(['multi'])
    expect(r.summary).toContain('### Still holding access after a real run (1)')
    expect(r.exitCode).toBe(1)
  })

  it('the breaker counts the members a team revoke cancels', async () => {
    const gh = world()
    const r = await runAction(
      {
        mode: 'revoke',
        enterprise: 'ent',
        users: 'ent-only',
        teams: 'eng',
        'max-cancellations': '1'
      },
      { now: NOW }
    )
    expect(writes(gh)).toEqual([])
    expect(r.errors.join('\n')).toMatch(
      /2 seats, over `max-cancellations` \(1\)\. Nothing was sent/
    )
  })
})

describe('assign at enterprise scope', () => {
  it('assigns enterprise-direct seats and restores a pending one; a user holding a seat through an org is not re-sent', async () => {
    const gh = world()
    gh.addEnterpriseMember('ent', 'newbie')
    gh.addEnterpriseSeat('ent', {
      login: 'leaver',
      ...used(20, { pending_cancellation_date: NEXT_CYCLE })
    })
    const r = await runAction(
      { mode: 'assign', enterprise: 'ent', users: 'newbie, leaver, busy' },
      { now: NOW }
    )
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(bodies(gh)).toEqual([`POST ${USERS} 201 {"selected_usernames":["newbie","leaver"]}`])
    expect(rowsOf(gh, 'newbie')).toEqual(['direct'])
    expect(rowsOf(gh, 'leaver')).toEqual(['direct'])
    expect(rowsOf(gh, 'busy')).toEqual(['org:o2'])
    expect(json(r.outputs['assigned-users'])).toEqual(['newbie', 'leaver'])
    expect(json<{ login: string; reason: string }[]>(r.outputs['skipped-users'])).toEqual([
      { login: 'busy', reason: 'already holds a seat; not re-sent, so its grace period is kept' }
    ])
  })

  it.each([422, 404] as const)(
    'with no membership pre-check, a batch refused with %i is split to isolate the unknown logins',
    async (status) => {
      const gh = world()
      gh.setEnterprisePolicy('ent', { unknownUsers: status })
      for (const login of ['new-a', 'new-b', 'new-c']) gh.addEnterpriseMember('ent', login)
      const r = await runAction(
        { mode: 'assign', enterprise: 'ent', users: 'new-a, stranger, new-b, new-c' },
        { now: NOW }
      )
      expect(bodies(gh).map((b) => b.replace(/^POST \S+ /, ''))).toEqual([
        `${status} {"selected_usernames":["new-a","stranger","new-b","new-c"]}`,
        `${status} {"selected_usernames":["new-a","stranger"]}`,
        '201 {"selected_usernames":["new-a"]}',
        `${status} {"selected_usernames":["stranger"]}`,
        '201 {"selected_usernames":["new-b","new-c"]}'
      ])
      expect(json(r.outputs['assigned-users'])).toEqual(['new-a', 'new-b', 'new-c'])
      expect(r.exitCode).toBe(1)
      expect(r.errors.join('\n')).toMatch(
        new RegExp(
          `stranger: not assigned: GitHub refused "stranger" alone \\(${status}\\): "The following users are not members of the enterprise ent: stranger"; they are usually not a member of the enterprise`
        )
      )
    }
  )

  it('stops splitting once three logins are refused alone and none accepted: the refusal is the enterprise’s', async () => {
    const gh = world()
    gh.setEnterprisePolicy('ent', { seat_management_setting: 'assign_all' })
    for (const login of ['a1', 'a2', 'a3', 'a4', 'a5']) gh.addEnterpriseMember('ent', login)
    const r = await runAction(
      { mode: 'assign', enterprise: 'ent', users: 'a1 a2 a3 a4 a5' },
      { now: NOW }
    )
    // 5 → 3 + 2 → (2 → a1, a2) + a3 → third refused alone: a4 and a5 are not sent one by one.
    expect(
      writes(gh).map((w) => (w.body as { selected_usernames: string[] }).selected_usernames)
    ).toEqual([
      ['a1', 'a2', 'a3', 'a4', 'a5'],
      ['a1', 'a2', 'a3'],
      ['a1', 'a2'],
      ['a1'],
      ['a2'],
      ['a3']
    ])
    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(
      /a4: not assigned: not sent: GitHub refused each of the first 3 names sent alone to enterprise "ent" \(a1, a2, a3\) and accepted none \(422.*the enterprise's Copilot policy/
    )
  })

  it('assigns an enterprise team by name (slug given without ent:); an unknown team fails', async () => {
    const gh = world()
    gh.addEnterpriseTeam('ent', 'ops', { name: 'Operations', members: ['fresh'] })
    const r = await runAction(
      { mode: 'assign', enterprise: 'ent', teams: 'ops, nope' },
      { now: NOW }
    )
    expect(bodies(gh)).toEqual([`POST ${TEAMS} 201 {"selected_enterprise_teams":["Operations"]}`])
    expect(rowsOf(gh, 'fresh')).toEqual(['team:ent:ops'])
    expect(json(r.outputs['assigned-users'])).toEqual(['fresh'])
    expect(r.summary).toContain('| fresh | ent:ops |')
    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(/team ent:nope: enterprise team "ent:nope" not found/)
  })
})
