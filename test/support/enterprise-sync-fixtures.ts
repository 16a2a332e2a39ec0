// sync at enterprise scope, its main scenario, shared by the in-process and the
// bundled runs: a listed user in each state (direct row, none, pending, only an
// org's row, a row through an enterprise team that is not listed), a listed
// enterprise team that does not grant yet, and rows the list no longer covers
// (direct, direct beside an org's, an org's only, protected, an unlisted team's).
import { enterpriseApi, nextBillingCycleStart, type FakeGitHub } from '../../fake/index.js'
import { ENT, NOW, usedAt } from './enterprise-fixtures.js'

export const ENT_SYNC_INPUTS = {
  mode: 'sync',
  enterprise: ENT,
  users: 'keep-direct, newbie, back, via-org, moved',
  teams: 'eng',
  'exclude-users': 'guard'
} as const

/**
 * Listed: keep-direct (direct row: nothing to do), newbie (no row: new), back (direct row
 * pending: restored), via-org (only org o1's row: given a direct row, no billing change), moved
 * (through enterprise team old, which is not listed: given a direct row before old is removed).
 * Enterprise team eng (Engineering) is listed and does not grant yet: e1 has no row, so eng is
 * sent; keep-direct, its other member, keeps the direct row.
 * Not listed: leaver (direct: cancelled), leaver-org (direct, cancelled, and org o2's row,
 * reported), org-only (org o1's row: reported, never changed), guard (direct, protected),
 * o-1 (through old, which is removed).
 */
export function enterpriseSyncWorld(gh: FakeGitHub, options: { now?: number } = {}): FakeGitHub {
  const now = options.now ?? NOW
  const used = usedAt(now)
  const pending = nextBillingCycleStart(new Date(now))
  gh.use(enterpriseApi())
  for (const org of ['o1', 'o2']) gh.addOrg(org, { plan_type: 'business' })
  gh.addEnterprise(ENT, { orgs: ['o1', 'o2'] })
  gh.addEnterpriseSeat(ENT, { login: 'keep-direct', ...used(3) })
  gh.addEnterpriseMember(ENT, 'newbie')
  gh.addEnterpriseMember(ENT, 'back')
  gh.addEnterpriseSeat(ENT, { login: 'back', ...used(40, { pending_cancellation_date: pending }) })
  gh.addSeat('o1', { login: 'via-org', ...used(2) })
  gh.addEnterpriseSeat(ENT, { login: 'leaver', ...used(5) })
  gh.addEnterpriseSeat(ENT, { login: 'leaver-org', ...used(6) })
  gh.addSeat('o2', { login: 'leaver-org', ...used(6) })
  gh.addSeat('o1', { login: 'org-only', ...used(10) })
  gh.addEnterpriseSeat(ENT, { login: 'guard', ...used(8) })
  gh.addEnterpriseTeam(ENT, 'eng', { name: 'Engineering', members: ['e1', 'keep-direct'] })
  gh.addEnterpriseTeam(ENT, 'old', { name: 'Old Guard', members: ['moved', 'o-1'], copilot: true })
  gh.addEnterpriseSeat(ENT, { login: 'moved', team: 'ent:old', ...used(4) })
  gh.addEnterpriseSeat(ENT, { login: 'o-1', team: 'ent:old', ...used(4) })
  return gh
}

export const ENT_SYNC_EXPECTED = {
  /** Method, path, and the names each write carried. */
  writes: [
    'POST /enterprises/ent/copilot/billing/selected_users ["newbie","back","via-org","moved"]',
    'POST /enterprises/ent/copilot/billing/selected_enterprise_teams ["Engineering"]',
    'DELETE /enterprises/ent/copilot/billing/selected_users ["leaver","leaver-org"]',
    'DELETE /enterprises/ent/copilot/billing/selected_enterprise_teams ["Old Guard"]'
  ],
  assigned: ['newbie', 'back', 'e1', 'via-org', 'moved'],
  cancelled: ['leaver', 'leaver-org', 'o-1']
}
