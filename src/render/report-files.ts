// The report files: JSON `{ meta, seats, skipped }` and a CSV with one row per
// seat. Written as streams, one seat at a time, so 100,000 seats never exist
// as one big string.
import { randomBytes } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import path from 'node:path'
import { once } from 'node:events'
import { daysSince, latestActivity, statusOf } from '../domain/activity.js'
import { editorFamily } from '../domain/editor.js'
import type { Seat } from '../domain/seat.js'
import type { RunResult } from '../modes/result.js'
import { csvRow } from './csv.js'

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

export const CSV_HEADER = [
  'login',
  'status',
  'latest_activity',
  'days_since',
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

function seatJson(seat: Seat, r: RunResult): string {
  return JSON.stringify({
    login: seat.login,
    status: statusOf(seat, r.now, r.inactiveDays),
    latest_activity: iso(latestActivity(seat)),
    days_since: daysSince(seat, r.now),
    last_activity_at: iso(seat.lastActivityAt),
    last_authenticated_at: iso(seat.lastAuthenticatedAt),
    editor: seat.editor,
    editor_family: editorFamily(seat.editor),
    teams: seat.teams,
    ...(seat.orgs.length ? { orgs: seat.orgs } : {}),
    created_at: iso(seat.createdAt),
    pending_cancellation_date: seat.pendingDate,
    plan_type: seat.planType
  })
}

export async function writeReportFiles(
  result: RunResult,
  files: { json: string; csv: string },
  onProgress?: () => void
): Promise<void> {
  const s = result.stats
  const meta = {
    mode: result.mode,
    org: result.enterprise ? null : result.org,
    enterprise: result.enterprise,
    generated_at: new Date(result.now).toISOString(),
    inactive_days: result.inactiveDays,
    dry_run: result.dryRun,
    complete: result.complete && !result.interrupted,
    counts: {
      total: s.total,
      active: s.active,
      idle: s.idle,
      pending: s.pending,
      never_used: s.neverUsed,
      rows: result.rows
    },
    estimated_idle_cost: s.estimatedIdleCost,
    seat_cost: result.pricing.seatCost,
    seats_created: result.dryRun ? 0 : result.seatsCreated,
    seats_cancelled: result.dryRun ? 0 : result.seatsCancelled,
    assigned: result.assigned.map((c) => ({ login: c.login, team: c.team ?? null })),
    cancelled: result.cancelled.map((c) => ({
      login: c.login,
      pending_cancellation_date: c.pendingDate ?? null
    })),
    errors: result.errors,
    warnings: result.warnings
  }
  const json = createWriteStream(files.json, { encoding: 'utf8' })
  const csv = createWriteStream(files.csv, { encoding: 'utf8' })
  try {
    await write(json, `{"meta":${JSON.stringify(meta)},"seats":[`)
    await write(csv, csvRow(CSV_HEADER))
    let first = true
    let written = 0
    for (const seat of result.seats) {
      if (++written % 1000 === 0) onProgress?.()
      await write(json, (first ? '\n' : ',\n') + seatJson(seat, result))
      first = false
      await write(
        csv,
        csvRow([
          seat.login ?? '',
          statusOf(seat, result.now, result.inactiveDays),
          iso(latestActivity(seat)),
          daysSince(seat, result.now),
          seat.editor,
          seat.teams.join('; '),
          iso(seat.createdAt),
          seat.pendingDate
        ])
      )
    }
    await write(
      json,
      `\n],"skipped":${JSON.stringify(result.skipped.map((k) => ({ login: k.login, reason: k.reason, failed: k.failed })))}}\n`
    )
  } finally {
    await Promise.all([close(json), close(csv)])
  }
}
