// What people read: the notice comment (mentions, the hidden record, the date
// or none) and the tracking issue's body (mentions nobody, capped).
import { describe, expect, it } from 'vitest'
import {
  BODY_BUDGET_CHARS,
  BODY_MAX_CHARS,
  noticeComment,
  TRACKING_LABEL,
  trackingIssueBody,
  trackingIssueTitle,
  type TrackingBodyInput
} from '../../src/domain/notice-text.js'
import type { NoticeRules } from '../../src/domain/notice-rules.js'
import { parseNoticeRecord, type NoticedUser, type NoticeScope } from '../../src/domain/notices.js'
import { describeSkip } from '../../src/domain/skip-text.js'
import { DAY, NOW, seat } from '../support/report-seat.js'

const ACME: NoticeScope = { kind: 'org', name: 'acme' }
/** `@login` mentions outside code spans: what GitHub would notify. */
const mentionsOf = (body: string): string[] =>
  [...body.replace(/`[^`]*`/g, '').matchAll(/(?:^|[\s(])@([A-Za-z0-9][A-Za-z0-9_-]*)/g)].map(
    (m) => m[1]!
  )
const rules = (partial: Partial<NoticeRules> = {}): NoticeRules => ({
  now: NOW, // 2026-11-23T12:00:00Z
  inactiveDays: 30,
  graceDays: 7,
  reclaim: true,
  ...partial
})

describe('titles and the label', () => {
  it('name the org or the enterprise', () => {
    expect(trackingIssueTitle(ACME)).toBe('Idle GitHub Copilot seats in the acme organization')
    expect(trackingIssueTitle({ kind: 'enterprise', name: 'big' })).toBe(
      'Idle GitHub Copilot seats in the big enterprise'
    )
    expect(TRACKING_LABEL.name).toBe('copilot-seats')
    expect(TRACKING_LABEL.color).toMatch(/^[0-9a-f]{6}$/)
    expect(TRACKING_LABEL.description.length).toBeLessThanOrEqual(100)
  })
})

describe('noticeComment', () => {
  const seats = [
    seat({ login: 'Mona', key: 'mona', lastActivityAt: NOW - 40 * DAY }),
    seat({ login: 'ghost', createdAt: NOW - 400 * DAY })
  ]

  it('mentions each user, carries the record, and names the date with reclaim', () => {
    const c = noticeComment(ACME, seats, rules())
    expect(c.logins).toEqual(['mona', 'ghost'])
    expect(c.reclaimOn).toBe('2026-11-30')
    expect(parseNoticeRecord(c.body, ACME)).toEqual({
      kind: 'ok',
      record: { logins: ['mona', 'ghost'], reclaimOn: '2026-11-30' }
    })
    expect(mentionsOf(c.body)).toEqual(['Mona', 'ghost'])
    expect(c.body).toContain(
      'Your GitHub Copilot seat in the **acme** organization has had no activity for more than 30 days. **It will be reclaimed on or after 2026-11-30 (UTC) unless you use Copilot** before then.'
    )
    expect(c.body).toContain('- @Mona: latest Copilot activity 2026-10-14')
    expect(c.body).toContain('- @ghost: latest Copilot activity more than 90 days ago')
    expect(c.body).toContain(
      '- @Mona: latest Copilot activity 2026-10-14\n- @ghost: latest Copilot activity more than 90 days ago\n\n**To keep your seat, use Copilot**'
    )
    expect(c.body).toContain('(UTC) unless you use Copilot** before then.\n\n- @Mona')
    expect(
      c.body.endsWith(
        'to show.\n\n<sub>Posted by the copilot-seats action. Everyone under notice is listed at the top of this issue.</sub>'
      )
    ).toBe(true)
    expect(c.body.startsWith('<!-- copilot-seats:notice org:acme ')).toBe(true)
  })

  it('promises no date without reclaim', () => {
    const c = noticeComment({ kind: 'enterprise', name: 'big' }, seats, rules({ reclaim: false }))
    expect(c.reclaimOn).toBeNull()
    expect(c.body).toContain(
      'Your GitHub Copilot seat in the **big** enterprise has had no activity for more than 30 days. Seats that stay unused may be reclaimed: **use Copilot to keep yours**.'
    )
    expect(c.body).not.toMatch(/\d{4}-\d{2}-\d{2} \(UTC\)/)
    expect(parseNoticeRecord(c.body, { kind: 'enterprise', name: 'big' })).toMatchObject({
      kind: 'ok',
      record: { reclaimOn: null }
    })
  })

  it('renders nothing but login characters after an @, and stays far under the body limit', () => {
    const odd = seat({ login: 'we`ird<b>', key: 'weird' })
    const c = noticeComment(ACME, [odd], rules())
    expect(c.body).toContain('- @weirdb: ')
    const fifty = Array.from({ length: 50 }, (_, i) =>
      seat({ login: `${'a'.repeat(30)}-${i}`, createdAt: NOW - 400 * DAY })
    )
    expect(noticeComment(ACME, fifty, rules()).body.length).toBeLessThan(BODY_MAX_CHARS / 10)
  })
})

