// assign: seats for users and teams. Users who hold a seat are not re-sent (that
// would reset their grace period); pending seats are restored; non-members are
// not sent. Each user is confirmed to hold no live seat just before the write.
import type { ModeResult } from '../domain/outcome.js'
import { planAssign } from '../domain/plan.js'
import { isLive } from '../domain/seat.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { SeatReader } from './seat-state.js'
import { carryOutForTargets } from './targeted.js'
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
  return carryOutForTargets(ctx, config, {
    reader,
    before,
    planned,
    missing: teams.missing,
    rule: { kind: 'assign' },
    pricing
  })
}
