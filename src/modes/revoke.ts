// revoke: seats of users and teams set to pending cancellation. Protected and
// via-team seats are never sent per user; each user is confirmed to hold a
// direct, non-pending seat just before the write.
import type { ModeResult } from '../domain/outcome.js'
import { planRevoke } from '../domain/plan.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { SeatReader } from './seat-state.js'
import { carryOutForTargets } from './targeted.js'
import { checkPolicy, resolveProtection, resolveTeams } from './targets.js'

export async function runRevoke(config: Config, ctx: ModeContext): Promise<ModeResult> {
  const { org } = config
  const settings = await checkPolicy(ctx, org)
  const pricing = { seatCost: config.seatCost, orgPlan: settings.planType }
  const protectedBy = await resolveProtection(ctx, org, config.excludeUsers, config.excludeTeams)
  const teams = await resolveTeams(ctx, org, config.teams)
  const reader = new SeatReader(ctx, org)
  const logins = [...new Set([...config.users, ...teams.found.flatMap((t) => t.members)])]
  const before = await reader.seatsOf(logins)
  const planned = planRevoke({
    users: config.users,
    teams: teams.found,
    seatOf: (login) => before.states.get(login) ?? null,
    protectedBy
  })
  return carryOutForTargets(ctx, config, {
    reader,
    before,
    planned,
    missing: teams.missing,
    rule: { kind: 'cancel' },
    pricing
  })
}
