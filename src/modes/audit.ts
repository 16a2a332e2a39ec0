// audit: the idle seats, and with `reclaim` their cancellation, never of a
// seat granted through a team or of a protected account. Each cancellation is
// confirmed just before it is sent: the seat is still direct, not pending and
// idle by the run's `now`. With a usage metrics report, a seat whose holder the
// report shows active is not reclaimed (two signals must agree); with
// `notify: issue`, only users warned `grace-days` ago are.
import type { ModeResult } from '../domain/outcome.js'
import { planReclaim } from '../domain/plan.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { executePlan } from './execute.js'
import { withReadBack } from './inventory.js'
import { readTracking, withNotices } from './notify.js'
import { readSeatsAndUsage } from './read-seats.js'
import { planReclaimRun, reclaimableBy, reportWithNotices } from './reclaim-plan.js'
import { reclaimResult, refusedWithoutUsage } from './reclaim-result.js'
import { runReport } from './report.js'
import { scopeOf } from './scope.js'
import { SeatReader } from './seat-state.js'
import { checkPolicy, resolveProtection } from './targets.js'

export async function runAudit(config: Config, ctx: ModeContext): Promise<ModeResult> {
  // With `notify: issue` the notice log is read first: if it cannot be trusted, the run fails
  // before a seat is read or anything is written.
  const tracking = config.notify === 'issue' ? await readTracking(ctx, config) : null
  if (!config.reclaim) {
    // Without reclaim an audit reads what a report reads; the summary focuses on the idle seats.
    if (!tracking) return runReport(config, ctx)
    // Notices go to the users a reclaim would cancel (not the protected, not via team).
    const protectedBy = await resolveProtection(ctx, config.org, config)
    return reportWithNotices(
      ctx,
      config,
      tracking,
      reclaimableBy(planReclaim, config, ctx, protectedBy)
    )
  }
  const { org } = config
  const settings = await checkPolicy(ctx, org)
  const protectedBy = await resolveProtection(ctx, org, config)
  const reclaimable = reclaimableBy(planReclaim, config, ctx, protectedBy)
  const read = await readSeatsAndUsage(ctx, config, scopeOf(config), settings.planType)
  const { inventory, usage } = read
  if (usage.errors.length) return refusedWithoutUsage(read)
  const { candidates, planned } = await planReclaimRun(ctx, config, tracking, reclaimable, read)
  const reader = new SeatReader(ctx, org, inventory.pages)
  const execution = await executePlan(ctx, reader, planned, {
    dryRun: config.dryRun,
    maxAssignments: config.maxAssignments,
    maxCancellations: config.maxCancellations,
    rules: [{ kind: 'reclaim', now: ctx.now, inactiveDays: config.inactiveDays }],
    fresh: new Map()
  })
  // The seats as GitHub shows them after the writes: reclaimed ones are pending now.
  const seats = config.dryRun
    ? inventory.set
    : withReadBack(inventory.set, execution.after, ctx, config.inactiveDays, inventory.pricing)
  const result = reclaimResult(read, planned, execution, seats)
  return tracking ? withNotices(ctx, config, tracking, candidates.cancelUsers, result) : result
}
