// The plan text and the pull-request comment, pure: what a reviewer reads,
// its marker, escaping, and the cap below GitHub's 65,536 characters.
import { describe, expect, it } from 'vitest'
import { emptyPlan, type PlanDigest, type RunReport } from '../../src/domain/outcome.js'
import {
  COMMENT_BUDGET_CHARS,
  commentMarker,
  renderPullRequestComment
} from '../../src/render/pr-comment.js'
import { planCounts, renderPlan } from '../../src/render/plan.js'

const digest = (d: Partial<PlanDigest> = {}): PlanDigest => ({
  adds: [],
  restores: [],
  cancels: [],
  keeps: [],
  heldElsewhere: [],
  assignTeams: [],
  removeTeams: [],
  billing: { created: 0, restored: 0, cancelled: 0, net: 0, fallback: 0 },
  ...d
})

function report(r: Partial<RunReport> = {}): RunReport {
  return {
    mode: 'sync',
    org: 'acme',
    enterprise: null,
    dryRun: true,
    reclaim: false,
    inactiveDays: 30,
    now: Date.parse('2026-05-10T12:00:00Z'),
    pricing: { seatCost: null, orgPlan: 'business' },
    seats: null,
    plan: emptyPlan(),
    digest: digest(),
    applied: null,
    skipped: [],
    protectedIdle: [],
    requests: 3,
    errors: [],
    warnings: [],
    interrupted: false,
    complete: true,
    ...r
  }
}

