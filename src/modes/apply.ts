// Sends a plan's writes, then reads the affected seats back so that outputs and
// summary report the state GitHub shows, not what was asked for.
import type { SeatPlan, TeamTarget } from '../domain/plan.js'
import { compareSeats, type Seat } from '../domain/seat.js'
import { getCopilotSettings, policyProblem } from '../github/org.js'
import { applyWrites, type WriteOutcome } from '../github/writes.js'
import type { ModeContext } from './context.js'
import { setSeats, type RunResult } from './result.js'
import { lookUpSeats } from './targets.js'

export async function applyPlan(
  ctx: ModeContext,
  org: string,
  kind: 'assign' | 'cancel',
  plan: SeatPlan,
  teams: readonly TeamTarget[],
  result: RunResult
): Promise<void> {
  if (result.dryRun) {
    const changes = plan.affected.map((login) => ({ login, pendingDate: null }))
    if (kind === 'assign') result.assigned = changes
    else result.cancelled = changes
    return
  }
  result.writesSent = true
  const options = {
    apiUrl: ctx.apiUrl,
    isCancelled: ctx.isCancelled,
    policyProblem: async () => {
      result.requests++
      return policyProblem(org, await getCopilotSettings(ctx.client, org, ctx.apiUrl))
    }
  }
  const outcomes: WriteOutcome[] = []
  const verb = kind === 'assign' ? 'assigned' : 'cancelled'
  // Why each affected login may not have changed, from the request that carried it.
  const whyNot = new Map<string, string>()
  const record = (outcome: WriteOutcome, membersOf: (name: string) => string[]) => {
    outcomes.push(outcome)
    result.requests += outcome.requests
    if (kind === 'assign') result.seatsCreated += outcome.reported
    else result.seatsCancelled += outcome.reported
    for (const f of outcome.failed)
      for (const login of membersOf(f.name)) whyNot.set(login, `not ${verb}: ${f.reason}`)
    for (const name of outcome.notSent)
      for (const login of membersOf(name))
        whyNot.set(login, `not ${verb}: not sent, the run was cancelled`)
  }
  const affected = new Set(plan.affected)
  const teamMembers = (slug: string) =>
    (teams.find((t) => t.slug === slug)?.members ?? []).filter((m) => affected.has(m))

  if (plan.sendUsers.length) {
    ctx.log.info(`Sending ${plan.sendUsers.length} user(s) to be ${verb}, in batches of up to 100.`)
    record(
      await applyWrites(
        ctx.client,
        org,
        kind === 'assign' ? 'add-users' : 'cancel-users',
        plan.sendUsers,
        options
      ),
      (n) => [n]
    )
  }
  if (plan.sendTeams.length) {
    ctx.log.info(`Sending ${plan.sendTeams.length} team(s) to be ${verb}.`)
    record(
      await applyWrites(
        ctx.client,
        org,
        kind === 'assign' ? 'add-teams' : 'cancel-teams',
        plan.sendTeams,
        options
      ),
      teamMembers
    )
  }
  for (const outcome of outcomes) {
    for (const f of outcome.failed)
      if (f.name.length && !affected.has(f.name) && plan.sendTeams.includes(f.name)) {
        result.skipped.push({
          login: `team:${f.name}`,
          reason: `not ${verb}: ${f.reason}`,
          failed: true
        })
      }
  }

  if (ctx.isCancelled()) {
    // No new requests after a cancel: report what GitHub accepted, unconfirmed.
    result.interrupted = true
    const accepted = new Set(
      outcomes.flatMap((o) =>
        o.accepted.flatMap((n) => (plan.sendTeams.includes(n) ? teamMembers(n) : [n]))
      )
    )
    for (const login of plan.affected) {
      if (accepted.has(login))
        (kind === 'assign' ? result.assigned : result.cancelled).push({ login, pendingDate: null })
      else
        result.skipped.push({
          login,
          reason: whyNot.get(login) ?? `not ${verb}: not sent, the run was cancelled`,
          failed: true
        })
    }
    result.warnings.push(
      'The run was cancelled: changes were not read back; they are what GitHub accepted.'
    )
    return
  }

  const after = await lookUpSeats(ctx, org, plan.affected, result)
  for (const login of plan.affected) {
    const seat = after.get(login) ?? null
    const done =
      kind === 'assign'
        ? seat !== null && seat.pendingDate === null
        : seat !== null && seat.pendingDate !== null
    if (done) {
      if (kind === 'assign') result.assigned.push({ login, team: seat!.teams[0] ?? null })
      else result.cancelled.push({ login, pendingDate: seat!.pendingDate })
    } else {
      result.skipped.push({
        login,
        reason:
          whyNot.get(login) ??
          `not ${verb}: GitHub accepted the request but shows ${seat ? (seat.pendingDate ? 'the seat pending cancellation' : 'an active seat') : 'no seat'}`,
        failed: true
      })
    }
  }
  // The seats looked at, as GitHub shows them now.
  const byLogin = new Map(result.seats.map((s) => [s.key, s]))
  for (const [login, seat] of after) {
    if (seat) byLogin.set(login, seat)
    else byLogin.delete(login)
  }
  setSeats(result, [...byLogin.values()].sort(compareSeats))
}

export function seatsOf(found: Map<string, Seat | null>): Seat[] {
  return [...found.values()].filter((s): s is Seat => s !== null).sort(compareSeats)
}
