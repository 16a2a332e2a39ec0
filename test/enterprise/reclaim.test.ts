// audit with reclaim at enterprise scope: SPEC.md's routing, case by case, at
// the HTTP boundary (requests sent, and the state the fake shows afterwards).
import { describe, expect, it } from 'vitest'
import { json, mswServer, requestLines, runAction } from '../support/harness.js'
import { writes } from '../support/audit-fixtures.js'
import {
  enterpriseWorld,
  FORBIDDEN_BODY,
  NEXT_CYCLE,
  NOW,
  rowsOf,
  used
} from '../support/enterprise-fixtures.js'

const { useFake } = mswServer()
const world = (options: Parameters<typeof enterpriseWorld>[1] = {}) =>
  enterpriseWorld(useFake({ now: () => new Date(NOW) }, null), options)
const RECLAIM = { mode: 'audit', reclaim: 'true', enterprise: 'ent' } as const
const O3_DELETE = '/orgs/o3/copilot/billing/selected_users'

/** "DELETE /path [a, b]" for each write. */
const sent = (gh: ReturnType<typeof world>) =>
  writes(gh).map(
    (w) =>
      `${w.method} ${w.path} [${((w.body as { selected_usernames?: string[] }).selected_usernames ?? []).join(', ')}]`
  )

