// Counts, idle list, breakdowns and idle cost of a set of seats. Pure.
import {
  compareIdle,
  daysSince,
  hasNoActivityIn90Days,
  isNeverUsed,
  statusOf,
  turnsIdleAt,
  type SeatStatus
} from './activity.js'
import { editorFamily, EDITOR_FAMILIES, type EditorFamily } from './editor.js'
import type { PlanType, Seat } from './seat.js'

export const PLAN_PRICE_USD: Record<'business' | 'enterprise', number> = {
  business: 19,
  enterprise: 39
}

export interface Pricing {
  /** `seat-cost` input; null prices each seat by its plan. */
  seatCost: number | null
  /** The org's plan from its Copilot details, for seats whose own plan is unknown. */
  orgPlan: PlanType | null
}

export interface IdleEntry {
  seat: Seat
  /** Whole days since the latest activity; null shows as "> 90". */
  days: number | null
}

export interface SoonEntry {
  seat: Seat
  /** Epoch ms at which the seat turns idle unless used. */
  at: number
}

export interface Breakdown {
  name: string
  total: number
  idle: number
}

export interface SeatStats {
  total: number
  active: number
  idle: number
  pending: number
  /** Both activity fields null, granted within 90 days. */
  neverUsed: number
  /** Both activity fields null, granted more than 90 days ago. */
  noActivityIn90Days: number
  /** Idle seats, longest idle first (exact time; unknown activity first). */
  idleList: IdleEntry[]
  /** Active seats that turn idle within SOON_DAYS, soonest first. */
  soonIdle: SoonEntry[]
  byEditor: Breakdown[]
  /** Seats granted through a team, per team; direct seats under "(direct)". */
  byTeam: Breakdown[]
  estimatedIdleCost: number
  /** Idle seats with no known plan, priced as business. */
  pricedAsBusinessFallback: number
}

/** A seat's monthly price; a seat yet to be created prices as `{ planType: null }` (the org's plan). */
export function priceOf(
  seat: Pick<Seat, 'planType'>,
  pricing: Pricing
): { price: number; fallback: boolean } {
  if (pricing.seatCost !== null) return { price: pricing.seatCost, fallback: false }
  const known = (p: PlanType | null) => (p === 'business' || p === 'enterprise' ? p : null)
  const plan = known(seat.planType) ?? known(pricing.orgPlan)
  return plan
    ? { price: PLAN_PRICE_USD[plan], fallback: false }
    : { price: PLAN_PRICE_USD.business, fallback: true }
}

export const DIRECT = '(direct)'

// Code-unit order, the order of compareSeats.
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export function computeStats(
  seats: readonly Seat[],
  now: number,
  inactiveDays: number,
  pricing: Pricing
): SeatStats {
  const stats: SeatStats = {
    total: seats.length,
    active: 0,
    idle: 0,
    pending: 0,
    neverUsed: 0,
    noActivityIn90Days: 0,
    idleList: [],
    soonIdle: [],
    byEditor: [],
    byTeam: [],
    estimatedIdleCost: 0,
    pricedAsBusinessFallback: 0
  }
  const editors = new Map<EditorFamily, Breakdown>(
    EDITOR_FAMILIES.map((f) => [f, { name: f, total: 0, idle: 0 }])
  )
  const teams = new Map<string, Breakdown>()
  let cost = 0
  for (const seat of seats) {
    const status: SeatStatus = statusOf(seat, now, inactiveDays)
    stats[status]++
    if (isNeverUsed(seat, now)) stats.neverUsed++
    else if (hasNoActivityIn90Days(seat, now)) stats.noActivityIn90Days++
    const idle = status === 'idle'
    if (idle) {
      stats.idleList.push({ seat, days: daysSince(seat, now) })
      const { price, fallback } = priceOf(seat, pricing)
      cost += price
      if (fallback) stats.pricedAsBusinessFallback++
    } else {
      const at = turnsIdleAt(seat, now, inactiveDays)
      if (at !== null) stats.soonIdle.push({ seat, at })
    }
    const editor = editors.get(editorFamily(seat.editor))!
    editor.total++
    if (idle) editor.idle++
    for (const name of seat.teams.length ? seat.teams : [DIRECT]) {
      let team = teams.get(name)
      if (!team) teams.set(name, (team = { name, total: 0, idle: 0 }))
      team.total++
      if (idle) team.idle++
    }
  }
  stats.estimatedIdleCost = Math.round(cost * 100) / 100
  stats.idleList.sort((a, b) => compareIdle(a.seat, b.seat, now))
  stats.soonIdle.sort((a, b) => a.at - b.at || byCodeUnits(a.seat.key, b.seat.key))
  stats.byEditor = [...editors.values()].filter((e) => e.total > 0)
  stats.byTeam = [...teams.values()].sort(
    (a, b) => b.idle - a.idle || b.total - a.total || byCodeUnits(a.name, b.name)
  )
  return stats
}
