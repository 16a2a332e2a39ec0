// SPEC.md's activity definitions, with GitHub's 90-day retention.
import { describe, expect, it } from 'vitest'
import {
  compareIdle,
  daysSince,
  hasNoActivityIn90Days,
  isNeverUsed,
  latestActivity,
  RETENTION_DAYS,
  SOON_DAYS,
  statusOf,
  turnsIdleAt
} from '../../src/domain/activity.js'
import { toSeat } from '../../src/github/seat-json.js'
import { DAY, NOW, seat } from '../support/report-seat.js'

const t = (d: number) => NOW - d * DAY

describe('latestActivity', () => {
  it('is the latest of activity, authentication and grant, ignoring nulls', () => {
    expect(
      latestActivity(
        seat({ createdAt: t(50), lastActivityAt: t(10), lastAuthenticatedAt: t(20) }),
        NOW
      )
    ).toBe(t(10))
    expect(
      latestActivity(
        seat({ createdAt: t(50), lastActivityAt: t(20), lastAuthenticatedAt: t(5) }),
        NOW
      )
    ).toBe(t(5))
    expect(
      latestActivity(
        seat({ createdAt: t(3), lastActivityAt: t(20), lastAuthenticatedAt: t(5) }),
        NOW
      )
    ).toBe(t(3))
    expect(
      latestActivity(
        seat({ createdAt: t(50), lastActivityAt: null, lastAuthenticatedAt: t(7) }),
        NOW
      )
    ).toBe(t(7))
    expect(
      latestActivity(
        seat({ createdAt: t(50), lastActivityAt: t(8), lastAuthenticatedAt: null }),
        NOW
      )
    ).toBe(t(8))
    expect(
      latestActivity(
        seat({ createdAt: t(50), lastActivityAt: null, lastAuthenticatedAt: null }),
        NOW
      )
    ).toBe(t(50))
  })

  it('is unknown when both activity fields are null on a seat granted more than 90 days ago', () => {
    expect(RETENTION_DAYS).toBe(90)
    expect(latestActivity(seat({ createdAt: t(90), lastActivityAt: null }), NOW)).toBe(t(90))
    expect(latestActivity(seat({ createdAt: t(90) - 1, lastActivityAt: null }), NOW)).toBeNull()
    // A user last active 100 days ago on a seat granted 2 years ago: GitHub returns nulls.
    expect(latestActivity(seat({ createdAt: t(730) }), NOW)).toBeNull()
  })

  it('parses timestamps with offsets as the instants they are', () => {
    const s = toSeat({
      created_at: '2026-11-01T00:00:00Z',
      // 2026-11-20T02:00:00Z, written with -06:00
      last_activity_at: '2026-11-19T20:00:00-06:00',
      // 2026-11-20T01:30:00Z, written with +05:30: earlier instant despite the later wall clock
      last_authenticated_at: '2026-11-20T07:00:00+05:30',
      assignee: { login: 'Mona', id: 7 }
    })
    expect(s.lastActivityAt).toBe(Date.parse('2026-11-20T02:00:00Z'))
    expect(s.lastAuthenticatedAt).toBe(Date.parse('2026-11-20T01:30:00Z'))
    expect(latestActivity(s, NOW)).toBe(Date.parse('2026-11-20T02:00:00Z'))
    expect(s.key).toBe('mona')
    expect(s.userId).toBe(7)
  })
})

describe('statusOf / idle boundary', () => {
  const at = (ms: number) => seat({ createdAt: t(80), lastActivityAt: ms })
  it('exactly N days is not idle; N days + 1 ms is idle', () => {
    expect(statusOf(at(t(30)), NOW, 30)).toBe('active')
    expect(statusOf(at(t(30) - 1), NOW, 30)).toBe('idle')
    expect(statusOf(at(t(1)), NOW, 1)).toBe('active')
    expect(statusOf(at(t(1) - 1), NOW, 1)).toBe('idle')
  })

  it('unknown activity is idle for every allowed inactive-days, up to 90', () => {
    const unknown = seat({ createdAt: t(730) })
    for (const days of [1, 30, 89, 90]) expect(statusOf(unknown, NOW, days)).toBe('idle')
  })

  it('activity 100 days ago on an old seat (nulls by retention) is idle, never "730 days"', () => {
    const s = seat({ createdAt: t(730) })
    expect(statusOf(s, NOW, 90)).toBe('idle')
    expect(daysSince(s, NOW)).toBeNull()
  })

  it('a pending seat is pending whatever its activity', () => {
    expect(statusOf(seat({ lastActivityAt: t(60), pendingDate: '2026-12-01' }), NOW, 30)).toBe(
      'pending'
    )
    expect(statusOf(seat({ lastActivityAt: NOW, pendingDate: '2026-12-01' }), NOW, 30)).toBe(
      'pending'
    )
  })

  it('a new grant has a grace period of inactive-days, and authentication alone keeps a seat active', () => {
    expect(statusOf(seat({ createdAt: t(29) }), NOW, 30)).toBe('active')
    expect(statusOf(seat({ createdAt: t(31) }), NOW, 30)).toBe('idle')
    expect(statusOf(seat({ createdAt: t(300), lastAuthenticatedAt: t(2) }), NOW, 30)).toBe('active')
  })
})

