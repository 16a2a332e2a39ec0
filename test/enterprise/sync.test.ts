// sync at enterprise scope at the HTTP boundary: the list is the desired state
// of what the enterprise grants (direct rows and enterprise teams); rows an org
// grants are reported, never changed. The writes, the rows GitHub shows after,
// the outputs, a second run with nothing to do, a dry run, the breakers,
// protections, and an unknown enterprise team. Snapshots of the main
// scenario's summary and request log.
import { describe, expect, it } from 'vitest'
import { json, mswServer, requestLines, runAction } from '../support/harness.js'
import { writes } from '../support/audit-fixtures.js'
import { NEXT_CYCLE, NOW, requestLog, rowsOf } from '../support/enterprise-fixtures.js'
import {
  ENT_SYNC_EXPECTED,
  ENT_SYNC_INPUTS,
  enterpriseSyncWorld
} from '../support/enterprise-sync-fixtures.js'

const { useFake } = mswServer()
const world = () => enterpriseSyncWorld(useFake({ now: () => new Date(NOW) }, null))
const run = (inputs: Record<string, string> = {}) =>
  runAction({ ...ENT_SYNC_INPUTS, ...inputs }, { now: NOW })

/** "METHOD /path [names]" for each write. */
const sent = (gh: ReturnType<typeof world>) =>
  writes(gh).map(
    (w) => `${w.method} ${w.path} ${JSON.stringify(Object.values(w.body as object)[0])}`
  )
/** The summary without the report file names (run id and a random part). */
const stable = (summary: string) =>
  summary.replace(/copilot-seats-[a-z]+-\d+-\d+-[0-9a-f]+\.(json|csv)/g, 'REPORT.$1')
type SkipOut = { login: string; reason: string }

