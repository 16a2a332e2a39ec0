// sync at enterprise scope: the listed users and enterprise teams are the
// desired state of what the enterprise grants (SPEC.md, Enterprise; the plan's
// rules are in domain/enterprise-sync.ts). One plan over the whole enterprise
// listing, for the enterprise's own endpoints only: rows an org grants are
// reported, never changed. Both breakers over all of it; each user write
// confirmed just before it is sent; the read-back says, for each user whose row
// was cancelled, through which org or team they still hold access.
import { digestPlan } from '../domain/digest.js'
import {
  enterpriseGrantingTeams,
  keepsAccess,
  planEnterpriseSync,
  type EnterpriseSyncInput
} from '../domain/enterprise-sync.js'
import type { ModeResult } from '../domain/outcome.js'
import { breakerProblem } from '../domain/plan.js'
import type { Destination } from '../domain/routing.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { executeDestinations } from './enterprise-execute.js'
import { resolveEnterpriseProtection, resolveEnterpriseTeams } from './enterprise-targets.js'
import { readInventory } from './inventory.js'
import { readSyncSeats } from './sync-seats.js'
import { quotedMissingTeams } from './sync-missing-teams.js'
import { syncResult } from './sync-result.js'

export async function runEnterpriseSync(
  config: Config & { enterprise: string },
  ctx: ModeContext
): Promise<ModeResult> {
  const { enterprise } = config
  const at: Destination = { kind: 'enterprise', enterprise }
  // The listing first: it proves the enterprise exists (and the token may read it) before a
  // team look-up's 404 could be taken for a missing team.
  const inventory = await readInventory(ctx, at, {
    inactiveDays: config.inactiveDays,
    pricing: { seatCost: config.seatCost, orgPlan: null }
  })
  const protectedBy = await resolveEnterpriseProtection(ctx, enterprise, config)
  const listed = await resolveEnterpriseTeams(ctx, enterprise, config.teams)
  const seats = inventory.set.seats
  const { reader, lookedUp, seatOf } = await readSyncSeats(
    ctx,
    at,
    inventory,
    config.users,
    listed.found
  )

  // With a listed team missing, who should hold a seat is not known: nothing is cancelled.
  const complete = listed.missing.length === 0
  const granting = enterpriseGrantingTeams(
    seats,
    listed.found.map((t) => t.slug)
  )
  const unlisted = complete
    ? await resolveEnterpriseTeams(ctx, enterprise, granting)
    : { found: [], missing: [], nameOf: (slug: string) => slug }
  const input: EnterpriseSyncInput = {
    users: config.users,
    teams: listed.found,
    seats,
    seatOf,
    protectedBy,
    unlisted: unlisted.found,
    cancel: complete
  }
  const planned = planEnterpriseSync(input)
  const errors: string[] = []
  if (!complete) {
    const held = planEnterpriseSync({ ...input, cancel: true }).cancelUsers.length
    errors.push(
      `Enterprise team(s) ${quotedMissingTeams(listed.missing)} in \`teams\` were not found, so the desired state is not known in full and nothing was cancelled: ${held} enterprise-direct row(s) of users not listed and ${granting.length} enterprise team(s) that grant seats but are not listed were kept. Listed users were still assigned. Fix: use each enterprise team's slug (as in its URL, \`ent:\` prefix optional), then re-run.`
    )
  }

  const isListed = new Set(listed.found.map((t) => t.slug))
  const execution = await executeDestinations(ctx, reader, [{ at, plan: planned }], {
    dryRun: config.dryRun,
    breaker:
      breakerProblem('assign', planned.creates.length, config.maxAssignments) ??
      breakerProblem('cancel', planned.cancels.length, config.maxCancellations),
    rules: (where) => [
      // A row held only through an enterprise team this run removes does not last.
      { kind: 'assign', replacing: planned.cancelTeams, at: where },
      { kind: 'cancel', at: where }
    ],
    teamName: (slug) => (isListed.has(slug) ? listed : unlisted).nameOf(slug),
    // Looked up just now, one by one; users the listing showed are read again before the writes.
    fresh: lookedUp,
    // Users whose rows the run cancels: the read-back says what access they keep, and why.
    users: planned.cancels,
    planned: seatOf
  })

  return {
    ...syncResult(ctx, config, {
      inventory,
      planned,
      execution,
      digest: digestPlan(
        execution.plan,
        seatOf,
        inventory.pricing,
        keepsAccess(execution.plan, at, seatOf)
      ),
      missingTeams: [...listed.missing, ...unlisted.missing],
      errors
    }),
    enterpriseOutcome: execution.outcome
  }
}
