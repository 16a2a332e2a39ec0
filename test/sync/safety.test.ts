// sync and the everyday mistakes in a seat file, each at the HTTP boundary:
// a truncated file, a typo in a login or a team slug, duplicates and case, a
// user both listed and protected, pending seats, and the file changing while
// a run applies it. In each, what is sent and what GitHub ends with.
import { describe, expect, it } from 'vitest'
import { json, mswServer, requestLines, runAction } from '../support/harness.js'
import { skipsOf, writeBodies } from '../support/assign-revoke-fixtures.js'
import { NEXT_CYCLE, NOW, SEAT_FILE } from '../support/sync-fixtures.js'

const { useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })
const OLD = '2026-01-01T00:00:00Z'
const RECENT = '2026-05-09T08:00:00Z'
const sync = (file: string, inputs: Record<string, string> = {}) =>
  runAction(
    { mode: 'sync', 'users-file': SEAT_FILE, ...inputs },
    { now: NOW, workspaceFiles: { [SEAT_FILE]: file } }
  )
const seat = (gh: ReturnType<typeof fake>, login: string, extra: { team?: string } = {}) =>
  gh.addSeat('acme', { login, created_at: OLD, last_activity_at: RECENT, ...extra })
const pendingOf = (gh: ReturnType<typeof fake>, login: string) =>
  gh.seat('acme', login)?.pending_cancellation_date
const logins = (n: number) =>
  Array.from({ length: n }, (_, i) => `u${String(i + 1).padStart(3, '0')}`)

describe('sync: a file truncated to a few lines', () => {
  it('trips max-cancellations: nothing is sent, the step names the count, the limit and the input', async () => {
    const gh = fake()
    for (const login of logins(150)) seat(gh, login)
    const r = await sync('u001\nu002\nu003\n')
    expect(r.exitCode).toBe(1)
    expect(requestLines(gh, true)).toEqual([])
    expect(pendingOf(gh, 'u150')).toBeNull()
    expect(r.errors[0]).toContain(
      'The plan would set to pending cancellation 147 seats, over `max-cancellations` (100). Nothing was sent.'
    )
    expect(r.summary).toContain('### Plan: 0 new, 0 restored, 147 cancelled')
    expect(r.summary).toContain('| Cancelled (set to pending cancellation) | 147 | -2,793 USD |')
  })

  it('a dry run trips the same way, so the pull request shows it before the merge', async () => {
    const gh = fake()
    for (const login of logins(150)) seat(gh, login)
    const r = await sync('u001\nu002\nu003\n', { 'dry-run': 'true' })
    expect(r.exitCode).toBe(1)
    expect(requestLines(gh).every((l) => l.startsWith('GET '))).toBe(true)
    expect(r.errors[0]).toContain('over `max-cancellations` (100)')
  })

  it('max-assignments counts listed users and the members a listed team would seat', async () => {
    const gh = fake()
    for (const login of ['n1', 'n2']) gh.addMember('acme', login)
    gh.addTeam('acme', 'big', { members: ['m1', 'm2'] })
    const r = await sync('n1\nn2\n', { teams: 'big', 'max-assignments': '3' })
    expect(r.exitCode).toBe(1)
    expect(requestLines(gh, true)).toEqual([])
    expect(r.errors[0]).toContain(
      'The plan would create or restore 4 seats, over `max-assignments` (3).'
    )
  })
})

