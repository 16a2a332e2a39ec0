// audit: the idle seats, and with `reclaim` their cancellation, never of a
// seat granted through a team or of a protected account. Each cancellation is
// confirmed just before it is sent: the seat is still direct, not pending and
// idle by the run's `now`. With a usage metrics report, a seat whose holder the
// report shows active is not reclaimed (two signals must agree); with
// `notify: issue`, only users warned `grace-days` ago are.
import { readOnlyResult, type ModeResult } from '../domain/outcome.js'
import { planReclaim, type ProtectionLookup } from '../domain/plan.js'
import { compareSeats, type Seat } from '../domain/seat.js'
import { lastActiveDay, type UsageReport } from '../domain/usage.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { executePlan } from './execute.js'
import { readInventory, seatSet } from './inventory.js'
import { holdForNotices, readTracking, withNotices } from './notify.js'
import { runReport } from './report.js'
import { scopeOf } from './scope.js'
import { SeatReader } from './seat-state.js'
import { checkPolicy, resolveProtection } from './targets.js'
import { readUsage } from './usage.js'

/** What a reclaim would cancel, every rule applied (protection, via team, the usage guard). */
function reclaimable(
  config: Config,
  ctx: ModeContext,
  seats: readonly Seat[],
  protectedBy: ProtectionLookup,
  usage: UsageReport | null | undefined
) {
  return planReclaim({
    seats,
    now: ctx.now,
    inactiveDays: config.inactiveDays,
    protectedBy,
    ...(usage ? { lastActiveDay: (seat: Seat) => lastActiveDay(usage, seat) } : {})
  })
}

export async function runAudit(config: Config, ctx: ModeContext): Promise<ModeResult> {
  // With `notify: issue` the notice log is read first: if it cannot be trusted, the run fails
  // before a seat is read or anything is written.
  const tracking = config.notify === 'issue' ? await readTracking(ctx, config) : null
  if (!config.reclaim) {
    // Without reclaim an audit reads what a report reads; the summary focuses on the idle seats.
    if (!tracking) return runReport(config, ctx)
    // Notices go to the users a reclaim would cancel (not the protected, not via team).
    const protectedBy = await resolveProtection(
      ctx,
      config.org,
      config.excludeUsers,
      config.excludeTeams
    )
    const report = await runReport(config, ctx)
    const { cancelUsers } = reclaimable(
      config,
      ctx,
      report.seats?.seats ?? [],
      protectedBy,
      report.usage
    )
    return withNotices(ctx, config, tracking, cancelUsers, report)
  }
  const scope = scopeOf(config)
  const pricing = { seatCost: config.seatCost, orgPlan: null }
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
  const warnings = [...inventory.warnings, ...usage.warnings]
  if (usage.errors.length) {
    // `usage-metrics: true` makes the report's second signal a condition of every reclaim.
    return readOnlyResult(inventory.set, inventory.pricing, {
      usage: null,
      errors: usage.errors.map((e) => `${e} Nothing was reclaimed.`),
      warnings
    })
  }
  const candidates = reclaimable(config, ctx, inventory.set.seats, protectedBy, usage.report)
  // With notices, only users noticed at least `grace-days` ago; the breakers count what is left.
  const planned = tracking
    ? await holdForNotices(ctx, config, tracking, candidates, inventory.set.seats)
    : candidates
  const reader = new SeatReader(ctx, org, inventory.pages)
  const execution = await executePlan(ctx, reader, planned, {
    dryRun: config.dryRun,
    maxAssignments: config.maxAssignments,
    maxCancellations: config.maxCancellations,
    rules: [{ kind: 'reclaim', now: ctx.now, inactiveDays: config.inactiveDays }],
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
  const result: ModeResult = {
    seats,
    pricing: inventory.pricing,
    plan: execution.plan,
    applied: execution.applied,
    skipped: planned.skipped.concat(execution.applied.skipped),
    protectedIdle,
    usage: usage.report,
    errors: execution.errors,
    warnings
  }
  return tracking ? withNotices(ctx, config, tracking, candidates.cancelUsers, result) : result
}