const logins = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`)
const chars = (s: string) => [...s].length

describe('renderPlan', () => {
  it('leads with the counts and the monthly effect, then the capped lists', () => {
    const md = renderPlan(
      report({
        digest: digest({
          adds: ['a', 'b'],
          restores: ['c'],
          cancels: logins('x', 5),
          removeTeams: [{ slug: 'old', members: 5 }],
          billing: { created: 38, restored: 19, cancelled: 95, net: -38, fallback: 1 }
        })
      }),
      { maxRows: 3, rest: 'in the report file' }
    )
    expect(md.split('\n\n')).toEqual([
      '### Plan: 2 new, 1 restored, 5 cancelled, 1 team change',
      [
        '| Change | Seats | Per month |',
        '| --- | --- | --- |',
        '| New seats | 2 | +38 USD |',
        '| Restored (were pending cancellation) | 1 | +19 USD |',
        '| Cancelled (set to pending cancellation) | 5 | -95 USD |',
        '| **Net change** | **-2** | **-38 USD a month** |'
      ].join('\n'),
      'Teams: remove old (5 seats cancelled).',
      'Cancelled seats stay billed, and usable, until their pending cancellation date (the start of the next billing cycle): the saving starts then.',
      '1 seat of unknown plan priced as Copilot Business (19 USD); set `seat-cost` for an exact figure.',
      '**New seats (2):** a, b',
      '**Restored (1):** c',
      '**Cancelled (5):** x0, x1, x2, _…and 2 more in the report file_'
    ])
  })

  it('at enterprise scope: a cancelled user who keeps another row stays a seat, and kept seats say why', () => {
    const md = renderPlan(
      report({
        enterprise: 'ent',
        digest: digest({
          adds: ['a'],
          cancels: ['x', 'y', 'z'],
          keeps: ['k'],
          heldElsewhere: ['y', 'z'],
          billing: { created: 19, restored: 0, cancelled: 19, net: 0, fallback: 0 }
        })
      }),
      { maxRows: 1, rest: 'in the report file' }
    )
    expect(md).toContain('| **Net change** | **0** | **0 USD a month** |')
    expect(md).toContain(
      '1 seat kept: held through an org or an enterprise team that is removed, now granted by the enterprise too'
    )
    expect(md).toContain(
      '2 cancelled users keep access through another row (an org\'s, which sync at enterprise scope never changes, or an enterprise team\'s it keeps), so their seat stays on the bill (not priced as cancelled; see "Still holding access"): y, _…and 1 more in the report file_.'
    )
    const one = renderPlan(
      report({ enterprise: 'ent', digest: digest({ cancels: ['y'], heldElsewhere: ['y'] }) }),
      { maxRows: 5, rest: 'in the report file' }
    )
    expect(one).toContain('1 cancelled user keeps access through another row')
    expect(one).toContain('| **Net change** | **0** |')
  })

  it('says plainly when there is nothing to change, and nothing without a digest', () => {
    expect(renderPlan(report(), { maxRows: 5, rest: '' })).toBe(
      '### Plan: 0 new, 0 restored, 0 cancelled\n\nNothing to change: the seats match the desired state.'
    )
    expect(renderPlan(report({ digest: null }), { maxRows: 5, rest: '' })).toBe('')
    expect(planCounts(digest({ assignTeams: [{ slug: 't', members: 1 }] }))).toBe(
      '0 new, 0 restored, 0 cancelled, 1 team change'
    )
  })

  it('escapes names from the API so that nothing becomes markup, a mention or a link', () => {
    const md = renderPlan(
      report({
        digest: digest({ removeTeams: [{ slug: '@all <b>x</b> www.evil.test', members: 1 }] })
      }),
      { maxRows: 5, rest: '' }
    )
    expect(md).not.toMatch(/@all|<b>|www\.evil/)
    expect(md).toContain('&#64;')
  })
})

describe('renderPullRequestComment', () => {
  it('starts with a marker naming the org (or enterprise) and the mode', () => {
    expect(commentMarker({ org: 'acme', enterprise: null, mode: 'sync' })).toBe(
      '<!-- copilot-seats:pr-comment org=acme mode=sync -->'
    )
    expect(commentMarker({ org: 'acme', enterprise: 'big-co', mode: 'assign' })).toBe(
      '<!-- copilot-seats:pr-comment enterprise=big-co mode=assign -->'
    )
    const body = renderPullRequestComment(report(), { runUrl: null })
    expect(body.startsWith('<!-- copilot-seats:pr-comment org=acme mode=sync -->\n')).toBe(true)
    expect(body).toContain('the job summary. As of 2026-05-10T12:00:00Z')
  })

  it('says the step failed, with its errors, and lists what needs attention', () => {
    const body = renderPullRequestComment(
      report({
        errors: [
          'The plan would set to pending cancellation 147 seats, over `max-cancellations` (100).'
        ],
        skipped: [
          {
            subject: { kind: 'user', login: 'alcie' },
            reason: { kind: 'not-member' },
            failed: true
          },
          {
            subject: { kind: 'user', login: 'frank' },
            reason: { kind: 'unlisted-protected', by: { kind: 'exclude-users' } },
            failed: false
          }
        ]
      }),
      { runUrl: 'https://github.com/acme/seats/actions/runs/9' }
    )
    expect(body).toContain('❌ **The step failed**:')
    expect(body).toContain('> [!CAUTION]\n> The plan would set to pending cancellation 147 seats')
    expect(body).toContain('### Needs attention (1)')
    expect(body).toContain('| alcie | not a member of org acme')
    expect(body).toContain('1 other target(s) needed no change or were skipped')
    expect(body).toContain('[job summary](https://github.com/acme/seats/actions/runs/9)')
  })

  it('reports a real run’s outcome as read back', () => {
    const body = renderPullRequestComment(
      report({
        dryRun: false,
        applied: {
          breaker: null,
          sent: true,
          assigned: [{ login: 'a', team: null, pendingDate: null }],
          cancelled: [{ login: 'b', team: null, pendingDate: '2026-06-01' }],
          unconfirmed: [],
          seatsCreated: 1,
          seatsCancelled: 1,
          skipped: []
        }
      }),
      { runUrl: null }
    )
    expect(body).toContain(
      '**Done**, as GitHub shows it now: assigned **1**, cancelled **1** (pending until 2026-06-01).'
    )
    expect(body).toContain('## Copilot seats: sync, org acme\n')
  })

  it('stays below 65,536 characters for any plan, and links to the rest', () => {
    const huge = report({
      digest: digest({
        adds: logins('newcomer-with-a-long-login-', 40_000),
        cancels: logins('c', 40_000)
      }),
      errors: ['x'.repeat(5_000)],
      skipped: logins('typo', 20_000).map((login) => ({
        subject: { kind: 'user' as const, login },
        reason: { kind: 'not-member' as const },
        failed: true
      }))
    })
    const body = renderPullRequestComment(huge, {
      runUrl: 'https://github.com/acme/seats/actions/runs/9'
    })
    expect(chars(body)).toBeLessThanOrEqual(COMMENT_BUDGET_CHARS)
    expect(COMMENT_BUDGET_CHARS).toBeLessThan(65_536)
    expect(body).toContain(
      'more in the [job summary](https://github.com/acme/seats/actions/runs/9)'
    )
    expect(body).toContain('**New seats (40,000):**')
  })

  it('caps the team writes too, and the errors shown', () => {
    const teams = logins('team-with-a-long-slug-', 5_000).map((slug) => ({ slug, members: 1 }))
    const body = renderPullRequestComment(
      report({
        errors: logins('e', 200).map((e) => `${e} ${'y'.repeat(990)}`),
        digest: digest({ assignTeams: teams, removeTeams: teams })
      }),
      { runUrl: null }
    )
    expect(chars(body)).toBeLessThanOrEqual(COMMENT_BUDGET_CHARS)
    expect(body.startsWith('<!-- copilot-seats:pr-comment')).toBe(true)
  })
})