describe('sync: typos', () => {
  it('a login that is not a member is reported and fails the step; the rest is applied', async () => {
    const gh = fake()
    gh.addMember('acme', 'newbie')
    seat(gh, 'alice')
    seat(gh, 'gone')
    const r = await sync('alice\nalcie\nnewbie\n')
    expect(r.exitCode).toBe(1)
    expect(writeBodies(gh)).toEqual([
      { method: 'POST', path: '/orgs/acme/copilot/billing/selected_users', names: ['newbie'] },
      { method: 'DELETE', path: '/orgs/acme/copilot/billing/selected_users', names: ['gone'] }
    ])
    expect(skipsOf(r.outputs['skipped-users'])).toEqual([
      {
        login: 'alcie',
        reason:
          'not a member of org acme (or their invitation is not accepted yet); not sent. Fix: invite them to the org first'
      }
    ])
    expect(r.errors[0]).toContain('- alcie: not a member of org acme')
    expect(json(r.outputs['assigned-users'])).toEqual(['newbie'])
    expect(json(r.outputs['cancelled-users'])).toEqual(['gone'])
  })

  it('a team slug that does not exist: listed users are assigned, nothing is cancelled, the step fails', async () => {
    const gh = fake()
    gh.addMember('acme', 'newbie')
    seat(gh, 'd2', { team: 'devs' })
    seat(gh, 'eve')
    const r = await sync('newbie\n', { teams: 'devz' })
    expect(r.exitCode).toBe(1)
    expect(writeBodies(gh)).toEqual([
      { method: 'POST', path: '/orgs/acme/copilot/billing/selected_users', names: ['newbie'] }
    ])
    expect(pendingOf(gh, 'eve')).toBeNull()
    expect(pendingOf(gh, 'd2')).toBeNull()
    expect(requestLines(gh)).not.toContain('GET /orgs/acme/teams/devs')
    expect(r.errors[0]).toContain(
      'Team(s) "devz" in `teams` were not found, so the desired state is not known in full and nothing was cancelled: 1 direct seat(s) of users not listed and 1 team(s) that grant seats but are not listed were kept. Listed users were still assigned. Fix: use each team\'s slug (as in its URL), then re-run.'
    )
    expect(r.reportJson!.skipped).toContainEqual({
      team: 'devz',
      reason: 'team "devz" not found in org acme. Fix: use the team\'s slug, as in its URL',
      kind: 'team-not-found',
      failed: true
    })
  })
})

describe('sync: duplicates, case and protections', () => {
  it('a login listed twice, differently cased, is one desired user; GitHub spelling it otherwise changes nothing', async () => {
    const gh = fake()
    seat(gh, 'ALICE')
    const r = await sync('Alice\nalice, @ALICE\n')
    expect(r.exitCode).toBe(0)
    expect(requestLines(gh, true)).toEqual([])
    expect(pendingOf(gh, 'alice')).toBeNull()
    expect(r.summary).toContain('Nothing to change: the seats match the desired state.')
  })

  it('a user both listed and protected gets a seat; a protected user not listed keeps theirs', async () => {
    const gh = fake()
    gh.addMember('acme', 'boss')
    seat(gh, 'cto')
    gh.addTeam('acme', 'leaders', { members: ['cto'] })
    const r = await sync('boss\n', { 'exclude-users': 'boss', 'exclude-teams': 'leaders' })
    expect(r.exitCode).toBe(0)
    expect(writeBodies(gh)).toEqual([
      { method: 'POST', path: '/orgs/acme/copilot/billing/selected_users', names: ['boss'] }
    ])
    expect(pendingOf(gh, 'boss')).toBeNull()
    expect(pendingOf(gh, 'cto')).toBeNull()
    expect(skipsOf(r.outputs['skipped-users'])).toEqual([
      {
        login: 'cto',
        reason: 'not listed, but protected (member of protected team leaders); not cancelled'
      }
    ])
  })

  it('a team that grants seats but is not listed is refused whole when a member is protected', async () => {
    const gh = fake()
    seat(gh, 'o1', { team: 'ops' })
    seat(gh, 'boss', { team: 'ops' })
    seat(gh, 'eve')
    gh.addMember('acme', 'alice')
    const r = await sync('alice\n', { 'exclude-users': 'boss' })
    expect(r.exitCode).toBe(1)
    expect(writeBodies(gh)).toEqual([
      { method: 'POST', path: '/orgs/acme/copilot/billing/selected_users', names: ['alice'] },
      { method: 'DELETE', path: '/orgs/acme/copilot/billing/selected_users', names: ['eve'] }
    ])
    expect(r.errors[0]).toContain('1 requested change(s) could not be made')
    for (const login of ['o1', 'boss']) expect(pendingOf(gh, login)).toBeNull()
    expect(r.reportJson!.skipped).toContainEqual({
      team: 'ops',
      reason:
        'grants seats but is not listed; not removed, because that would cancel protected members (boss). Fix: list the team in `teams` to keep its seats, or change the protection',
      kind: 'unlisted-team-protected',
      failed: true
    })
  })
})

