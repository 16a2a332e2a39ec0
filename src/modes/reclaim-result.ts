// What an audit's reclaim returns, at org and enterprise scope alike.
import { readOnlyResult, type ModeResult, type SeatPlan, type SeatSet } from '../domain/outcome.js'
import type { Execution } from './execute.js'
import type { SeatsRead } from './read-seats.js'

/** `usage-metrics: true` makes the report's second signal a condition of every reclaim. */
export function refusedWithoutUsage({ inventory, usage, warnings }: SeatsRead): ModeResult {
  return readOnlyResult(inventory.set, inventory.pricing, {
    usage: null,
    errors: usage.errors.map((e) => `${e} Nothing was reclaimed.`),
    warnings
  })
}

/** The reclaim's result: `seats` as GitHub shows them after the writes. */
export function reclaimResult(
  read: SeatsRead,
  planned: SeatPlan,
  execution: Pick<Execution, 'plan' | 'applied' | 'errors'>,
  seats: SeatSet
): ModeResult {
  const protectedIdle = planned.skipped.flatMap((s) =>
    s.reason.kind === 'protected' && s.subject.kind === 'user'
      ? [{ login: s.subject.login, by: s.reason.by }]
      : []
  )
  return {
    seats,
    pricing: read.inventory.pricing,
    plan: execution.plan,
    applied: execution.applied,
    skipped: planned.skipped.concat(execution.applied.skipped),
    protectedIdle,
    usage: read.usage.report,
    errors: execution.errors,
    warnings: read.warnings
  }
}
