// revoke: seats of users and teams set to pending cancellation; protected and
// via-team seats are never sent per user.
import { breakerProblem, planRevoke } from '../domain/plan.js'
import type { Config } from '../inputs.js'
import { applyPlan, seatsOf } from './apply.js'
import type { ModeContext } from './context.js'
import { setSeats, type RunResult } from './result.js'
import { checkPolicy, lookUpSeats, resolveProtection, resolveTeams } from './targets.js'

export async function runRevoke(
  config: Config,
  ctx: ModeContext,
  result: RunResult
): Promise<void> {
  const { org } = config
  await checkPolicy(ctx, org, result)
  const protectedBy = await resolveProtection(
    ctx,
    org,
    config.excludeUsers,
    config.excludeTeams,
    result
  )
  const teams = await resolveTeams(ctx, org, config.teams, result)
  const logins = [...new Set([...config.users, ...teams.flatMap((t) => t.members ?? [])])]
  const seats = await lookUpSeats(ctx, org, logins, result)
  const plan = planRevoke({
    org,
    users: config.users,
    teams,
    seatOf: (l) => seats.get(l) ?? null,
    protectedBy
  })
  setSeats(result, seatsOf(seats))
  result.skipped.push(...plan.skipped)
  result.planned = {
    assignUsers: [],
    assignTeams: [],
    cancelUsers: plan.sendUsers,
    cancelTeams: plan.sendTeams,
    creates: [],
    cancels: plan.affected
  }
  const breaker = breakerProblem('cancel', plan.affected.length, config.maxCancellations)
  if (breaker) {
    result.errors.push(breaker)
    return
  }
  if (!plan.sendUsers.length && !plan.sendTeams.length) {
    ctx.log.info('Nothing to cancel: every target was skipped or already pending.')
    return
  }
  await applyPlan(ctx, org, 'cancel', plan, teams, result)
}
