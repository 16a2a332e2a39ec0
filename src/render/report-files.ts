// The report files: JSON `{ meta, seats, skipped }` and a CSV with one row per
// seat. Written as streams, one seat at a time, so 100,000 seats never exist
// as one big string.
import { randomBytes } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import path from 'node:path'
import { once } from 'node:events'
import { daysSince, latestActivity, statusOf } from '../domain/activity.js'
import { editorFamily } from '../domain/editor.js'
import type { DestinationOutcome, EnterpriseOutcome } from '../domain/enterprise-outcome.js'
import { grantFix, grantName } from '../domain/grant-text.js'
import type { RunReport } from '../domain/outcome.js'
import type { Grant, Seat } from '../domain/seat.js'
import { describeSkip } from '../domain/skip-text.js'
import { csvRow } from './csv.js'
import { noticeMeta } from './notices.js'
import { USAGE_CSV_HEADER, usageCsvCells, usageJson, usageMeta } from './usage-columns.js'

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

export const CSV_HEADER = [
  'login',
  'status',
  'latest_activity',
  'days_since',
  'activity_known',
  'editor',
  'team',
  'created',
  'pending_date'
] as const

export function reportFileNames(
  dir: string,
  mode: string,
  run: { id?: string; attempt?: string }
): { json: string; csv: string } {
  const stem = ['copilot-seats', mode, run.id, run.attempt, randomBytes(4).toString('hex')]
    .filter(Boolean)
    .join('-')
  // Built as one string: ncc's asset scanner would read path.resolve(dir, '*.json') as files to bundle.
  const base = path.resolve(dir) + path.sep + stem
  return { json: `${base}.json`, csv: `${base}.csv` }
}

async function write(stream: WriteStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain')
}

async function close(stream: WriteStream): Promise<void> {
  stream.end()
  await once(stream, 'finish')
}

/** One seat as the files show it: "days since" only where GitHub's 90 days of data support it. */
function seatFields(seat: Seat, r: RunReport) {
  const latest = latestActivity(seat, r.now)
  return {
    status: statusOf(seat, r.now, r.inactiveDays),
    latest: iso(latest),
    days: daysSince(seat, r.now),
    known: latest !== null
  }
}

const grantJson = (g: Grant) => ({
  org: g.org,
  team: g.team,
  team_kind: g.teamKind,
  pending_cancellation_date: g.pendingDate
})

/** What an enterprise-scope write run did where, and who still holds access through what. */
function enterpriseOutcomeJson(o: EnterpriseOutcome, r: RunReport) {
  const at = (d: DestinationOutcome['at']) =>
    d.kind === 'org' ? { org: d.org } : { enterprise: d.enterprise }
  return {
    users: o.users,
    seats_freed: o.seatsFreed,
    destinations: o.destinations.map((d) => ({
      ...at(d.at),
      planned: d.planned,
      cancelled: d.cancelled.map((c) => ({
        login: c.login,
        pending_cancellation_date: c.pendingDate,
        teams: c.teams
      })),
      problem: d.problem
    })),
    remaining: o.remaining.map((u) => ({
      login: u.login,
      grants: u.grants.map((g) => ({
        ...grantJson(g.grant),
        through: grantName(g.grant),
        why: g.reason
          ? describeSkip(
              { subject: { kind: 'user', login: u.login }, reason: g.reason, failed: true },
              r.org
            )
          : grantFix(g.grant)
      }))
    }))
  }
}

function seatJson(seat: Seat, r: RunReport): string {
  const f = seatFields(seat, r)
  return JSON.stringify({
    login: seat.login,
    status: f.status,
    latest_activity: f.latest,
    days_since: f.days,
    activity_known: f.known,
    last_activity_at: iso(seat.lastActivityAt),
    last_authenticated_at: iso(seat.lastAuthenticatedAt),
    editor: seat.editor,
    editor_family: editorFamily(seat.editor),
    teams: seat.teams,
    ...(seat.orgs.length ? { orgs: seat.orgs } : {}),
    // Enterprise listings: each row's grantor, so files of several runs can be merged per row.
    ...(r.enterprise ? { grants: seat.grants.map(grantJson) } : {}),
    created_at: iso(seat.createdAt),
    pending_cancellation_date: seat.pendingDate,
    plan_type: seat.planType,
    ...(r.usage ? { usage: usageJson(r.usage, seat) } : {})
  })
}