describe('daysSince', () => {
  it('rounds down and is never negative', () => {
    expect(daysSince(seat({ lastActivityAt: t(30) - 1 }), NOW)).toBe(30)
    expect(daysSince(seat({ lastActivityAt: t(31) + 1 }), NOW)).toBe(30)
    expect(daysSince(seat({ lastActivityAt: t(1) + 1 }), NOW)).toBe(0)
    expect(daysSince(seat({ createdAt: NOW + 5 * DAY }), NOW)).toBe(0)
  })

  it('is null beyond what GitHub keeps: unknown, or a latest date more than 90 days ago', () => {
    expect(daysSince(seat({ createdAt: t(400) }), NOW)).toBeNull()
    expect(daysSince(seat({ createdAt: t(400), lastAuthenticatedAt: t(95) }), NOW)).toBeNull()
    expect(daysSince(seat({ createdAt: t(400), lastAuthenticatedAt: t(90) }), NOW)).toBe(90)
  })
})

describe('never used vs no activity in 90 days', () => {
  it('never used: both fields null on a seat granted within 90 days', () => {
    expect(isNeverUsed(seat({ createdAt: t(10) }), NOW)).toBe(true)
    expect(isNeverUsed(seat({ createdAt: t(90) }), NOW)).toBe(true)
    expect(isNeverUsed(seat({ createdAt: t(10), lastActivityAt: NOW }), NOW)).toBe(false)
    expect(isNeverUsed(seat({ createdAt: t(10), lastAuthenticatedAt: NOW }), NOW)).toBe(false)
  })

  it('no activity in 90 days: both null on an older seat, which is not "never used"', () => {
    const old = seat({ createdAt: t(91) })
    expect(isNeverUsed(old, NOW)).toBe(false)
    expect(hasNoActivityIn90Days(old, NOW)).toBe(true)
    expect(hasNoActivityIn90Days(seat({ createdAt: t(91), lastAuthenticatedAt: t(3) }), NOW)).toBe(
      false
    )
  })
})

describe('compareIdle', () => {
  it('orders by exact time, not whole days: 45.9 days before 45.1', () => {
    const a = seat({ login: 'a', createdAt: t(80), lastActivityAt: t(45.1) })
    const b = seat({ login: 'b', createdAt: t(80), lastActivityAt: t(45.9) })
    expect([a, b].sort((x, y) => compareIdle(x, y, NOW)).map((s) => s.login)).toEqual(['b', 'a'])
  })

  it('puts unknown activity first, oldest grant first, then known by age, ties by login', () => {
    const seats = [
      seat({ login: 'known-50', createdAt: t(80), lastActivityAt: t(50) }),
      seat({ login: 'unknown-200', createdAt: t(200) }),
      seat({ login: 'known-89', createdAt: t(100), lastActivityAt: t(89) }),
      seat({ login: 'unknown-700', createdAt: t(700) }),
      seat({ login: 'b-50', createdAt: t(80), lastActivityAt: t(50) })
    ]
    expect(seats.sort((x, y) => compareIdle(x, y, NOW)).map((s) => s.login)).toEqual([
      'unknown-700',
      'unknown-200',
      'known-89',
      'b-50',
      'known-50'
    ])
  })
})

describe('turnsIdleAt', () => {
  const latest = (daysAgo: number) => seat({ createdAt: t(80), lastActivityAt: t(daysAgo) })
  it('gives the first idle instant for active seats turning idle within 7 days', () => {
    expect(SOON_DAYS).toBe(7)
    expect(turnsIdleAt(latest(25), NOW, 30)).toBe(NOW + 5 * DAY + 1)
    // exactly 7 days away: idle at now + 7 d + 1 ms, just outside
    expect(turnsIdleAt(latest(23), NOW, 30)).toBeNull()
    expect(turnsIdleAt(seat({ createdAt: t(80), lastActivityAt: t(23) - 1 }), NOW, 30)).toBe(
      NOW + 7 * DAY
    )
    expect(turnsIdleAt(latest(30), NOW, 30)).toBe(NOW + 1)
  })

  it('is null for idle, pending, unknown and far-from-idle seats', () => {
    expect(turnsIdleAt(latest(31), NOW, 30)).toBeNull()
    expect(
      turnsIdleAt(seat({ lastActivityAt: t(25), pendingDate: '2026-12-01' }), NOW, 30)
    ).toBeNull()
    expect(turnsIdleAt(seat({ createdAt: t(400) }), NOW, 90)).toBeNull()
    expect(turnsIdleAt(latest(1), NOW, 30)).toBeNull()
  })
})
