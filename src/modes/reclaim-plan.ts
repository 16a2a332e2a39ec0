// Planning an audit's reclaim, the same steps at org and enterprise scope: only
// the planner differs (an org seat is cancelled whole; an enterprise user's rows
// are routed by grantor, team rows listed).
import type { ModeResult, SeatPlan } from '../domain/outcome.js'
import type { ProtectionLookup } from '../domain/plan.js'
import type { Seat } from '../domain/seat.js'
import { lastActiveDay, type UsageReport } from '../domain/usage.js'
import type { LastActiveDay } from '../domain/usage-guard.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { holdForNotices, withNotices, type Tracking } from './notify.js'
import type { SeatsRead } from './read-seats.js'
import { runReport } from './report.js'

export type ReclaimPlanner = (input: {
  seats: readonly Seat[]
  now: number
  inactiveDays: number
  protectedBy: ProtectionLookup
  lastActiveDay?: LastActiveDay
}) => SeatPlan

/** What a reclaim would cancel in `seats`, every rule applied (protection, the usage guard, the planner's own). */
export type Reclaimable = (
  seats: readonly Seat[],
  usage: UsageReport | null | undefined
) => SeatPlan

export function reclaimableBy(
  planner: ReclaimPlanner,
  config: Pick<Config, 'inactiveDays'>,
  ctx: Pick<ModeContext, 'now'>,
  protectedBy: ProtectionLookup
): Reclaimable {
  return (seats, usage) =>
    planner({
      seats,
      now: ctx.now,
      inactiveDays: config.inactiveDays,
      protectedBy,
      ...(usage ? { lastActiveDay: (seat: Seat) => lastActiveDay(usage, seat) } : {})
    })
}

/** An audit without `reclaim`, with `notify: issue`: the report, with notices to the users a reclaim would cancel. */
export async function reportWithNotices(
  ctx: ModeContext,
  config: Config,
  tracking: Tracking,
  reclaimable: Reclaimable
): Promise<ModeResult> {
  const report = await runReport(config, ctx)
  const { cancelUsers } = reclaimable(report.seats?.seats ?? [], report.usage)
  return withNotices(ctx, config, tracking, cancelUsers, report)
}

/**
 * The reclaim's candidates, and what is planned of them: with notices, only the users noticed
 * at least `grace-days` ago (the breakers count what is left).
 */
export async function planReclaimRun(
  ctx: ModeContext,
  config: Config,
  tracking: Tracking | null,
  reclaimable: Reclaimable,
  { inventory, usage }: SeatsRead
): Promise<{ candidates: SeatPlan; planned: SeatPlan }> {
  const seats = inventory.set.seats
  const candidates = reclaimable(seats, usage.report)
  const planned = tracking
    ? await holdForNotices(ctx, config, tracking, candidates, seats)
    : candidates
  return { candidates, planned }
}
