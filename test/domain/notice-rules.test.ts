// SPEC's notice rules: which notice counts for a seat's idle period, the
// earliest reclaim, who is noticed now, and the grace period on a reclaim plan.
import { describe, expect, it } from 'vitest'
import {
  countsAsNotice,
  earliestReclaim,
  holdForGrace,
  isPastGrace,
  MAX_NOTICE_COMMENTS_PER_RUN,
  MAX_NOTICED_PER_RUN,
  noticeGroups,
  noticesByLogin,
  planNotices,
  promisedDay,
  noticedUser,
  standingLookup,
  standingOf,
  type NoticeRules,
  type Standing
} from '../../src/domain/notice-rules.js'
import type { Notice } from '../../src/domain/notices.js'
import { emptyPlan, type SeatPlan } from '../../src/domain/outcome.js'
import { DAY, NOW, seat } from '../support/report-seat.js'

const t = (days: number) => NOW - days * DAY
const rules = (partial: Partial<NoticeRules> = {}): NoticeRules => ({
  now: NOW,
  inactiveDays: 30,
  graceDays: 7,
  reclaim: true,
  ...partial
})
let nextId = 1
const notice = (
  at: number,
  logins = ['mona'],
  reclaimOn: string | null = '2026-01-01'
): Notice => ({
  at,
  logins,
  reclaimOn,
  commentId: nextId++,
  url: ''
})
/** A seat whose latest activity was `days` ago (granted long before). */
const idleFor = (days: number, login = 'mona') =>
  seat({ login, lastActivityAt: t(days), lastAuthenticatedAt: null })

describe('countsAsNotice', () => {
  it('counts only if the user was already idle when it was posted (strictly more than inactive-days)', () => {
    const s = idleFor(40)
    expect(countsAsNotice(notice(t(9)), s, rules())).toBe(true) // idle 31 days then
    expect(countsAsNotice(notice(t(10) + 1), s, rules())).toBe(true)
    expect(countsAsNotice(notice(t(10)), s, rules())).toBe(false) // exactly 30 days: not idle yet
    expect(countsAsNotice(notice(t(41)), s, rules())).toBe(false) // before the latest activity
    expect(countsAsNotice(notice(t(9)), s, rules({ inactiveDays: 31 }))).toBe(false)
  })

  it('uses the latest of activity, authentication and grant', () => {
    const reGranted = seat({ lastActivityAt: t(80), createdAt: t(35) })
    expect(countsAsNotice(notice(t(20)), reGranted, rules())).toBe(false)
    expect(countsAsNotice(notice(t(4)), reGranted, rules())).toBe(true)
    const authOnly = seat({ lastActivityAt: null, lastAuthenticatedAt: t(40), createdAt: t(300) })
    expect(countsAsNotice(notice(t(5)), authOnly, rules())).toBe(true)
    expect(countsAsNotice(notice(t(15)), authOnly, rules())).toBe(false)
  })

  it('unknown latest activity (> 90 days): only notices at most 90 days old', () => {
    const ghost = seat({ createdAt: t(400) })
    expect(countsAsNotice(notice(t(90)), ghost, rules())).toBe(true)
    expect(countsAsNotice(notice(t(90) + 1), ghost, rules())).toBe(true)
    expect(countsAsNotice(notice(t(90) - 1), ghost, rules())).toBe(false)
    expect(countsAsNotice(notice(t(91)), ghost, rules())).toBe(false)
    expect(countsAsNotice(notice(NOW), ghost, rules())).toBe(true)
  })

  it('with reclaim, a notice that promised no date does not count; without reclaim it does', () => {
    const s = idleFor(40)
    expect(countsAsNotice(notice(t(5), ['mona'], null), s, rules())).toBe(false)
    expect(countsAsNotice(notice(t(5), ['mona'], null), s, rules({ reclaim: false }))).toBe(true)
    expect(countsAsNotice(notice(t(5), ['mona'], '2026-01-01'), s, rules({ reclaim: false }))).toBe(
      true
    )
    const ghost = seat({ createdAt: t(400) })
    expect(countsAsNotice(notice(t(5), ['mona'], null), ghost, rules())).toBe(false)
  })
})