describe('trackingIssueBody', () => {
  const user = (login: string, partial: Partial<NoticedUser> = {}): NoticedUser => ({
    login,
    idleSince: NOW - 40 * DAY,
    noticedAt: NOW - 2 * DAY,
    reclaimFrom: NOW + 5 * DAY,
    ...partial
  })
  const input = (partial: Partial<TrackingBodyInput> = {}): TrackingBodyInput => ({
    scope: ACME,
    rules: rules(),
    listed: [user('mona'), user('ghost', { idleSince: null })],
    reclaimed: [],
    deferred: 0,
    ...partial
  })

  it('lists who is under notice in code spans, with dates, and mentions nobody', () => {
    const body = trackingIssueBody(input())
    expect(body.startsWith('<!-- copilot-seats:tracking org:acme -->\n')).toBe(true)
    expect(mentionsOf(body)).toEqual([])
    expect(body).not.toContain('@')
    expect(body).toContain('### Under notice (2)')
    expect(body).toContain('| User | Latest activity | Noticed | Reclaimed on or after |')
    expect(body).toContain('| `mona` | 2026-10-14 | 2026-11-21 | 2026-11-28 |')
    expect(body).toContain('| `ghost` | more than 90 days ago | 2026-11-21 | 2026-11-28 |')
    expect(body).toContain('A seat still unused 7 days after its notice is reclaimed')
    expect(body).toContain('Closing this issue resets every notice')
    expect(body).toContain('Updated 2026-11-23T12:00:00Z.</sub>\n')
    expect(body.endsWith('</sub>\n')).toBe(true)
    expect(body).toContain(
      'It lists the people whose GitHub Copilot seat in the **acme** organization has had no activity for more than 30 days; each was mentioned once in a notice below.'
    )
    expect(body).toContain('| `ghost` | more than 90 days ago | 2026-11-21 | 2026-11-28 |\n\n<sub>')
    expect(body).not.toContain('Reclaimed by the latest run')
    expect(body).not.toMatch(/gets? a notice in the next run/)
  })

  it('without reclaim shows no reclaim date', () => {
    const body = trackingIssueBody(input({ rules: rules({ reclaim: false }) }))
    expect(body).toContain('| User | Latest activity | Noticed |\n| --- | --- | --- |')
    expect(body).toContain('| `mona` | 2026-10-14 | 2026-11-21 |\n')
    expect(body).not.toContain('reclaimed on or after')
    expect(body).toContain(
      '**If you are listed, use Copilot** (accept a suggestion or ask Copilot Chat in your editor) to keep your seat: you then leave this list.\n\n### Under notice (2)'
    )
    expect(body).not.toContain('Reclaimed on or after')
  })

  it('says when nobody is under notice, names the reclaimed and those left for the next run', () => {
    const body = trackingIssueBody(
      input({
        listed: [user('new', { noticedAt: null, reclaimFrom: null })],
        reclaimed: [
          { login: 'hubot', pendingDate: '2026-12-01' },
          { login: 'octo', pendingDate: null }
        ],
        deferred: 1
      })
    )
    expect(body).toContain('| `new` | 2026-10-14 | — | — |')
    expect(body).toContain(
      '### Reclaimed by the latest run (2)\n\n`hubot` (until 2026-12-01), `octo`.'
    )
    expect(body).toContain('1 more idle user gets a notice in the next run')
    expect(trackingIssueBody(input({ deferred: 3 }))).toContain('3 more idle users get a notice')
    expect(trackingIssueBody(input({ listed: [] }))).toContain('_Nobody is under notice._')
    expect(mentionsOf(body)).toEqual([])
  })

  it('shortens its lists until it fits, pointing at the report file for the rest', () => {
    const many = Array.from({ length: 5000 }, (_, i) => user(`user-number-${i}`))
    const reclaimed = Array.from({ length: 3000 }, (_, i) => ({
      login: `gone-${i}`,
      pendingDate: '2026-12-01'
    }))
    const body = trackingIssueBody(input({ listed: many, reclaimed }))
    expect(body.length).toBeLessThanOrEqual(BODY_BUDGET_CHARS)
    expect(BODY_BUDGET_CHARS).toBeLessThan(BODY_MAX_CHARS)
    const rows = body.split('\n').filter((l) => l.startsWith('| `')).length
    expect(rows).toBeGreaterThan(100)
    expect(body).toContain(
      `_…and ${5000 - rows} more: the JSON report file of the workflow run lists everyone under notice._`
    )
    expect(body).toMatch(/`gone-\d+` \(until 2026-12-01\) and \d+ more\./)
    expect(trackingIssueBody(input({ listed: many.slice(0, 10) }))).not.toContain('more:')
  })
})

describe('the grace skip, as people read it', () => {
  it('says whether a notice came first, and when the seat may go', () => {
    const skip = (noticedAt: number | null, reclaimFrom: number | null) =>
      describeSkip(
        {
          subject: { kind: 'user', login: 'mona' },
          reason: { kind: 'grace', noticedAt, reclaimFrom },
          failed: false
        },
        'acme'
      )
    expect(skip(null, null)).toBe(
      'idle, not noticed yet: a notice in the tracking issue comes first, and the seat is reclaimed `grace-days` after it at the earliest'
    )
    expect(skip(NOW, NOW + 7 * DAY)).toBe(
      'idle, noticed on 2026-11-23 in the tracking issue; reclaimed on or after 2026-11-30 unless used'
    )
    expect(skip(NOW, null)).toBe('idle, noticed on 2026-11-23 in the tracking issue')
  })
})
