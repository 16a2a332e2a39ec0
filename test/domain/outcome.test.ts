// The run report's rules: when a plan sends nothing, when a run has failed, and
// how a target is named.
import { describe, expect, it } from 'vitest'
import {
  emptyPlan,
  isFailed,
  planSendsNothing,
  subjectName,
  teamSubject,
  userSubject,
  type Applied,
  type RunReport,
  type SeatPlan,
  type Skip
} from '../../src/domain/outcome.js'
import { NOW } from '../support/report-seat.js'

function report(r: Partial<RunReport> = {}): RunReport {
  return {
    mode: 'revoke',
    org: 'acme',
    enterprise: null,
    dryRun: false,
    reclaim: false,
    inactiveDays: 30,
    now: NOW,
    pricing: { seatCost: null, orgPlan: null },
    seats: null,
    plan: null,
    applied: null,
    skipped: [],
    protectedIdle: [],
    requests: 0,
    errors: [],
    warnings: [],
    interrupted: false,
    complete: true,
    ...r
  }
}

const applied = (a: Partial<Applied> = {}): Applied => ({
  breaker: null,
  sent: true,
  assigned: [],
  cancelled: [],
  unconfirmed: [],
  seatsCreated: 0,
  seatsCancelled: 0,
  skipped: [],
  ...a
})

const skip = (failed: boolean): Skip => ({
  subject: userSubject('mona'),
  reason: { kind: 'no-seat' },
  failed
})

describe('emptyPlan', () => {
  it('sends nothing, skips nothing, and is a new plan each time', () => {
    const plan = emptyPlan()
    expect(plan).toEqual({
      assignUsers: [],
      assignTeams: [],
      cancelUsers: [],
      cancelTeams: [],
      teamMembers: new Map(),
      keeps: [],
      creates: [],
      cancels: [],
      skipped: []
    })
    plan.cancelUsers.push('mona')
    plan.teamMembers.set('red', ['a'])
    expect(emptyPlan().cancelUsers).toEqual([])
    expect(emptyPlan().teamMembers.size).toBe(0)
  })
})

describe('planSendsNothing', () => {
  it.each<[string, Partial<SeatPlan>, boolean]>([
    ['an empty plan', {}, true],
    ['only skips and counts', { skipped: [skip(false)], creates: ['a'], cancels: ['b'] }, true],
    ['a user to assign', { assignUsers: ['a'] }, false],
    ['a team to assign', { assignTeams: ['red'] }, false],
    ['a user to cancel', { cancelUsers: ['a'] }, false],
    ['a team to cancel', { cancelTeams: ['red'] }, false]
  ])('%s: %s', (_what, parts, expected) => {
    expect(planSendsNothing({ ...emptyPlan(), ...parts })).toBe(expected)
  })
})

describe('isFailed', () => {
  it.each<[string, Partial<RunReport>, boolean]>([
    ['a clean run', {}, false],
    [
      'a run with warnings and skips that are not failures',
      { warnings: ['w'], skipped: [skip(false)] },
      false
    ],
    ['a run that was cancelled', { interrupted: true }, true],
    ['a run with an error', { errors: ['boom'] }, true],
    ['a skip of a requested target', { skipped: [skip(false), skip(true)] }, true],
    [
      'a write whose result could not be read back',
      {
        applied: applied({ unconfirmed: [{ login: 'mona', direction: 'cancel', why: 'HTTP 502' }] })
      },
      true
    ],
    ['writes that were all read back', { applied: applied() }, false]
  ])('%s: %s', (_what, parts, expected) => {
    expect(isFailed(report(parts))).toBe(expected)
  })
})

describe('subjects', () => {
  it('a user is named by login, a team by slug', () => {
    expect(userSubject('mona')).toEqual({ kind: 'user', login: 'mona' })
    expect(teamSubject('core')).toEqual({ kind: 'team', slug: 'core' })
    expect(subjectName(userSubject('mona'))).toBe('mona')
    expect(subjectName(teamSubject('core'))).toBe('core')
  })
})
