// Fixtures for the audit tests: a fixed clock and seat timestamps relative to it.
import type { FakeGitHub, SeatInput } from '../../fake/index.js'

/** The run's `now` in every audit test. The next billing cycle starts 2026-07-01. */
export const NOW = Date.parse('2026-06-15T12:00:00.000Z')
export const DAY = 86_400_000
export const NEXT_CYCLE = '2026-07-01'

/**
 * Seat timestamps against the clock `now`: `ago(days, ms)`, the ISO time `days` days (plus `ms`
 * milliseconds) before it; `usedSeat(login, days)`, a seat granted long ago (400 days, or `days`
 * if more) whose latest activity was `days` days ago. The bundle tests seed relative to the real
 * time (`relativeTo(Date.now())`), since the bundled action reads no clock but the real one.
 */
export function relativeTo(now: number) {
  const ago = (days: number, ms = 0): string => new Date(now - days * DAY - ms).toISOString()
  const usedSeat = (login: string, days: number, extra: Partial<SeatInput> = {}): SeatInput => ({
    login,
    created_at: ago(Math.max(400, days)),
    last_activity_at: ago(days),
    last_authenticated_at: ago(days),
    last_activity_editor: 'vscode/1.99.0/copilot/1.300.0',
    ...extra
  })
  return { now, ago, usedSeat }
}

/** `ago` and `usedSeat` against NOW. */
export const { ago, usedSeat } = relativeTo(NOW)

/** Adds `count` direct seats idle for `days + i` days: logins `${prefix}001`… */
export function addIdleSeats(gh: FakeGitHub, count: number, prefix = 'idle', days = 60): string[] {
  const logins: string[] = []
  for (let i = 0; i < count; i++) {
    const login = `${prefix}${String(i + 1).padStart(4, '0')}`
    gh.addSeat('acme', usedSeat(login, days + (i % 300)))
    logins.push(login)
  }
  return logins
}

export const pendingOf = (gh: FakeGitHub, login: string): string | null | undefined =>
  gh.seat('acme', login)?.pending_cancellation_date

export const writes = (gh: FakeGitHub) =>
  gh.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD')

export const usernamesOf = (body: unknown): string[] =>
  (body as { selected_usernames?: string[] } | null)?.selected_usernames ?? []
