// Shared scenarios for the assign/revoke tests (in-process and bundled): the
// same org, inputs and expectations, so both runs can be compared.
import { nextBillingCycleStart, type FakeGitHub, type RequestRecord } from '../../fake/index.js'

/** The run's "now" (also the fake's clock). */
export const NOW = Date.parse('2026-05-10T12:00:00Z')
export const NOW_ISO = '2026-05-10T12:00:00Z'
/** nextBillingCycleStart(NOW): the pending date GitHub gives a seat cancelled now. */
export const NEXT_CYCLE = '2026-06-01'
export const OLD = '2026-01-01T00:00:00Z'
const RECENT = '2026-05-09T08:00:00Z'
const LONG_AGO = '2026-02-01T00:00:00Z'

/**
 * The fixtures' timestamps for a run at `at`: NOW's own by default; any other time (the bundle
 * tests seed against the real clock) gets the same distances from it, and a pending date in
 * `at`'s next billing cycle.
 */
function timesAt(at: number) {
  if (at === NOW) return { old: OLD, recent: RECENT, longAgo: LONG_AGO, nextCycle: NEXT_CYCLE }
  const shift = (iso: string) => new Date(Date.parse(iso) - NOW + at).toISOString()
  return {
    old: shift(OLD),
    recent: shift(RECENT),
    longAgo: shift(LONG_AGO),
    nextCycle: nextBillingCycleStart(new Date(at))
  }
}

/** Bodies of the writes sent, as `METHOD path names`. */
export function writeBodies(gh: FakeGitHub): { method: string; path: string; names: string[] }[] {
  return gh.requests
    .filter((r) => r.method === 'POST' || r.method === 'DELETE')
    .map((r: RequestRecord) => {
      const body = (r.body ?? {}) as { selected_usernames?: string[]; selected_teams?: string[] }
      return {
        method: r.method,
        path: r.path,
        names: body.selected_usernames ?? body.selected_teams ?? []
      }
    })
}

export const skipsOf = (text: string | undefined): { login: string; reason: string }[] =>
  JSON.parse(text ?? '[]')

/** A report file's skip as the expectations name it: the login, or `team:<slug>`. */
export const skipName = (s: { login?: string; team?: string }): string =>
  s.team !== undefined ? `team:${s.team}` : (s.login ?? '')

/** The users among expected skips (`skipped-users` lists no teams). */
export const userKeys = (skipped: Record<string, unknown>): string[] =>
  Object.keys(skipped).filter((k) => !k.startsWith('team:'))

/**
 * assign, mixed: newbie and mona_acme (EMU) get seats; pend1 is restored;
 * active1 and idle1 already hold one; ghost is not a member; team devs has two
 * members without a seat and one who holds it through devs; team core's members
 * all hold their seats through core; team nope does not exist. `fromFile` are
 * the logins the mixed run reads from `users-file`.
 */
export function seedAssignMixed(gh: FakeGitHub, at: number = NOW): void {
  const { old: OLD, recent: RECENT, longAgo: LONG_AGO, nextCycle: NEXT_CYCLE } = timesAt(at)
  gh.addMember('acme', 'newbie')
  gh.addMember('acme', 'Mona_acme')
  gh.addSeat('acme', {
    login: 'active1',
    created_at: OLD,
    last_activity_at: RECENT,
    last_activity_editor: 'vscode/1.99'
  })
  gh.addSeat('acme', { login: 'idle1', created_at: OLD, last_activity_at: LONG_AGO })
  gh.addSeat('acme', {
    login: 'pend1',
    created_at: OLD,
    last_activity_at: RECENT,
    pending_cancellation_date: NEXT_CYCLE
  })
  gh.addTeam('acme', 'devs', { members: ['t1', 't2'] })
  gh.addSeat('acme', { login: 't3', created_at: OLD, last_activity_at: RECENT, team: 'devs' })
  gh.addSeat('acme', { login: 'c1', created_at: OLD, last_activity_at: RECENT, team: 'core' })
  gh.addSeat('acme', { login: 'c2', created_at: OLD, last_activity_at: LONG_AGO, team: 'core' })
}

