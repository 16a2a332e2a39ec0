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
import {
  planEnterpriseReclaim,
  routeRows,
  rowBreakerProblem,
  type Destination
} from '../domain/routing.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { executeDestinations } from './enterprise-execute.js'
import { resolveEnterpriseProtection } from './enterprise-targets.js'
import { withReadBack } from './inventory.js'
import { readTracking, withNotices } from './notify.js'
import { readSeatsAndUsage } from './read-seats.js'
import { planReclaimRun, reclaimableBy, reportWithNotices } from './reclaim-plan.js'
import { reclaimResult, refusedWithoutUsage } from './reclaim-result.js'
import { runReport } from './report.js'
import { SeatReader } from './seat-state.js'

type EnterpriseConfig = Config & { enterprise: string }

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
  const protectedBy = await resolveEnterpriseProtection(ctx, enterprise, config)
  // The users a reclaim would cancel rows of (not the protected, not by team rows alone).
  const reclaimable = reclaimableBy(planEnterpriseReclaim, config, ctx, protectedBy)
  if (!config.reclaim && tracking) return reportWithNotices(ctx, config, tracking, reclaimable)

  const read = await readSeatsAndUsage(ctx, config, scope, null)
  const { inventory, usage } = read
  if (usage.errors.length) return refusedWithoutUsage(read)
  // With notices, only users noticed at least `grace-days` ago are routed: the row breaker
  // counts what is left.
  const { planned } = await planReclaimRun(ctx, config, tracking, reclaimable, read)
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
  const result: ModeResult = {
    ...reclaimResult(read, planned, execution, seats),
    enterpriseOutcome: execution.outcome
  }
  if (!tracking) return result
  // Users left with no row a reclaim can cancel drop out of the notices, whatever team rows
  // they keep; the others (an org that refused, say) stay under notice.
  const still = reclaimable(seats.seats, usage.report)
  return withNotices(ctx, config, tracking, still.cancelUsers, result)
}
