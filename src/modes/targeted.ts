// What assign and revoke share after planning: the plan carried out for the
// named targets, and the result with the targets' seats as GitHub shows them.
import type { ModeResult, SeatPlan, Skip } from '../domain/outcome.js'
import { digestPlan } from '../domain/digest.js'
import type { ConfirmRule } from '../domain/plan.js'
import type { Pricing } from '../domain/stats.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { executePlan } from './execute.js'
import { lookedAtSeats } from './looked-at.js'
import type { SeatRead, SeatReader } from './seat-state.js'

export async function carryOutForTargets(
  ctx: ModeContext,
  config: Config,
  input: {
    reader: SeatReader
    /** The targets' seats, read just before planning. */
    before: SeatRead
    planned: SeatPlan
    /** Teams named in `teams` that do not exist. */
    missing: Skip[]
    rule: ConfirmRule
    pricing: Pricing
  }
): Promise<ModeResult> {
  const { before, planned } = input
  const execution = await executePlan(ctx, input.reader, planned, {
    dryRun: config.dryRun,
    maxAssignments: config.maxAssignments,
    maxCancellations: config.maxCancellations,
    rules: [input.rule],
    // The targets' seats were just read (a look-up each, or a listing that showed them): the
    // check before the writes. A login a listing did not show was looked up on its own.
    fresh: before.states
  })
  return {
    seats: lookedAtSeats(before.states, execution, ctx, config.inactiveDays, input.pricing),
    pricing: input.pricing,
    plan: execution.plan,
    digest: digestPlan(execution.plan, (login) => before.states.get(login) ?? null, input.pricing),
    applied: execution.applied,
    skipped: input.missing.concat(planned.skipped, execution.applied.skipped),
    protectedIdle: [],
    errors: execution.errors,
    warnings: []
  }
}
