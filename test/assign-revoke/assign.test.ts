// assign mode at the HTTP boundary: what is sent, what GitHub (the fake) ends
// up showing, the outputs, the summary and the exit status.
import { describe, expect, it } from 'vitest'
import { json, mswServer, requestLines, runAction } from '../support/harness.js'
import {
  ASSIGN_MIXED_EXPECTED,
  ASSIGN_MIXED_FILES,
  ASSIGN_MIXED_INPUTS,
  NEXT_CYCLE,
  NOW,
  NOW_ISO,
  OLD,
  seedAssignMixed,
  skipName,
  skipsOf,
  userKeys,
  writeBodies
} from '../support/assign-revoke-fixtures.js'

const { useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })

describe('assign: one user at a time', () => {
  it('does not send a non-member, reports why and fails the step', async () => {
    const gh = fake()
    const r = await runAction({ mode: 'assign', users: 'ghost' }, { now: NOW })
    expect(requestLines(gh)).toEqual([
      'GET /orgs/acme/copilot/billing',
      'GET /orgs/acme/members/ghost/copilot',
      'GET /orgs/acme/members/ghost'
    ])
    expect(gh.seat('acme', 'ghost')).toBeUndefined()
    expect(r.exitCode).toBe(1)
    expect(skipsOf(r.outputs['skipped-users'])).toEqual([
      {
        login: 'ghost',
        reason:
          'not a member of org acme (or their invitation is not accepted yet); not sent. Fix: invite them to the org first'
      }
    ])
    expect(json(r.outputs['assigned-users'])).toEqual([])
    expect(r.outputs['seats-created']).toBe('0')
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toContain('1 requested change(s) could not be made')
    expect(r.errors[0]).toContain('- ghost: not a member of org acme')
    expect(r.summary).toContain('### Skipped or not changed (1, 1 failed)')
    expect(r.summary).toMatch(/\| ❌ \| ghost \| not a member of org acme/)
    expect(r.summary).toContain('The step failed')
  })

  it('treats a pending invitee as not a member: not sent, the others still assigned', async () => {
    const gh = fake()
    gh.addMember('acme', 'invitee', { pendingInvitation: true })
    gh.addMember('acme', 'newbie')
    const r = await runAction({ mode: 'assign', users: 'invitee newbie' }, { now: NOW })
    expect(writeBodies(gh)).toEqual([
      { method: 'POST', path: '/orgs/acme/copilot/billing/selected_users', names: ['newbie'] }
    ])
    expect(gh.seat('acme', 'invitee')).toBeUndefined()
    expect(gh.seat('acme', 'newbie')?.created_at).toBe(NOW_ISO)
    expect(json(r.outputs['assigned-users'])).toEqual(['newbie'])
    expect(skipsOf(r.outputs['skipped-users']).map((s) => s.login)).toEqual(['invitee'])
    expect(r.exitCode).toBe(1)
  })

  it('does not re-send users who hold a seat, active or idle, so their grace period is kept', async () => {
    const gh = fake()
    gh.addSeat('acme', {
      login: 'active1',
      created_at: OLD,
      last_activity_at: '2026-05-09T00:00:00Z'
    })
    gh.addSeat('acme', {
      login: 'idle1',
      created_at: OLD,
      last_activity_at: '2026-02-01T00:00:00Z'
    })
    const r = await runAction({ mode: 'assign', users: 'active1, idle1' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(r.errors).toEqual([])
    // Holding a seat needs no membership check and no write.
    expect(requestLines(gh)).toEqual([
      'GET /orgs/acme/copilot/billing',
      'GET /orgs/acme/members/active1/copilot',
      'GET /orgs/acme/members/idle1/copilot'
    ])
    expect(gh.seat('acme', 'active1')?.created_at).toBe(OLD)
    expect(gh.seat('acme', 'idle1')?.created_at).toBe(OLD)
    const skips = skipsOf(r.outputs['skipped-users'])
    expect(skips.map((s) => s.login)).toEqual(['active1', 'idle1'])
    for (const s of skips)
      expect(s.reason).toBe('already holds a seat; not re-sent, so its grace period is kept')
    expect(json(r.outputs['assigned-users'])).toEqual([])
    expect(r.outputs['seats-created']).toBe('0')
    expect(r.outputs['total-seats']).toBe('2')
    expect(r.outputs['idle-seats']).toBe('1')
    expect(r.summary).toContain('### Assigned (0)')
    expect(r.summary).toMatch(/\| ➖ \| idle1 \| already holds a seat/)
    expect(r.summary).not.toContain('The step failed')
  })

  it('restores a seat pending cancellation by assigning it again', async () => {
    const gh = fake()
    gh.addSeat('acme', {
      login: 'pend1',
      created_at: OLD,
      last_activity_at: '2026-05-09T00:00:00Z',
      pending_cancellation_date: NEXT_CYCLE
    })
    const r = await runAction({ mode: 'assign', users: 'pend1' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(requestLines(gh)).toEqual([
      'GET /orgs/acme/copilot/billing',
      'GET /orgs/acme/members/pend1/copilot',
      'GET /orgs/acme/members/pend1',
      'POST /orgs/acme/copilot/billing/selected_users',
      'GET /orgs/acme/members/pend1/copilot'
    ])
    expect(writeBodies(gh)).toEqual([
      { method: 'POST', path: '/orgs/acme/copilot/billing/selected_users', names: ['pend1'] }
    ])
    expect(gh.seat('acme', 'pend1')?.pending_cancellation_date).toBeNull()
    expect(json(r.outputs['assigned-users'])).toEqual(['pend1'])
    expect(r.outputs['seats-created']).toBe('1')
    expect(r.outputs['pending-seats']).toBe('0')
    expect(json(r.outputs['skipped-users'])).toEqual([])
    expect(r.summary).toContain('Assigned **1** seat(s), as GitHub shows them now.')
    expect(r.summary).toContain('| pend1 | direct |')
  })

  it('assigns a member without a seat and reads it back', async () => {
    const gh = fake()
    gh.addMember('acme', 'newbie')
    const r = await runAction({ mode: 'assign', users: 'newbie' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(r.errors).toEqual([])
    expect(requestLines(gh).slice(-2)).toEqual([
      'POST /orgs/acme/copilot/billing/selected_users',
      'GET /orgs/acme/members/newbie/copilot'
    ])
    const seat = gh.seat('acme', 'newbie')
    expect(seat?.created_at).toBe(NOW_ISO)
    expect(seat?.assigning_team).toBeNull()
    expect(json(r.outputs['assigned-users'])).toEqual(['newbie'])
    expect(r.outputs['seats-created']).toBe('1')
    expect(r.outputs['total-seats']).toBe('1')
    expect(r.summary).toContain('### Assigned (1)')
    expect(r.summary).toContain('| newbie | direct |')
  })

  it('handles an Enterprise Managed User login (mona_acme)', async () => {
    const gh = fake()
    gh.addMember('acme', 'mona_acme')
    const r = await runAction({ mode: 'assign', users: '@Mona_acme' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(requestLines(gh)).toContain('GET /orgs/acme/members/mona_acme/copilot')
    expect(requestLines(gh)).toContain('GET /orgs/acme/members/mona_acme')
    expect(writeBodies(gh)).toEqual([
      { method: 'POST', path: '/orgs/acme/copilot/billing/selected_users', names: ['mona_acme'] }
    ])
    expect(gh.seat('acme', 'mona_acme')?.created_at).toBe(NOW_ISO)
    expect(json(r.outputs['assigned-users'])).toEqual(['mona_acme'])
  })
})

describe('assign: users-file', () => {
  it('reads comments, CRLF, a byte-order mark, blank lines, @ prefixes and duplicates', async () => {
    const gh = fake()
    for (const login of ['alice', 'bob', 'carol', 'dave_acme']) gh.addMember('acme', login)
    const file =
      '\uFEFF# Copilot seats, one or more per line\r\n@alice\r\n\r\n  bob, Carol   # the new hire\r\n#dave\r\n\r\nALICE @bob\r\ndave_acme\r\n'
    const r = await runAction(
      { mode: 'assign', 'users-file': 'config/seats.txt' },
      { now: NOW, workspaceFiles: { 'config/seats.txt': file } }
    )
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(writeBodies(gh)).toEqual([
      {
        method: 'POST',
        path: '/orgs/acme/copilot/billing/selected_users',
        names: ['alice', 'bob', 'carol', 'dave_acme']
      }
    ])
    expect(json<string[]>(r.outputs['assigned-users'])).toEqual([
      'alice',
      'bob',
      'carol',
      'dave_acme'
    ])
    for (const login of ['alice', 'bob', 'carol', 'dave_acme'])
      expect(gh.seat('acme', login)?.created_at).toBe(NOW_ISO)
    // "#dave" is a comment, not a login.
    expect(gh.requests.some((q) => q.path.includes('/dave/') || q.path.endsWith('/dave'))).toBe(
      false
    )
  })

  it('fails on a bad line, naming its number, and sends nothing', async () => {
    const gh = fake()
    gh.addMember('acme', 'alice')
    const file = 'alice\r\n# ok so far\r\nbob--smith\r\n'
    const r = await runAction(
      { mode: 'assign', 'users-file': 'seats.txt' },
      { now: NOW, workspaceFiles: { 'seats.txt': file } }
    )
    expect(r.exitCode).toBe(1)
    expect(gh.requests).toEqual([])
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toContain('users-file')
    expect(r.errors[0]).toContain('line 3 of seats.txt')
    expect(r.errors[0]).toContain('bob--smith')
    expect(r.errors[0]).toContain('double hyphen')
    expect(json(r.outputs['assigned-users'])).toEqual([])
    expect(r.outputs['seats-created']).toBe('0')
    expect(gh.seat('acme', 'alice')).toBeUndefined()
  })
})

describe('assign: teams', () => {
  it('looks a team up by slug, lists its members and sends the team', async () => {
    const gh = fake()
    gh.addTeam('acme', 'devs', { name: 'Developers', members: ['t1', 't2'] })
    const r = await runAction({ mode: 'assign', teams: 'DEVS' }, { now: NOW })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(requestLines(gh)).toEqual([
      'GET /orgs/acme/copilot/billing',
      'GET /orgs/acme/teams/devs',
      'GET /orgs/acme/teams/devs/members',
      'GET /orgs/acme/members/t1/copilot',
      'GET /orgs/acme/members/t2/copilot',
      'POST /orgs/acme/copilot/billing/selected_teams',
      'GET /orgs/acme/members/t1/copilot',
      'GET /orgs/acme/members/t2/copilot'
    ])
    expect(writeBodies(gh)).toEqual([
      { method: 'POST', path: '/orgs/acme/copilot/billing/selected_teams', names: ['devs'] }
    ])
    for (const login of ['t1', 't2']) {
      expect(gh.seat('acme', login)?.assigning_team?.slug).toBe('devs')
      expect(gh.seat('acme', login)?.created_at).toBe(NOW_ISO)
    }
    expect(json(r.outputs['assigned-users'])).toEqual(['t1', 't2'])
    expect(r.outputs['seats-created']).toBe('2')
    expect(r.summary).toContain('| t1 | devs |')
    expect(r.summary).toContain('Teams sent: devs.')
  })

  it('fails on an unknown team and sends nothing for it', async () => {
    const gh = fake()
    const r = await runAction({ mode: 'assign', teams: 'nope' }, { now: NOW })
    expect(r.exitCode).toBe(1)
    expect(requestLines(gh)).toEqual([
      'GET /orgs/acme/copilot/billing',
      'GET /orgs/acme/teams/nope'
    ])
    // skipped-users lists users; a team's skip is in the error, the summary and the report files
    expect(skipsOf(r.outputs['skipped-users'])).toEqual([])
    expect(r.reportJson!.skipped).toEqual([
      {
        team: 'nope',
        kind: 'team-not-found',
        reason: `team "nope" not found in org acme. Fix: use the team's slug, as in its URL`,
        failed: true
      }
    ])
    expect(r.errors[0]).toContain('- team nope: team "nope" not found')
    expect(r.summary).toMatch(/\| ❌ \| team nope \|/)
  })

  it('does not re-send a team whose members all hold their seats through it', async () => {
    const gh = fake()
    gh.addSeat('acme', {
      login: 'c1',
      created_at: OLD,
      last_activity_at: '2026-05-09T00:00:00Z',
      team: 'core'
    })
    gh.addSeat('acme', { login: 'c2', created_at: OLD, last_activity_at: null, team: 'core' })
    const r = await runAction({ mode: 'assign', teams: 'core' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(requestLines(gh, true)).toEqual([])
    expect(gh.seat('acme', 'c1')?.created_at).toBe(OLD)
    expect(gh.seat('acme', 'c2')?.created_at).toBe(OLD)
    expect(skipsOf(r.outputs['skipped-users'])).toEqual([])
    expect(r.reportJson!.skipped).toEqual([
      {
        team: 'core',
        kind: 'team-all-seated',
        reason: 'every member already holds a seat through this team; not re-sent',
        failed: false
      }
    ])
    expect(json(r.outputs['assigned-users'])).toEqual([])
  })
})

describe('assign: everything at once', () => {
  it('applies what it can, skips the rest, and fails only because of the failing cases', async () => {
    const gh = fake()
    seedAssignMixed(gh)
    const r = await runAction(
      { ...ASSIGN_MIXED_INPUTS },
      { now: NOW, workspaceFiles: ASSIGN_MIXED_FILES }
    )
    const E = ASSIGN_MIXED_EXPECTED

    // sent: the users who need a seat, and team devs; nothing else
    expect(writeBodies(gh)).toEqual([
      { method: 'POST', path: '/orgs/acme/copilot/billing/selected_users', names: E.usersBody },
      { method: 'POST', path: '/orgs/acme/copilot/billing/selected_teams', names: ['devs'] }
    ])
    expect(requestLines(gh)).toContain('GET /orgs/acme/teams/nope')
    // membership matters for the 4 who would be sent (newbie, ghost, mona_acme, pend1): more
    // than the seat listing's 1 page, so the member list is read, and its one page answers all
    expect(requestLines(gh).filter((l) => /^GET \/orgs\/acme\/members(\/[^/]+)?$/.test(l))).toEqual(
      ['GET /orgs/acme/members']
    )

    // state
    for (const login of ['newbie', 'mona_acme', 't1', 't2'])
      expect(gh.seat('acme', login)?.created_at).toBe(NOW_ISO)
    expect(gh.seat('acme', 'pend1')?.pending_cancellation_date).toBeNull()
    for (const login of ['active1', 'idle1', 't3', 'c1', 'c2'])
      expect(gh.seat('acme', login)?.created_at).toBe(OLD)
    expect(gh.seat('acme', 'ghost')).toBeUndefined()

    // outputs
    expect(json(r.outputs['assigned-users'])).toEqual(E.assigned)
    expect(r.outputs['seats-created']).toBe('5')
    expect(r.outputs['seats-cancelled']).toBe('0')
    expect(json(r.outputs['cancelled-users'])).toEqual([])
    const skips = skipsOf(r.outputs['skipped-users'])
    expect(skips.map((s) => s.login).sort()).toEqual(userKeys(E.skipped).sort())
    for (const s of skips) expect(s.reason).toMatch(E.skipped[s.login]!)
    // the report file has every skip, teams included
    const filed = r.reportJson!.skipped
    expect(filed.map(skipName).sort()).toEqual(Object.keys(E.skipped).sort())
    for (const s of filed) expect(s.reason).toMatch(E.skipped[skipName(s)]!)

    // the step fails for ghost and team nope only
    expect(r.exitCode).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toContain('2 requested change(s) could not be made')
    expect(r.errors[0]).toContain('- ghost:')
    expect(r.errors[0]).toContain('- team nope:')
    expect(r.errors[0]).not.toMatch(/active1|idle1|team core/)
    expect(
      filed
        .filter((s) => s.failed)
        .map(skipName)
        .sort()
    ).toEqual(E.failing)

    // summary
    expect(r.summary).toContain('Assigned **5** seat(s), as GitHub shows them now.')
    expect(r.summary).toContain('### Assigned (5)')
    for (const row of [
      '| newbie | direct |',
      '| mona&#95;acme | direct |',
      '| pend1 | direct |',
      '| t1 | devs |',
      '| t2 | devs |'
    ])
      expect(r.summary).toContain(row)
    expect(r.summary).toContain('### Skipped or not changed (5, 2 failed)')
    expect(r.summary).toMatch(/\| ❌ \| ghost \|/)
    expect(r.summary).toMatch(/\| ➖ \| team core \|/)
  })
})
