// audit with reclaim at enterprise scope: each idle, unprotected user's rows
// routed by grantor (SPEC.md, Enterprise). A user is idle only if idle in every
// row; enterprise-direct rows are cancelled at the enterprise, org-direct rows
// in their org (after that org's policy check), team rows are listed with how to
// remove them. `max-cancellations` counts rows; the summary counts seats freed.
import type { ModeResult } from '../domain/outcome.js'
import { routeReclaim, rowBreakerProblem, type Destination } from '../domain/routing.js'
import { compareSeats } from '../domain/seat.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { executeDestinations } from './enterprise-execute.js'
import { resolveEnterpriseProtection } from './enterprise-targets.js'
import { readInventory, seatSet } from './inventory.js'
import { SeatReader } from './seat-state.js'

export async function runEnterpriseReclaim(
  config: Config & { enterprise: string },
  ctx: ModeContext
): Promise<ModeResult> {
  const { enterprise, inactiveDays } = config
  const scope: Destination = { kind: 'enterprise', enterprise }
  const protectedBy = await resolveEnterpriseProtection(
    ctx,
    enterprise,
    config.excludeUsers,
    config.excludeTeams
  )
  const inventory = await readInventory(ctx, scope, {
    inactiveDays,
    pricing: { seatCost: config.seatCost, orgPlan: null }
  })
  const routed = routeReclaim({
    enterprise,
    seats: inventory.set.seats,
    now: ctx.now,
    inactiveDays,
    protectedBy
  })
  const listed = new Map(inventory.set.seats.map((s) => [s.key, s]))
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
      rule: (at) => ({ kind: 'reclaim', now: ctx.now, inactiveDays, at }),
      users: routed.users,
      planned: (login) => listed.get(login) ?? null
    }
  )
  // The seats as GitHub shows them after the writes.
  let seats = inventory.set
  if (!config.dryRun && execution.after.size) {
    const byKey = new Map(listed)
    for (const [login, seat] of execution.after) {
      if (seat) byKey.set(login, seat)
      else byKey.delete(login)
    }
    const merged = [...byKey.values()].sort(compareSeats)
    seats = seatSet(merged, ctx, inactiveDays, inventory.pricing, inventory.set.rows, true)
  }
  const protectedIdle = routed.skipped.flatMap((s) =>
    s.reason.kind === 'protected' && s.subject.kind === 'user'
      ? [{ login: s.subject.login, by: s.reason.by }]
      : []
  )
  return {
    seats,
    pricing: inventory.pricing,
    plan: execution.plan,
    applied: execution.applied,
    skipped: routed.skipped.concat(execution.applied.skipped),
    protectedIdle,
    errors: execution.errors,
    warnings: inventory.warnings,
    enterpriseOutcome: execution.outcome
  }
}
