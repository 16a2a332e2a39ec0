// The join of the usage report to the seats: per-seat totals, the join rules,
// users without a seat, the window, the size guard.
import { describe, expect, it } from 'vitest'
import { featureBit } from '../../src/domain/usage-row.js'
import {
  addDays,
  featuresOf,
  lastActiveDay,
  lastDayOf,
  MAX_WINDOW_DAYS,
  OTHER_IDES,
  popcount,
  reportAgeDays,
  seatUsage,
  usageSizeLimit,
  UsageTally,
  windowLength
} from '../../src/domain/usage.js'
import { DAY, seat, usageRow as row, WINDOW } from '../support/report-seat.js'

const meta = { scope: 'org' as const, files: 1, bytes: 100 }

describe('usage window helpers', () => {
  it('windowLength counts both ends, up to 32 days', () => {
    expect(windowLength(WINDOW)).toBe(28)
    expect(windowLength({ startDay: '2026-11-20', endDay: '2026-11-20' })).toBe(1)
    expect(windowLength({ startDay: '2026-11-01', endDay: '2026-12-02' })).toBe(MAX_WINDOW_DAYS)
    expect(windowLength({ startDay: '2026-11-01', endDay: '2026-12-03' })).toBeNull()
    expect(windowLength({ startDay: '2026-11-21', endDay: '2026-11-20' })).toBeNull()
    expect(windowLength({ startDay: 'x', endDay: '2026-11-20' })).toBeNull()
    expect(windowLength({ startDay: '2026-11-20', endDay: '2026-11-40' })).toBeNull()
  })

  it('addDays moves UTC days, across months and years', () => {
    expect(addDays('2026-11-20', 1)).toBe('2026-11-21')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addDays('2026-11-20', 0)).toBe('2026-11-20')
  })

  it('reportAgeDays: whole days since the end of the last day, 0 while it lasts', () => {
    const end = Date.parse('2026-11-21T00:00:00Z')
    expect(reportAgeDays('2026-11-20', end - 1)).toBe(0)
    expect(reportAgeDays('2026-11-20', end)).toBe(0)
    expect(reportAgeDays('2026-11-20', end + DAY - 1)).toBe(0)
    expect(reportAgeDays('2026-11-20', end + DAY)).toBe(1)
    expect(reportAgeDays('2026-11-20', end + 8 * DAY + 5)).toBe(8)
    expect(reportAgeDays('2026-11-20', end - 5 * DAY)).toBe(0)
  })

  it('the size guard is 100 KB per seat holder plus 1,000 holders', () => {
    expect(usageSizeLimit(0)).toBe(100_000_000)
    expect(usageSizeLimit(100_000)).toBe(10_100_000_000)
    expect(usageSizeLimit(10, 5)).toBe(5050)
  })

  it('popcount, lastDayOf, featuresOf read the bit columns', () => {
    expect(popcount(0)).toBe(0)
    expect(popcount(0b1011)).toBe(3)
    expect(popcount(0xffffffff)).toBe(32)
    expect(popcount(-1)).toBe(32)
    expect(lastDayOf(0, '2026-10-24')).toBeNull()
    expect(lastDayOf(1, '2026-10-24')).toBe('2026-10-24')
    expect(lastDayOf(0b101, '2026-10-24')).toBe('2026-10-26')
    expect(lastDayOf(1 << 27, '2026-10-24')).toBe('2026-11-20')
    expect(lastDayOf((1 << 31) >>> 0, '2026-10-24')).toBe('2026-11-24')
    expect(featuresOf(0)).toEqual([])
    expect(featuresOf(featureBit('chat') | featureBit('code-review'))).toEqual([
      'chat',
      'code-review'
    ])
  })
})

