// The enterprise summary's breakdowns: rows per granting org, per enterprise
// team, and enterprise-direct, with how many belong to idle users and how many
// are pending. A user idle in every row counts as idle in each of their live
// rows. Pure.
import { statusOf } from './activity.js'
import type { Seat } from './seat.js'

export interface GrantorCount {
  name: string
  /** Rows this grantor gives. */
  rows: number
  /** Of them, live rows of idle users (what a reclaim would look at). */
  idle: number
  /** Of them, rows pending cancellation. */
  pending: number
  /** Of them, rows granted through one of the org's teams (orgs only). */
  viaTeam: number
}

export interface GrantorBreakdown {
  byOrg: GrantorCount[]
  byEnterpriseTeam: GrantorCount[]
  /** Enterprise-direct rows (neither org nor team). */
  direct: GrantorCount
}

const byIdleThenRows = (a: GrantorCount, b: GrantorCount) =>
  b.idle - a.idle || b.rows - a.rows || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

export function grantorBreakdown(
  seats: readonly Seat[],
  now: number,
  inactiveDays: number
): GrantorBreakdown {
  const orgs = new Map<string, GrantorCount>()
  const teams = new Map<string, GrantorCount>()
  const direct: GrantorCount = { name: '(direct)', rows: 0, idle: 0, pending: 0, viaTeam: 0 }
  const entry = (map: Map<string, GrantorCount>, name: string) => {
    let e = map.get(name)
    if (!e) map.set(name, (e = { name, rows: 0, idle: 0, pending: 0, viaTeam: 0 }))
    return e
  }
  for (const seat of seats) {
    const idle = statusOf(seat, now, inactiveDays) === 'idle'
    for (const g of seat.grants) {
      const e =
        g.org !== null ? entry(orgs, g.org) : g.team !== null ? entry(teams, g.team) : direct
      e.rows++
      if (g.pendingDate !== null) e.pending++
      else if (idle) e.idle++
      if (g.org !== null && g.team !== null) e.viaTeam++
    }
  }
  return {
    byOrg: [...orgs.values()].sort(byIdleThenRows),
    byEnterpriseTeam: [...teams.values()].sort(byIdleThenRows),
    direct
  }
}
