// assign: seats for users and teams; users who hold a seat are not re-sent
// (that would reset their grace period), pending seats are restored.
import { breakerProblem, planAssign } from '../domain/plan.js'
import type { Config } from '../inputs.js'
import { applyPlan, seatsOf } from './apply.js'
import type { ModeContext } from './context.js'
import { setSeats, type RunResult } from './result.js'
import { checkPolicy, lookUpMembers, lookUpSeats, resolveTeams } from './targets.js'

export async function runAssign(
  config: Config,
  ctx: ModeContext,
  result: RunResult
): Promise<void> {
  const { org } = config
  await checkPolicy(ctx, org, result)
  const teams = await resolveTeams(ctx, org, config.teams, result)
  const logins = [...new Set([...config.users, ...teams.flatMap((t) => t.members ?? [])])]
  const seats = await lookUpSeats(ctx, org, logins, result)
  // Membership matters only for users who would be sent.
  const candidates = config.users.filter((u) => {
    const seat = seats.get(u)
    return !seat || seat.pendingDate !== null
  })
  const members = await lookUpMembers(ctx, org, candidates, result)
  const plan = planAssign({
    org,
    users: config.users,
    teams,
    seatOf: (l) => seats.get(l) ?? null,
    isMember: (l) => members.has(l)
  })
  setSeats(result, seatsOf(seats))
  result.skipped.push(...plan.skipped)
  result.planned = {
    assignUsers: plan.sendUsers,
    assignTeams: plan.sendTeams,
    cancelUsers: [],
    cancelTeams: [],
    creates: plan.affected,
    cancels: []
  }
  const breaker = breakerProblem('assign', plan.affected.length, config.maxAssignments)
  if (breaker) {
    result.errors.push(breaker)
    return
  }
  if (!plan.sendUsers.length && !plan.sendTeams.length) {
    ctx.log.info('Nothing to assign: every target already holds a seat or was skipped.')
    return
  }
  await applyPlan(ctx, org, 'assign', plan, teams, result)
}
