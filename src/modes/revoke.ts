// revoke: seats of users and teams set to pending cancellation. Protected and
// via-team seats are never sent per user; each user is confirmed to hold a
// direct, non-pending seat just before the write.
import type { ModeResult } from '../domain/outcome.js'
import { planRevoke } from '../domain/plan.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { carryOutForTargets, readTargetSeats } from './targeted.js'
import { checkPolicy, resolveProtection, resolveTeams } from './targets.js'

export async function runRevoke(config: Config, ctx: ModeContext): Promise<ModeResult> {
  const { org } = config
  const settings = await checkPolicy(ctx, org)
  const pricing = { seatCost: config.seatCost, orgPlan: settings.planType }
  const protectedBy = await resolveProtection(ctx, org, config)
  const targets = await readTargetSeats(
    ctx,
    org,
    config.users,
    await resolveTeams(ctx, org, config.teams)
  )
  const planned = planRevoke({
    users: config.users,
    teams: targets.teams,
    seatOf: targets.seatOf,
    protectedBy
  })
  return carryOutForTargets(ctx, config, targets, planned, { rule: { kind: 'cancel' }, pricing })
}
