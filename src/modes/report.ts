// report: every seat, counted and broken down. Read-only.
import { readOnlyResult, type ModeResult } from '../domain/outcome.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { readSeatsAndUsage } from './read-seats.js'
import { scopeOf } from './scope.js'

export async function runReport(config: Config, ctx: ModeContext): Promise<ModeResult> {
  const { inventory, usage, warnings } = await readSeatsAndUsage(ctx, config, scopeOf(config), null)
  return readOnlyResult(inventory.set, inventory.pricing, {
    usage: usage.report,
    errors: usage.errors,
    warnings
  })
}
