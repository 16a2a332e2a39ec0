// Carries out an enterprise-scope plan that may write to several places: the
// enterprise's endpoints and, for a reclaim, each org that grants rows
// directly. The breaker is checked once over the whole plan, before anything is
// sent; then each destination goes through executePlan (confirm just before its
// writes, dry run, writes, read-back), an org's after its policy check. A
// destination that fails (its policy, a 403) is reported and the others go on.
// Afterwards it works out, for every user the run worked on, what access they
// still hold and why. `sync` at enterprise scope goes through it too, with one
// destination (the enterprise) and both directions.
import { CancelledError, messageOf } from '../errors.js'
import {
  accessAfter,
  type CancelledRow,
  type DestinationOutcome,
  type EnterpriseOutcome
} from '../domain/enterprise-outcome.js'
import {
  userSubject,
  type Applied,
  type Change,
  type SeatPlan,
  type Skip,
  type SkipReason
} from '../domain/outcome.js'
import type { ConfirmRule } from '../domain/plan.js'
import { policyProblem } from '../domain/policy.js'
import {
  destinationName,
  cancelledRowsOf,
  matchesRow,
  type Destination,
  type RowRef
} from '../domain/routing.js'
import type { Grant, Seat } from '../domain/seat.js'
import { getCopilotSettings } from '../github/org.js'
import type { ModeContext } from './context.js'
import { emptyApplied, executePlan } from './execute.js'
import type { SeatReader, SeatStates } from './seat-state.js'

export interface DestinationPlan {
  at: Destination
  plan: SeatPlan
}

export interface RoutedOptions {
  dryRun: boolean
  /** The breaker over the whole plan, worked out by the caller (null: within the limits). */
  breaker: string | null
  /** What a user write at `at` must still find just before it is sent: a rule per direction. */
  rules: (at: Destination) => readonly ConfirmRule[]
  /** The name an enterprise team's write carries, by slug. */
  teamName?: (slug: string) => string
  /** Seats just read one by one for the plan: already confirmed (single-destination plans). */
  fresh?: SeatStates
  /** Users whose remaining access is reported, and their seats as planned. */
  users: readonly string[]
  planned: (login: string) => Seat | null
}

export interface RoutedExecution {
  /** Every destination's plan as one, as confirmed. */
  plan: SeatPlan
  applied: Applied
  /** The latest seat read for each login (after the writes, or for confirmation). */
  after: SeatStates
  errors: string[]
  outcome: EnterpriseOutcome
}

const unique = (xs: readonly string[]) => [...new Set(xs)]

/** Every destination's plan as one: what the run reports and a cancelled run reports from. */
export function combinePlans(plans: readonly SeatPlan[]): SeatPlan {
  const teamMembers = new Map<string, string[]>()
  for (const p of plans) {
    for (const [team, members] of p.teamMembers) {
      teamMembers.set(team, unique([...(teamMembers.get(team) ?? []), ...members]))
    }
  }
  return {
    assignUsers: unique(plans.flatMap((p) => p.assignUsers)),
    assignTeams: unique(plans.flatMap((p) => p.assignTeams)),
    cancelUsers: unique(plans.flatMap((p) => p.cancelUsers)),
    cancelTeams: unique(plans.flatMap((p) => p.cancelTeams)),
    teamMembers,
    keeps: unique(plans.flatMap((p) => p.keeps)),
    creates: unique(plans.flatMap((p) => p.creates)),
    cancels: unique(plans.flatMap((p) => p.cancels)),
    skipped: plans.flatMap((p) => p.skipped)
  }
}

/** One change per login: a user cancelled in several places shows the last of the pending dates. */
function oneChangePerLogin(changes: readonly Change[]): Change[] {
  const byLogin = new Map<string, Change>()
  for (const c of changes) {
    const seen = byLogin.get(c.login)
    if (!seen) byLogin.set(c.login, c)
    else if (
      c.pendingDate !== null &&
      (seen.pendingDate === null || c.pendingDate > seen.pendingDate)
    )
      byLogin.set(c.login, { ...seen, pendingDate: c.pendingDate })
  }
  return [...byLogin.values()]
}

const failedAll = (
  plan: SeatPlan,
  reason: (direction: 'assign' | 'cancel') => SkipReason
): Skip[] => [
  ...plan.creates.map((login) => ({
    subject: userSubject(login),
    reason: reason('assign'),
    failed: true
  })),
  ...plan.cancels.map((login) => ({
    subject: userSubject(login),
    reason: reason('cancel'),
    failed: true
  }))
]