describe('earliestReclaim and promisedDay', () => {
  it('is grace-days after the notice, never before the date it promised', () => {
    const at = Date.parse('2026-06-15T12:00:00Z')
    expect(earliestReclaim(notice(at, ['m'], null), 7)).toBe(at + 7 * DAY)
    expect(earliestReclaim(notice(at, ['m'], '2026-06-22'), 7)).toBe(at + 7 * DAY)
    // grace-days lowered from 14 to 3 since: the promised day still holds.
    expect(earliestReclaim(notice(at, ['m'], '2026-06-29'), 3)).toBe(
      Date.parse('2026-06-29T00:00:00Z')
    )
    // raised: the later of the two.
    expect(earliestReclaim(notice(at, ['m'], '2026-06-22'), 10)).toBe(at + 10 * DAY)
  })

  it('a notice promises the UTC day grace-days from now, or nothing without reclaim', () => {
    expect(promisedDay(rules({ now: Date.parse('2026-06-15T23:59:59Z') }))).toBe('2026-06-22')
    expect(promisedDay(rules({ now: Date.parse('2026-06-16T00:00:00Z'), graceDays: 2 }))).toBe(
      '2026-06-18'
    )
    expect(promisedDay(rules({ reclaim: false }))).toBeNull()
    // The promise is never later than grace-days after the comment lands (a little after now).
    const now = Date.parse('2026-06-15T23:59:00Z')
    const promised = promisedDay(rules({ now }))!
    const landed = notice(now + 120_000, ['m'], promised)
    expect(earliestReclaim(landed, 7)).toBe(now + 120_000 + 7 * DAY)
  })
})

describe('standings', () => {
  it('noticesByLogin lists each login’s notices, oldest first', () => {
    const a = notice(t(3), ['mona', 'hubot'])
    const b = notice(t(9), ['mona'])
    const byLogin = noticesByLogin([a, b])
    expect(byLogin.get('mona')).toEqual([b, a])
    expect(byLogin.get('hubot')).toEqual([a])
    expect(byLogin.get('octo')).toBeUndefined()
  })

  it('the earliest notice that counts decides, and only with reclaim is there a date', () => {
    const s = idleFor(60)
    const tooEarly = notice(t(40), ['mona'], '2026-01-01') // user not idle yet then
    const first = notice(t(20), ['mona'], '2026-01-01')
    const later = notice(t(10), ['mona'], '2026-01-01')
    expect(standingOf(s, [tooEarly, first, later], rules())).toEqual({
      seat: s,
      notice: first,
      reclaimFrom: first.at + 7 * DAY
    })
    expect(standingOf(s, [tooEarly, first], rules({ reclaim: false }))).toEqual({
      seat: s,
      notice: first,
      reclaimFrom: null
    })
    expect(standingOf(s, [tooEarly], rules())).toEqual({ seat: s, notice: null, reclaimFrom: null })
  })

  it('isPastGrace: from the earliest reclaim on, not before; never without a date', () => {
    const s = idleFor(60)
    const st = (reclaimFrom: number | null): Standing => ({ seat: s, notice: null, reclaimFrom })
    expect(isPastGrace(st(NOW), NOW)).toBe(true)
    expect(isPastGrace(st(NOW + 1), NOW)).toBe(false)
    expect(isPastGrace(st(NOW - 1), NOW)).toBe(true)
    expect(isPastGrace(st(null), NOW)).toBe(false)
  })
})

describe('standingLookup and noticedUser', () => {
  it('looks up each login’s standing among the seats', () => {
    const mona = idleFor(60, 'mona')
    const n = notice(t(10), ['mona', 'gone'])
    const lookup = standingLookup([mona, idleFor(60, 'hubot')], [n], rules())
    expect(lookup('mona')).toEqual({ seat: mona, notice: n, reclaimFrom: n.at + 7 * DAY })
    expect(lookup('hubot')).toMatchObject({ notice: null, reclaimFrom: null })
    expect(lookup('gone')).toBeUndefined()
  })

  it('shows a user with their notice and earliest reclaim; a notice to come reclaims grace-days on', () => {
    const mona = seat({ login: 'Mona', key: 'mona', lastActivityAt: t(60) })
    const n = notice(t(10), ['mona'], '2026-01-01')
    expect(noticedUser(mona, n, rules())).toEqual({
      login: 'Mona',
      idleSince: t(60),
      noticedAt: n.at,
      reclaimFrom: n.at + 7 * DAY
    })
    expect(noticedUser(mona, null, rules())).toEqual({
      login: 'Mona',
      idleSince: t(60),
      noticedAt: null,
      reclaimFrom: NOW + 7 * DAY
    })
    expect(noticedUser(mona, n, rules({ reclaim: false })).reclaimFrom).toBeNull()
    expect(noticedUser(mona, null, rules({ reclaim: false })).reclaimFrom).toBeNull()
    const ghost = seat({ login: null, key: '~no-assignee#1', createdAt: t(400) })
    expect(noticedUser(ghost, null, rules())).toMatchObject({
      login: '~no-assignee#1',
      idleSince: null
    })
  })
})

