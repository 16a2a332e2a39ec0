// sync: the listed users and teams are the desired state of the org's seats.
// One plan over the whole seat listing: assign the missing, restore the
// pending, cancel direct seats of users not listed, send or remove teams; both
// breakers over all of it; each user write confirmed just before it is sent.
// Org scope only: at enterprise scope sync would manage enterprise-direct rows
// and enterprise teams (SPEC "Enterprise"), which `runMode` refuses for now.
import { digestPlan } from '../domain/digest.js'
import type { ModeResult } from '../domain/outcome.js'
import { hasAssignee, isLive, type Seat } from '../domain/seat.js'
import { desiredLogins, grantingTeams, planSync, type SyncInput } from '../domain/sync.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { executePlan } from './execute.js'
import { readInventory, withReadBack } from './inventory.js'
import { SeatReader } from './seat-state.js'
import { checkPolicy, membersOf, resolveProtection, resolveTeams } from './targets.js'

export async function runSync(config: Config, ctx: ModeContext): Promise<ModeResult> {
  const { org } = config
  const settings = await checkPolicy(ctx, org)
  const protectedBy = await resolveProtection(ctx, org, config.excludeUsers, config.excludeTeams)
  const listed = await resolveTeams(ctx, org, config.teams)
  const inventory = await readInventory(
    ctx,
    { kind: 'org', org },
    {
      inactiveDays: config.inactiveDays,
      pricing: { seatCost: config.seatCost, orgPlan: settings.planType }
    }
  )
  const seats = inventory.set.seats
  const reader = new SeatReader(ctx, org, inventory.pages)
  const listing = new Map<string, Seat>(seats.map((s) => [s.key, s]))

  // A listing proves that a seat exists, never that it does not: each desired login it did
  // not show is looked up on its own.
  const unseen = desiredLogins(config.users, listed.found).filter((l) => !listing.has(l))
  const lookedUp = await reader.lookUp(unseen)
  const seatOf = (login: string) => listing.get(login) ?? lookedUp.get(login) ?? null
  const candidates = config.users.filter((u) => !isLive(seatOf(u)))
  const members = await membersOf(ctx, org, candidates, () => reader.pages())

  // With a listed team missing, who should hold a seat is not known: nothing is cancelled.
  const complete = listed.missing.length === 0
  const granting = grantingTeams(
    seats,
    listed.found.map((t) => t.slug)
  )
  const unlisted = complete ? await resolveTeams(ctx, org, granting) : { found: [], missing: [] }
  const input: SyncInput = {
    users: config.users,
    teams: listed.found,
    seats,
    seatOf,
    isMember: (login) => members.has(login),
    protectedBy,
    unlisted: unlisted.found,
    cancel: complete
  }
  const planned = planSync(input)
  const errors: string[] = []
  if (!complete) {
    const held = planSync({ ...input, cancel: true }).cancelUsers.length
    const names = listed.missing.map((s) => (s.subject.kind === 'team' ? s.subject.slug : ''))
    errors.push(
      `Team(s) ${names.map((n) => `"${n}"`).join(', ')} in \`teams\` were not found, so the desired state is not known in full and nothing was cancelled: ${held} direct seat(s) of users not listed and ${granting.length} team(s) that grant seats but are not listed were kept. Listed users were still assigned. Fix: use each team's slug (as in its URL), then re-run.`
    )
  }

  const execution = await executePlan(ctx, reader, planned, {
    dryRun: config.dryRun,
    maxAssignments: config.maxAssignments,
    maxCancellations: config.maxCancellations,
    rules: [
      // A user kept seated while a team of theirs is removed holds a live seat through it.
      { kind: 'assign', replacing: planned.cancelTeams },
      { kind: 'cancel' }
    ],
    // Looked up just now, one by one; users the listing showed are read again before the writes.
    fresh: lookedUp
  })

  const warnings = [...inventory.warnings]
  const anonymous = seats.filter((s) => !hasAssignee(s)).length
  if (anonymous) {
    warnings.push(
      `${anonymous} seat(s) have no assignee in GitHub's listing; sync cannot cancel a seat without a login, so they are left as they are.`
    )
  }
  return {
    seats: config.dryRun
      ? inventory.set
      : withReadBack(inventory.set, execution.after, ctx, config.inactiveDays, inventory.pricing),
    pricing: inventory.pricing,
    plan: execution.plan,
    digest: digestPlan(execution.plan, seatOf, inventory.pricing),
    applied: execution.applied,
    skipped: [
      ...listed.missing,
      ...unlisted.missing,
      ...planned.skipped,
      ...execution.applied.skipped
    ],
    protectedIdle: [],
    errors: [...errors, ...execution.errors],
    warnings
  }
}
