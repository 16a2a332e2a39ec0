// What a run found and did. Modes fill it in as they go, so that a cancelled
// run can still report exactly what it changed.
import { computeStats, type Pricing, type SeatStats } from '../domain/stats.js'
import type { Seat } from '../domain/seat.js'
import type { Config, Mode } from '../inputs.js'

export interface Change {
  login: string
  /** Team that grants the seat, if any. */
  team?: string | null
  /** For cancellations: the date access ends, as GitHub shows it (null in a dry run). */
  pendingDate?: string | null
}

export interface Skip {
  /** A login, or `team:<slug>` for a team target. */
  login: string
  reason: string
  /** True when the skip is a requested change that could not be made (the step fails). */
  failed: boolean
}

export interface Planned {
  assignUsers: string[]
  assignTeams: string[]
  cancelUsers: string[]
  cancelTeams: string[]
  /** Distinct seats the plan creates or restores / moves to pending (what the breakers count). */
  creates: string[]
  cancels: string[]
}

export interface RunResult {
  mode: Mode
  org: string
  enterprise: string | null
  dryRun: boolean
  reclaim: boolean
  inactiveDays: number
  now: number
  /** Seats looked at (all of them in report and audit). */
  seats: Seat[]
  stats: SeatStats
  pricing: Pricing
  /** Rows the API listed, when a listing was read. */
  rows: number | null
  planned: Planned | null
  assigned: Change[]
  cancelled: Change[]
  seatsCreated: number
  seatsCancelled: number
  skipped: Skip[]
  /** Step-failing problems other than skips (write failures, read-back mismatches, breakers). */
  errors: string[]
  warnings: string[]
  /** Protected logins (audit), with why. */
  protectedUsers: { login: string; reason: string }[]
  requests: number
  /** True once a real run started sending writes. */
  writesSent: boolean
  interrupted: boolean
  /** True once the mode ran to its end. */
  complete: boolean
}

export function newResult(config: Config, now: number): RunResult {
  const pricing: Pricing = { seatCost: config.seatCost, orgPlan: null }
  return {
    mode: config.mode,
    org: config.org,
    enterprise: config.enterprise,
    dryRun: config.dryRun,
    reclaim: config.reclaim,
    inactiveDays: config.inactiveDays,
    now,
    seats: [],
    stats: computeStats([], now, config.inactiveDays, pricing),
    pricing,
    rows: null,
    planned: null,
    assigned: [],
    cancelled: [],
    seatsCreated: 0,
    seatsCancelled: 0,
    skipped: [],
    errors: [],
    warnings: [],
    protectedUsers: [],
    requests: 0,
    writesSent: false,
    interrupted: false,
    complete: false
  }
}

/** Sets the seats looked at and recomputes everything derived from them. */
export function setSeats(result: RunResult, seats: Seat[]): void {
  result.seats = seats
  result.stats = computeStats(seats, result.now, result.inactiveDays, result.pricing)
}

export function failed(result: RunResult): boolean {
  return result.interrupted || result.errors.length > 0 || result.skipped.some((s) => s.failed)
}