export const ASSIGN_MIXED_INPUTS = {
  mode: 'assign',
  users: '@newbie, ghost active1\nidle1',
  'users-file': 'seats.txt',
  teams: 'devs core nope'
} as const

export const ASSIGN_MIXED_FILES = {
  'seats.txt':
    '\uFEFF# Copilot seats\r\nmona_acme  # EMU account\r\n\r\n@PEND1\r\nnewbie, idle1\r\n'
}

export const ASSIGN_MIXED_EXPECTED = {
  assigned: ['newbie', 'mona_acme', 'pend1', 't1', 't2'],
  usersBody: ['newbie', 'mona_acme', 'pend1'],
  skipped: {
    ghost: /^not a member of org acme .*Fix: invite them to the org first/,
    active1: /^already holds a seat; not re-sent/,
    idle1: /^already holds a seat; not re-sent/,
    'team:core': /every member already holds a seat through this team; not re-sent/,
    'team:nope': /team "nope" not found in org acme\. Fix: use the team's slug/
  } as Record<string, RegExp>,
  failing: ['ghost', 'team:nope']
}

/**
 * revoke, mixed: r1 and r2 (direct) are cancelled; nos has no seat; pend is
 * already pending; viateam holds a seat through team eng; boss is in
 * exclude-users; sec1 is in the protected team security; team ops cancels o1
 * and o2 (o3 holds a direct seat and keeps it); team infra has boss as a
 * member, so it is refused whole.
 */
export function seedRevokeMixed(gh: FakeGitHub, at: number = NOW): void {
  const { old: OLD, recent: RECENT, longAgo: LONG_AGO, nextCycle: NEXT_CYCLE } = timesAt(at)
  for (const login of ['r1', 'r2', 'boss', 'sec1', 'o3'])
    gh.addSeat('acme', { login, created_at: OLD, last_activity_at: RECENT })
  gh.addMember('acme', 'nos')
  gh.addSeat('acme', {
    login: 'pend',
    created_at: OLD,
    last_activity_at: RECENT,
    pending_cancellation_date: NEXT_CYCLE
  })
  gh.addSeat('acme', { login: 'viateam', created_at: OLD, last_activity_at: RECENT, team: 'eng' })
  gh.addTeam('acme', 'security', { members: ['sec1', 'secguard'] })
  gh.addSeat('acme', { login: 'o1', created_at: OLD, last_activity_at: RECENT, team: 'ops' })
  gh.addSeat('acme', { login: 'o2', created_at: OLD, last_activity_at: LONG_AGO, team: 'ops' })
  gh.addTeam('acme', 'ops', { members: ['o3'] })
  gh.addSeat('acme', { login: 'i1', created_at: OLD, last_activity_at: RECENT, team: 'infra' })
  gh.addTeam('acme', 'infra', { members: ['boss'] })
}

export const REVOKE_MIXED_INPUTS = {
  mode: 'revoke',
  users: 'r1 r2 nos pend viateam boss sec1',
  teams: 'ops infra',
  'exclude-users': 'boss',
  'exclude-teams': 'security'
} as const

export const REVOKE_MIXED_EXPECTED = {
  cancelled: ['r1', 'r2', 'o1', 'o2'],
  skipped: {
    nos: /^no seat$/,
    pend: /^already pending cancellation until 2026-06-01$/,
    viateam:
      /seat granted via team eng; GitHub cannot cancel it per user\. Fix: remove them from team eng, or revoke the team/,
    boss: /^protected \(in exclude-users\); not cancelled/,
    sec1: /^protected \(member of protected team security\); not cancelled/,
    'team:infra': /refused as a whole: revoking the team would cancel protected members \(boss\)/
  } as Record<string, RegExp>,
  failing: ['viateam', 'boss', 'sec1', 'team:infra'],
  /** never in any DELETE body */
  neverSent: ['nos', 'pend', 'viateam', 'boss', 'sec1', 'infra', 'i1', 'o3']
}
