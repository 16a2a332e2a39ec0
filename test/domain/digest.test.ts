import { describe, expect, it } from 'vitest'
import { digestPlan } from '../../src/domain/digest.js'
import { emptyPlan, type SeatPlan } from '../../src/domain/outcome.js'
import { confirmPlan, directionOf, disqualifier } from '../../src/domain/plan.js'
import type { Seat } from '../../src/domain/seat.js'
import { seat } from '../support/report-seat.js'

const plan = (p: Partial<SeatPlan>): SeatPlan => ({ ...emptyPlan(), ...p })
const lookup = (seats: Seat[]) => {
  const byKey = new Map(seats.map((s) => [s.key, s]))
  return (login: string) => byKey.get(login) ?? null
}
const BUSINESS = { seatCost: null, orgPlan: 'business' as const }

describe('digestPlan', () => {
  it('splits creates into new and restored seats, and prices each by its plan', () => {
    const seats = [
      seat({ login: 'back', pendingDate: '2026-12-01', planType: 'enterprise' }),
      seat({ login: 'gone', planType: 'business' }),
      seat({ login: 'gone2', planType: 'enterprise' })
    ]
    const d = digestPlan(
      plan({
        creates: ['new', 'back'],
        cancels: ['gone', 'gone2'],
        keeps: ['moved'],
        assignTeams: ['red'],
        cancelTeams: ['old'],
        teamMembers: new Map([['red', ['new']]])
      }),
      lookup(seats),
      { seatCost: null, orgPlan: 'enterprise' }
    )
    expect(d).toEqual({
      adds: ['new'],
      restores: ['back'],
      cancels: ['gone', 'gone2'],
      keeps: ['moved'],
      heldElsewhere: [],
      assignTeams: [{ slug: 'red', members: 1 }],
      removeTeams: [{ slug: 'old', members: 0 }],
      billing: { created: 39, restored: 39, cancelled: 58, net: 20, fallback: 0 }
    })
  })

  it('seat-cost prices every seat alike, rounded to cents', () => {
    const d = digestPlan(
      plan({ creates: ['a', 'b', 'c'], cancels: ['x'] }),
      lookup([seat({ login: 'x', planType: 'enterprise' })]),
      { seatCost: 0.1, orgPlan: null }
    )
    expect(d.billing).toEqual({ created: 0.3, restored: 0, cancelled: 0.1, net: 0.2, fallback: 0 })
  })

  it('counts seats of unknown plan, priced as Business, when the org’s plan is unknown too', () => {
    const d = digestPlan(
      plan({ creates: ['new'], cancels: ['odd'] }),
      lookup([seat({ login: 'odd', planType: 'unknown' })]),
      { seatCost: null, orgPlan: null }
    )
    expect(d.billing).toEqual({ created: 19, restored: 0, cancelled: 19, net: 0, fallback: 2 })
  })

  it('an empty plan changes nothing', () => {
    expect(digestPlan(emptyPlan(), lookup([]), BUSINESS)).toEqual({
      adds: [],
      restores: [],
      cancels: [],
      keeps: [],
      heldElsewhere: [],
      assignTeams: [],
      removeTeams: [],
      billing: { created: 0, restored: 0, cancelled: 0, net: 0, fallback: 0 }
    })
  })
})

describe('confirmation rules for sync', () => {
  const live = seat({ login: 'a' })
  const viaOld = seat({ login: 'a', teams: ['old'] })
  const viaTwo = seat({ login: 'a', teams: ['old', 'red'] })

  it('names the direction of each rule', () => {
    expect(directionOf({ kind: 'assign' })).toBe('assign')
    expect(directionOf({ kind: 'cancel' })).toBe('cancel')
    expect(directionOf({ kind: 'reclaim', now: 0, inactiveDays: 30 })).toBe('cancel')
  })

  it('assign with replacing: a seat held only through teams the run removes still qualifies', () => {
    const rule = { kind: 'assign', replacing: ['old'] } as const
    expect(disqualifier(rule, null)).toBeNull()
    expect(disqualifier(rule, viaOld)).toBeNull()
    expect(disqualifier(rule, live)).toBe('live')
    expect(disqualifier(rule, viaTwo)).toBe('live')
    expect(disqualifier({ kind: 'assign' }, viaOld)).toBe('live')
    expect(disqualifier(rule, seat({ login: 'a', pendingDate: '2026-12-01' }))).toBeNull()
  })

  it('cancel: only a direct, live seat qualifies', () => {
    const rule = { kind: 'cancel' } as const
    expect(disqualifier(rule, null)).toBe('no-seat')
    expect(disqualifier(rule, seat({ login: 'a', pendingDate: '2026-12-01' }))).toBe('pending')
    expect(disqualifier(rule, viaOld)).toBe('via-team')
    expect(disqualifier(rule, live)).toBeNull()
  })

  it('confirmPlan drops a kept user who no longer needs the write, unless a team write keeps them', () => {
    const p = plan({
      assignUsers: ['k1', 'k2'],
      keeps: ['k1', 'k2', 'k3'],
      assignTeams: ['red'],
      teamMembers: new Map([['red', ['k3']]])
    })
    const now = lookup([seat({ login: 'k1' }), seat({ login: 'k2', teams: ['old'] })])
    const { plan: sending, removed } = confirmPlan(p, { kind: 'assign', replacing: ['old'] }, now)
    expect(sending.assignUsers).toEqual(['k2'])
    expect(sending.keeps).toEqual(['k2', 'k3'])
    expect(removed).toEqual([
      {
        subject: { kind: 'user', login: 'k1' },
        reason: { kind: 'changed', direction: 'assign', now: 'live' },
        failed: false
      }
    ])
  })
})
