// The step outputs of SPEC.md, always all set: counts as numbers, lists as
// JSON arrays capped at 1,000 entries (the full lists are in the report files).
import { describeSkip } from '../domain/skip-text.js'
import { hasAssignee } from '../domain/seat.js'
import type { RunReport } from '../domain/outcome.js'
import { activeSeatHolders } from '../domain/usage-stats.js'

export const OUTPUT_NAMES = [
  'total-seats',
  'active-seats',
  'idle-seats',
  'pending-seats',
  'idle-users',
  'seats-created',
  'seats-cancelled',
  'assigned-users',
  'cancelled-users',
  'skipped-users',
  'report-json',
  'report-csv',
  'estimated-idle-cost',
  'noticed-users',
  'usage-report-end-day',
  'usage-active-seats'
] as const
export type OutputName = (typeof OUTPUT_NAMES)[number]

export const OUTPUT_LIST_CAP = 1000

function capped<T, U>(list: readonly T[], map: (item: T) => U | null): U[] {
  const out: U[] = []
  for (const item of list) {
    if (out.length >= OUTPUT_LIST_CAP) break
    const value = map(item)
    if (value !== null) out.push(value)
  }
  return out
}

export function buildOutputs(
  report: RunReport | null,
  files: { json: string; csv: string } | null
): Record<OutputName, string> {
  const s = report?.seats?.stats
  const applied = report?.applied
  const real = report !== null && !report.dryRun
  // Accepted but not read back still changed as far as GitHub said: listed, and the step fails.
  const changed = (direction: 'assign' | 'cancel') => [
    ...((direction === 'assign' ? applied?.assigned : applied?.cancelled) ?? []).map(
      (c) => c.login
    ),
    ...(applied?.unconfirmed ?? []).filter((u) => u.direction === direction).map((u) => u.login)
  ]
  return {
    'total-seats': String(s?.total ?? 0),
    'active-seats': String(s?.active ?? 0),
    'idle-seats': String(s?.idle ?? 0),
    'pending-seats': String(s?.pending ?? 0),
    // Only seats with a login: this list feeds other steps' `users:`.
    'idle-users': JSON.stringify(
      capped(s?.idleList ?? [], (e) => (hasAssignee(e.seat) ? e.seat.login : null))
    ),
    'seats-created': String(real ? (applied?.seatsCreated ?? 0) : 0),
    'seats-cancelled': String(real ? (applied?.seatsCancelled ?? 0) : 0),
    'assigned-users': JSON.stringify(capped(changed('assign'), (l) => l)),
    'cancelled-users': JSON.stringify(capped(changed('cancel'), (l) => l)),
    'skipped-users': JSON.stringify(
      capped(report?.skipped ?? [], (k) =>
        k.subject.kind === 'user'
          ? { login: k.subject.login, reason: describeSkip(k, report!.org).slice(0, 300) }
          : null
      )
    ),
    'report-json': files?.json ?? '',
    'report-csv': files?.csv ?? '',
    'estimated-idle-cost': String(s?.estimatedIdleCost ?? 0),
    'noticed-users': JSON.stringify(capped(report?.notify?.noticed ?? [], (u) => u.login)),
    'usage-report-end-day': report?.usage?.endDay ?? '',
    'usage-active-seats': String(
      report?.usage && report.seats
        ? activeSeatHolders(report.usage, report.seats.seats, report.now, report.inactiveDays)
        : 0
    )
  }
}
