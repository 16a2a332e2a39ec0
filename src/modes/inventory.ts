// Every seat of the org or enterprise, counted and priced: what report and
// audit start from.
import { computeStats, type Pricing } from '../domain/stats.js'
import type { SeatSet } from '../domain/outcome.js'
import { compareSeats, type Seat } from '../domain/seat.js'
import { getCopilotSettings } from '../github/org.js'
import { listSeats, type SeatScope } from '../github/seats.js'
import type { ModeContext } from './context.js'

export interface Inventory {
  set: SeatSet
  /** Pages the listing had. */
  pages: number
  pricing: Pricing
  warnings: string[]
}

export function seatSet(
  seats: Seat[],
  ctx: { now: number },
  inactiveDays: number,
  pricing: Pricing,
  rows: number | null,
  all: boolean
): SeatSet {
  return { seats, stats: computeStats(seats, ctx.now, inactiveDays, pricing), rows, all }
}

export async function readInventory(
  ctx: ModeContext,
  scope: SeatScope,
  options: { inactiveDays: number; pricing: Pricing }
): Promise<Inventory> {
  const listing = await listSeats(ctx.client, scope, ctx.apiUrl)
  const warnings: string[] = []
  if (listing.warning) warnings.push(listing.warning)
  ctx.log.info(
    `Read ${listing.rows} seat row(s) in ${listing.pages} page(s): ${listing.seats.length} seat(s).`
  )

  const pricing = { ...options.pricing }
  const unknownPlan = listing.seats.some(
    (s) => s.planType !== 'business' && s.planType !== 'enterprise'
  )
  if (
    pricing.seatCost === null &&
    unknownPlan &&
    scope.kind === 'org' &&
    pricing.orgPlan === null
  ) {
    try {
      pricing.orgPlan = (await getCopilotSettings(ctx.client, scope.org, ctx.apiUrl)).planType
    } catch (error) {
      ctx.log.debug(`Could not read the org's Copilot plan: ${(error as Error).message}`)
    }
  }
  const set = seatSet(listing.seats, ctx, options.inactiveDays, pricing, listing.rows, true)
  if (set.stats.pricedAsBusinessFallback > 0) {
    warnings.push(
      `${set.stats.pricedAsBusinessFallback} idle seat(s) have no known plan; they are priced as Copilot Business (19 USD a month). Set \`seat-cost\` for an exact estimate.`
    )
  }
  return { set, pages: listing.pages, pricing, warnings }
}

/** The set with the seats a run's writes changed as GitHub showed them when read back. */
export function withReadBack(
  set: SeatSet,
  after: ReadonlyMap<string, Seat | null>,
  ctx: { now: number },
  inactiveDays: number,
  pricing: Pricing
): SeatSet {
  if (!after.size) return set
  const byKey = new Map(set.seats.map((s) => [s.key, s]))
  for (const [login, seat] of after) {
    if (seat) byKey.set(login, seat)
    else byKey.delete(login)
  }
  const seats = [...byKey.values()].sort(compareSeats)
  return seatSet(seats, ctx, inactiveDays, pricing, set.rows, set.all)
}
