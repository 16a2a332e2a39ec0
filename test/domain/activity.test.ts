import { describe, expect, it } from 'vitest'
import {
  daysSince,
  isNeverUsed,
  latestActivity,
  SOON_DAYS,
  statusOf,
  turnsIdleAt
} from '../../src/domain/activity.js'
import { toSeat } from '../../src/domain/seat.js'
import { DAY, NOW, seat } from '../support/report-seat.js'

describe('latestActivity', () => {
  it('is the latest of activity, authentication and grant, ignoring nulls', () => {
    const t = (d: number) => NOW - d * DAY
    expect(
      latestActivity(seat({ createdAt: t(50), lastActivityAt: t(10), lastAuthenticatedAt: t(20) }))
    ).toBe(t(10))
    expect(
      latestActivity(seat({ createdAt: t(50), lastActivityAt: t(20), lastAuthenticatedAt: t(5) }))
    ).toBe(t(5))
    expect(
      latestActivity(seat({ createdAt: t(3), lastActivityAt: t(20), lastAuthenticatedAt: t(5) }))
    ).toBe(t(3))
    expect(
      latestActivity(seat({ createdAt: t(50), lastActivityAt: null, lastAuthenticatedAt: t(7) }))
    ).toBe(t(7))
    expect(
      latestActivity(seat({ createdAt: t(50), lastActivityAt: t(8), lastAuthenticatedAt: null }))
    ).toBe(t(8))
    expect(
      latestActivity(seat({ createdAt: t(50), lastActivityAt: null, lastAuthenticatedAt: null }))
    ).toBe(t(50))
  })

  it('parses timestamps with offsets as the instants they are', () => {
    const s = toSeat({
      created_at: '2026-01-01T00:00:00Z',
      // 2026-11-20T02:00:00Z, written with -06:00
      last_activity_at: '2026-11-19T20:00:00-06:00',
      // 2026-11-20T01:30:00Z, written with +05:30: earlier instant despite the later wall clock
      last_authenticated_at: '2026-11-20T07:00:00+05:30',
      assignee: { login: 'Mona' }
    })
    expect(s.lastActivityAt).toBe(Date.parse('2026-11-20T02:00:00Z'))
    expect(s.lastAuthenticatedAt).toBe(Date.parse('2026-11-20T01:30:00Z'))
    expect(latestActivity(s)).toBe(Date.parse('2026-11-20T02:00:00Z'))
    expect(s.key).toBe('mona')
  })
})

describe('statusOf / idle boundary', () => {
  const at = (ms: number) => seat({ createdAt: NOW - 1000 * DAY, lastActivityAt: ms })
  it('exactly N days is not idle; N days + 1 ms is idle', () => {
    expect(statusOf(at(NOW - 30 * DAY), NOW, 30)).toBe('active')
    expect(statusOf(at(NOW - 30 * DAY - 1), NOW, 30)).toBe('idle')
    expect(statusOf(at(NOW - 1 * DAY), NOW, 1)).toBe('active')
    expect(statusOf(at(NOW - 1 * DAY - 1), NOW, 1)).toBe('idle')
  })

  it('a pending seat is pending whatever its activity', () => {
    expect(
      statusOf(seat({ lastActivityAt: NOW - 900 * DAY, pendingDate: '2026-12-01' }), NOW, 30)
    ).toBe('pending')
    expect(statusOf(seat({ lastActivityAt: NOW, pendingDate: '2026-12-01' }), NOW, 30)).toBe(
      'pending'
    )
  })

  it('a new grant has a grace period of inactive-days, and authentication alone keeps a seat active', () => {
    expect(statusOf(seat({ createdAt: NOW - 29 * DAY }), NOW, 30)).toBe('active')
    expect(statusOf(seat({ createdAt: NOW - 31 * DAY }), NOW, 30)).toBe('idle')
    expect(
      statusOf(seat({ createdAt: NOW - 300 * DAY, lastAuthenticatedAt: NOW - 2 * DAY }), NOW, 30)
    ).toBe('active')
  })
})

describe('daysSince', () => {
  it('rounds down and is never negative', () => {
    expect(daysSince(seat({ lastActivityAt: NOW - 30 * DAY - 1 }), NOW)).toBe(30)
    expect(daysSince(seat({ lastActivityAt: NOW - 31 * DAY + 1 }), NOW)).toBe(30)
    expect(daysSince(seat({ lastActivityAt: NOW - DAY + 1 }), NOW)).toBe(0)
    expect(daysSince(seat({ createdAt: NOW + 5 * DAY }), NOW)).toBe(0)
  })
})

describe('isNeverUsed', () => {
  it('is true only when both activity fields are null', () => {
    expect(isNeverUsed(seat())).toBe(true)
    expect(isNeverUsed(seat({ lastActivityAt: NOW }))).toBe(false)
    expect(isNeverUsed(seat({ lastAuthenticatedAt: NOW }))).toBe(false)
  })
})

describe('turnsIdleAt', () => {
  const latest = (daysAgo: number) =>
    seat({ createdAt: NOW - 1000 * DAY, lastActivityAt: NOW - daysAgo * DAY })
  it('gives the first idle instant for active seats turning idle within 7 days', () => {
    expect(SOON_DAYS).toBe(7)
    expect(turnsIdleAt(latest(25), NOW, 30)).toBe(NOW + 5 * DAY + 1)
    // exactly 7 days away: idle at now + 7 d + 1 ms, just outside
    expect(turnsIdleAt(latest(23), NOW, 30)).toBeNull()
    expect(
      turnsIdleAt(
        seat({ createdAt: NOW - 1000 * DAY, lastActivityAt: NOW - 23 * DAY + 1 }),
        NOW,
        30
      )
    ).toBeNull()
    expect(
      turnsIdleAt(
        seat({ createdAt: NOW - 1000 * DAY, lastActivityAt: NOW - 23 * DAY - 1 }),
        NOW,
        30
      )
    ).toBe(NOW + 7 * DAY)
    expect(turnsIdleAt(latest(30), NOW, 30)).toBe(NOW + 1)
  })

  it('is null for idle, pending and far-from-idle seats', () => {
    expect(turnsIdleAt(latest(31), NOW, 30)).toBeNull()
    expect(
      turnsIdleAt(seat({ lastActivityAt: NOW - 25 * DAY, pendingDate: '2026-12-01' }), NOW, 30)
    ).toBeNull()
    expect(turnsIdleAt(latest(1), NOW, 30)).toBeNull()
  })
})
