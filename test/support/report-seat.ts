// Builders for the pure domain tests: seats, the grant rows behind them, the
// destinations a write goes to, and rows of the usage report.
import type { Destination } from '../../src/domain/routing.js'
import type { Grant, Seat } from '../../src/domain/seat.js'
import type { UsageRow } from '../../src/domain/usage-row.js'

export const NOW = Date.parse('2026-11-23T12:00:00Z')
export const DAY = 86_400_000

export function seat(partial: Partial<Seat> & { login?: string | null } = {}): Seat {
  const login = partial.login === undefined ? 'mona' : partial.login
  return {
    login,
    key: partial.key ?? (login ? login.toLowerCase() : `~no-assignee#${Math.random()}`),
    userId: null,
    createdAt: NOW - 400 * DAY,
    lastActivityAt: null,
    lastAuthenticatedAt: null,
    editor: null,
    pendingDate: null,
    teams: [],
    orgs: [],
    grants: [],
    planType: 'business',
    ...partial
  }
}

/**
 * A grant row: org `org` (null: the enterprise), through `team` if given (an org's team, or an
 * enterprise team's when no org grants it), pending since `pendingDate` if given.
 */
export const grant = (
  org: string | null,
  team: string | null = null,
  pendingDate: string | null = null
): Grant => ({
  org,
  team,
  teamKind: team === null ? null : org === null ? 'enterprise' : 'org',
  pendingDate
})

/** The enterprise `ent` and its org `o1` as destinations of a write. */
export const ENT: Destination = { kind: 'enterprise', enterprise: 'ent' }
export const O1: Destination = { kind: 'org', org: 'o1' }

/** The usage report's window in these tests: 28 days up to 2026-11-20. */
export const WINDOW = { startDay: '2026-10-24', endDay: '2026-11-20' }

/** A usage report row of 2026-11-20: active, nothing else unless given. */
export function usageRow(partial: Partial<UsageRow>): UsageRow {
  return {
    day: '2026-11-20',
    userId: null,
    login: null,
    active: true,
    interactions: 0,
    features: 0,
    ides: [],
    credits: null,
    ...partial
  }
}
