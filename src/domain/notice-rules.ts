// SPEC's rules for notices: which notice counts for a seat's current idle
// period, when its seat may be reclaimed, who gets a notice this run, and how
// the grace period narrows a reclaim plan. Pure: seats, notices and the run's
// `now` in.
import { compareIdle, DAY_MS, latestActivity, RETENTION_MS, statusOf } from './activity.js'
import { MENTIONS_PER_NOTICE, type Notice, type NoticedUser } from './notices.js'
import { userSubject, type SeatPlan, type Skip } from './outcome.js'
import type { Seat } from './seat.js'

export interface NoticeRules {
  now: number
  inactiveDays: number
  /** Days from a notice to the earliest reclaim of its seat. */
  graceDays: number
  /** With `reclaim`, notices promise a date, and only notices that promised one count. */
  reclaim: boolean
}

/**
 * GitHub allows about 500 new comments an hour (and 80 a minute, which the
 * client's 3 s spacing of notifying writes keeps under): a run posts at most
 * this many, so that a re-run or another job in the same hour still has room.
 */
export const MAX_NOTICE_COMMENTS_PER_RUN = 100
export const MAX_NOTICED_PER_RUN = MAX_NOTICE_COMMENTS_PER_RUN * MENTIONS_PER_NOTICE

const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`)
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/**
 * Whether `notice` counts for the seat's current idle period: the user was
 * already idle when it was posted (so activity that shows up a day late cannot
 * make an older notice count for a later idle period); when the latest activity
 * is unknown (more than 90 days ago), only a notice at most 90 days old counts.
 * With reclaim, a notice that promised no date does not count: nobody loses a
 * seat without having been told when.
 */
export function countsAsNotice(notice: Notice, seat: Seat, rules: NoticeRules): boolean {
  if (rules.reclaim && notice.reclaimOn === null) return false
  const latest = latestActivity(seat, rules.now)
  if (latest === null) return rules.now - notice.at <= RETENTION_MS
  return notice.at - latest > rules.inactiveDays * DAY_MS
}

/**
 * The earliest reclaim a notice allows: `grace-days` after it, and never before
 * the date it promised (a `grace-days` lowered since cannot bring it forward).
 */
export function earliestReclaim(notice: Notice, graceDays: number): number {
  const afterGrace = notice.at + graceDays * DAY_MS
  return notice.reclaimOn === null ? afterGrace : Math.max(afterGrace, dayStart(notice.reclaimOn))
}

/** The date a notice posted at `now` promises (UTC day of `now` + grace), or null without reclaim. */
export function promisedDay(rules: NoticeRules): string | null {
  return rules.reclaim ? isoDay(rules.now + rules.graceDays * DAY_MS) : null
}

/** Where a seat stands: the notice that counts for its idle period, and when it may be reclaimed. */
export interface Standing {
  seat: Seat
  /** The earliest notice that counts; null: not noticed in this idle period. */
  notice: Notice | null
  /** With reclaim and a notice: the earliest reclaim, epoch ms; otherwise null. */
  reclaimFrom: number | null
}

/** Each login's notices, oldest first. */
export function noticesByLogin(notices: readonly Notice[]): Map<string, Notice[]> {
  const byLogin = new Map<string, Notice[]>()
  for (const n of [...notices].sort((a, b) => a.at - b.at)) {
    for (const login of n.logins) {
      const list = byLogin.get(login)
      if (list) list.push(n)
      else byLogin.set(login, [n])
    }
  }
  return byLogin
}

export function standingOf(seat: Seat, notices: readonly Notice[], rules: NoticeRules): Standing {
  const notice = notices.find((n) => countsAsNotice(n, seat, rules)) ?? null
  const reclaimFrom = notice && rules.reclaim ? earliestReclaim(notice, rules.graceDays) : null
  return { seat, notice, reclaimFrom }
}

/** Each seat's standing by login (undefined: no such seat), for holdForGrace. */
export function standingLookup(
  seats: readonly Seat[],
  notices: readonly Notice[],
  rules: NoticeRules
): (login: string) => Standing | undefined {
  const byKey = new Map(seats.map((s) => [s.key, s]))
  const byLogin = noticesByLogin(notices)
  return (login) => {
    const seat = byKey.get(login)
    return seat ? standingOf(seat, byLogin.get(login) ?? [], rules) : undefined
  }
}

/**
 * A user as the summary, the outputs and the issue list them. `notice` null: a
 * notice this run would post (a dry run), whose reclaim would be grace-days on.
 */
export function noticedUser(seat: Seat, notice: Notice | null, rules: NoticeRules): NoticedUser {
  const graceMs = rules.graceDays * DAY_MS
  return {
    login: seat.login ?? seat.key,
    idleSince: latestActivity(seat, rules.now),
    noticedAt: notice?.at ?? null,
    reclaimFrom: !rules.reclaim
      ? null
      : notice
        ? earliestReclaim(notice, rules.graceDays)
        : rules.now + graceMs
  }
}

export const isPastGrace = (s: Standing, now: number): boolean =>
  s.reclaimFrom !== null && now >= s.reclaimFrom

export interface NoticePlan {
  /** Idle users with a notice that counts: soonest reclaim first (longest idle first without reclaim). */
  underNotice: Standing[]
  /** Idle users to notice now, longest idle first: at most `max`. */
  toNotice: Seat[]
  /** Idle users left for the next run. */
  deferred: Seat[]
}

/**
 * Who is under notice and who gets one now, among `candidates` (the seats a
 * reclaim would cancel: direct, unprotected). Seats that are not idle are left
 * out: users who became active drop out of the tracking issue.
 */
export function planNotices(
  candidates: readonly Seat[],
  notices: readonly Notice[],
  rules: NoticeRules,
  max = MAX_NOTICED_PER_RUN
): NoticePlan {
  const byLogin = noticesByLogin(notices)
  const underNotice: Standing[] = []
  const unnoticed: Seat[] = []
  for (const seat of candidates) {
    if (statusOf(seat, rules.now, rules.inactiveDays) !== 'idle') continue
    const standing = standingOf(seat, byLogin.get(seat.key) ?? [], rules)
    if (standing.notice) underNotice.push(standing)
    else unnoticed.push(seat)
  }
  const idleFirst = (a: Seat, b: Seat) => compareIdle(a, b, rules.now)
  underNotice.sort(
    (a, b) =>
      (a.reclaimFrom ?? 0) - (b.reclaimFrom ?? 0) ||
      a.notice!.at - b.notice!.at ||
      idleFirst(a.seat, b.seat)
  )
  unnoticed.sort(idleFirst)
  return { underNotice, toNotice: unnoticed.slice(0, max), deferred: unnoticed.slice(max) }
}

/** Groups of at most MENTIONS_PER_NOTICE: one notice comment each. */
export function noticeGroups<T>(users: readonly T[]): T[][] {
  const groups: T[][] = []
  for (let i = 0; i < users.length; i += MENTIONS_PER_NOTICE)
    groups.push(users.slice(i, i + MENTIONS_PER_NOTICE))
  return groups
}

/**
 * A reclaim plan narrowed to the users past their grace period; the others
 * stay idle and are listed (not failures). Runs after planReclaim, so every
 * rule of the plan (protection, via team, ...) still applies, and before the
 * breakers and confirmation of executePlan, which count and check what is left.
 */
export function holdForGrace(
  plan: SeatPlan,
  standingOf: (login: string) => Standing | undefined,
  now: number
): SeatPlan {
  const held: Skip[] = []
  const waiting = new Set<string>()
  for (const login of plan.cancelUsers) {
    const s = standingOf(login)
    if (s && isPastGrace(s, now)) continue
    waiting.add(login)
    held.push({
      subject: userSubject(login),
      reason: {
        kind: 'grace',
        noticedAt: s?.notice?.at ?? null,
        reclaimFrom: s?.reclaimFrom ?? null
      },
      failed: false
    })
  }
  return {
    ...plan,
    cancelUsers: plan.cancelUsers.filter((l) => !waiting.has(l)),
    cancels: plan.cancels.filter((l) => !waiting.has(l)),
    skipped: [...plan.skipped, ...held]
  }
}
