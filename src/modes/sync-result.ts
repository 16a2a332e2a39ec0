// What sync reports at either scope once its plan is carried out: the listing
// with the writes read back, every skip (teams not found, listed or granting,
// then the plan's and the writes'), and a warning for the seats it left alone
// for want of a login.
import type { ModeResult, PlanDigest, SeatPlan, Skip } from '../domain/outcome.js'
import { hasAssignee } from '../domain/seat.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import type { Execution } from './execute.js'
import { withReadBack, type Inventory } from './inventory.js'

export function syncResult(
  ctx: ModeContext,
  config: Config,
  input: {
    inventory: Inventory
    planned: SeatPlan
    execution: Execution
    digest: PlanDigest
    /** Listed teams not found, then granting teams not listed that were not found. */
    missingTeams: Skip[]
    errors: string[]
  }
): ModeResult {
  const { inventory, planned, execution } = input
  const warnings = [...inventory.warnings]
  const anonymous = inventory.set.seats.filter((s) => !hasAssignee(s)).length
  if (anonymous) {
    warnings.push(
      `${anonymous} seat(s) have no assignee in GitHub's listing; sync cannot cancel a seat without a login, so they are left as they are.`
    )
  }
  return {
    seats: config.dryRun
      ? inventory.set
      : withReadBack(inventory.set, execution.after, ctx, config.inactiveDays, inventory.pricing),
    pricing: inventory.pricing,
    plan: execution.plan,
    digest: input.digest,
    applied: execution.applied,
    skipped: [...input.missingTeams, ...planned.skipped, ...execution.applied.skipped],
    protectedIdle: [],
    errors: [...input.errors, ...execution.errors],
    warnings
  }
}
