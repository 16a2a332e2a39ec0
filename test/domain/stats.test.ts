import { describe, expect, it } from 'vitest'
import { computeStats, DIRECT, PLAN_PRICE_USD, priceOf } from '../../src/domain/stats.js'
import { DAY, NOW, seat } from '../support/report-seat.js'

const idle = (login: string, daysAgo: number, extra: Parameters<typeof seat>[0] = {}) =>
  seat({ login, createdAt: NOW - 900 * DAY, lastActivityAt: NOW - daysAgo * DAY, ...extra })
const active = (login: string, extra: Parameters<typeof seat>[0] = {}) =>
  seat({ login, createdAt: NOW - 900 * DAY, lastActivityAt: NOW - DAY, ...extra })

describe('priceOf', () => {
  it('seat-cost wins over every plan', () => {
    expect(
      priceOf(seat({ planType: 'enterprise' }), { seatCost: 7.5, orgPlan: 'business' })
    ).toEqual({ price: 7.5, fallback: false })
    expect(priceOf(seat({ planType: null }), { seatCost: 0, orgPlan: null })).toEqual({
      price: 0,
      fallback: false
    })
  })
  it('by plan: business 19, enterprise 39', () => {
    expect(PLAN_PRICE_USD).toEqual({ business: 19, enterprise: 39 })
    expect(
      priceOf(seat({ planType: 'business' }), { seatCost: null, orgPlan: 'enterprise' })
    ).toEqual({ price: 19, fallback: false })
    expect(
      priceOf(seat({ planType: 'enterprise' }), { seatCost: null, orgPlan: 'business' })
    ).toEqual({ price: 39, fallback: false })
  })
  it('unknown plan takes the org plan, else business with a fallback flag', () => {
    expect(
      priceOf(seat({ planType: 'unknown' }), { seatCost: null, orgPlan: 'enterprise' })
    ).toEqual({ price: 39, fallback: false })
    expect(priceOf(seat({ planType: null }), { seatCost: null, orgPlan: 'business' })).toEqual({
      price: 19,
      fallback: false
    })
    expect(priceOf(seat({ planType: 'unknown' }), { seatCost: null, orgPlan: null })).toEqual({
      price: 19,
      fallback: true
    })
    expect(priceOf(seat({ planType: null }), { seatCost: null, orgPlan: 'unknown' })).toEqual({
      price: 19,
      fallback: true
    })
  })
})

