// report: every seat, counted and broken down. Read-only.
import { readOnlyResult, type ModeResult } from '../domain/outcome.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { readInventory } from './inventory.js'
import { scopeOf } from './scope.js'
import { readUsage } from './usage.js'

export async function runReport(config: Config, ctx: ModeContext): Promise<ModeResult> {
  const scope = scopeOf(config)
  const inventory = await readInventory(ctx, scope, {
    inactiveDays: config.inactiveDays,
    pricing: { seatCost: config.seatCost, orgPlan: null }
  })
  const usage = await readUsage(
    ctx,
    config.usageMetrics,
    scope,
    inventory.set.seats,
    config.inactiveDays
  )
  return readOnlyResult(inventory.set, inventory.pricing, {
    usage: usage.report,
    errors: usage.errors,
    warnings: [...inventory.warnings, ...usage.warnings]
  })
}
