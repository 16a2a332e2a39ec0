// assign at enterprise scope: enterprise-direct seats for users, and enterprise
// teams, through the enterprise endpoints. Users who hold a seat through any
// org or team are not re-sent. GitHub has no membership pre-check here: a
// login the enterprise does not know fails its batch (404 or 422), which is
// split until that login is isolated. Each user is confirmed to hold no live
// seat just before the write.
import type { ModeResult } from '../domain/outcome.js'
import { planAssign } from '../domain/plan.js'
import type { Destination } from '../domain/routing.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { resolveEnterpriseTeams } from './enterprise-targets.js'
import { executePlan } from './execute.js'
import { lookedAtSeats } from './looked-at.js'
import { SeatReader } from './seat-state.js'

export async function runEnterpriseAssign(
  config: Config & { enterprise: string },
  ctx: ModeContext
): Promise<ModeResult> {
  const { enterprise } = config
  const scope: Destination = { kind: 'enterprise', enterprise }
  const pricing = { seatCost: config.seatCost, orgPlan: null }
  const reader = new SeatReader(ctx, scope)
  // Page 1 of the listing first: a per-user look-up's 404 cannot tell a user without a seat from
  // an enterprise that does not exist (or that the token may not read); the listing's answer can.
  await reader.pages()
  const teams = await resolveEnterpriseTeams(ctx, enterprise, config.teams)
  const logins = [...new Set([...config.users, ...teams.found.flatMap((t) => t.members)])]
  const before = await reader.seatsOf(logins)
  const planned = planAssign({
    users: config.users,
    teams: teams.found,
    seatOf: (login) => before.states.get(login) ?? null,
    // No pre-check exists: the write itself says who the enterprise does not know.
    isMember: () => true
  })
  const execution = await executePlan(ctx, reader, planned, {
    dryRun: config.dryRun,
    maxAssignments: config.maxAssignments,
    maxCancellations: config.maxCancellations,
    rules: [{ kind: 'assign' }],
    fresh: before.states,
    teamName: teams.nameOf
  })
  return {
    seats: lookedAtSeats(before.states, execution, ctx, config.inactiveDays, pricing),
    pricing,
    plan: execution.plan,
    applied: execution.applied,
    skipped: teams.missing.concat(planned.skipped, execution.applied.skipped),
    protectedIdle: [],
    errors: execution.errors,
    warnings: []
  }
}