describe('UsageTally', () => {
  it('refuses a window it cannot hold', () => {
    expect(() => new UsageTally([], { startDay: '2026-11-01', endDay: '2026-12-31' })).toThrow(
      /not a usage window/
    )
  })

  it('per seat: distinct active days, interactions, features, IDEs and credits over the rows', () => {
    const mona = seat({ login: 'Mona', userId: 1 })
    const hubot = seat({ login: 'hubot', userId: 2 })
    const t = new UsageTally([mona, hubot], WINDOW)
    t.add(
      row({
        userId: 1,
        day: '2026-11-20',
        interactions: 3,
        features: featureBit('chat'),
        ides: ['vscode'],
        credits: 1.5
      })
    )
    // the same day again (another file, another row): one active day, counts added
    t.add(
      row({
        userId: 1,
        day: '2026-11-20',
        interactions: 2,
        features: featureBit('agent'),
        ides: ['intellij', 'vscode'],
        credits: 2
      })
    )
    t.add(row({ userId: 1, day: '2026-10-24', interactions: 1 }))
    // an inactive day adds no active day, but its counts (zeros, credits) are still read
    t.add(row({ userId: 1, day: '2026-11-01', active: false, credits: 0 }))
    t.add(row({ userId: 2, day: '2026-11-02', active: false }))
    const r = t.finish(meta)
    expect(seatUsage(r, mona)).toEqual({
      activeDays: 2,
      lastActiveDay: '2026-11-20',
      interactions: 6,
      features: ['chat', 'agent'],
      ides: ['vscode', 'intellij'],
      credits: 3.5
    })
    expect(seatUsage(r, hubot)).toEqual({
      activeDays: 0,
      lastActiveDay: null,
      interactions: 0,
      features: [],
      ides: [],
      credits: null
    })
    expect(lastActiveDay(r, mona)).toBe('2026-11-20')
    expect(lastActiveDay(r, hubot)).toBeNull()
    expect(r).toMatchObject({
      scope: 'org',
      startDay: WINDOW.startDay,
      endDay: WINDOW.endDay,
      rows: 5,
      outsideWindow: 0,
      files: 1,
      bytes: 100,
      ideNames: ['vscode', 'intellij']
    })
  })

  it('joins by user id when both have one, whatever the login says', () => {
    const mona = seat({ login: 'mona', userId: 1 })
    const t = new UsageTally([mona], WINDOW)
    t.add(row({ userId: 1, login: 'mona-renamed', interactions: 4 }))
    const r = t.finish(meta)
    expect(seatUsage(r, mona)!.interactions).toBe(4)
    expect(r.withoutSeat.users).toBe(0)
  })

  it('joins by login, case-insensitively, when the row has no id', () => {
    const mona = seat({ login: 'Mona', userId: 1 })
    const t = new UsageTally([mona], WINDOW)
    t.add(row({ login: 'MONA', interactions: 4 }))
    expect(seatUsage(t.finish(meta), mona)!.interactions).toBe(4)
  })

  it('joins by login when the seat has no id', () => {
    const mona = seat({ login: 'mona', userId: null })
    const t = new UsageTally([mona], WINDOW)
    t.add(row({ userId: 99, login: 'Mona', interactions: 4 }))
    const r = t.finish(meta)
    expect(seatUsage(r, mona)!.interactions).toBe(4)
    expect(r.withoutSeat.users).toBe(0)
  })

  it('a row whose id names nobody here is a user without a seat, even if the login matches', () => {
    const mona = seat({ login: 'mona', userId: 1 })
    const t = new UsageTally([mona], WINDOW)
    t.add(row({ userId: 2, login: 'mona', interactions: 4, credits: 1.25 }))
    const r = t.finish(meta)
    expect(seatUsage(r, mona)!.interactions).toBe(0)
    expect(r.withoutSeat).toEqual({ users: 1, active: 1, credits: 1.25 })
  })

  it('counts users without a seat once each (by id, else by login), active if any day was', () => {
    const t = new UsageTally([seat({ login: 'mona', userId: 1 })], WINDOW)
    t.add(row({ userId: 5, active: false }))
    t.add(row({ userId: 5, active: true, day: '2026-11-19' }))
    t.add(row({ userId: 5, active: false, day: '2026-11-18' }))
    t.add(row({ login: 'Guest', active: false }))
    t.add(row({ login: 'guest', active: false, day: '2026-11-19', credits: 0.333 }))
    t.add(row({ userId: 6, login: 'other', active: false, credits: 1 }))
    const r = t.finish(meta)
    expect(r.withoutSeat).toEqual({ users: 3, active: 1, credits: 1.33 })
  })

  it('a seat without an assignee joins nothing; rows outside the window are left out', () => {
    const orphan = seat({ login: null, key: '~no-assignee#1' })
    const mona = seat({ login: 'mona', userId: 1 })
    const t = new UsageTally([orphan, mona], WINDOW)
    t.add(row({ userId: 1, day: '2026-10-23', interactions: 5 }))
    t.add(row({ userId: 1, day: '2026-11-21', interactions: 5 }))
    t.add(row({ login: '~no-assignee#1' }))
    const r = t.finish(meta)
    expect(seatUsage(r, orphan)).toBeNull()
    expect(lastActiveDay(r, orphan)).toBeNull()
    expect(seatUsage(r, mona)!.interactions).toBe(0)
    expect(r.outsideWindow).toBe(2)
    expect(r.rows).toBe(1)
    expect(r.withoutSeat.users).toBe(1)
  })

  it('marks each day of a 32-day window on its own bit, the last one included', () => {
    const w = { startDay: '2026-11-01', endDay: '2026-12-02' }
    const mona = seat({ login: 'mona', userId: 1 })
    const t = new UsageTally([mona], w)
    for (let d = 0; d < 32; d++) t.add(row({ userId: 1, day: addDays(w.startDay, d) }))
    const u = seatUsage(t.finish(meta), mona)!
    expect(u.activeDays).toBe(32)
    expect(u.lastActiveDay).toBe('2026-12-02')
  })

  it('gives 31 IDE names their own bit; the rest share "(other)"', () => {
    const mona = seat({ login: 'mona', userId: 1 })
    const hubot = seat({ login: 'hubot', userId: 2 })
    const t = new UsageTally([mona, hubot], WINDOW)
    const names = Array.from({ length: 34 }, (_, i) => `ide${i}`)
    t.add(row({ userId: 1, ides: names.slice(0, 31) }))
    t.add(row({ userId: 2, ides: names.slice(31) }))
    const r = t.finish(meta)
    expect(r.ideNames).toHaveLength(32)
    expect(r.ideNames[31]).toBe(OTHER_IDES)
    expect(seatUsage(r, mona)!.ides).toEqual(names.slice(0, 31))
    expect(seatUsage(r, hubot)!.ides).toEqual([OTHER_IDES])
  })
})
