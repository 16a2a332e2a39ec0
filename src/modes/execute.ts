// Carries out a plan, the same way for every mode: the breakers over the whole
// plan, then confirmation of each user write against GitHub's state just before
// it is sent, then the writes, then a read-back so that outputs and summary
// report what GitHub shows, not what was asked for.
import {
  planSendsNothing,
  teamSubject,
  type Applied,
  type Direction,
  type SeatPlan,
  type SeatState,
  type Skip,
  type SkipReason
} from '../domain/outcome.js'
import { breakerProblem, confirmPlan, directionOf, type ConfirmRule } from '../domain/plan.js'
import { policyProblem } from '../domain/policy.js'
import { assignedRow, cancelledRowsOf, cancelResult } from '../domain/routing.js'
import { isLive, type Seat } from '../domain/seat.js'
import { messageOf } from '../errors.js'
import { getCopilotSettings } from '../github/org.js'
import {
  applyWrites,
  type WriteKind,
  type WriteOutcome,
  type WriteTarget
} from '../github/writes.js'
import type { ModeContext } from './context.js'
import type { SeatReader, SeatStates } from './seat-state.js'

export interface ExecuteOptions {
  dryRun: boolean
  maxAssignments: number
  maxCancellations: number
  /**
   * What GitHub's state must still show for a user write to be sent: one rule per direction
   * the plan writes users in (a rule's kind names its direction; sync has both).
   */
  rules: readonly ConfirmRule[]
  /** Seats this step has just read one by one: already confirmed. */
  fresh: SeatStates
  /** The name a write carries for a team of the plan (enterprise teams are sent by name). */
  teamName?: (slug: string) => string
}

export interface Execution {
  /** The plan as confirmed (what was, or would be, sent). */
  plan: SeatPlan
  applied: Applied
  /** Seats read after the writes (or for confirmation in a dry run). */
  after: SeatStates
  errors: string[]
}

/** Nothing sent yet: what a run, or each destination of an enterprise run, starts from. */
export const emptyApplied = (): Applied => ({
  breaker: null,
  sent: false,
  assigned: [],
  cancelled: [],
  unconfirmed: [],
  seatsCreated: 0,
  seatsCancelled: 0,
  skipped: []
})

function stateOf(seat: Seat | null): SeatState {
  if (!seat) return 'no-seat'
  return seat.pendingDate !== null ? 'pending' : 'live'
}

/** The team of the seat's first live row, null for a direct one: what an assignment shows. */
function grantingTeam(seat: Seat): string | null {
  if (!seat.grants.length) return seat.teams[0] ?? null
  return seat.grants.find((g) => g.pendingDate === null)?.team ?? null
}

/** A write of one kind: which of the plan's lists it sends, and which logins each name affects. */
interface WriteGroup {
  kind: WriteKind
  direction: Direction
  names: string[]
  membersOf: (name: string) => string[]
}

function groupsOf(plan: SeatPlan): WriteGroup[] {
  const members = (slug: string) => plan.teamMembers.get(slug) ?? []
  const user = (name: string) => [name]
  // Assignments first: a user moved from a team grant to a direct one keeps the seat throughout.
  const groups: WriteGroup[] = [
    { kind: 'add-users', direction: 'assign', names: plan.assignUsers, membersOf: user },
    { kind: 'add-teams', direction: 'assign', names: plan.assignTeams, membersOf: members },
    { kind: 'cancel-users', direction: 'cancel', names: plan.cancelUsers, membersOf: user },
    { kind: 'cancel-teams', direction: 'cancel', names: plan.cancelTeams, membersOf: members }
  ]
  return groups.filter((g) => g.names.length)
}