export async function executeDestinations(
  ctx: ModeContext,
  reader: SeatReader,
  destinations: readonly DestinationPlan[],
  options: RoutedOptions
): Promise<RoutedExecution> {
  const combined = combinePlans(destinations.map((d) => d.plan))
  ctx.progress.plan = combined
  const applied: Applied = emptyApplied()
  const errors: string[] = []
  const after: SeatStates = new Map()
  const outcomes: DestinationOutcome[] = destinations.map(({ at, plan }) => ({
    at,
    planned: plan.cancels,
    cancelled: [],
    problem: null
  }))
  // Why each destination did not change a login's row, for the "what remains" report.
  const reasons = destinations.map(() => new Map<string, SkipReason>())
  // Rows each destination cancelled (or would), by login.
  const done = destinations.map(() => new Set<string>())
  const confirmed: SeatPlan[] = destinations.map((d) => d.plan)

  if (options.breaker) {
    applied.breaker = options.breaker
    errors.push(options.breaker)
  } else {
    for (const [i, { at, plan }] of destinations.entries()) {
      const fail = (message: string) => {
        outcomes[i]!.problem = message
        const skips = failedAll(plan, (direction) => ({ kind: 'write-failed', direction, message }))
        for (const s of skips)
          if (s.subject.kind === 'user') reasons[i]!.set(s.subject.login, s.reason)
        applied.skipped.push(...skips)
      }
      if (ctx.isCancelled()) {
        const skips = failedAll(plan, (direction) => ({ kind: 'not-sent', direction }))
        applied.skipped.push(...skips)
        continue
      }
      if (at.kind === 'org') {
        // SPEC: the policy check runs once per org that has rows to cancel; a refusal is that org's.
        let problem: string | null
        try {
          problem = policyProblem(at.org, await getCopilotSettings(ctx.client, at.org, ctx.apiUrl))
        } catch (error) {
          if (error instanceof CancelledError) throw error
          problem = messageOf(error)
        }
        if (problem) {
          ctx.log.warning(`Nothing is sent to org ${at.org}: ${problem}`)
          fail(problem)
          continue
        }
      }
      ctx.log.info(`Carrying out the plan for ${destinationName(at)}.`)
      // Its own progress plan (the combined one stays the run's), the run's record of what GitHub accepted.
      const sub: ModeContext = {
        ...ctx,
        progress: { plan: null, inFlight: ctx.progress.inFlight, accepted: ctx.progress.accepted }
      }
      let execution
      try {
        execution = await executePlan(sub, reader, plan, {
          dryRun: options.dryRun,
          // Checked above, over every destination.
          maxAssignments: Number.POSITIVE_INFINITY,
          maxCancellations: Number.POSITIVE_INFINITY,
          rules: options.rules(at),
          fresh: options.fresh ?? new Map<string, Seat | null>(),
          ...(options.teamName ? { teamName: options.teamName } : {})
        })
      } catch (error) {
        if (error instanceof CancelledError) throw error
        const message = messageOf(error)
        errors.push(`${destinationName(at)}: ${message}`)
        fail(message)
        continue
      }
      confirmed[i] = execution.plan
      applied.sent ||= execution.applied.sent
      applied.assigned.push(...execution.applied.assigned)
      applied.cancelled.push(...execution.applied.cancelled)
      applied.unconfirmed.push(...execution.applied.unconfirmed)
      applied.seatsCreated += execution.applied.seatsCreated
      applied.seatsCancelled += execution.applied.seatsCancelled
      applied.skipped.push(...execution.applied.skipped)
      errors.push(...execution.errors)
      for (const [login, seat] of execution.after) after.set(login, seat)
      for (const s of execution.applied.skipped) {
        if (s.subject.kind === 'user') reasons[i]!.set(s.subject.login, s.reason)
      }
      const sentRows = cancelledRowsOf(execution.plan, at)
      const rows: CancelledRow[] = execution.applied.cancelled.map((c) => {
        const refs = sentRows(c.login)
        // The user's direct row, or the rows of the teams revoked in this run.
        const teams = refs.some((r) => r.team === null)
          ? []
          : refs.flatMap((r) => (r.team === null ? [] : [r.team]))
        return { login: c.login, pendingDate: c.pendingDate, teams }
      })
      outcomes[i]!.cancelled = rows
      for (const r of rows) done[i]!.add(r.login)
      // Accepted but not read back: GitHub took the write, so the row is not reported as remaining.
      for (const u of execution.applied.unconfirmed)
        if (u.direction === 'cancel') done[i]!.add(u.login)
    }
  }
  applied.cancelled = oneChangePerLogin(applied.cancelled)
  applied.assigned = oneChangePerLogin(applied.assigned)

  const planned = destinations.map(({ at, plan }) => cancelledRowsOf(plan, at))
  const rowsOf = (login: string, i: number): RowRef[] => planned[i]!(login)
  const why = (login: string, grant: Grant): SkipReason | null => {
    for (const i of destinations.keys()) {
      if (!rowsOf(login, i).some((r) => matchesRow(grant, r))) continue
      const reason = reasons[i]!.get(login)
      if (reason) return reason
    }
    // Not aimed at by any write of this run: a team's row, or an org's in a revoke.
    return null
  }
  // Over the breaker nothing was sent: the plan, not what remains, is what the summary shows.
  const access = options.breaker
    ? { remaining: [], seatsFreed: 0 }
    : accessAfter({
        logins: options.users,
        seatOf: (login) => (after.has(login) ? after.get(login)! : options.planned(login)),
        cancelled: (login) =>
          destinations.flatMap((_, i) => (done[i]!.has(login) ? rowsOf(login, i) : [])),
        why
      })
  return {
    plan: combinePlans(confirmed),
    applied,
    after,
    errors,
    outcome: {
      destinations: outcomes,
      remaining: access.remaining,
      users: unique(options.users).length,
      seatsFreed: access.seatsFreed
    }
  }
}
