// audit at enterprise scope, with `reclaim` or `notify: issue`: each idle,
// unprotected user's rows routed by grantor (SPEC.md, Enterprise). A user is
// idle only if idle in every row; enterprise-direct rows are cancelled at the
// enterprise, org-direct rows in their org (after that org's policy check), team
// rows are listed with how to remove them. As at org scope, a usage metrics
// report that shows the user active keeps the seat (two signals must agree),
// and with `notify: issue` notices go to the users a reclaim would cancel and
// only those noticed `grace-days` ago are routed. `max-cancellations` counts
// rows; the summary counts seats freed.
import type { ModeResult } from '../domain/outcome.js'
import type { ProtectionLookup } from '../domain/plan.js'
import {
  planEnterpriseReclaim,
  routeRows,
  rowBreakerProblem,
  type Destination
} from '../domain/routing.js'
import { type Seat } from '../domain/seat.js'
import { lastActiveDay, type UsageReport } from '../domain/usage.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { executeDestinations } from './enterprise-execute.js'
import { resolveEnterpriseProtection } from './enterprise-targets.js'
import { readInventory, withReadBack } from './inventory.js'
import { holdForNotices, readTracking, withNotices } from './notify.js'
import { runReport } from './report.js'
import { SeatReader } from './seat-state.js'
import { readUsage } from './usage.js'

type EnterpriseConfig = Config & { enterprise: string }

/** The users a reclaim would cancel rows of, every rule applied (protection, team rows, the usage guard). */
function reclaimable(
  config: EnterpriseConfig,
  ctx: ModeContext,
  seats: readonly Seat[],
  protectedBy: ProtectionLookup,
  usage: UsageReport | null | undefined
) {
  return planEnterpriseReclaim({
    seats,
    now: ctx.now,
    inactiveDays: config.inactiveDays,
    protectedBy,
    ...(usage ? { lastActiveDay: (seat: Seat) => lastActiveDay(usage, seat) } : {})
  })
}

export async function runEnterpriseAudit(
  config: EnterpriseConfig,
  ctx: ModeContext
): Promise<ModeResult> {
  const { enterprise, inactiveDays } = config
  const scope: Destination = { kind: 'enterprise', enterprise }
  // With `notify: issue` the notice log is read first: if it cannot be trusted, the run fails
  // before a seat is read or anything is written.
  const tracking = config.notify === 'issue' ? await readTracking(ctx, config) : null
  if (!config.reclaim && !tracking) return runReport(config, ctx)
  // `exclude-teams` names enterprise teams here.
  const protectedBy = await resolveEnterpriseProtection(
    ctx,
    enterprise,
    config.excludeUsers,
    config.excludeTeams
  )
  if (!config.reclaim && tracking) {
    // Notices go to the users a reclaim would cancel rows of.
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

  const inventory = await readInventory(ctx, scope, {
    inactiveDays,
    pricing: { seatCost: config.seatCost, orgPlan: null }
  })
  const usage = await readUsage(ctx, config.usageMetrics, scope, inventory.set.seats, inactiveDays)
  const warnings = [...inventory.warnings, ...usage.warnings]
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
      warnings
    }
  }
  const candidates = reclaimable(config, ctx, inventory.set.seats, protectedBy, usage.report)
  // With notices, only users noticed at least `grace-days` ago are routed: the row breaker
  // counts what is left.
  const planned = tracking
    ? await holdForNotices(ctx, config, tracking, candidates, inventory.set.seats)
    : candidates
  const listed = new Map(inventory.set.seats.map((s) => [s.key, s]))
  const seatOf = (login: string) => listed.get(login) ?? null
  const routed = routeRows({ enterprise, users: planned.cancelUsers, seatOf })
  ctx.log.info(
    `Reclaim plan: ${routed.rows} row(s) of ${routed.users.length} idle user(s) in ${routed.destinations.length} place(s).`
  )
  const execution = await executeDestinations(
    ctx,
    new SeatReader(ctx, scope, inventory.pages),
    routed.destinations,
    {
      dryRun: config.dryRun,
      breaker: rowBreakerProblem(routed.rows, routed.users.length, config.maxCancellations),
      rules: (at) => [{ kind: 'reclaim', now: ctx.now, inactiveDays, at }],
      users: routed.users,
      planned: seatOf
    }
  )
  // The seats as GitHub shows them after the writes.
  const seats = config.dryRun
    ? inventory.set
    : withReadBack(inventory.set, execution.after, ctx, inactiveDays, inventory.pricing)
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
    warnings,
    enterpriseOutcome: execution.outcome
  }
  if (!tracking) return result
  // Users left with no row a reclaim can cancel drop out of the notices, whatever team rows
  // they keep; the others (an org that refused, say) stay under notice.
  const still = reclaimable(config, ctx, seats.seats, protectedBy, usage.report)
  return withNotices(ctx, config, tracking, still.cancelUsers, result)
}
