// A plan as a reviewer reads it: new seats, restored ones, cancelled ones,
// the team writes, and what that does to the monthly bill. Pure.
import type { PlanDigest, SeatPlan } from './outcome.js'
import type { SeatLookup } from './plan.js'
import { priceOf, type Pricing } from './stats.js'

const round = (usd: number) => Math.round(usd * 100) / 100

/**
 * `seatOf` gives each login's seat as the plan was made from it: a pending seat
 * is restored (it keeps its plan's price), no seat is a new one (the org's plan,
 * or `seat-cost`). A cancelled seat is still billed until its pending date, so
 * `net` is the monthly change from then on. With `keepsAccess` (enterprise
 * scope), a cancelled user who keeps another live row stays on the bill: listed
 * in `heldElsewhere`, not priced.
 */
export function digestPlan(
  plan: SeatPlan,
  seatOf: SeatLookup,
  pricing: Pricing,
  keepsAccess: (login: string) => boolean = () => false
): PlanDigest {
  let created = 0
  let restored = 0
  let cancelled = 0
  let fallback = 0
  const price = (login: string) => {
    const p = priceOf(seatOf(login) ?? { planType: null }, pricing)
    if (p.fallback) fallback++
    return p.price
  }
  const adds: string[] = []
  const restores: string[] = []
  for (const login of plan.creates) {
    if (seatOf(login)?.pendingDate) {
      restores.push(login)
      restored += price(login)
    } else {
      adds.push(login)
      created += price(login)
    }
  }
  const heldElsewhere: string[] = []
  for (const login of plan.cancels) {
    if (keepsAccess(login)) heldElsewhere.push(login)
    else cancelled += price(login)
  }
  const size = (slug: string) => ({ slug, members: plan.teamMembers.get(slug)?.length ?? 0 })
  return {
    adds,
    restores,
    cancels: [...plan.cancels],
    keeps: [...plan.keeps],
    heldElsewhere,
    assignTeams: plan.assignTeams.map(size),
    removeTeams: plan.cancelTeams.map(size),
    billing: {
      created: round(created),
      restored: round(restored),
      cancelled: round(cancelled),
      net: round(created + restored - cancelled),
      fallback
    }
  }
}
