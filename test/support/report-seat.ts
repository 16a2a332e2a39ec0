// Seat builders for the pure domain tests of the report area.
import type { Seat } from '../../src/domain/seat.js'

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
