// What the summary shows of a usage report: seat holders with and without an
// active day, feature and IDE adoption, AI credits, and the seats where the two
// signals disagree. Pure.
import { compareIdle, latestActivity, statusOf } from './activity.js'
import { displayLogin, type Seat } from './seat.js'
import { disagreement } from './usage-guard.js'
import { USAGE_FEATURES, type UsageFeature } from './usage-row.js'
import { lastDayOf, popcount, type UsageReport } from './usage.js'

/** How many of the biggest AI-credit users the summary names. */
export const TOP_CREDIT_USERS = 10

export interface Disagreement {
  seat: Seat
  /** Epoch ms; null: unknown, more than 90 days ago. */
  latestActivity: number | null
  activeDay: string
}

export interface UsageStats {
  /** Seats held (not pending): the people the shares are of. */
  holders: number
  /** Holders with at least one active day in the report. */
  active: number
  /** Holders without an active day, split by what the seats API says. */
  noActiveDay: { idle: number; notIdle: number }
  /** Holders with no active day, longest idle first by the seats API. */
  noActiveDayList: Seat[]
  /** Holders who used each feature at least once. */
  features: { feature: UsageFeature; holders: number }[]
  /** Holders who used each IDE, most used first. */
  ides: { name: string; holders: number }[]
  interactions: number
  /** null when no row of a seat holder had `ai_credits_used`. */
  credits: { total: number; top: { login: string; credits: number; activeDays: number }[] } | null
  /** Idle by the seats API, active in the report within `inactive-days`: never reclaimed. */
  disagree: Disagreement[]
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const round2 = (n: number) => Math.round(n * 100) / 100

export function summarizeUsage(
  report: UsageReport,
  seats: readonly Seat[],
  now: number,
  inactiveDays: number
): UsageStats {
  const featureCounts = new Array<number>(USAGE_FEATURES.length).fill(0)
  const ideCounts = new Array<number>(report.ideNames.length).fill(0)
  const noActiveDayList: Seat[] = []
  const disagree: Disagreement[] = []
  const creditUsers: { login: string; credits: number; activeDays: number }[] = []
  let holders = 0
  let active = 0
  let idleWithout = 0
  let interactions = 0
  let credits = 0
  let anyCredits = false
  for (const seat of seats) {
    const status = statusOf(seat, now, inactiveDays)
    if (status === 'pending') continue
    holders++
    const i = report.index.get(seat.key)
    const days = i === undefined ? 0 : report.activeDays[i]!
    if (days === 0) {
      noActiveDayList.push(seat)
      if (status === 'idle') idleWithout++
    } else {
      active++
      const day = disagreement(seat, lastDayOf(days, report.startDay), now, inactiveDays)
      if (day !== null) {
        disagree.push({ seat, latestActivity: latestActivity(seat, now), activeDay: day })
      }
    }
    if (i === undefined) continue
    interactions += report.interactions[i]!
    const f = report.features[i]!
    for (let b = 0; b < USAGE_FEATURES.length; b++) if (f & (1 << b)) featureCounts[b]!++
    const ides = report.ides[i]!
    for (let b = 0; b < ideCounts.length; b++) if (ides & (1 << b)) ideCounts[b]!++
    const c = report.credits[i]!
    if (!Number.isNaN(c)) {
      anyCredits = true
      credits += c
      if (c > 0) {
        creditUsers.push({
          login: displayLogin(seat),
          credits: round2(c),
          activeDays: popcount(days)
        })
      }
    }
  }
  noActiveDayList.sort((a, b) => compareIdle(a, b, now))
  disagree.sort((a, b) => compareIdle(a.seat, b.seat, now))
  creditUsers.sort((a, b) => b.credits - a.credits || byName(a.login, b.login))
  return {
    holders,
    active,
    noActiveDay: { idle: idleWithout, notIdle: noActiveDayList.length - idleWithout },
    noActiveDayList,
    features: USAGE_FEATURES.map((feature, b) => ({ feature, holders: featureCounts[b]! })),
    ides: report.ideNames
      .map((name, b) => ({ name, holders: ideCounts[b]! }))
      .filter((x) => x.holders > 0)
      .sort((a, b) => b.holders - a.holders || byName(a.name, b.name)),
    interactions,
    credits: anyCredits
      ? { total: round2(credits), top: creditUsers.slice(0, TOP_CREDIT_USERS) }
      : null,
    disagree
  }
}

/** Seat holders (not pending) with at least one active day: the `usage-active-seats` output. */
export function activeSeatHolders(
  report: UsageReport,
  seats: readonly Seat[],
  now: number,
  inactiveDays: number
): number {
  let n = 0
  for (const seat of seats) {
    if (statusOf(seat, now, inactiveDays) === 'pending') continue
    const i = report.index.get(seat.key)
    if (i !== undefined && popcount(report.activeDays[i]!) > 0) n++
  }
  return n
}
