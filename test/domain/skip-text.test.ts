// The sentence a person reads for each skip: requested targets that fail say how
// to fix it; seats an audit found say why they stay.
import { describe, expect, it } from 'vitest'
import type { Direction, SeatState, Skip, SkipReason, Subject } from '../../src/domain/outcome.js'
import { describeSkip } from '../../src/domain/skip-text.js'

const mona: Subject = { kind: 'user', login: 'mona' }
const core: Subject = { kind: 'team', slug: 'core' }
const say = (reason: SkipReason, failed = false, subject: Subject = mona) =>
  describeSkip({ subject, reason, failed } satisfies Skip, 'acme')

describe('describeSkip', () => {
  it.each<[string, SkipReason, string]>([
    [
      'holds a direct seat',
      { kind: 'holds-seat', teams: [] },
      'already holds a seat; not re-sent, so its grace period is kept'
    ],
    [
      'holds a seat through teams',
      { kind: 'holds-seat', teams: ['red', 'blue'] },
      'already holds a seat (granted via team red, blue); not re-sent, so its grace period is kept'
    ],
    ['has no seat', { kind: 'no-seat' }, 'no seat'],
    [
      'is already pending',
      { kind: 'already-pending', date: '2026-12-31' },
      'already pending cancellation until 2026-12-31'
    ],
    ['team has no members', { kind: 'team-empty' }, 'the team has no members; not sent'],
    [
      'team members all hold their seats through it',
      { kind: 'team-all-seated' },
      'every member already holds a seat through this team; not re-sent'
    ],
    [
      'team grants no seat',
      { kind: 'team-no-seats' },
      'no active seat is granted through this team; not sent'
    ]
  ])('not a failure: %s', (_what, reason, text) => {
    expect(say(reason)).toBe(text)
  })

  it.each<[string, SkipReason, string]>([
    [
      'not an org member, naming the org',
      { kind: 'not-member' },
      'not a member of org acme (or their invitation is not accepted yet); not sent. Fix: invite them to the org first'
    ],
    [
      'protected by exclude-users',
      { kind: 'protected', by: { kind: 'exclude-users' } },
      'protected (in exclude-users); not cancelled'
    ],
    [
      'protected through exclude-teams, naming the team',
      { kind: 'protected', by: { kind: 'exclude-teams', team: 'keep' } },
      'protected (member of protected team keep); not cancelled'
    ],
    [
      'granted through a team, with the way out',
      { kind: 'via-team', teams: ['red', 'blue'] },
      'seat granted via team red, blue; GitHub cannot cancel it per user. Fix: remove them from team red, blue, or revoke the team'
    ],
    [
      'a write GitHub refused, with its message',
      { kind: 'write-failed', direction: 'assign', message: 'HTTP 422: user is suspended' },
      'not assigned: HTTP 422: user is suspended'
    ],
    [
      'not sent because the run was cancelled',
      { kind: 'not-sent', direction: 'cancel' },
      'not cancelled: not sent, the run was cancelled'
    ],
    [
      'sent but unanswered when the run was cancelled',
      { kind: 'unanswered', direction: 'assign' },
      'not confirmed: the run was cancelled before GitHub answered the request (it was sent), so GitHub may have assigned it. Fix: check the seat, or re-run to finish (safe to repeat)'
    ],
    [
      'accepted but not applied',
      { kind: 'not-applied', direction: 'cancel', shows: 'live' },
      'not cancelled: GitHub accepted the request but shows a seat held'
    ]
  ])('a failure: %s', (_what, reason, text) => {
    expect(say(reason, true)).toBe(text)
  })

  it('an idle seat an audit keeps says why it stays, not how to fix a request', () => {
    expect(say({ kind: 'protected', by: { kind: 'exclude-users' } })).toBe(
      'idle but protected (in exclude-users)'
    )
    expect(say({ kind: 'protected', by: { kind: 'exclude-teams', team: 'keep' } })).toBe(
      'idle but protected (member of protected team keep)'
    )
    expect(say({ kind: 'via-team', teams: ['red'] })).toBe(
      'idle, granted via team red: remove them from team red to reclaim it'
    )
    expect(say({ kind: 'no-assignee' })).toBe(
      'idle, but GitHub lists no assignee for this seat; it cannot be cancelled by login'
    )
  })

  it('a team that does not exist is named, with the fix', () => {
    expect(say({ kind: 'team-not-found' }, true, core)).toBe(
      'team "core" not found in org acme. Fix: use the team\'s slug, as in its URL'
    )
  })

  it('a refused team revoke names at most five protected members', () => {
    const members = (n: number) => Array.from({ length: n }, (_, i) => `p${i + 1}`)
    const text = (names: string) =>
      `refused as a whole: revoking the team would cancel protected members (${names}). Fix: revoke the other members one by one, or change the protection`
    expect(say({ kind: 'team-protected', members: members(1) }, true, core)).toBe(text('p1'))
    expect(say({ kind: 'team-protected', members: members(5) }, true, core)).toBe(
      text('p1, p2, p3, p4, p5')
    )
    expect(say({ kind: 'team-protected', members: members(6) }, true, core)).toBe(
      text('p1, p2, p3, p4, p5 and 1 more')
    )
    expect(say({ kind: 'team-protected', members: members(12) }, true, core)).toBe(
      text('p1, p2, p3, p4, p5 and 7 more')
    )
  })

  it('a change found just before sending says what GitHub shows now, in words', () => {
    const changed = (direction: Direction, now: SeatState) =>
      say({ kind: 'changed', direction, now })
    expect(changed('assign', 'live')).toBe(
      'not assigned: checked just before sending, GitHub now shows a seat held; not sent'
    )
    expect(changed('cancel', 'no-seat')).toBe(
      'not cancelled: checked just before sending, GitHub now shows no seat; not sent'
    )
    expect(changed('cancel', 'pending')).toBe(
      'not cancelled: checked just before sending, GitHub now shows the seat pending cancellation; not sent'
    )
    expect(changed('cancel', 'via-team')).toBe(
      'not cancelled: checked just before sending, GitHub now shows a seat granted through a team; not sent'
    )
    expect(changed('cancel', 'active')).toBe(
      'not cancelled: checked just before sending, GitHub now shows the seat in use again (no longer idle); not sent'
    )
  })

  it('the direction reads as the verb of the change', () => {
    expect(say({ kind: 'not-sent', direction: 'assign' }, true)).toBe(
      'not assigned: not sent, the run was cancelled'
    )
    expect(say({ kind: 'unanswered', direction: 'cancel' }, true)).toMatch(
      /so GitHub may have cancelled it\./
    )
    expect(say({ kind: 'not-applied', direction: 'assign', shows: 'no-seat' }, true)).toBe(
      'not assigned: GitHub accepted the request but shows no seat'
    )
  })
})
