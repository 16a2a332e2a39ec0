// The seats and, when asked for, the usage metrics report joined to them: what
// report reads, and what an audit reads before planning a reclaim.
import type { PlanType } from '../domain/seat.js'
import type { SeatScope } from '../github/seats.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { readInventory, type Inventory } from './inventory.js'
import { readUsage, type UsageRead } from './usage.js'

export interface SeatsRead {
  inventory: Inventory
  usage: UsageRead
  /** The listing's warnings, then the usage report's. */
  warnings: string[]
}

/** The listing first, then the usage report (it is read for the seats listed). */
export async function readSeatsAndUsage(
  ctx: ModeContext,
  config: Pick<Config, 'inactiveDays' | 'seatCost' | 'usageMetrics'>,
  scope: SeatScope,
  orgPlan: PlanType | null
): Promise<SeatsRead> {
  const inventory = await readInventory(ctx, scope, {
    inactiveDays: config.inactiveDays,
    pricing: { seatCost: config.seatCost, orgPlan }
  })
  const usage = await readUsage(
    ctx,
    config.usageMetrics,
    scope,
    inventory.set.seats,
    config.inactiveDays
  )
  return { inventory, usage, warnings: [...inventory.warnings, ...usage.warnings] }
}
