// What the summary shows of a usage report.
import { describe, expect, it } from 'vitest'
import { featureBit, type UsageRow } from '../../src/domain/usage-row.js'
import {
  activeSeatHolders,
  summarizeUsage,
  TOP_CREDIT_USERS
} from '../../src/domain/usage-stats.js'
import { UsageTally } from '../../src/domain/usage.js'
import type { Seat } from '../../src/domain/seat.js'
import { DAY, NOW, seat, usageRow as row, WINDOW } from '../support/report-seat.js'

const meta = { scope: 'org' as const, files: 1, bytes: 1 }

function reportOf(seats: Seat[], rows: Partial<UsageRow>[]) {
  const t = new UsageTally(seats, WINDOW)
  for (const r of rows) t.add(row(r))
  return t.finish(meta)
}

const active = (login: string, extra: Partial<Seat> = {}) =>
  seat({ login, lastActivityAt: NOW - 2 * DAY, ...extra })
const idle = (login: string, days = 60, extra: Partial<Seat> = {}) =>
  seat({ login, lastActivityAt: NOW - days * DAY, ...extra })

describe('summarizeUsage', () => {
  it('splits seat holders by active day, and those without one by the seats API', () => {
    const seats = [
      active('a1'),
      active('a2'),
      active('quiet'),
      idle('i2', 40),
      idle('i1', 60),
      idle('used', 50),
      seat({ login: 'gone', pendingDate: '2026-12-01', lastActivityAt: NOW - DAY })
    ]
    const report = reportOf(seats, [
      { login: 'a1', interactions: 5 },
      { login: 'a2', interactions: 1 },
      { login: 'used', interactions: 2 },
      { login: 'quiet', active: false },
      { login: 'gone', interactions: 100 }
    ])
    const s = summarizeUsage(report, seats, NOW, 30)
    expect(s.holders).toBe(6)
    expect(s.active).toBe(3)
    expect(s.noActiveDay).toEqual({ idle: 2, notIdle: 1 })
    // longest idle first (by the seats API)
    expect(s.noActiveDayList.map((x) => x.key)).toEqual(['i1', 'i2', 'quiet'])
    expect(s.interactions).toBe(8)
    expect(s.disagree).toEqual([
      { seat: seats[5], latestActivity: NOW - 50 * DAY, activeDay: '2026-11-20' }
    ])
    expect(seats[5]!.key).toBe('used')
    expect(activeSeatHolders(report, seats, NOW, 30)).toBe(3)
  })

  it('a seat without an assignee is a holder with no active day', () => {
    const seats = [seat({ login: null, key: '~no-assignee#1', lastActivityAt: NOW - DAY })]
    const s = summarizeUsage(reportOf(seats, []), seats, NOW, 30)
    expect(s).toMatchObject({ holders: 1, active: 0, noActiveDay: { idle: 0, notIdle: 1 } })
    expect(activeSeatHolders(reportOf(seats, []), seats, NOW, 30)).toBe(0)
  })

  it('feature adoption and IDEs count holders, IDEs most used first', () => {
    const seats = [
      active('a'),
      active('b'),
      active('c'),
      seat({ login: 'gone', pendingDate: '2026-12-01', lastActivityAt: NOW - DAY })
    ]
    const report = reportOf(seats, [
      { login: 'gone', features: featureBit('agent'), ides: ['eclipse'] },
      { login: 'a', features: featureBit('chat') | featureBit('cli'), ides: ['vscode'] },
      { login: 'c', features: featureBit('code-review'), ides: ['xcode'] },
      { login: 'b', features: featureBit('chat'), ides: ['intellij', 'vscode'] },
      { login: 'b', day: '2026-11-19', features: featureBit('chat'), ides: ['vscode'] }
    ])
    const s = summarizeUsage(report, seats, NOW, 30)
    expect(s.features).toEqual([
      { feature: 'completions', holders: 0 },
      { feature: 'chat', holders: 2 },
      { feature: 'agent', holders: 0 },
      { feature: 'cli', holders: 1 },
      { feature: 'code-review', holders: 1 }
    ])
    expect(s.ides).toEqual([
      { name: 'vscode', holders: 2 },
      { name: 'intellij', holders: 1 },
      { name: 'xcode', holders: 1 }
    ])
  })

  it('credits: the total and the ten biggest users; null when no row had credits', () => {
    const seats = Array.from({ length: 12 }, (_, i) => active(`u${String(i).padStart(2, '0')}`))
    const rows = seats.map((s, i) => ({ login: s.key, credits: i === 0 ? 0 : i + 0.005 }))
    const s = summarizeUsage(reportOf(seats, rows), seats, NOW, 30)
    expect(s.credits!.total).toBe(66.06)
    expect(s.credits!.top).toHaveLength(TOP_CREDIT_USERS)
    expect(s.credits!.top[0]).toEqual({ login: 'u11', credits: 11.01, activeDays: 1 })
    expect(s.credits!.top.map((t) => t.login)).not.toContain('u00')
    expect(summarizeUsage(reportOf(seats, []), seats, NOW, 30).credits).toBeNull()
  })

  it('credits: holders with none used are not among the biggest users', () => {
    const seats = [active('a'), active('b'), active('c')]
    const s = summarizeUsage(
      reportOf(seats, [
        { login: 'a', credits: 0 },
        { login: 'b', credits: 1 },
        { login: 'c', credits: 0.5 }
      ]),
      seats,
      NOW,
      30
    )
    expect(s.credits).toEqual({
      total: 1.5,
      top: [
        { login: 'b', credits: 1, activeDays: 1 },
        { login: 'c', credits: 0.5, activeDays: 1 }
      ]
    })
  })

  it('credits of equal size are listed by login', () => {
    const seats = [active('b'), active('a')]
    const s = summarizeUsage(
      reportOf(seats, [
        { login: 'b', credits: 2 },
        { login: 'a', credits: 2 }
      ]),
      seats,
      NOW,
      30
    )
    expect(s.credits!.top.map((t) => t.login)).toEqual(['a', 'b'])
  })

  it('lists disagreements longest idle first', () => {
    const seats = [idle('x', 40), idle('y', 80), idle('z', 35, { teams: ['red'] })]
    const report = reportOf(seats, [{ login: 'x' }, { login: 'y' }, { login: 'z' }])
    expect(summarizeUsage(report, seats, NOW, 30).disagree.map((d) => d.seat.key)).toEqual([
      'y',
      'x',
      'z'
    ])
  })
})
