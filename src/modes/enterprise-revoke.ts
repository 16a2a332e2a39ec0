// revoke at enterprise scope: enterprise-direct seats of users, and enterprise
// teams, through the enterprise endpoints. Rows an org grants are not the
// enterprise's to cancel: such users are skipped, naming the rows and their fix.
// After the writes, every target still holding access through another row is
// reported with that row and what removes it.
import type { ModeResult, Skip } from '../domain/outcome.js'
import { planEnterpriseRevoke } from '../domain/enterprise-plan.js'
import { breakerProblem } from '../domain/plan.js'
import type { Destination } from '../domain/routing.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { executeDestinations } from './enterprise-execute.js'
import { resolveEnterpriseProtection, resolveEnterpriseTeams } from './enterprise-targets.js'
import { lookedAtSeats } from './looked-at.js'
import { SeatReader } from './seat-state.js'

export async function runEnterpriseRevoke(
  config: Config & { enterprise: string },
  ctx: ModeContext
): Promise<ModeResult> {
  const { enterprise } = config
  const at: Destination = { kind: 'enterprise', enterprise }
  const pricing = { seatCost: config.seatCost, orgPlan: null }
  const reader = new SeatReader(ctx, at)
  // Page 1 of the listing first: a per-user look-up's 404 cannot tell a user without a seat from
  // an enterprise that does not exist (or that the token may not read); the listing's answer can.
  await reader.pages()
  const protectedBy = await resolveEnterpriseProtection(ctx, enterprise, config)
  const teams = await resolveEnterpriseTeams(ctx, enterprise, config.teams)
  const logins = [...new Set([...config.users, ...teams.found.flatMap((t) => t.members)])]
  const before = await reader.seatsOf(logins)
  const seatOf = (login: string) => before.states.get(login) ?? null
  const planned = planEnterpriseRevoke({
    users: config.users,
    teams: teams.found,
    seatOf,
    protectedBy
  })
  const execution = await executeDestinations(ctx, reader, [{ at, plan: planned }], {
    dryRun: config.dryRun,
    breaker: breakerProblem('cancel', planned.cancels.length, config.maxCancellations),
    rules: (where) => [{ kind: 'cancel', at: where }],
    teamName: teams.nameOf,
    // The targets' seats were just read (a look-up each, or a listing that showed them).
    fresh: before.states,
    users: planned.cancels,
    planned: seatOf
  })
  // A target that still holds access through rows no enterprise write removes: the requested
  // change is not made, so the step fails and says what removes them.
  const stillGranted: Skip[] = execution.outcome.remaining.flatMap((r) => {
    const grants = r.grants.filter((g) => g.reason === null).map((g) => g.grant)
    return grants.length
      ? [
          {
            subject: { kind: 'user', login: r.login },
            reason: { kind: 'still-granted', grants },
            failed: true
          }
        ]
      : []
  })
  return {
    seats: lookedAtSeats(before.states, execution, ctx, config.inactiveDays, pricing),
    pricing,
    plan: execution.plan,
    applied: execution.applied,
    skipped: teams.missing.concat(planned.skipped, execution.applied.skipped, stillGranted),
    protectedIdle: [],
    errors: execution.errors,
    warnings: [],
    enterpriseOutcome: execution.outcome
  }
}
