// An enterprise with every routing case of SPEC.md's Enterprise section, for the
// in-process and the bundle tests. Times are relative to the audit tests' NOW.
import {
  enterpriseApi,
  nextBillingCycleStart,
  type FakeGitHub,
  type SeatJson
} from '../../fake/index.js'
import { NEXT_CYCLE, NOW } from './audit-fixtures.js'

export { NEXT_CYCLE, NOW }
export const ENT = 'ent'

type Extra = { team?: string; pending_cancellation_date?: string }

/** Seats used `days` days before `now`, granted a year before it. */
export function usedAt(now: number) {
  const before = (days: number) => new Date(now - days * 86_400_000).toISOString()
  return (days: number, extra: Extra = {}) => ({
    created_at: before(365),
    last_activity_at: before(days),
    last_authenticated_at: before(days),
    last_activity_editor: 'vscode/1.99.0/copilot/1.300.0',
    ...extra
  })
}

/** Activity `days` days before NOW on a seat granted a year before it. */
export const used = usedAt(NOW)

/**
 * Orgs o1, o2, o3 and an enterprise team `eng` (name "Engineering"), with one user per case:
 * - ent-only: an enterprise-only account (no org), its enterprise-direct row idle;
 * - one-org: granted by org o1 only, idle;
 * - multi: granted by o1 and o2 directly and by enterprise team eng, idle in every row;
 * - mixed: idle in o1, active in o2 (so not idle);
 * - blocked: granted by o3 only, idle (tests make o3 answer 403 to the cancel);
 * - half-pending: o1's row already pending, the enterprise-direct row idle;
 * - team-only: granted by team red of org o2 only, idle;
 * - busy: active in o2.
 */
export function enterpriseWorld(
  gh: FakeGitHub,
  options: { unassign?: 'pending' | 'immediate'; now?: number } = {}
) {
  const used = usedAt(options.now ?? NOW)
  const pending = nextBillingCycleStart(new Date(options.now ?? NOW))
  gh.use(enterpriseApi())
  for (const org of ['o1', 'o2', 'o3']) gh.addOrg(org, { plan_type: 'business' })
  gh.addEnterprise(ENT, { orgs: ['o1', 'o2', 'o3'], unassign: options.unassign ?? 'pending' })
  gh.addEnterpriseMember(ENT, 'ent-only')
  gh.addEnterpriseSeat(ENT, { login: 'ent-only', ...used(50) })
  gh.addSeat('o1', { login: 'one-org', ...used(45) })
  gh.addSeat('o1', { login: 'multi', ...used(60) })
  gh.addSeat('o2', { login: 'multi', ...used(40) })
  gh.addEnterpriseTeam(ENT, 'eng', { name: 'Engineering', members: ['multi'], copilot: true })
  gh.addEnterpriseSeat(ENT, { login: 'multi', team: 'ent:eng', ...used(70) })
  gh.addSeat('o1', { login: 'mixed', ...used(60) })
  gh.addSeat('o2', { login: 'mixed', ...used(2) })
  gh.addSeat('o3', { login: 'blocked', ...used(33) })
  gh.addSeat('o1', {
    login: 'half-pending',
    ...used(80, { pending_cancellation_date: pending })
  })
  gh.addEnterpriseSeat(ENT, { login: 'half-pending', ...used(55) })
  gh.addSeat('o2', { login: 'team-only', ...used(65, { team: 'red' }) })
  gh.addSeat('o2', { login: 'busy', ...used(1) })
  return gh
}

/** A row as "org:o1", "team:ent:eng" or "direct", with "@date" when pending. */
export function rowLabel(s: SeatJson): string {
  const by = s.organization
    ? `org:${s.organization.login}`
    : s.assigning_team
      ? `team:${s.assigning_team.slug}`
      : 'direct'
  return s.pending_cancellation_date ? `${by}@${s.pending_cancellation_date}` : by
}

/** Each row of a user in enterprise `ent`, labelled by `rowLabel`. */
export function rowsOf(gh: FakeGitHub, login: string): string[] {
  return gh.enterpriseRows(ENT, login).map(rowLabel)
}

export const FORBIDDEN_BODY = {
  message: 'Must be an organization owner or have the manage_billing:copilot scope.',
  documentation_url: 'https://docs.github.com/rest/copilot/copilot-user-management'
}

/** Org o3 refuses every cancel: 403 with FORBIDDEN_BODY, as GitHub answers without the scope. */
export function o3RefusesCancels(gh: FakeGitHub): FakeGitHub {
  gh.fault({
    method: 'DELETE',
    path: '/orgs/o3/copilot/billing/selected_users',
    status: 403,
    times: Infinity,
    body: FORBIDDEN_BODY
  })
  return gh
}

/**
 * Requests in order, with each run of reads between two writes sorted: look-ups are sent
 * concurrently, so their order among themselves is not part of the contract.
 */
export function requestLog(lines: string[]): string[] {
  const out: string[] = []
  let reads: string[] = []
  for (const line of lines) {
    if (line.startsWith('GET ')) reads.push(line)
    else {
      out.push(...reads.sort(), line)
      reads = []
    }
  }
  return [...out, ...reads.sort()]
}