describe('audit with reclaim at enterprise scope: routing by the rows that grant each seat', () => {
  it('cancels each idle row where it is granted, lists team rows, and goes on past an org that refuses', async () => {
    const gh = world()
    gh.fault({
      method: 'DELETE',
      path: O3_DELETE,
      status: 403,
      times: Infinity,
      body: FORBIDDEN_BODY
    })

    const r = await runAction(RECLAIM, { now: NOW })

    // Enterprise-direct rows at the enterprise; org-direct rows in their org; o3's 403 is its own.
    expect(sent(gh)).toEqual([
      'DELETE /enterprises/ent/copilot/billing/selected_users [ent-only, half-pending]',
      'DELETE /orgs/o1/copilot/billing/selected_users [multi, one-org]',
      'DELETE /orgs/o2/copilot/billing/selected_users [multi]',
      `DELETE ${O3_DELETE} [blocked]`
    ])
    // The policy check runs once per org with rows to cancel, before its writes.
    const lines = requestLines(gh)
    for (const org of ['o1', 'o2', 'o3']) {
      expect(lines.filter((l) => l === `GET /orgs/${org}/copilot/billing`)).toHaveLength(1)
      expect(lines.indexOf(`GET /orgs/${org}/copilot/billing`)).toBeLessThan(
        lines.indexOf(`DELETE /orgs/${org}/copilot/billing/selected_users`)
      )
    }
    // Each write confirmed just before it is sent with the enterprise per-user look-up
    // (fewer requests than the listing), and read back the same way.
    const firstO1 = lines.indexOf('DELETE /orgs/o1/copilot/billing/selected_users')
    expect(lines.slice(firstO1 - 2, firstO1).sort()).toEqual([
      'GET /enterprises/ent/members/multi/copilot',
      'GET /enterprises/ent/members/one-org/copilot'
    ])
    expect(lines.slice(firstO1 + 1, firstO1 + 3).sort()).toEqual([
      'GET /enterprises/ent/members/multi/copilot',
      'GET /enterprises/ent/members/one-org/copilot'
    ])

    // What GitHub shows now.
    expect(rowsOf(gh, 'ent-only')).toEqual([`direct@${NEXT_CYCLE}`])
    expect(rowsOf(gh, 'one-org')).toEqual([`org:o1@${NEXT_CYCLE}`])
    expect(rowsOf(gh, 'multi')).toEqual([
      `org:o1@${NEXT_CYCLE}`,
      `org:o2@${NEXT_CYCLE}`,
      'team:ent:eng'
    ])
    expect(rowsOf(gh, 'mixed')).toEqual(['org:o1', 'org:o2'])
    expect(rowsOf(gh, 'blocked')).toEqual(['org:o3'])
    expect(rowsOf(gh, 'half-pending')).toEqual([`org:o1@${NEXT_CYCLE}`, `direct@${NEXT_CYCLE}`])
    expect(rowsOf(gh, 'team-only')).toEqual(['org:o2'])

    // o3's refusal fails the step, for o3 only; everything else was done.
    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(/blocked: not cancelled: .*\(403\) .* in org "o3"/)
    expect(json(r.outputs['cancelled-users'])).toEqual([
      'ent-only',
      'half-pending',
      'multi',
      'one-org'
    ])
    expect(r.outputs['seats-cancelled']).toBe('5')
    const skipped = json<{ login: string; reason: string }[]>(r.outputs['skipped-users'])
    expect(skipped.map((s) => s.login).sort()).toEqual(['blocked', 'multi', 'team-only'])
    expect(skipped.find((s) => s.login === 'team-only')!.reason).toMatch(
      /idle, granted through team red of org o2, .* remove them from team red in org o2/
    )
    expect(skipped.find((s) => s.login === 'multi')!.reason).toMatch(
      /granted through enterprise team ent:eng.*remove them from enterprise team ent:eng/
    )

    // The summary: where, what was cancelled there, who keeps access and why.
    expect(r.summary).toContain(
      '- Cancelled **5 rows** in 3 places: **3 seats freed** (users left with no live row) of 5 idle users; 2 still hold access'
    )
    expect(r.summary).toContain('| enterprise ent | 2 | 2 | 0 |  |')
    expect(r.summary).toContain('| org o1 | 2 | 2 | 0 |  |')
    expect(r.summary).toContain('| org o3 | 1 | 0 | 1 | see "Skipped or not changed" |')
    expect(r.summary).toContain(`| multi | org o2 | pending until ${NEXT_CYCLE} |`)
    expect(r.summary).toContain('### Still holding access after this run (2)')
    expect(r.summary).toMatch(/\| blocked \| org o3 \| not cancelled: The token is not allowed/)
    expect(r.summary).toMatch(
      /\| multi \| enterprise team ent:eng \| remove them from enterprise team/
    )
    expect(r.summary).toContain('### By organization')
    expect(r.summary).toContain('| ent:eng | 1 | 1 | 0 |')

    // The report file carries the same, per destination.
    const outcome = r.reportJson!.meta.enterprise_outcome as {
      seats_freed: number
      destinations: { org?: string; enterprise?: string; cancelled: { login: string }[] }[]
      remaining: { login: string; grants: { org: string | null; team: string | null }[] }[]
    }
    expect(outcome.seats_freed).toBe(3)
    expect(outcome.destinations.map((d) => [d.org ?? d.enterprise, d.cancelled.length])).toEqual([
      ['ent', 2],
      ['o1', 2],
      ['o2', 1],
      ['o3', 0]
    ])
    expect(outcome.remaining.map((u) => [u.login, u.grants.map((g) => g.org ?? g.team)])).toEqual([
      ['blocked', ['o3']],
      ['multi', ['ent:eng']]
    ])
    const multi = r.reportJson!.seats.find((s) => s.login === 'multi')!
    expect(multi.grants).toEqual([
      { org: null, team: 'ent:eng', team_kind: 'enterprise', pending_cancellation_date: null },
      { org: 'o1', team: null, team_kind: null, pending_cancellation_date: NEXT_CYCLE },
      { org: 'o2', team: null, team_kind: null, pending_cancellation_date: NEXT_CYCLE }
    ])
  })

  it('a user idle in one row and active in another is not idle: nothing is sent for them', async () => {
    const gh = world()
    const r = await runAction(RECLAIM, { now: NOW })
    expect(writes(gh).some((w) => JSON.stringify(w.body).includes('"mixed"'))).toBe(false)
    expect(rowsOf(gh, 'mixed')).toEqual(['org:o1', 'org:o2'])
    expect(json<string[]>(r.outputs['idle-users'])).not.toContain('mixed')
  })

  it('a pending row is left alone; the user’s live rows are cancelled', async () => {
    const gh = world()
    await runAction(RECLAIM, { now: NOW })
    const o1 = writes(gh).filter((w) => w.path === '/orgs/o1/copilot/billing/selected_users')
    expect(
      o1.flatMap((w) => (w.body as { selected_usernames: string[] }).selected_usernames)
    ).not.toContain('half-pending')
    expect(rowsOf(gh, 'half-pending')).toEqual([`org:o1@${NEXT_CYCLE}`, `direct@${NEXT_CYCLE}`])
  })

  it('an enterprise unassign that ends access at once counts as cancelled', async () => {
    const gh = world({ unassign: 'immediate' })
    const r = await runAction(RECLAIM, { now: NOW })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(rowsOf(gh, 'ent-only')).toEqual([])
    expect(json(r.outputs['cancelled-users'])).toContain('ent-only')
    expect(r.summary).toContain('| ent-only | enterprise ent | access removed at once |')
    const cancelled = r.reportJson!.meta.cancelled as {
      login: string
      pending_cancellation_date: string | null
    }[]
    expect(cancelled.find((c) => c.login === 'ent-only')!.pending_cancellation_date).toBeNull()
    // Of the 5 users reclaimed, 4 lose every live row; multi keeps the enterprise team's.
    expect((r.reportJson!.meta.enterprise_outcome as { seats_freed: number }).seats_freed).toBe(4)
  })

  it('a second run right after finds nothing more to cancel', async () => {
    const gh = world()
    const first = await runAction(RECLAIM, { now: NOW })
    expect(first.exitCode).toBe(0)
    gh.clearRequests()
    const second = await runAction(RECLAIM, { now: NOW + 60_000 })
    expect(second.errors).toEqual([])
    expect(second.exitCode).toBe(0)
    expect(writes(gh)).toEqual([])
    expect(second.summary).toContain('- Nothing to reclaim.')
  })
})