export async function writeReportFiles(
  r: RunReport,
  files: { json: string; csv: string }
): Promise<void> {
  const s = r.seats?.stats
  const a = r.applied
  const meta = {
    mode: r.mode,
    org: r.enterprise ? null : r.org,
    enterprise: r.enterprise,
    generated_at: new Date(r.now).toISOString(),
    inactive_days: r.inactiveDays,
    dry_run: r.dryRun,
    complete: r.complete && !r.interrupted,
    counts: s
      ? {
          total: s.total,
          active: s.active,
          idle: s.idle,
          pending: s.pending,
          never_used: s.neverUsed,
          no_activity_in_90_days: s.noActivityIn90Days,
          rows: r.seats!.rows
        }
      : null,
    estimated_idle_cost: s?.estimatedIdleCost ?? 0,
    seat_cost: r.pricing.seatCost,
    seats_created: r.dryRun ? 0 : (a?.seatsCreated ?? 0),
    seats_cancelled: r.dryRun ? 0 : (a?.seatsCancelled ?? 0),
    assigned: (a?.assigned ?? []).map((c) => ({ login: c.login, team: c.team })),
    cancelled: (a?.cancelled ?? []).map((c) => ({
      login: c.login,
      pending_cancellation_date: c.pendingDate
    })),
    accepted_not_confirmed: (a?.unconfirmed ?? []).map((u) => ({
      login: u.login,
      change: u.direction,
      why: u.why
    })),
    plan: r.digest
      ? {
          new: r.digest.adds,
          restored: r.digest.restores,
          cancelled: r.digest.cancels,
          kept: r.digest.keeps,
          ...(r.enterprise ? { held_elsewhere: r.digest.heldElsewhere } : {}),
          assign_teams: r.digest.assignTeams,
          remove_teams: r.digest.removeTeams,
          monthly_usd: r.digest.billing
        }
      : null,
    usage: usageMeta(r),
    errors: r.errors,
    warnings: r.warnings,
    notify: r.notify && noticeMeta(r.notify),
    ...(r.enterpriseOutcome
      ? { enterprise_outcome: enterpriseOutcomeJson(r.enterpriseOutcome, r) }
      : {})
  }
  const json = createWriteStream(files.json, { encoding: 'utf8' })
  const csv = createWriteStream(files.csv, { encoding: 'utf8' })
  try {
    await write(json, `{"meta":${JSON.stringify(meta)},"seats":[`)
    const usage = r.usage ?? null
    await write(csv, csvRow(usage ? [...CSV_HEADER, ...USAGE_CSV_HEADER] : CSV_HEADER))
    let first = true
    for (const seat of r.seats?.seats ?? []) {
      await write(json, (first ? '\n' : ',\n') + seatJson(seat, r))
      first = false
      const f = seatFields(seat, r)
      await write(
        csv,
        csvRow([
          seat.login ?? '',
          f.status,
          f.latest,
          f.days,
          String(f.known),
          seat.editor,
          seat.teams.join('; '),
          iso(seat.createdAt),
          seat.pendingDate,
          ...(usage ? usageCsvCells(usage, seat) : [])
        ])
      )
    }
    await write(json, '\n],"skipped":[')
    first = true
    for (const k of r.skipped) {
      const who = k.subject.kind === 'user' ? { login: k.subject.login } : { team: k.subject.slug }
      const entry = {
        ...who,
        reason: describeSkip(k, r.org),
        kind: k.reason.kind,
        failed: k.failed
      }
      await write(json, (first ? '\n' : ',\n') + JSON.stringify(entry))
      first = false
    }
    await write(json, '\n]}\n')
  } finally {
    await Promise.all([close(json), close(csv)])
  }
}
