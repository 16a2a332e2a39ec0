// sync: the listed users and teams are the desired state of the org's seats.
// One plan over the whole seat listing: assign the missing, restore the
// pending, cancel direct seats of users not listed, send or remove teams; both
// breakers over all of it; each user write confirmed just before it is sent.
// Org scope only: at enterprise scope sync would manage enterprise-direct rows
// and enterprise teams (SPEC "Enterprise"), which `runMode` refuses for now.
import { digestPlan } from '../domain/digest.js'
import type { ModeResult } from '../domain/outcome.js'
import { isLive } from '../domain/seat.js'
import { grantingTeams, planSync, type SyncInput } from '../domain/sync.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { executePlan } from './execute.js'
import { readInventory } from './inventory.js'
import { readSyncSeats } from './sync-seats.js'
import { quotedMissingTeams } from './sync-missing-teams.js'
import { syncResult } from './sync-result.js'
import { checkPolicy, membersOf, resolveProtection, resolveTeams } from './targets.js'

export async function runSync(config: Config, ctx: ModeContext): Promise<ModeResult> {
  const { org } = config
  const settings = await checkPolicy(ctx, org)
  const protectedBy = await resolveProtection(ctx, org, config)
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
  const { reader, lookedUp, seatOf } = await readSyncSeats(
    ctx,
    { kind: 'org', org },
    inventory,
    config.users,
    listed.found
  )
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
    errors.push(
      `Team(s) ${quotedMissingTeams(listed.missing)} in \`teams\` were not found, so the desired state is not known in full and nothing was cancelled: ${held} direct seat(s) of users not listed and ${granting.length} team(s) that grant seats but are not listed were kept. Listed users were still assigned. Fix: use each team's slug (as in its URL), then re-run.`
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

  return syncResult(ctx, config, {
    inventory,
    planned,
    execution,
    digest: digestPlan(execution.plan, seatOf, inventory.pricing),
    missingTeams: [...listed.missing, ...unlisted.missing],
    errors
  })
}
