// assign: seats for users and teams. Users who hold a seat are not re-sent (that
// would reset their grace period); pending seats are restored; non-members are
// not sent. Each user is confirmed to hold no live seat just before the write.
import type { ModeResult } from '../domain/outcome.js'
import { planAssign } from '../domain/plan.js'
import { isLive } from '../domain/seat.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { carryOutForTargets, readTargetSeats } from './targeted.js'
import { checkPolicy, membersOf, resolveTeams } from './targets.js'

export async function runAssign(config: Config, ctx: ModeContext): Promise<ModeResult> {
  const { org } = config
  const settings = await checkPolicy(ctx, org)
  const pricing = { seatCost: config.seatCost, orgPlan: settings.planType }
  const targets = await readTargetSeats(
    ctx,
    org,
    config.users,
    await resolveTeams(ctx, org, config.teams)
  )
  // Membership matters only for users who would be sent.
  const candidates = config.users.filter((u) => !isLive(targets.seatOf(u)))
  const members = await membersOf(ctx, org, candidates, () => targets.reader.pages())
  const planned = planAssign({
    users: config.users,
    teams: targets.teams,
    seatOf: targets.seatOf,
    isMember: (login) => members.has(login)
  })
  return carryOutForTargets(ctx, config, targets, planned, { rule: { kind: 'assign' }, pricing })
}
