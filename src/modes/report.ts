// report: every seat, counted and broken down. Read-only.
import type { ModeResult } from '../domain/outcome.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { readInventory } from './inventory.js'
import { scopeOf } from './scope.js'

export async function runReport(config: Config, ctx: ModeContext): Promise<ModeResult> {
  const inventory = await readInventory(ctx, scopeOf(config), {
    inactiveDays: config.inactiveDays,
    pricing: { seatCost: config.seatCost, orgPlan: null }
  })
  return {
    seats: inventory.set,
    pricing: inventory.pricing,
    plan: null,
    applied: null,
    skipped: [],
    protectedIdle: [],
    errors: [],
    warnings: inventory.warnings
  }
}