describe('audit with reclaim at enterprise scope: safety', () => {
  it('max-cancellations counts rows: two rows of one user count twice, and nothing is sent over it', async () => {
    const gh = world()
    // Rows: ent-only, half-pending (enterprise), multi, one-org (o1), multi (o2), blocked (o3) = 6.
    const over = await runAction({ ...RECLAIM, 'max-cancellations': '5' }, { now: NOW })
    expect(over.exitCode).toBe(1)
    expect(writes(gh)).toEqual([])
    expect(over.errors.join('\n')).toMatch(
      /cancel 6 seat rows \(of 5 users; at enterprise scope `max-cancellations` counts rows\), over `max-cancellations` \(5\)\. Nothing was sent/
    )
    expect(
      requestLines(gh).filter((l) => !l.startsWith('GET /enterprises/ent/copilot/billing/seats'))
    ).toEqual([])
    const ok = await runAction({ ...RECLAIM, 'max-cancellations': '6' }, { now: NOW })
    expect(ok.exitCode).toBe(0)
    expect(writes(gh)).toHaveLength(4)
  })

  it('a dry run makes the same confirming reads, sends nothing, and predicts the real run', async () => {
    const gh = world()
    const r = await runAction({ ...RECLAIM, 'dry-run': 'true' }, { now: NOW })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(gh.requests.every((q) => q.method === 'GET')).toBe(true)
    expect(requestLines(gh)).toContain('GET /enterprises/ent/members/multi/copilot')
    expect(requestLines(gh)).toContain('GET /orgs/o3/copilot/billing')
    expect(json(r.outputs['cancelled-users'])).toEqual([
      'ent-only',
      'half-pending',
      'multi',
      'one-org',
      'blocked'
    ])
    expect(r.outputs['seats-cancelled']).toBe('0')
    expect(r.summary).toContain('- Would cancel **6 rows** in 4 places: **4 seats would be freed**')
    expect(r.summary).toContain('| multi | org o2 | would be cancelled |')
    expect(r.summary).toContain('### Still holding access after a real run (1)')
    expect(rowsOf(gh, 'one-org')).toEqual(['org:o1'])
  })

  it('an org whose Copilot policy refuses writes is reported; the other places go on', async () => {
    const gh = world()
    gh.setPolicy('o2', { seat_management_setting: 'assign_all' })
    const r = await runAction(RECLAIM, { now: NOW })
    expect(writes(gh).map((w) => w.path)).toEqual([
      '/enterprises/ent/copilot/billing/selected_users',
      '/orgs/o1/copilot/billing/selected_users',
      '/orgs/o3/copilot/billing/selected_users'
    ])
    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(
      /multi: not cancelled: Org "o2" has Copilot seat management set to "assign_all"/
    )
    expect(r.warnings.join('\n')).toMatch(/Nothing is sent to org o2/)
    expect(rowsOf(gh, 'multi')).toEqual([`org:o1@${NEXT_CYCLE}`, 'org:o2', 'team:ent:eng'])
    expect(r.summary).toMatch(
      /\| org o2 \| 1 \| 0 \| 1 \| ❌ Org &#34;o2&#34; has Copilot seat management/
    )
  })

  it('protected users (exclude-users, members of an enterprise team in exclude-teams) are not routed', async () => {
    const gh = world()
    gh.addEnterpriseTeam('ent', 'keepers', { name: 'Keepers', members: ['one-org'] })
    const r = await runAction(
      { ...RECLAIM, 'exclude-users': 'blocked', 'exclude-teams': 'ent:keepers' },
      { now: NOW }
    )
    expect(r.exitCode).toBe(0)
    const names = writes(gh).flatMap(
      (w) => (w.body as { selected_usernames: string[] }).selected_usernames
    )
    expect(names).not.toContain('one-org')
    expect(names).not.toContain('blocked')
    expect(requestLines(gh).slice(0, 2)).toEqual([
      'GET /enterprises/ent/teams/ent%3Akeepers',
      'GET /enterprises/ent/teams/ent%3Akeepers/memberships'
    ])
    expect(r.summary).toContain('### Protected, not reclaimed (2)')
    expect(r.summary).toContain('| one-org | member of protected team ent:keepers |')
  })

  it('an unknown protected enterprise team cancels nothing and fails', async () => {
    const gh = world()
    const r = await runAction({ ...RECLAIM, 'exclude-teams': 'nope' }, { now: NOW })
    expect(r.exitCode).toBe(1)
    expect(writes(gh)).toEqual([])
    expect(r.errors.join('\n')).toMatch(
      /protected enterprise team "ent:nope" in `exclude-teams` was not found in enterprise "ent", so nothing is cancelled/
    )
  })

  it('confirms just before sending: a user active again in another row is not cancelled', async () => {
    const gh = world()
    // one-org starts using Copilot through a new o2 seat after the listing was read.
    let done = false
    gh.onRequest((req, g) => {
      if (!done && req.path === '/orgs/o1/copilot/billing') {
        done = true
        g.addSeat('o2', { login: 'one-org', ...used(0) })
      }
    })
    const r = await runAction(RECLAIM, { now: NOW })
    const o1 = writes(gh).find((w) => w.path === '/orgs/o1/copilot/billing/selected_users')!
    expect((o1.body as { selected_usernames: string[] }).selected_usernames).toEqual(['multi'])
    expect(rowsOf(gh, 'one-org')).toEqual(['org:o1', 'org:o2'])
    expect(json<{ login: string; reason: string }[]>(r.outputs['skipped-users'])).toContainEqual({
      login: 'one-org',
      reason: expect.stringContaining('GitHub now shows the seat in use again')
    })
  })

  it('an enterprise listing that keeps moving while it confirms proves nothing: every user is looked up', async () => {
    const gh = useFake({ now: () => new Date(NOW) }, null)
    enterpriseWorld(gh)
    // o1 gets 250 more rows (3 pages in all at o1 alone): 4 logins to confirm there are more than the
    // listing's pages, so a fresh listing is the cheaper confirmation.
    for (let i = 1; i <= 250; i++) gh.addSeat('o1', { login: `user${i}`, ...used(1) })
    for (const login of ['idle1', 'idle2']) gh.addSeat('o1', { login, ...used(50) })
    // From the policy check of o1 on (the confirmation), every read of page 2 sees a row removed
    // and another added: each read shifts the rows after it.
    let armed = false
    gh.onRequest((req) => {
      if (req.path === '/orgs/o1/copilot/billing') armed = true
    })
    let n = 0
    gh.onListingPage(({ scope, page }, g) => {
      if (!armed || scope !== 'enterprise' || page !== 2) return
      n++
      g.removeSeat('o1', `user${n}`)
      g.addSeat('o1', { login: `late${n}`, ...used(1) })
    })

    const r = await runAction(RECLAIM, { now: NOW })

    const lines = requestLines(gh)
    const policy = lines.indexOf('GET /orgs/o1/copilot/billing')
    const write = lines.indexOf('DELETE /orgs/o1/copilot/billing/selected_users')
    const confirming = lines.slice(policy + 1, write)
    expect(
      confirming.filter((l) => l.startsWith('GET /enterprises/ent/copilot/billing/seats')).length
    ).toBeGreaterThan(3)
    expect(confirming.filter((l) => l.startsWith('GET /enterprises/ent/members/')).sort()).toEqual(
      ['idle1', 'idle2', 'multi', 'one-org'].map((u) => `GET /enterprises/ent/members/${u}/copilot`)
    )
    const o1 = writes(gh).find((w) => w.path === '/orgs/o1/copilot/billing/selected_users')!
    expect((o1.body as { selected_usernames: string[] }).selected_usernames).toEqual([
      'idle1',
      'idle2',
      'multi',
      'one-org'
    ])
    expect(r.errors).toEqual([])
  })
})
