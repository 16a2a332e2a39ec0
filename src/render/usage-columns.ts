// The usage report in the report files: per-seat columns (CSV) and fields (JSON),
// and the report's window and totals in the JSON meta. Only when a report was read.
import type { RunReport } from '../domain/outcome.js'
import type { Seat } from '../domain/seat.js'
import { summarizeUsage } from '../domain/usage-stats.js'
import { seatUsage, type SeatUsage, type UsageReport } from '../domain/usage.js'

export const USAGE_CSV_HEADER = [
  'active_days',
  'last_active_day',
  'interactions',
  'features',
  'ides',
  'ai_credits'
] as const

const NONE: SeatUsage = {
  activeDays: 0,
  lastActiveDay: null,
  interactions: 0,
  features: [],
  ides: [],
  credits: null
}

/** A seat without an assignee cannot be joined: empty cells, not zeros. */
export function usageCsvCells(report: UsageReport, seat: Seat): (string | number | null)[] {
  const u = seatUsage(report, seat)
  if (!u) return USAGE_CSV_HEADER.map(() => null)
  return [
    u.activeDays,
    u.lastActiveDay,
    u.interactions,
    u.features.join('; '),
    u.ides.join('; '),
    cents(u.credits)
  ]
}

/** AI credits rounded to the hundredth for the report files; null: the report had none for them. */
const cents = (credits: number | null) =>
  credits === null ? null : Math.round(credits * 100) / 100

export function usageJson(report: UsageReport, seat: Seat) {
  const u = seatUsage(report, seat) ?? (seat.login === null ? null : NONE)
  if (!u) return null
  return {
    active_days: u.activeDays,
    last_active_day: u.lastActiveDay,
    interactions: u.interactions,
    features: u.features,
    ides: u.ides,
    ai_credits: cents(u.credits)
  }
}

export function usageMeta(r: RunReport) {
  const report = r.usage
  if (!report || !r.seats) return null
  const s = summarizeUsage(report, r.seats.seats, r.now, r.inactiveDays)
  return {
    scope: report.scope,
    report_start_day: report.startDay,
    report_end_day: report.endDay,
    files: report.files,
    bytes: report.bytes,
    rows: report.rows,
    seat_holders: s.holders,
    active_seat_holders: s.active,
    seat_holders_without_active_day: s.holders - s.active,
    interactions: s.interactions,
    features: Object.fromEntries(s.features.map((f) => [f.feature, f.holders])),
    ides: Object.fromEntries(s.ides.map((i) => [i.name, i.holders])),
    ai_credits: s.credits?.total ?? null,
    signals_disagree: s.disagree.map((d) => d.seat.login),
    users_without_seat: report.withoutSeat.users,
    active_users_without_seat: report.withoutSeat.active,
    ai_credits_without_seat: report.withoutSeat.credits
  }
}