export async function executePlan(
  ctx: ModeContext,
  reader: SeatReader,
  plan: SeatPlan,
  options: ExecuteOptions
): Promise<Execution> {
  const applied = emptyApplied()
  const errors: string[] = []
  ctx.progress.plan = plan
  const breaker =
    breakerProblem('assign', plan.creates.length, options.maxAssignments) ??
    breakerProblem('cancel', plan.cancels.length, options.maxCancellations)
  if (breaker) {
    applied.breaker = breaker
    return { plan, applied, after: new Map(), errors: [breaker] }
  }
  if (planSendsNothing(plan)) {
    ctx.log.info('Nothing to send: every target already is as asked, or was skipped.')
    return { plan, applied, after: new Map(), errors }
  }

  // Confirm each user write against GitHub's state now (a dry run reads the same), both
  // directions from one read: per user, or one fresh listing if that takes fewer requests.
  const written: [Direction, string[]][] = [
    ['assign', plan.assignUsers],
    ['cancel', plan.cancelUsers]
  ]
  const current: SeatStates = new Map(options.fresh)
  const unread = written.flatMap(([, users]) => users).filter((login) => !current.has(login))
  if (unread.length) {
    for (const [login, seat] of (await reader.seatsOf(unread)).states) current.set(login, seat)
  }
  let sending = plan
  for (const [direction, users] of written) {
    if (!users.length) continue
    const rule = options.rules.find((r) => directionOf(r) === direction)
    // A write without its rule would go out unconfirmed: a bug, so nothing is sent.
    if (!rule) throw new Error(`no confirmation rule for the plan's ${direction} writes`)
    const confirmed = confirmPlan(sending, rule, (login) => current.get(login) ?? null)
    for (const skip of confirmed.removed) applied.skipped.push(skip)
    sending = confirmed.plan
  }
  ctx.progress.plan = sending

  if (options.dryRun) {
    applied.assigned = [...sending.creates, ...sending.keeps].map((login) => ({
      login,
      team: null,
      pendingDate: null
    }))
    applied.cancelled = sending.cancels.map((login) => ({ login, team: null, pendingDate: null }))
    return { plan: sending, applied, after: current, errors }
  }
  if (planSendsNothing(sending)) return { plan: sending, applied, after: current, errors }

  applied.sent = true
  // Where the writes go: the destination the rule confirmed against (enterprise routing), else
  // the reader's org or enterprise.
  const rowsAt = options.rules.flatMap((r) => ('at' in r && r.at ? [r.at] : []))[0]
  const target: WriteTarget = rowsAt ?? reader.scope
  const whyNot = new Map<string, SkipReason>()
  const accepted = new Map<string, Direction>()
  for (const group of groupsOf(sending)) {
    ctx.log.info(
      `Sending ${group.names.length} ${group.kind.endsWith('teams') ? 'team' : 'user'}(s) to be ${group.direction === 'assign' ? 'assigned' : 'cancelled'}, in batches of up to 100.`
    )
    const team = group.kind.endsWith('teams')
    const outcome: WriteOutcome = await applyWrites(ctx.client, target, group.kind, group.names, {
      apiUrl: ctx.apiUrl,
      isCancelled: ctx.isCancelled,
      // GitHub has no endpoint for an enterprise's Copilot policy: only an org's is re-read.
      policyProblem: async () =>
        target.kind === 'org'
          ? policyProblem(target.org, await getCopilotSettings(ctx.client, target.org, ctx.apiUrl))
          : null,
      ...(team && options.teamName ? { wireName: options.teamName } : {}),
      onSending: (names) => {
        for (const name of names) {
          for (const login of group.membersOf(name))
            ctx.progress.inFlight.set(login, group.direction)
        }
      },
      onAccepted: (names) => {
        for (const name of names) {
          for (const login of group.membersOf(name)) {
            accepted.set(login, group.direction)
            ctx.progress.inFlight.delete(login)
            ctx.progress.accepted.set(login, group.direction)
          }
        }
      }
    })
    if (group.direction === 'assign') applied.seatsCreated += outcome.reported
    else applied.seatsCancelled += outcome.reported
    const fail = (name: string, reason: SkipReason) => {
      for (const login of group.membersOf(name)) whyNot.set(login, reason)
      if (team) applied.skipped.push({ subject: teamSubject(name), reason, failed: true })
    }
    // Answered, one way or the other: no longer in flight.
    for (const name of group.names) {
      for (const login of group.membersOf(name)) ctx.progress.inFlight.delete(login)
    }
    for (const f of outcome.failed) {
      fail(f.name, { kind: 'write-failed', direction: group.direction, message: f.message })
    }
    for (const name of outcome.notSent) fail(name, { kind: 'not-sent', direction: group.direction })
  }

  const expected = new Map<string, Direction>()
  for (const login of [...sending.creates, ...sending.keeps]) expected.set(login, 'assign')
  for (const login of sending.cancels) expected.set(login, 'cancel')
  const affected = [...expected.keys()]
  const notDone = (login: string, direction: Direction, shows: SeatState): Skip => ({
    subject: { kind: 'user', login },
    reason: whyNot.get(login) ?? { kind: 'not-applied', direction, shows },
    failed: true
  })

  let after: SeatStates
  try {
    // No new requests after a cancel: what GitHub accepted is reported unconfirmed.
    if (ctx.isCancelled())
      throw new Error('the run was cancelled before the changes were read back')
    after = (await reader.seatsOf(affected)).states
  } catch (error) {
    const why = messageOf(error)
    for (const login of affected) {
      const direction = expected.get(login)!
      if (accepted.has(login)) applied.unconfirmed.push({ login, direction, why })
      else applied.skipped.push(notDone(login, direction, 'no-seat'))
    }
    if (applied.unconfirmed.length && !ctx.isCancelled()) {
      errors.push(
        `GitHub accepted the changes for ${applied.unconfirmed.length} login(s), but reading them back failed: ${why} They are reported as accepted, not confirmed. Fix: re-run to confirm them (safe to repeat).`
      )
    }
    return { plan: sending, applied, after: new Map(), errors }
  }

  const rowsOf = rowsAt ? cancelledRowsOf(sending, rowsAt) : null
  const rowGiven = rowsAt ? assignedRow(sending, rowsAt) : null
  for (const login of affected) {
    const seat = after.get(login) ?? null
    const direction = expected.get(login)!
    if (direction === 'assign' && rowGiven) {
      // Enterprise scope: the row the write grants there, whatever rows an org grants them.
      const row = rowGiven(seat, login)
      if (row) applied.assigned.push({ login, team: row.team, pendingDate: null })
      else
        applied.skipped.push(
          notDone(login, direction, isLive(seat) ? 'not-granted-here' : stateOf(seat))
        )
    } else if (direction === 'assign') {
      if (isLive(seat))
        applied.assigned.push({ login, team: grantingTeam(seat), pendingDate: null })
      else applied.skipped.push(notDone(login, direction, stateOf(seat)))
    } else if (rowsAt) {
      // Enterprise scope: the rows cancelled, whatever other rows the user holds.
      const result = cancelResult(seat, rowsOf!(login), rowsAt)
      if (result.done)
        applied.cancelled.push({ login, team: null, pendingDate: result.pendingDate })
      else applied.skipped.push(notDone(login, direction, result.shows))
    } else if (seat !== null && seat.pendingDate !== null) {
      applied.cancelled.push({ login, team: null, pendingDate: seat.pendingDate })
    } else {
      applied.skipped.push(notDone(login, direction, stateOf(seat)))
    }
  }
  return { plan: sending, applied, after, errors }
}
