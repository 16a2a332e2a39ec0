// GitHub's 28-day usage metrics report joined to the seats. Pure.
//
// A report of 100,000 users is 2.8 million rows; only per-seat totals are kept,
// in typed arrays indexed like the seats (a few bytes a seat), and the users
// without a seat here are only counted.
import { DAY_MS } from './activity.js'
import { isDay, USAGE_FEATURES, type UsageFeature, type UsageRow } from './usage-row.js'
import type { Seat } from './seat.js'

/** SPEC's size guard: this many bytes per seat holder (plus 1,000 holders) stop a runaway download. */
export const USAGE_BYTES_PER_HOLDER = 100_000
export const USAGE_EXTRA_HOLDERS = 1000
/** The active days of a seat are bits of one 32-bit word: the report covers 28. */
export const MAX_WINDOW_DAYS = 32
/** A report that ended longer ago than this is warned about. */
export const STALE_REPORT_DAYS = 7

export function usageSizeLimit(holders: number, bytesPerHolder = USAGE_BYTES_PER_HOLDER): number {
  return bytesPerHolder * (holders + USAGE_EXTRA_HOLDERS)
}

export interface UsageWindow {
  /** `YYYY-MM-DD`, both inclusive. */
  startDay: string
  endDay: string
}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`)

/** Days a window covers, or null when it is not a window this join can hold. */
export function windowLength(w: UsageWindow): number | null {
  if (!isDay(w.startDay) || !isDay(w.endDay)) return null
  const days = (dayMs(w.endDay) - dayMs(w.startDay)) / DAY_MS + 1
  return days >= 1 && days <= MAX_WINDOW_DAYS ? days : null
}

export const addDays = (day: string, n: number): string =>
  new Date(dayMs(day) + n * DAY_MS).toISOString().slice(0, 10)

/** Whole days from the end of the report's last day to `now` (0 while that day lasts). */
export function reportAgeDays(endDay: string, now: number): number {
  return Math.max(0, Math.floor((now - (dayMs(endDay) + DAY_MS)) / DAY_MS))
}

/** The join's result: per-seat columns (index from `index`) and what the rest of the report held. */
export interface UsageReport {
  scope: 'org' | 'enterprise'
  startDay: string
  endDay: string
  /** Seat key (lower-cased login) → position in the columns. */
  index: ReadonlyMap<string, number>
  /** Bit d set: active on startDay + d. */
  activeDays: Uint32Array
  interactions: Float64Array
  /** Bits of USAGE_FEATURES. */
  features: Uint8Array
  /** Bits of `ideNames`. */
  ides: Uint32Array
  /** Sum of `ai_credits_used`; NaN when no row of the seat holder had it. */
  credits: Float64Array
  ideNames: readonly string[]
  /** Users in the report who hold no seat here (users, those with an active day, their credits). */
  withoutSeat: { users: number; active: number; credits: number }
  /** Rows joined or counted; rows dated outside the window are left out. */
  rows: number
  outsideWindow: number
  files: number
  /** Bytes of NDJSON read (after decompression). */
  bytes: number
}

/** One seat holder's usage, as the summary and the report files show it. */
export interface SeatUsage {
  activeDays: number
  /** The latest active day, `YYYY-MM-DD`; null without one. */
  lastActiveDay: string | null
  interactions: number
  features: UsageFeature[]
  ides: string[]
  /** null: the report had no AI credits for them. */
  credits: number | null
}

export function popcount(bits: number): number {
  let n = bits >>> 0
  let c = 0
  while (n) {
    n &= n - 1
    c++
  }
  return c
}

/** The latest day whose bit is set, or null. */
export function lastDayOf(bits: number, startDay: string): string | null {
  const b = bits >>> 0
  return b === 0 ? null : addDays(startDay, 31 - Math.clz32(b))
}

export function featuresOf(bits: number): UsageFeature[] {
  return USAGE_FEATURES.filter((_, i) => bits & (1 << i))
}

/** The usage of the seat's holder, or null when the seat could not be joined (no assignee). */
export function seatUsage(report: UsageReport, seat: Seat): SeatUsage | null {
  const i = report.index.get(seat.key)
  if (i === undefined) return null
  const credits = report.credits[i]!
  return {
    activeDays: popcount(report.activeDays[i]!),
    lastActiveDay: lastDayOf(report.activeDays[i]!, report.startDay),
    interactions: report.interactions[i]!,
    features: featuresOf(report.features[i]!),
    ides: report.ideNames.filter((_, b) => report.ides[i]! & (1 << b)),
    credits: Number.isNaN(credits) ? null : credits
  }
}

/** The latest active day of the seat's holder in the report, or null (none, or not joined). */
export function lastActiveDay(report: UsageReport, seat: Seat): string | null {
  const i = report.index.get(seat.key)
  return i === undefined ? null : lastDayOf(report.activeDays[i]!, report.startDay)
}

/** Distinct IDE names get a bit each; past 31 they share the last one. */
const IDE_BITS = 32
export const OTHER_IDES = '(other)'

/**
 * Adds report rows to per-seat totals. A row joins a seat by `user_id` when both
 * have one, else by login, case-insensitively; a row whose id names nobody here
 * is a user without a seat even if its login matches (a renamed account).
 */
export class UsageTally {
  private readonly byId = new Map<number, number>()
  private readonly byLogin = new Map<string, number>()
  private readonly hasId: Uint8Array
  private readonly dayIndex = new Map<string, number>()
  private readonly ideBit = new Map<string, number>()
  private readonly ideNames: string[] = []
  /** Users without a seat: id or lower-cased login → had an active day. */
  private readonly others = new Map<number | string, boolean>()
  private othersCredits = 0
  private rows = 0
  private outside = 0
  readonly activeDays: Uint32Array
  readonly interactions: Float64Array
  readonly features: Uint8Array
  readonly ides: Uint32Array
  readonly credits: Float64Array

  constructor(
    seats: readonly Seat[],
    readonly window: UsageWindow
  ) {
    const days = windowLength(window)
    if (days === null) throw new Error(`not a usage window: ${window.startDay}..${window.endDay}`)
    for (let d = 0; d < days; d++) this.dayIndex.set(addDays(window.startDay, d), d)
    const n = seats.length
    this.hasId = new Uint8Array(n)
    this.activeDays = new Uint32Array(n)
    this.interactions = new Float64Array(n)
    this.features = new Uint8Array(n)
    this.ides = new Uint32Array(n)
    this.credits = new Float64Array(n).fill(NaN)
    seats.forEach((seat, i) => {
      if (seat.login === null) return
      this.byLogin.set(seat.key, i)
      if (seat.userId !== null) {
        this.byId.set(seat.userId, i)
        this.hasId[i] = 1
      }
    })
  }

  /** The seat a row belongs to, or undefined. */
  private seatOf(row: UsageRow): number | undefined {
    const byLogin = row.login === null ? undefined : this.byLogin.get(row.login.toLowerCase())
    if (row.userId === null) return byLogin
    const byId = this.byId.get(row.userId)
    if (byId !== undefined) return byId
    return byLogin !== undefined && !this.hasId[byLogin] ? byLogin : undefined
  }

  private ideMask(names: readonly string[]): number {
    let mask = 0
    for (const name of names) {
      let bit = this.ideBit.get(name)
      if (bit === undefined) {
        bit = Math.min(this.ideNames.length, IDE_BITS - 1)
        if (bit < IDE_BITS - 1) this.ideNames.push(name)
        else if (this.ideNames.length < IDE_BITS) this.ideNames.push(OTHER_IDES)
        this.ideBit.set(name, bit)
      }
      mask |= 1 << bit
    }
    return mask
  }

  add(row: UsageRow): void {
    const d = this.dayIndex.get(row.day)
    if (d === undefined) {
      this.outside++
      return
    }
    this.rows++
    const i = this.seatOf(row)
    if (i === undefined) {
      const key = row.userId ?? row.login!.toLowerCase()
      this.others.set(key, (this.others.get(key) ?? false) || row.active)
      if (row.credits !== null) this.othersCredits += row.credits
      return
    }
    if (row.active) this.activeDays[i] = (this.activeDays[i]! | (1 << d)) >>> 0
    this.interactions[i] = this.interactions[i]! + row.interactions
    this.features[i] = this.features[i]! | row.features
    if (row.ides.length) this.ides[i] = (this.ides[i]! | this.ideMask(row.ides)) >>> 0
    if (row.credits !== null) {
      const had = this.credits[i]!
      this.credits[i] = (Number.isNaN(had) ? 0 : had) + row.credits
    }
  }

  finish(meta: { scope: 'org' | 'enterprise'; files: number; bytes: number }): UsageReport {
    let active = 0
    for (const a of this.others.values()) if (a) active++
    return {
      scope: meta.scope,
      startDay: this.window.startDay,
      endDay: this.window.endDay,
      index: this.byLogin,
      activeDays: this.activeDays,
      interactions: this.interactions,
      features: this.features,
      ides: this.ides,
      credits: this.credits,
      ideNames: [...this.ideNames],
      withoutSeat: {
        users: this.others.size,
        active,
        credits: Math.round(this.othersCredits * 100) / 100
      },
      rows: this.rows,
      outsideWindow: this.outside,
      files: meta.files,
      bytes: meta.bytes
    }
  }
}
