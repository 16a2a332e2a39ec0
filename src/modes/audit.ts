// audit: the idle seats, and with `reclaim` their cancellation, never of a
// seat granted through a team or of a protected account. Each cancellation is
// confirmed just before it is sent: the seat is still direct, not pending and
// idle by the run's `now`.
import type { ModeResult } from '../domain/outcome.js'
import { planReclaim } from '../domain/plan.js'
import { compareSeats } from '../domain/seat.js'
import { lastActiveDay } from '../domain/usage.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { executePlan } from './execute.js'
import { readInventory, seatSet } from './inventory.js'
import { scopeOf } from './scope.js'
import { SeatReader } from './seat-state.js'
import { checkPolicy, resolveProtection } from './targets.js'
import { readUsage } from './usage.js'

export async function runAudit(config: Config, ctx: ModeContext): Promise<ModeResult> {
  const scope = scopeOf(config)
  const pricing = { seatCost: config.seatCost, orgPlan: null }
  if (!config.reclaim) {
    const inventory = await readInventory(ctx, scope, {
      inactiveDays: config.inactiveDays,
      pricing
    })
    const usage = await readUsage(
      ctx,
      config.usageMetrics,
      scope,
      inventory.set.seats,
      config.inactiveDays
    )
    return {
      seats: inventory.set,
      pricing: inventory.pricing,
      plan: null,
      applied: null,
      skipped: [],
      protectedIdle: [],
      usage: usage.report,
      errors: usage.errors,
      warnings: [...inventory.warnings, ...usage.warnings]
    }
  }
  const { org } = config
  const settings = await checkPolicy(ctx, org)
  const protectedBy = await resolveProtection(ctx, org, config.excludeUsers, config.excludeTeams)
  const inventory = await readInventory(ctx, scope, {
    inactiveDays: config.inactiveDays,
    pricing: { ...pricing, orgPlan: settings.planType }
  })
  const usage = await readUsage(
    ctx,
    config.usageMetrics,
    scope,
    inventory.set.seats,
    config.inactiveDays
  )
  const report = usage.report
  if (usage.errors.length) {
    // `usage-metrics: true` makes the report's second signal a condition of every reclaim.
    return {
      seats: inventory.set,
      pricing: inventory.pricing,
      plan: null,
      applied: null,
      skipped: [],
      protectedIdle: [],
      usage: null,
      errors: usage.errors.map((e) => `${e} Nothing was reclaimed.`),
      warnings: [...inventory.warnings, ...usage.warnings]
    }
  }
  const planned = planReclaim({
    seats: inventory.set.seats,
    now: ctx.now,
    inactiveDays: config.inactiveDays,
    protectedBy,
    ...(report ? { lastActiveDay: (seat) => lastActiveDay(report, seat) } : {})
  })
  const reader = new SeatReader(ctx, org, inventory.pages)
  const execution = await executePlan(ctx, reader, planned, {
    dryRun: config.dryRun,
    maxAssignments: config.maxAssignments,
    maxCancellations: config.maxCancellations,
    rule: { kind: 'reclaim', now: ctx.now, inactiveDays: config.inactiveDays },
    fresh: new Map()
  })
  // The seats as GitHub shows them after the writes: reclaimed ones are pending now.
  let seats = inventory.set
  if (!config.dryRun && execution.after.size) {
    const byKey = new Map(seats.seats.map((s) => [s.key, s]))
    for (const [login, seat] of execution.after) {
      if (seat) byKey.set(login, seat)
      else byKey.delete(login)
    }
    const merged = [...byKey.values()].sort(compareSeats)
    seats = seatSet(merged, ctx, config.inactiveDays, inventory.pricing, inventory.set.rows, true)
  }
  const protectedIdle = planned.skipped.flatMap((s) =>
    s.reason.kind === 'protected' && s.subject.kind === 'user'
      ? [{ login: s.subject.login, by: s.reason.by }]
      : []
  )
  return {
    seats,
    pricing: inventory.pricing,
    plan: execution.plan,
    applied: execution.applied,
    skipped: planned.skipped.concat(execution.applied.skipped),
    protectedIdle,
    usage: report,
    errors: execution.errors,
    warnings: [...inventory.warnings, ...usage.warnings]
  }
}