describe('planNotices', () => {
  it('splits idle candidates into under notice and to notice; the active and pending drop out', () => {
    const noticed = idleFor(50, 'noticed')
    const fresh = idleFor(40, 'fresh')
    const ghost = seat({ login: 'ghost', createdAt: t(400) })
    const active = idleFor(10, 'active')
    const pending = seat({ login: 'pending', lastActivityAt: t(60), pendingDate: '2026-12-01' })
    const n = notice(t(5), ['noticed', 'active', 'pending'])
    const plan = planNotices([fresh, noticed, active, pending, ghost], [n], rules())
    expect(plan.underNotice).toEqual([{ seat: noticed, notice: n, reclaimFrom: n.at + 7 * DAY }])
    // Longest idle first: unknown activity, then the oldest latest activity.
    expect(plan.toNotice).toEqual([ghost, fresh])
    expect(plan.deferred).toEqual([])
  })

  it('orders those under notice by earliest reclaim, then notice time, then longest idle', () => {
    const a = idleFor(70, 'a')
    const b = idleFor(60, 'b')
    const c = idleFor(80, 'c')
    const d = idleFor(90, 'd')
    const old = notice(t(20), ['c'])
    const mid = notice(t(10), ['a', 'b'])
    const recent = notice(t(2), ['d'], '2026-12-25') // its promised day is later
    const plan = planNotices([a, b, c, d], [recent, mid, old], rules())
    expect(plan.underNotice.map((s) => s.seat.key)).toEqual(['c', 'a', 'b', 'd'])
    const noDates = planNotices([a, b, c, d], [recent, mid, old], rules({ reclaim: false }))
    expect(noDates.underNotice.map((s) => s.seat.key)).toEqual(['c', 'a', 'b', 'd'])
  })

  it('notices at most `max` a run, longest idle first; the rest wait for the next', () => {
    const seats = [idleFor(40, 'p'), idleFor(60, 'q'), idleFor(50, 'r')]
    const plan = planNotices(seats, [], rules(), 2)
    expect(plan.toNotice.map((s) => s.key)).toEqual(['q', 'r'])
    expect(plan.deferred.map((s) => s.key)).toEqual(['p'])
    expect(MAX_NOTICED_PER_RUN).toBe(5000)
    expect(MAX_NOTICE_COMMENTS_PER_RUN).toBe(100)
    const many = Array.from({ length: 5001 }, (_, i) => idleFor(40, `u${i}`))
    const capped = planNotices(many, [], rules())
    expect(capped.toNotice).toHaveLength(5000)
    expect(capped.deferred).toHaveLength(1)
  })
})

describe('noticeGroups', () => {
  it('splits into comments of at most 50', () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => i)
    expect(noticeGroups([])).toEqual([])
    expect(noticeGroups(list(50)).map((g) => g.length)).toEqual([50])
    expect(noticeGroups(list(51)).map((g) => g.length)).toEqual([50, 1])
    expect(noticeGroups(list(101)).map((g) => g.length)).toEqual([50, 50, 1])
    expect(noticeGroups(list(101)).flat()).toEqual(list(101))
  })
})

describe('holdForGrace', () => {
  const planOf = (logins: string[]): SeatPlan => ({
    ...emptyPlan(),
    cancelUsers: [...logins],
    cancels: [...logins],
    skipped: [
      {
        subject: { kind: 'user', login: 'svc' },
        reason: { kind: 'protected', by: { kind: 'exclude-users' } },
        failed: false
      }
    ]
  })

  it('keeps the users past their grace period and lists the others with their notice', () => {
    const past = idleFor(60, 'past')
    const waiting = idleFor(60, 'waiting')
    const nPast = notice(t(8), ['past'])
    const nWaiting = notice(t(3), ['waiting'])
    const standings = new Map<string, Standing>([
      ['past', { seat: past, notice: nPast, reclaimFrom: nPast.at + 7 * DAY }],
      ['waiting', { seat: waiting, notice: nWaiting, reclaimFrom: nWaiting.at + 7 * DAY }],
      ['unnoticed', { seat: idleFor(60, 'unnoticed'), notice: null, reclaimFrom: null }]
    ])
    const plan = planOf(['past', 'waiting', 'unnoticed', 'unknown'])
    const held = holdForGrace(plan, (l) => standings.get(l), NOW)
    expect(held.cancelUsers).toEqual(['past'])
    expect(held.cancels).toEqual(['past'])
    expect(held.skipped).toEqual([
      plan.skipped[0],
      {
        subject: { kind: 'user', login: 'waiting' },
        reason: { kind: 'grace', noticedAt: nWaiting.at, reclaimFrom: nWaiting.at + 7 * DAY },
        failed: false
      },
      {
        subject: { kind: 'user', login: 'unnoticed' },
        reason: { kind: 'grace', noticedAt: null, reclaimFrom: null },
        failed: false
      },
      {
        subject: { kind: 'user', login: 'unknown' },
        reason: { kind: 'grace', noticedAt: null, reclaimFrom: null },
        failed: false
      }
    ])
    // The input plan is not changed.
    expect(plan.cancelUsers).toHaveLength(4)
  })

  it('a notice without a date (reclaim was off) holds the seat', () => {
    const s = idleFor(60, 'x')
    const n = notice(t(30), ['x'], null)
    const held = holdForGrace(planOf(['x']), () => ({ seat: s, notice: n, reclaimFrom: null }), NOW)
    expect(held.cancelUsers).toEqual([])
    expect(held.skipped.at(-1)!.reason).toEqual({
      kind: 'grace',
      noticedAt: n.at,
      reclaimFrom: null
    })
  })
})
