// What assign and revoke share after planning: the plan carried out for the
// named targets, and the result with the targets' seats as GitHub shows them.
import type { ModeResult, SeatPlan, Skip } from '../domain/outcome.js'
import { digestPlan } from '../domain/digest.js'
import type { ConfirmRule, FoundTeam } from '../domain/plan.js'
import type { Seat } from '../domain/seat.js'
import type { Pricing } from '../domain/stats.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { executePlan } from './execute.js'
import { lookedAtSeats } from './looked-at.js'
import { SeatReader, type SeatRead } from './seat-state.js'

/** The users and teams a run names, and their seats read just before planning. */
export interface TargetSeats {
  reader: SeatReader
  /** The teams found, with their members. */
  teams: FoundTeam[]
  /** Teams named in `teams` that do not exist. */
  missing: Skip[]
  before: SeatRead
  seatOf: (login: string) => Seat | null
}

/** Reads the seats of the named users and of every member of the named teams. */
export async function readTargetSeats(
  ctx: ModeContext,
  org: string,
  users: readonly string[],
  teams: { found: FoundTeam[]; missing: Skip[] }
): Promise<TargetSeats> {
  const reader = new SeatReader(ctx, org)
  const logins = [...new Set([...users, ...teams.found.flatMap((t) => t.members)])]
  const before = await reader.seatsOf(logins)
  return {
    reader,
    teams: teams.found,
    missing: teams.missing,
    before,
    seatOf: (login) => before.states.get(login) ?? null
  }
}

export async function carryOutForTargets(
  ctx: ModeContext,
  config: Config,
  targets: TargetSeats,
  planned: SeatPlan,
  input: { rule: ConfirmRule; pricing: Pricing }
): Promise<ModeResult> {
  const { before } = targets
  const execution = await executePlan(ctx, targets.reader, planned, {
    dryRun: config.dryRun,
    maxAssignments: config.maxAssignments,
    maxCancellations: config.maxCancellations,
    rules: [input.rule],
    // The targets' seats were just read (a look-up each, or a listing that showed them): the
    // check before the writes. A login a listing did not show was looked up on its own.
    fresh: before.states
  })
  return {
    seats: lookedAtSeats(before.states, execution, ctx, config.inactiveDays, input.pricing),
    pricing: input.pricing,
    plan: execution.plan,
    digest: digestPlan(execution.plan, targets.seatOf, input.pricing),
    applied: execution.applied,
    skipped: targets.missing.concat(planned.skipped, execution.applied.skipped),
    protectedIdle: [],
    errors: execution.errors,
    warnings: []
  }
}
