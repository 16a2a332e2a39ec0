// Dry runs, the two breakers and the policy pre-flight: in every case here,
// nothing may be written.
import { describe, expect, it } from 'vitest'
import { json, mswServer, requestLines, runAction } from '../support/harness.js'
import {
  ASSIGN_MIXED_EXPECTED,
  ASSIGN_MIXED_FILES,
  ASSIGN_MIXED_INPUTS,
  NEXT_CYCLE,
  NOW,
  OLD,
  REVOKE_MIXED_EXPECTED,
  REVOKE_MIXED_INPUTS,
  seedAssignMixed,
  seedRevokeMixed,
  skipsOf,
  userKeys
} from '../support/assign-revoke-fixtures.js'

const { useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })
const RECENT = '2026-05-09T08:00:00Z'
const onlyGets = (lines: string[]) => lines.every((l) => l.startsWith('GET '))

describe('dry run', () => {
  it('assign: sends only GETs, reports what would change, and exits as the real run would', async () => {
    const gh = fake()
    seedAssignMixed(gh)
    const before = JSON.stringify(gh.seats('acme'))
    const r = await runAction(
      { ...ASSIGN_MIXED_INPUTS, 'dry-run': 'true' },
      { now: NOW, workspaceFiles: ASSIGN_MIXED_FILES }
    )
    expect(requestLines(gh).length).toBeGreaterThan(0)
    expect(onlyGets(requestLines(gh))).toBe(true)
    expect(JSON.stringify(gh.seats('acme'))).toBe(before)
    expect(json(r.outputs['assigned-users'])).toEqual(ASSIGN_MIXED_EXPECTED.assigned)
    expect(r.outputs['seats-created']).toBe('0')
    const skips = skipsOf(r.outputs['skipped-users'])
    expect(skips.map((s) => s.login).sort()).toEqual(userKeys(ASSIGN_MIXED_EXPECTED.skipped).sort())
    // ghost and team nope fail the real run, so they fail the dry run too
    expect(r.exitCode).toBe(1)
    expect(r.errors[0]).toContain('2 requested change(s) could not be made')
    expect(r.summary).toContain('**dry run: nothing was changed**')
    expect(r.summary).toContain('Would have assigned **5** seat(s).')
    expect(r.summary).toContain('### Would assign (5)')
    expect(r.summary).toContain('Teams that would be sent: devs.')
  })

  it('assign: exits 0 when the real run would succeed', async () => {
    const gh = fake()
    gh.addMember('acme', 'newbie')
    const r = await runAction({ mode: 'assign', users: 'newbie', 'dry-run': 'TRUE' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(requestLines(gh)).toEqual([
      'GET /orgs/acme/copilot/billing',
      'GET /orgs/acme/members/newbie/copilot',
      'GET /orgs/acme/members/newbie'
    ])
    expect(gh.seat('acme', 'newbie')).toBeUndefined()
    expect(json(r.outputs['assigned-users'])).toEqual(['newbie'])
  })

  it('revoke: sends only GETs and reports what would be cancelled', async () => {
    const gh = fake()
    seedRevokeMixed(gh)
    const r = await runAction({ ...REVOKE_MIXED_INPUTS, 'dry-run': 'true' }, { now: NOW })
    expect(onlyGets(requestLines(gh))).toBe(true)
    for (const login of REVOKE_MIXED_EXPECTED.cancelled)
      expect(gh.seat('acme', login)?.pending_cancellation_date).toBeNull()
    expect(json(r.outputs['cancelled-users'])).toEqual(REVOKE_MIXED_EXPECTED.cancelled)
    expect(r.outputs['seats-cancelled']).toBe('0')
    expect(r.exitCode).toBe(1)
    expect(r.errors[0]).toContain('4 requested change(s) could not be made')
    expect(r.summary).toContain('### Would cancel (4)')
    expect(r.summary).toContain('| o1 | would be set to pending |')
    expect(r.summary).toContain('Teams that would be sent: ops.')
  })
})

describe('breakers', () => {
  const seedAssign = (gh: ReturnType<typeof fake>) => {
    gh.addMember('acme', 'newbie')
    gh.addTeam('acme', 'devs', { members: ['t1', 't2'] })
    gh.addSeat('acme', { login: 't3', created_at: OLD, last_activity_at: RECENT, team: 'devs' })
    gh.addSeat('acme', {
      login: 'pend1',
      created_at: OLD,
      last_activity_at: RECENT,
      pending_cancellation_date: NEXT_CYCLE
    })
  }
  // newbie, pend1 (restored) and the two devs members without a seat; t3 already holds one
  const assignInputs = { mode: 'assign', users: 'newbie pend1', teams: 'devs' }

  it.each([
    ['real run', 'false'],
    ['dry run', 'true']
  ])(
    'max-assignments counts team members without a seat; over it nothing is sent (%s)',
    async (_name, dryRun) => {
      const gh = fake()
      seedAssign(gh)
      const r = await runAction(
        { ...assignInputs, 'max-assignments': '3', 'dry-run': dryRun },
        { now: NOW }
      )
      expect(r.exitCode).toBe(1)
      expect(onlyGets(requestLines(gh))).toBe(true)
      expect(gh.seat('acme', 't1')).toBeUndefined()
      expect(gh.seat('acme', 'pend1')?.pending_cancellation_date).toBe(NEXT_CYCLE)
      expect(r.errors).toEqual([
        'The plan would create or restore 4 seats, over `max-assignments` (3). Nothing was sent. Fix: check the plan in the summary (or a dry run); if it is right, raise `max-assignments` to at least 4.'
      ])
      expect(r.outputs['seats-created']).toBe('0')
      expect(r.summary).toContain(
        '> [!CAUTION]\n> The plan would create or restore 4 seats, over &#96;max-assignments&#96; &#40;3&#41;. Nothing was sent.'
      )
      expect(r.summary).toContain(
        dryRun === 'true' ? 'Would have assigned **0** seat(s).' : 'Assigned **0** seat(s)'
      )
    }
  )

  it('max-assignments at the count lets the run through', async () => {
    const gh = fake()
    seedAssign(gh)
    const r = await runAction({ ...assignInputs, 'max-assignments': '4' }, { now: NOW })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(json<string[]>(r.outputs['assigned-users']).sort()).toEqual([
      'newbie',
      'pend1',
      't1',
      't2'
    ])
  })

  it('max-assignments 0 allows none', async () => {
    const gh = fake()
    gh.addMember('acme', 'newbie')
    const r = await runAction(
      { mode: 'assign', users: 'newbie', 'max-assignments': '0' },
      { now: NOW }
    )
    expect(r.exitCode).toBe(1)
    expect(requestLines(gh, true)).toEqual([])
    expect(r.errors[0]).toMatch(/would create or restore 1 seats?, over `max-assignments` \(0\)/)
  })

  const seedRevoke = (gh: ReturnType<typeof fake>) => {
    gh.addSeat('acme', { login: 'r1', created_at: OLD, last_activity_at: RECENT })
    gh.addSeat('acme', { login: 'o1', created_at: OLD, last_activity_at: RECENT, team: 'ops' })
    gh.addSeat('acme', { login: 'o2', created_at: OLD, last_activity_at: RECENT, team: 'ops' })
    gh.addSeat('acme', {
      login: 'pend',
      created_at: OLD,
      last_activity_at: RECENT,
      pending_cancellation_date: NEXT_CYCLE
    })
  }

  it.each([
    ['real run', 'false'],
    ['dry run', 'true']
  ])(
    'max-cancellations counts the seats a team revoke cancels; over it nothing is sent (%s)',
    async (_name, dryRun) => {
      const gh = fake()
      seedRevoke(gh)
      // r1 + o1 + o2 = 3; pend is already pending and not counted
      const r = await runAction(
        {
          mode: 'revoke',
          users: 'r1 pend',
          teams: 'ops',
          'max-cancellations': '2',
          'dry-run': dryRun
        },
        { now: NOW }
      )
      expect(r.exitCode).toBe(1)
      expect(onlyGets(requestLines(gh))).toBe(true)
      for (const login of ['r1', 'o1', 'o2'])
        expect(gh.seat('acme', login)?.pending_cancellation_date).toBeNull()
      expect(r.errors).toEqual([
        'The plan would set to pending cancellation 3 seats, over `max-cancellations` (2). Nothing was sent. Fix: check the plan in the summary (or a dry run); if it is right, raise `max-cancellations` to at least 3.'
      ])
      expect(r.outputs['seats-cancelled']).toBe('0')
    }
  )

  it('max-cancellations at the count lets the run through', async () => {
    const gh = fake()
    seedRevoke(gh)
    const r = await runAction(
      { mode: 'revoke', users: 'r1 pend', teams: 'ops', 'max-cancellations': '3' },
      { now: NOW }
    )
    expect(r.exitCode).toBe(0)
    expect(json(r.outputs['cancelled-users'])).toEqual(['r1', 'o1', 'o2'])
  })
})

describe('policy pre-flight', () => {
  const where = 'https://github.com/organizations/acme/settings/copilot'
  it.each([
    [
      'assign',
      { seat_management_setting: 'assign_all' },
      /seat management set to "assign_all": Copilot is enabled for all members.*"Selected members"/
    ],
    [
      'assign',
      { seat_management_setting: 'disabled' },
      /seat management set to "disabled": Copilot is disabled for the organization.*"Selected members"/
    ],
    [
      'assign',
      { public_code_suggestions: 'unconfigured' },
      /has not set the policy for Copilot suggestions matching public code.*"Allowed" or "Blocked" under Policies/
    ],
    ['revoke', { seat_management_setting: 'assign_all' }, /seat management set to "assign_all"/],
    ['revoke', { public_code_suggestions: 'unconfigured' }, /suggestions matching public code/]
  ] as const)(
    '%s with %o fails, explains the setting and where to change it, and sends nothing',
    async (mode, policy, message) => {
      const gh = fake()
      gh.setPolicy('acme', policy)
      gh.addMember('acme', 'newbie')
      gh.addSeat('acme', { login: 'r1', created_at: OLD, last_activity_at: RECENT })
      const r = await runAction({ mode, users: mode === 'assign' ? 'newbie' : 'r1' }, { now: NOW })
      expect(r.exitCode).toBe(1)
      expect(requestLines(gh)).toEqual(['GET /orgs/acme/copilot/billing'])
      expect(r.errors).toHaveLength(1)
      expect(r.errors[0]).toMatch(message)
      expect(r.errors[0]).toContain(where)
      expect(r.errors[0]).toContain('Nothing was sent.')
      expect(r.outputs['assigned-users']).toBe('[]')
      expect(r.outputs['cancelled-users']).toBe('[]')
      expect(gh.seat('acme', 'newbie')).toBeUndefined()
      expect(gh.seat('acme', 'r1')?.pending_cancellation_date).toBeNull()
      expect(r.summary).toContain('[!CAUTION]')
    }
  )
})

describe('a tripped breaker in a real run', () => {
  it('shows the plan it did not send, and no "sent" teams', async () => {
    const gh = useFake()
    for (const login of ['ann', 'ben', 'cat']) gh.addMember('acme', login)
    gh.addTeam('acme', 'devs', { members: ['dia', 'eve'] })
    const r = await runAction({
      mode: 'assign',
      users: 'ann ben cat',
      teams: 'devs',
      'max-assignments': '2'
    })
    expect(r.exitCode).toBe(1)
    expect(gh.requests.filter((q) => q.method !== 'GET')).toEqual([])
    expect(r.summary).toContain('### Planned to assign, not sent (5)')
    for (const login of ['ann', 'ben', 'cat', 'dia', 'eve'])
      expect(r.summary).toContain(`| ${login} |`)
    expect(r.summary).toContain('Teams that would be sent: devs.')
    expect(r.summary).not.toContain('Teams sent')
  })
})
