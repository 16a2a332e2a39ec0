// The step outputs of SPEC.md, always all set: counts as numbers, lists as
// JSON arrays capped at 1,000 entries (the full lists are in the report files).
import { displayLogin } from '../domain/seat.js'
import type { RunResult } from '../modes/result.js'

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
  'estimated-idle-cost'
] as const
export type OutputName = (typeof OUTPUT_NAMES)[number]

export const OUTPUT_LIST_CAP = 1000

const cap = <T>(list: readonly T[]) => list.slice(0, OUTPUT_LIST_CAP)

export function buildOutputs(
  result: RunResult,
  files: { json: string; csv: string } | null
): Record<OutputName, string> {
  const s = result.stats
  return {
    'total-seats': String(s.total),
    'active-seats': String(s.active),
    'idle-seats': String(s.idle),
    'pending-seats': String(s.pending),
    'idle-users': JSON.stringify(cap(s.idleList).map((e) => displayLogin(e.seat))),
    'seats-created': String(result.dryRun ? 0 : result.seatsCreated),
    'seats-cancelled': String(result.dryRun ? 0 : result.seatsCancelled),
    'assigned-users': JSON.stringify(cap(result.assigned).map((c) => c.login)),
    'cancelled-users': JSON.stringify(cap(result.cancelled).map((c) => c.login)),
    'skipped-users': JSON.stringify(
      cap(result.skipped).map((k) => ({ login: k.login, reason: k.reason.slice(0, 300) }))
    ),
    'report-json': files?.json ?? '',
    'report-csv': files?.csv ?? '',
    'estimated-idle-cost': String(s.estimatedIdleCost)
  }
}
