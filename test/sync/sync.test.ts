// sync at the HTTP boundary, its main scenario: the seat file is the desired
// state; the writes, the state GitHub ends in, the outputs, and a second run
// that finds nothing to do. Snapshots of the whole summary and the request log.
import { describe, expect, it } from 'vitest'
import { json, mswServer, requestLines, runAction } from '../support/harness.js'
import { writeBodies } from '../support/assign-revoke-fixtures.js'
import {
  NEXT_CYCLE,
  NOW,
  NOW_ISO,
  SYNC_EXPECTED,
  SYNC_FILES,
  SYNC_INPUTS,
  seedSync
} from '../support/sync-fixtures.js'

const { useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })
const run = (inputs: Record<string, string> = {}) =>
  runAction({ ...SYNC_INPUTS, ...inputs }, { now: NOW, workspaceFiles: SYNC_FILES })
/** The summary without the report file names (run id and a random part). */
const stable = (summary: string) =>
  summary.replace(/copilot-seats-[a-z]+-\d+-\d+-[0-9a-f]+\.(json|csv)/g, 'REPORT.$1')

describe('sync: the seat file is the desired state', () => {
  it('assigns, restores, cancels and moves team grants in one run, as GitHub shows it after', async () => {
    const gh = fake()
    seedSync(gh)
    const r = await run()
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(writeBodies(gh)).toEqual(SYNC_EXPECTED.writes)
    for (const login of SYNC_EXPECTED.live)
      expect(gh.seat('acme', login)?.pending_cancellation_date, login).toBeNull()
    for (const login of SYNC_EXPECTED.pending)
      expect(gh.seat('acme', login)?.pending_cancellation_date, login).toBe(NEXT_CYCLE)
    // leo keeps his seat, now direct; newbie's is new; dave's is restored.
    expect(gh.seat('acme', 'leo')?.assigning_team).toBeNull()
    expect(gh.seat('acme', 'newbie')?.created_at).toBe(NOW_ISO)
    expect(gh.seat('acme', 'd1')?.assigning_team?.slug).toBe('devs')
    // Listed users who hold a seat and seats through a listed team are never re-sent.
    for (const w of writeBodies(gh))
      for (const name of ['alice', 'bob', 'Bob', 'carol', 'd2', 'd3', 'frank', 'gina'])
        expect(w.names).not.toContain(name)

    expect(json(r.outputs['assigned-users'])).toEqual(SYNC_EXPECTED.assigned)
    expect(json(r.outputs['cancelled-users'])).toEqual(SYNC_EXPECTED.cancelled)
    expect(r.outputs['seats-created']).toBe('4')
    expect(r.outputs['seats-cancelled']).toBe('2')
    expect(json(r.outputs['skipped-users'])).toEqual([
      { login: 'frank', reason: 'not listed, but protected (in exclude-users); not cancelled' }
    ])
    // The counts are of every seat, as read back.
    expect(r.outputs['total-seats']).toBe('13')
    expect(r.outputs['pending-seats']).toBe('3')
    expect(r.reportJson!.meta.plan).toEqual({
      new: ['newbie', 'd1'],
      restored: ['dave'],
      cancelled: ['eve', 'l2'],
      kept: ['leo'],
      assign_teams: [{ slug: 'devs', members: 1 }],
      remove_teams: [{ slug: 'legacy', members: 1 }],
      monthly_usd: { created: 38, restored: 19, cancelled: 38, net: 19, fallback: 0 }
    })
    expect(stable(r.summary)).toMatchSnapshot('summary')
    expect(requestLines(gh)).toMatchSnapshot('requests')
  })

  it('a second run finds nothing to do and sends no write', async () => {
    const gh = fake()
    seedSync(gh)
    expect((await run()).exitCode).toBe(0)
    gh.clearRequests()
    const again = await run()
    expect(again.exitCode).toBe(0)
    expect(requestLines(gh, true)).toEqual([])
    expect(json(again.outputs['assigned-users'])).toEqual([])
    expect(json(again.outputs['cancelled-users'])).toEqual([])
    expect(again.summary).toContain(
      '### Plan: 0 new, 0 restored, 0 cancelled\n\nNothing to change: the seats match the desired state.'
    )
  })

  it('a dry run sends only GETs, shows the same plan and exits as the real run would', async () => {
    const gh = fake()
    seedSync(gh)
    const before = JSON.stringify(gh.seats('acme'))
    const r = await run({ 'dry-run': 'true' })
    expect(r.exitCode).toBe(0)
    expect(requestLines(gh).every((l) => l.startsWith('GET '))).toBe(true)
    expect(JSON.stringify(gh.seats('acme'))).toBe(before)
    expect(json(r.outputs['assigned-users'])).toEqual(['dave', 'newbie', 'd1', 'leo'])
    expect(json(r.outputs['cancelled-users'])).toEqual(SYNC_EXPECTED.cancelled)
    expect(r.outputs['seats-created']).toBe('0')
    expect(r.summary).toContain('**dry run: nothing was changed**')
    expect(r.summary).toContain('### Plan: 2 new, 1 restored, 2 cancelled, 2 team changes')
    expect(r.summary).toContain('| **Net change** | **+1** | **+19 USD a month** |')
    expect(r.summary).toContain('**Cancelled (2):** eve, l2')
    expect(r.summary).toContain(
      'Teams: assign devs (1 member seated through it); remove legacy (1 seat cancelled).'
    )
    expect(r.summary).not.toContain('### Would assign')
  })
})