describe('sync: pending seats', () => {
  it('restores a listed pending seat and never cancels a pending one again', async () => {
    const gh = fake()
    for (const login of ['back', 'leaving'])
      gh.addSeat('acme', {
        login,
        created_at: OLD,
        last_activity_at: RECENT,
        pending_cancellation_date: NEXT_CYCLE
      })
    const r = await sync('back\n')
    expect(r.exitCode).toBe(0)
    expect(writeBodies(gh)).toEqual([
      { method: 'POST', path: '/orgs/acme/copilot/billing/selected_users', names: ['back'] }
    ])
    expect(pendingOf(gh, 'back')).toBeNull()
    expect(pendingOf(gh, 'leaving')).toBe(NEXT_CYCLE)
    expect(r.summary).toContain('### Plan, as sent: 0 new, 1 restored, 0 cancelled')
  })
})

describe('sync: the state changing while a run applies the file', () => {
  it('drops writes that GitHub no longer needs, checked just before they are sent', async () => {
    const gh = fake()
    gh.addMember('acme', 'newbie')
    gh.addSeat('acme', {
      login: 'dave',
      created_at: OLD,
      last_activity_at: RECENT,
      pending_cancellation_date: NEXT_CYCLE
    })
    seat(gh, 'eve')
    seat(gh, 'alice')
    // Another run (or a person) acts between the plan and the writes: the look-ups that confirm
    // the writes see dave restored and eve seated through a team.
    let acted = false
    gh.onRequest((req) => {
      if (acted || !/^\/orgs\/acme\/members\/(dave|eve)\/copilot$/.test(req.path)) return
      acted = true
      seat(gh, 'dave')
      seat(gh, 'eve', { team: 'ops' })
    })
    const r = await sync('alice\ndave\nnewbie\n')
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(writeBodies(gh)).toEqual([
      { method: 'POST', path: '/orgs/acme/copilot/billing/selected_users', names: ['newbie'] }
    ])
    expect(skipsOf(r.outputs['skipped-users'])).toEqual([
      {
        login: 'dave',
        reason: 'not assigned: checked just before sending, GitHub now shows a seat held; not sent'
      },
      {
        login: 'eve',
        reason:
          'not cancelled: checked just before sending, GitHub now shows a seat granted through a team; not sent'
      }
    ])
  })

  it("runs one after another (the README's concurrency group) converge on the last file, then find nothing to do", async () => {
    const gh = fake()
    for (const login of ['alice', 'bob']) seat(gh, login)
    gh.addMember('acme', 'carol')
    expect((await sync('alice\nbob\n')).exitCode).toBe(0)
    expect(requestLines(gh, true)).toEqual([])
    // The file is edited again: bob leaves, carol joins.
    const second = await sync('alice\ncarol\n')
    expect(second.exitCode).toBe(0)
    expect(json(second.outputs['assigned-users'])).toEqual(['carol'])
    expect(json(second.outputs['cancelled-users'])).toEqual(['bob'])
    gh.clearRequests()
    const third = await sync('alice\ncarol\n')
    expect(third.exitCode).toBe(0)
    expect(requestLines(gh, true)).toEqual([])
    expect(pendingOf(gh, 'bob')).toBe(NEXT_CYCLE)
    expect(pendingOf(gh, 'carol')).toBeNull()
  })
})

describe('sync: a listing proves that a seat exists, never that it does not', () => {
  it('looks up a listed user the listing missed (a row shifted between pages) instead of assigning them again', async () => {
    const gh = fake()
    const all = logins(250)
    for (const login of all) seat(gh, login)
    // Before page 3: u150 goes and zz-new arrives, so u201 slides onto page 2, already read.
    gh.shiftListingOnce({ org: 'acme', beforePage: 3, remove: ['u150'], add: ['zz-new'] })
    const r = await sync(all.join('\n'))
    expect(r.exitCode).toBe(0)
    expect(requestLines(gh)).toContain('GET /orgs/acme/members/u201/copilot')
    for (const w of writeBodies(gh)) expect(w.names).not.toContain('u201')
    expect(pendingOf(gh, 'u201')).toBeNull()
    // zz-new is not listed: its direct seat is cancelled.
    expect(json(r.outputs['cancelled-users'])).toEqual(['zz-new'])
  })
})
