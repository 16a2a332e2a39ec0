// audit: the idle seats, and with `reclaim` their cancellation, never of a
// seat granted through a team or of a protected account.
import { breakerProblem, planReclaim } from '../domain/plan.js'
import type { Config } from '../inputs.js'
import { applyPlan } from './apply.js'
import type { ModeContext } from './context.js'
import { readAllSeats } from './report.js'
import type { RunResult } from './result.js'
import { checkPolicy, resolveProtection } from './targets.js'

export async function runAudit(config: Config, ctx: ModeContext, result: RunResult): Promise<void> {
  if (!config.reclaim) {
    await readAllSeats(config, ctx, result)
    return
  }
  await checkPolicy(ctx, config.org, result)
  const protectedBy = await resolveProtection(
    ctx,
    config.org,
    config.excludeUsers,
    config.excludeTeams,
    result
  )
  await readAllSeats(config, ctx, result)
  const plan = planReclaim({
    seats: result.seats,
    now: ctx.now,
    inactiveDays: config.inactiveDays,
    protectedBy
  })
  result.skipped.push(...plan.skipped)
  result.protectedUsers = plan.skipped
    .filter((s) => s.reason.startsWith('idle but protected'))
    .map((s) => ({ login: s.login, reason: s.reason }))
  result.planned = {
    assignUsers: [],
    assignTeams: [],
    cancelUsers: plan.sendUsers,
    cancelTeams: [],
    creates: [],
    cancels: plan.affected
  }
  const breaker = breakerProblem('cancel', plan.affected.length, config.maxCancellations)
  if (breaker) {
    result.errors.push(breaker)
    return
  }
  if (!plan.sendUsers.length) {
    ctx.log.info('No idle seat can be reclaimed here.')
    return
  }
  await applyPlan(ctx, config.org, 'cancel', plan, [], result)
}
