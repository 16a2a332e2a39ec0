// Two signals before a reclaim: the usage report can keep an idle seat, never make one idle.
import { describe, expect, it } from 'vitest'
import { describeSkip } from '../../src/domain/skip-text.js'
import { planReclaim } from '../../src/domain/plan.js'
import { userSubject } from '../../src/domain/outcome.js'
import { activeWithin, disagreement } from '../../src/domain/usage-guard.js'
import { DAY, NOW, seat } from '../support/report-seat.js'

// NOW is 2026-11-23T12:00:00Z.
const idleSince = (days: number, login = 'mona') =>
  seat({ login, lastActivityAt: NOW - days * DAY, createdAt: NOW - 400 * DAY })

describe('activeWithin', () => {
  it('a day counts until its last millisecond (UTC) is more than inactive-days old', () => {
    // 2026-11-13 ends at 2026-11-13T23:59:59.999Z: 9 days 12 h before NOW.
    expect(activeWithin('2026-11-13', NOW, 10)).toBe(true)
    expect(activeWithin('2026-11-13', NOW, 9)).toBe(false)
    const end = Date.parse('2026-11-13T23:59:59.999Z')
    expect(activeWithin('2026-11-13', end + 10 * DAY, 10)).toBe(true)
    expect(activeWithin('2026-11-13', end + 10 * DAY + 1, 10)).toBe(false)
    expect(activeWithin('2026-11-23', NOW, 1)).toBe(true)
  })
})

describe('disagreement', () => {
  it('the active day, when the seat is idle by the seats API and the day is recent', () => {
    expect(disagreement(idleSince(60), '2026-11-20', NOW, 30)).toBe('2026-11-20')
  })

  it('null without an active day, for a seat that is not idle, or for an old active day', () => {
    expect(disagreement(idleSince(60), null, NOW, 30)).toBeNull()
    expect(disagreement(idleSince(5), '2026-11-20', NOW, 30)).toBeNull()
    expect(disagreement(idleSince(60), '2026-11-01', NOW, 10)).toBeNull()
    const pending = seat({ lastActivityAt: NOW - 60 * DAY, pendingDate: '2026-12-01' })
    expect(disagreement(pending, '2026-11-20', NOW, 30)).toBeNull()
  })

  it('applies to a seat whose activity is unknown (> 90 days) as to any idle seat', () => {
    expect(disagreement(seat({ createdAt: NOW - 200 * DAY }), '2026-11-20', NOW, 30)).toBe(
      '2026-11-20'
    )
  })
})

describe('planReclaim with the usage report', () => {
  const none = () => null

  it('keeps an idle seat whose holder the report shows active within inactive-days', () => {
    const seats = [idleSince(60, 'mona'), idleSince(45, 'hubot'), idleSince(50, 'octo')]
    const days: Record<string, string> = { mona: '2026-11-20', octo: '2026-10-01' }
    const plan = planReclaim({
      seats,
      now: NOW,
      inactiveDays: 30,
      protectedBy: none,
      lastActiveDay: (s) => days[s.key] ?? null
    })
    expect(plan.cancelUsers).toEqual(['hubot', 'octo'])
    expect(plan.cancels).toEqual(['hubot', 'octo'])
    expect(plan.skipped).toEqual([
      {
        subject: userSubject('mona'),
        reason: {
          kind: 'signals-disagree',
          latestActivity: NOW - 60 * DAY,
          activeDay: '2026-11-20'
        },
        failed: false
      }
    ])
  })

  it('without the report, plans as before', () => {
    const seats = [idleSince(60, 'mona')]
    expect(planReclaim({ seats, now: NOW, inactiveDays: 30, protectedBy: none }).cancels).toEqual([
      'mona'
    ])
    expect(
      planReclaim({ seats, now: NOW, inactiveDays: 30, protectedBy: none, lastActiveDay: none })
        .cancels
    ).toEqual(['mona'])
  })

  it('takes precedence over protection and via-team (the seat is not idle by the other signal)', () => {
    const viaTeam = { ...idleSince(60, 'team-user'), teams: ['red'] }
    const plan = planReclaim({
      seats: [idleSince(60, 'boss'), viaTeam],
      now: NOW,
      inactiveDays: 30,
      protectedBy: (login) => (login === 'boss' ? { kind: 'exclude-users' } : null),
      lastActiveDay: () => '2026-11-22'
    })
    expect(plan.cancels).toEqual([])
    expect(plan.skipped.map((s) => s.reason.kind)).toEqual(['signals-disagree', 'signals-disagree'])
  })

  it('an unknown latest activity is kept as unknown in the skip', () => {
    const plan = planReclaim({
      seats: [seat({ login: 'old', createdAt: NOW - 300 * DAY })],
      now: NOW,
      inactiveDays: 30,
      protectedBy: none,
      lastActiveDay: () => '2026-11-21'
    })
    expect(plan.skipped[0]!.reason).toEqual({
      kind: 'signals-disagree',
      latestActivity: null,
      activeDay: '2026-11-21'
    })
  })
})

describe('the skip text', () => {
  it('names both dates', () => {
    const text = describeSkip(
      {
        subject: userSubject('mona'),
        reason: {
          kind: 'signals-disagree',
          latestActivity: Date.parse('2026-09-24T12:00:00Z'),
          activeDay: '2026-11-20'
        },
        failed: false
      },
      'acme'
    )
    expect(text).toBe(
      'signals disagree: idle by the seats API (latest activity 2026-09-24), but the usage metrics report shows Copilot use on 2026-11-20; not reclaimed'
    )
    expect(
      describeSkip(
        {
          subject: userSubject('old'),
          reason: { kind: 'signals-disagree', latestActivity: null, activeDay: '2026-11-21' },
          failed: false
        },
        'acme'
      )
    ).toContain('(latest activity more than 90 days ago)')
  })
})