describe('sync at enterprise scope: the list is what the enterprise grants', () => {
  it('adds, restores, cancels, adds an enterprise team and removes one; org rows are reported and untouched', async () => {
    const gh = world()
    const r = await run()
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(sent(gh)).toEqual(ENT_SYNC_EXPECTED.writes)
    // Every write goes to the enterprise's endpoints; no org is written to.
    expect(requestLines(gh, true).every((l) => l.includes(' /enterprises/ent/'))).toBe(true)

    // What GitHub shows now.
    expect(rowsOf(gh, 'keep-direct')).toEqual(['team:ent:eng', 'direct'])
    expect(rowsOf(gh, 'newbie')).toEqual(['direct'])
    expect(rowsOf(gh, 'back')).toEqual(['direct'])
    expect(rowsOf(gh, 'e1')).toEqual(['team:ent:eng'])
    expect(rowsOf(gh, 'via-org')).toEqual(['org:o1', 'direct'])
    expect(rowsOf(gh, 'moved')).toEqual([`team:ent:old@${NEXT_CYCLE}`, 'direct'])
    expect(rowsOf(gh, 'o-1')).toEqual([`team:ent:old@${NEXT_CYCLE}`])
    expect(rowsOf(gh, 'leaver')).toEqual([`direct@${NEXT_CYCLE}`])
    // The org's rows: never changed.
    expect(rowsOf(gh, 'leaver-org')).toEqual(['org:o2', `direct@${NEXT_CYCLE}`])
    expect(rowsOf(gh, 'org-only')).toEqual(['org:o1'])
    expect(rowsOf(gh, 'guard')).toEqual(['direct'])

    expect(json(r.outputs['assigned-users'])).toEqual(ENT_SYNC_EXPECTED.assigned)
    expect(json(r.outputs['cancelled-users'])).toEqual(ENT_SYNC_EXPECTED.cancelled)
    const skipped = json<SkipOut[]>(r.outputs['skipped-users'])
    expect(skipped.map((s) => s.login).sort()).toEqual(['guard', 'org-only'])
    expect(skipped.find((s) => s.login === 'guard')!.reason).toBe(
      'not listed, but protected (in exclude-users); not cancelled'
    )
    expect(skipped.find((s) => s.login === 'org-only')!.reason).toMatch(
      /^not listed, but holds access only through org o1; sync at enterprise scope does not change an org's rows\. To remove it: cancel it in org o1/
    )
    // The plan: leaver-org keeps org o2's row, so their seat stays on the bill.
    expect(r.reportJson!.meta.plan).toEqual({
      new: ['newbie', 'e1'],
      restored: ['back'],
      cancelled: ['leaver', 'leaver-org', 'o-1'],
      kept: ['via-org', 'moved'],
      held_elsewhere: ['leaver-org'],
      assign_teams: [{ slug: 'ent:eng', members: 1 }],
      remove_teams: [{ slug: 'ent:old', members: 1 }],
      // New seats have no plan yet, and an enterprise has no settings to read one from.
      monthly_usd: { created: 38, restored: 19, cancelled: 38, net: 19, fallback: 2 }
    })
    // The read-back says through which org a cancelled user still holds access.
    expect(r.summary).toContain('### Still holding access after this run (1)')
    expect(r.summary).toMatch(/\| leaver-org \| org o2 \| cancel it in org o2/)
    expect(r.reportJson!.meta.enterprise_outcome).toMatchObject({ users: 3, seats_freed: 2 })
    expect(stable(r.summary)).toMatchSnapshot('summary')
    expect(requestLog(requestLines(gh))).toMatchSnapshot('requests')
  })

  it('a second run finds nothing to do and sends no write; org rows are reported again', async () => {
    const gh = world()
    expect((await run()).exitCode).toBe(0)
    gh.clearRequests()
    const again = await run()
    expect(again.errors).toEqual([])
    expect(again.exitCode).toBe(0)
    expect(requestLines(gh, true)).toEqual([])
    expect(json(again.outputs['assigned-users'])).toEqual([])
    expect(json(again.outputs['cancelled-users'])).toEqual([])
    expect(again.summary).toContain(
      '### Plan: 0 new, 0 restored, 0 cancelled\n\nNothing to change: the seats match the desired state.'
    )
    expect(
      json<SkipOut[]>(again.outputs['skipped-users'])
        .map((s) => s.login)
        .sort()
    ).toEqual(['guard', 'leaver-org', 'org-only'])
  })

  it('a dry run sends only GETs, shows the same plan and exits as the real run would', async () => {
    const gh = world()
    const before = JSON.stringify(gh.enterpriseSeats('ent'))
    const r = await run({ 'dry-run': 'true' })
    expect(r.exitCode).toBe(0)
    expect(requestLines(gh).every((l) => l.startsWith('GET '))).toBe(true)
    expect(JSON.stringify(gh.enterpriseSeats('ent'))).toBe(before)
    expect(json(r.outputs['assigned-users'])).toEqual(ENT_SYNC_EXPECTED.assigned)
    expect(json(r.outputs['cancelled-users'])).toEqual(ENT_SYNC_EXPECTED.cancelled)
    expect(r.outputs['seats-created']).toBe('0')
    expect(r.summary).toContain('**dry run: nothing was changed**')
    expect(r.summary).toContain('### Plan: 2 new, 1 restored, 3 cancelled, 2 team changes')
    expect(r.summary).toContain('| **Net change** | **+1** | **+19 USD a month** |')
    expect(r.summary).toContain(
      'Teams: assign ent:eng (1 member seated through it); remove ent:old (1 seat cancelled).'
    )
    expect(r.summary).toMatch(/1 cancelled user keeps access through another row .*: leaver-org\./)
    expect(r.summary).toContain('### Still holding access after a real run (1)')
  })

  it.each([
    [
      'max-assignments',
      '2',
      /create or restore 3 seats, over `max-assignments` \(2\)\. Nothing was sent/
    ],
    [
      'max-cancellations',
      '2',
      /set to pending cancellation 3 seats, over `max-cancellations` \(2\)\. Nothing was sent/
    ]
  ] as const)(
    'over %s the step fails before any write, dry run or not',
    async (input, limit, says) => {
      for (const dryRun of ['false', 'true']) {
        const gh = world()
        const r = await run({ [input]: limit, 'dry-run': dryRun })
        expect(r.exitCode, dryRun).toBe(1)
        expect(writes(gh), dryRun).toEqual([])
        expect(r.errors.join('\n'), dryRun).toMatch(says)
      }
    }
  )

  it('a protected member refuses the removal of an unlisted enterprise team as a whole', async () => {
    const gh = world()
    // exclude-teams names enterprise teams at enterprise scope (ent: prefix optional).
    gh.addEnterpriseTeam('ent', 'admins', { name: 'Admins', members: ['o-1'] })
    const r = await run({ 'exclude-teams': 'admins' })
    // moved keeps access through old, which stays: no direct row is needed.
    expect(sent(gh)).toEqual([
      'POST /enterprises/ent/copilot/billing/selected_users ["newbie","back","via-org"]',
      ...ENT_SYNC_EXPECTED.writes.slice(1, 3)
    ])
    expect(rowsOf(gh, 'o-1')).toEqual(['team:ent:old'])
    expect(rowsOf(gh, 'moved')).toEqual(['team:ent:old'])
    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(
      /team ent:old: grants seats but is not listed; not removed, because that would cancel protected members \(o-1\)/
    )
  })

  it('an unknown enterprise team cancels nothing: the desired state is not known in full', async () => {
    const gh = world()
    const r = await run({ teams: 'eng, nope' })
    // Listed users are still assigned; moved keeps access through old, which is kept.
    expect(sent(gh)).toEqual([
      'POST /enterprises/ent/copilot/billing/selected_users ["newbie","back","via-org"]',
      ENT_SYNC_EXPECTED.writes[1]
    ])
    expect(rowsOf(gh, 'leaver')).toEqual(['direct'])
    expect(rowsOf(gh, 'o-1')).toEqual(['team:ent:old'])
    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(
      /Enterprise team\(s\) "ent:nope" in `teams` were not found, so the desired state is not known in full and nothing was cancelled: 2 enterprise-direct row\(s\) of users not listed and 1 enterprise team\(s\) that grant seats but are not listed were kept/
    )
    expect(r.errors.join('\n')).toMatch(/team ent:nope: enterprise team "ent:nope" not found/)
    // Not even looked up: with the desired state unknown, no team is removed.
    expect(requestLines(gh)).not.toContain('GET /enterprises/ent/teams/ent%3Aold')
  })
})
