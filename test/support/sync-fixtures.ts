// sync's main scenario, shared by the in-process and the bundled runs: a seat
// file with the everyday shapes (a differently cased login, a duplicate, a
// pending seat, a newcomer, a user whose team is dropped), a listed team, and
// seats the file no longer lists.
import type { FakeGitHub } from '../../fake/index.js'

export const NOW = Date.parse('2026-05-10T12:00:00Z')
export const NOW_ISO = '2026-05-10T12:00:00Z'
export const NEXT_CYCLE = '2026-06-01'
const OLD = '2026-01-01T00:00:00Z'
const RECENT = '2026-05-09T08:00:00Z'

export const SEAT_FILE = '.github/copilot-seats.txt'

export const SYNC_FILES = {
  [SEAT_FILE]: [
    '# Copilot seats: the desired state',
    'alice',
    'bob            # GitHub spells it Bob',
    'carol, CAROL   # a duplicate, differently cased',
    'dave           # pending cancellation: restored',
    'newbie         # a member without a seat',
    'leo            # holds the seat through team legacy, which is not listed',
    ''
  ].join('\n')
}

export const SYNC_INPUTS = {
  mode: 'sync',
  'users-file': SEAT_FILE,
  teams: 'devs',
  'exclude-users': 'frank'
} as const

/**
 * alice, Bob, carol: direct seats, listed. dave: pending, listed. newbie: member, no seat.
 * devs (listed): d1 without a seat, d2 through devs, d3 direct (kept: a listed team's member).
 * leo and l2 through legacy (not listed): legacy is removed, leo moves to a direct seat.
 * eve: direct, not listed: cancelled. frank: direct, not listed, protected. gina: pending, not listed.
 */
export function seedSync(gh: FakeGitHub): void {
  for (const login of ['alice', 'Bob', 'carol', 'eve', 'frank', 'd3'])
    gh.addSeat('acme', { login, created_at: OLD, last_activity_at: RECENT })
  for (const login of ['dave', 'gina'])
    gh.addSeat('acme', {
      login,
      created_at: OLD,
      last_activity_at: RECENT,
      pending_cancellation_date: NEXT_CYCLE
    })
  gh.addMember('acme', 'newbie')
  gh.addTeam('acme', 'devs', { members: ['d1', 'd3'] })
  gh.addSeat('acme', { login: 'd2', created_at: OLD, last_activity_at: RECENT, team: 'devs' })
  for (const login of ['leo', 'l2'])
    gh.addSeat('acme', { login, created_at: OLD, last_activity_at: RECENT, team: 'legacy' })
}

export const SYNC_EXPECTED = {
  writes: [
    {
      method: 'POST',
      path: '/orgs/acme/copilot/billing/selected_users',
      names: ['dave', 'newbie', 'leo']
    },
    { method: 'POST', path: '/orgs/acme/copilot/billing/selected_teams', names: ['devs'] },
    { method: 'DELETE', path: '/orgs/acme/copilot/billing/selected_users', names: ['eve'] },
    { method: 'DELETE', path: '/orgs/acme/copilot/billing/selected_teams', names: ['legacy'] }
  ],
  assigned: ['dave', 'newbie', 'd1', 'leo'],
  cancelled: ['eve', 'l2'],
  live: ['alice', 'bob', 'carol', 'dave', 'newbie', 'd1', 'd2', 'd3', 'leo', 'frank'],
  pending: ['eve', 'l2', 'gina']
}
