// assign: seats for users and teams. Users who hold a seat are not re-sent (that
// would reset their grace period); pending seats are restored; non-members are
// not sent. Each user is confirmed to hold no live seat just before the write.
import { digestPlan } from '../domain/digest.js'
import type { ModeResult } from '../domain/outcome.js'
import { planAssign } from '../domain/plan.js'
import { isLive } from '../domain/seat.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { executePlan } from './execute.js'
import { lookedAtSeats } from './looked-at.js'
import { SeatReader } from './seat-state.js'
import { checkPolicy, membersOf, resolveTeams } from './targets.js'

export async function runAssign(config: Config, ctx: ModeContext): Promise<ModeResult> {
  const { org } = config
  const settings = await checkPolicy(ctx, org)
  const pricing = { seatCost: config.seatCost, orgPlan: settings.planType }
  const teams = await resolveTeams(ctx, org, config.teams)
  const reader = new SeatReader(ctx, org)
  const logins = [...new Set([...config.users, ...teams.found.flatMap((t) => t.members)])]
  const before = await reader.seatsOf(logins)
  // Membership matters only for users who would be sent.
  const candidates = config.users.filter((u) => !isLive(before.states.get(u)))
  const members = await membersOf(ctx, org, candidates, () => reader.pages())
  const planned = planAssign({
    users: config.users,
    teams: teams.found,
    seatOf: (login) => before.states.get(login) ?? null,
    isMember: (login) => members.has(login)
  })
  const execution = await executePlan(ctx, reader, planned, {
    dryRun: config.dryRun,
    maxAssignments: config.maxAssignments,
    maxCancellations: config.maxCancellations,
    rules: [{ kind: 'assign' }],
    // The targets' seats were just read (a look-up each, or a listing that showed them): the check
    // before the writes. A login a listing did not show was looked up on its own.
    fresh: before.states
  })
  return {
    seats: lookedAtSeats(before.states, execution, ctx, config.inactiveDays, pricing),
    pricing,
    plan: execution.plan,
    digest: digestPlan(execution.plan, (login) => before.states.get(login) ?? null, pricing),
    applied: execution.applied,
    skipped: teams.missing.concat(planned.skipped, execution.applied.skipped),
    protectedIdle: [],
    errors: execution.errors,
    warnings: []
  }
}
