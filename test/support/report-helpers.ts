// Helpers for the report-mode tests: a fixed clock and seat fixtures in the fake.
import type { FakeGitHub, SeatInput } from '../../fake/index.js'

export const NOW = Date.parse('2026-11-23T12:00:00Z')
export const DAY = 86_400_000
export const iso = (ms: number) => new Date(ms).toISOString()
export const daysAgo = (d: number) => iso(NOW - d * DAY)

/** `u000`, `u001`, ...: every seat granted a year ago; even ones active yesterday, odd ones idle since 60 days. */
export function addSeats(
  gh: FakeGitHub,
  n: number,
  org = 'acme',
  extra: (i: number) => Partial<SeatInput> = () => ({})
): string[] {
  const logins: string[] = []
  for (let i = 0; i < n; i++) {
    const login = `u${String(i).padStart(3, '0')}`
    logins.push(login)
    gh.addSeat(org, {
      login,
      created_at: daysAgo(365),
      last_activity_at: i % 2 === 0 ? daysAgo(1) : daysAgo(60),
      last_authenticated_at: null,
      last_activity_editor: 'vscode/1.95.3/copilot/1.245.0',
      ...extra(i)
    })
  }
  return logins
}

/** Seat-listing requests as `path?per_page=..&page=..`. */
export function listingRequests(
  gh: FakeGitHub,
  path = '/orgs/acme/copilot/billing/seats'
): string[] {
  return gh.requests
    .filter((r) => r.path === path)
    .map((r) => `${r.method} ${r.path}?per_page=${r.query.per_page}&page=${r.query.page}`)
}

export const page = (n: number, path = '/orgs/acme/copilot/billing/seats') =>
  `GET ${path}?per_page=100&page=${n}`

/** Data rows of a CSV report (header dropped), split naively: use only where no cell is quoted. */
export function csvRows(csv: string): string[][] {
  return csv
    .trimEnd()
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(','))
}