describe('computeStats', () => {
  const seats = [
    active('a1', { editor: 'vscode/1.95', teams: ['red'] }),
    active('a2', { editor: 'JetBrains-IU/243' }),
    idle('i40', 40, { editor: 'vim/9.1', teams: ['red'] }),
    idle('i90', 90, { editor: 'vscode/1.90', planType: 'enterprise' }),
    idle('i90b', 90, { planType: 'unknown' }),
    seat({ login: 'never', createdAt: NOW - 80 * DAY }),
    seat({ login: 'old-null', createdAt: NOW - 400 * DAY }),
    seat({ login: 'fresh', createdAt: NOW - 2 * DAY }),
    idle('p', 200, { pendingDate: '2026-12-01', teams: ['blue'] }),
    seat({ login: 'soon', createdAt: NOW - 900 * DAY, lastAuthenticatedAt: NOW - 27 * DAY })
  ]
  const stats = computeStats(seats, NOW, 30, { seatCost: null, orgPlan: null })

  it('counts', () => {
    expect(stats).toMatchObject({
      total: 10,
      active: 4,
      idle: 5,
      pending: 1,
      neverUsed: 2,
      noActivityIn90Days: 1
    })
    expect(stats.active + stats.idle + stats.pending).toBe(stats.total)
  })
  it('idle list: unknown activity first, then longest idle by exact time, ties by login', () => {
    expect(stats.idleList.map((e) => [e.seat.login, e.days])).toEqual([
      ['old-null', null],
      ['i90', 90],
      ['i90b', 90],
      ['never', 80],
      ['i40', 40]
    ])
  })
  it('cost by plan with the business fallback counted', () => {
    // old-null, never, i40: business 19; i90: enterprise 39; i90b: unknown -> 19 (fallback)
    expect(stats.estimatedIdleCost).toBe(19 + 19 + 19 + 39 + 19)
    expect(stats.pricedAsBusinessFallback).toBe(1)
    const withOrgPlan = computeStats(seats, NOW, 30, { seatCost: null, orgPlan: 'enterprise' })
    expect(withOrgPlan.estimatedIdleCost).toBe(19 + 19 + 19 + 39 + 39)
    expect(withOrgPlan.pricedAsBusinessFallback).toBe(0)
    expect(
      computeStats(seats, NOW, 30, { seatCost: 10.125, orgPlan: null }).estimatedIdleCost
    ).toBe(50.63)
  })
  it('soon idle: active seats turning idle within 7 days, soonest first', () => {
    expect(stats.soonIdle.map((e) => [e.seat.login, e.at])).toEqual([['soon', NOW + 3 * DAY + 1]])
  })
  it('editor and team breakdowns', () => {
    expect(stats.byEditor).toEqual([
      { name: 'VS Code', total: 2, idle: 1 },
      { name: 'JetBrains', total: 1, idle: 0 },
      { name: 'vim/neovim', total: 1, idle: 1 },
      { name: 'none', total: 6, idle: 3 }
    ])
    expect(stats.byTeam).toEqual([
      { name: DIRECT, total: 7, idle: 4 },
      { name: 'red', total: 2, idle: 1 },
      { name: 'blue', total: 1, idle: 0 }
    ])
  })
  it('no seats: all zero', () => {
    const none = computeStats([], NOW, 30, { seatCost: null, orgPlan: null })
    expect(none).toMatchObject({
      total: 0,
      active: 0,
      idle: 0,
      pending: 0,
      neverUsed: 0,
      estimatedIdleCost: 0,
      idleList: [],
      byEditor: [],
      byTeam: []
    })
  })
})

describe('computeStats: orderings', () => {
  it('soon idle: soonest first, then by login', () => {
    // with inactive-days 30, last used 25 days ago turns idle in 5 days
    const usedDaysAgo = (login: string, days: number) =>
      seat({ login, createdAt: NOW - 900 * DAY, lastActivityAt: NOW - days * DAY })
    const stats = computeStats(
      [
        usedDaysAgo('late', 24),
        usedDaysAgo('b', 27),
        usedDaysAgo('a', 27),
        usedDaysAgo('early', 29)
      ],
      NOW,
      30,
      { seatCost: null, orgPlan: null }
    )
    expect(stats.soonIdle.map((e) => [e.seat.login, (e.at - NOW - 1) / DAY])).toEqual([
      ['early', 1],
      ['a', 3],
      ['b', 3],
      ['late', 6]
    ])
  })

  it('teams: most idle seats first, then most seats, then by name; direct seats as "(direct)"', () => {
    const stats = computeStats(
      [
        // big: 1 idle of 4; small: 2 idle of 2; equal1/equal2: 1 idle of 4 each; none: 0 of 1
        ...['b1', 'b2', 'b3'].map((l) => active(l, { teams: ['big'] })),
        idle('b4', 40, { teams: ['big'] }),
        idle('s1', 40, { teams: ['small'] }),
        idle('s2', 40, { teams: ['small'] }),
        ...['e1', 'e2', 'e3'].map((l) => active(l, { teams: ['equal2', 'equal1'] })),
        idle('e4', 40, { teams: ['equal1', 'equal2'] }),
        active('n1', { teams: ['none'] }),
        idle('d1', 40),
        active('d2')
      ],
      NOW,
      30,
      { seatCost: null, orgPlan: null }
    )
    expect(stats.byTeam.map((t) => [t.name, t.idle, t.total])).toEqual([
      ['small', 2, 2],
      ['big', 1, 4],
      ['equal1', 1, 4],
      ['equal2', 1, 4],
      ['(direct)', 1, 2],
      ['none', 0, 1]
    ])
  })
})
