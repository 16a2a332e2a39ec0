// Bad inputs, through the runner's INPUT_* path: each fails the step with one
// `::error::` naming the input (what was given, what is allowed), sets the
// outputs, and sends no request at all.
import { describe, expect, it } from 'vitest'
import { json, mswServer, runAction, type RunInputs } from '../support/harness.js'

const { useFake } = mswServer()

interface Row {
  name: string
  inputs: RunInputs
  /** The input the error must name. */
  input: string
  /** More the message must say (the value given, what is allowed, a line number...). */
  says?: RegExp
  files?: Record<string, string>
}

const long = 'a'.repeat(40)

const rows: Row[] = [
  // mode
  {
    name: 'unknown mode',
    inputs: { mode: 'delete' },
    input: 'mode',
    says: /"delete".*assign, revoke, audit or report/
  },
  {
    name: 'empty mode',
    inputs: { mode: '' },
    input: 'mode',
    says: /assign, revoke, audit or report/
  },
  { name: 'mode in capitals', inputs: { mode: 'REPORT' }, input: 'mode' },
  // inactive-days
  {
    name: 'inactive-days not a number',
    inputs: { mode: 'report', 'inactive-days': 'thirty' },
    input: 'inactive-days',
    says: /"thirty".*whole number from 1 to 3650/
  },
  {
    name: 'inactive-days zero',
    inputs: { mode: 'report', 'inactive-days': '0' },
    input: 'inactive-days',
    says: /got 0; allowed: a whole number from 1 to 3650/
  },
  {
    name: 'inactive-days negative',
    inputs: { mode: 'audit', 'inactive-days': '-5' },
    input: 'inactive-days',
    says: /"-5"/
  },
  {
    name: 'inactive-days over 3650',
    inputs: { mode: 'audit', 'inactive-days': '3651' },
    input: 'inactive-days',
    says: /3651/
  },
  {
    name: 'inactive-days not an integer',
    inputs: { mode: 'report', 'inactive-days': '7.5' },
    input: 'inactive-days',
    says: /"7\.5"/
  },
  // booleans outside getBooleanInput's spellings
  {
    name: 'reclaim: yes',
    inputs: { mode: 'audit', reclaim: 'yes' },
    input: 'reclaim',
    says: /"yes".*true, True, TRUE, false, False or FALSE/
  },
  { name: 'reclaim: 1', inputs: { mode: 'audit', reclaim: '1' }, input: 'reclaim', says: /"1"/ },
  { name: 'reclaim: on', inputs: { mode: 'audit', reclaim: 'on' }, input: 'reclaim', says: /"on"/ },
  {
    name: 'dry-run: yes',
    inputs: { mode: 'report', 'dry-run': 'yes' },
    input: 'dry-run',
    says: /"yes"/
  },
  {
    name: 'dry-run: 1',
    inputs: { mode: 'revoke', users: 'alice', 'dry-run': '1' },
    input: 'dry-run',
    says: /"1"/
  },
  {
    name: 'job-summary: on',
    inputs: { mode: 'report', 'job-summary': 'on' },
    input: 'job-summary',
    says: /"on"/
  },
  {
    name: 'job-summary: tRUE',
    inputs: { mode: 'report', 'job-summary': 'tRUE' },
    input: 'job-summary'
  },
  // logins
  {
    name: 'login with invalid characters',
    inputs: { mode: 'assign', users: 'alice, b!ob' },
    input: 'users',
    says: /"b!ob" is not a GitHub login/
  },
  {
    name: 'login over 39 characters',
    inputs: { mode: 'assign', users: long },
    input: 'users',
    says: /longer than 39 characters \(40\)/
  },
  {
    name: 'login with a double hyphen',
    inputs: { mode: 'revoke', users: 'mona--lisa' },
    input: 'users',
    says: /double hyphen/
  },
  {
    name: 'login starting with a hyphen',
    inputs: { mode: 'revoke', users: '-mona' },
    input: 'users',
    says: /starts or ends with a hyphen/
  },
  {
    name: 'login ending with a hyphen',
    inputs: { mode: 'assign', users: 'mona-' },
    input: 'users',
    says: /starts or ends with a hyphen/
  },
  {
    name: 'exclude-users with invalid characters',
    inputs: { mode: 'audit', 'exclude-users': 'ok-user, bad$user' },
    input: 'exclude-users',
    says: /"bad\$user"/
  },
  {
    name: 'exclude-users with a double hyphen',
    inputs: { mode: 'revoke', users: 'alice', 'exclude-users': 'x--y' },
    input: 'exclude-users',
    says: /double hyphen/
  },
  {
    name: 'exclude-users over 39 characters',
    inputs: { mode: 'audit', 'exclude-users': long },
    input: 'exclude-users',
    says: /longer than 39/
  },
  // team slugs
  {
    name: 'team slug with invalid characters',
    inputs: { mode: 'assign', teams: 'core/admins' },
    input: 'teams',
    says: /"core\/admins" is not a team slug/
  },
  {
    name: 'team slug starting with a hyphen',
    inputs: { mode: 'revoke', teams: '-core' },
    input: 'teams',
    says: /not a team slug/
  },
  {
    name: 'exclude-teams slug with invalid characters',
    inputs: { mode: 'audit', 'exclude-teams': 'ops!' },
    input: 'exclude-teams',
    says: /"ops!"/
  },
  // users-file
  {
    name: 'users-file missing',
    inputs: { mode: 'assign', 'users-file': 'seats.txt' },
    input: 'users-file',
    says: /cannot read "seats\.txt" \(ENOENT\).*actions\/checkout/
  },
  {
    name: 'users-file is a directory',
    inputs: { mode: 'revoke', 'users-file': 'config' },
    input: 'users-file',
    says: /\(EISDIR\).*directory/,
    files: { 'config/seats.txt': 'alice\n' }
  },
  {
    name: 'users-file outside the workspace (../)',
    inputs: { mode: 'assign', 'users-file': '../seats.txt' },
    input: 'users-file',
    says: /"\.\.\/seats\.txt", which is outside the workspace/
  },
  {
    name: 'users-file escaping through a subfolder',
    inputs: { mode: 'assign', 'users-file': 'a/../../x' },
    input: 'users-file',
    says: /outside the workspace/
  },
  {
    name: 'users-file absolute path',
    inputs: { mode: 'revoke', 'users-file': '/etc/passwd' },
    input: 'users-file',
    says: /"\/etc\/passwd", which is outside the workspace/
  },
  {
    name: 'users-file with a bad line',
    inputs: { mode: 'assign', 'users-file': '.github/seats.txt' },
    input: 'users-file',
    says: /line 4 of \.github\/seats\.txt: "bad!name" is not a GitHub login/,
    files: { '.github/seats.txt': '\uFEFFalice\r\nbob, carol # team A\r\n\r\nbad!name\r\n' }
  },
  // targets
  {
    name: 'assign without a target',
    inputs: { mode: 'assign' },
    input: 'users',
    says: /mode `assign` needs at least one target: set `users`, `users-file` or `teams`/
  },
  {
    name: 'revoke without a target',
    inputs: { mode: 'revoke' },
    input: 'users',
    says: /mode `revoke` needs at least one target/
  },
  {
    name: 'revoke with only separators as users',
    inputs: { mode: 'revoke', users: ' , ,\n' },
    input: 'users',
    says: /needs at least one target/
  },
  // inputs set in a mode they do not apply to
  {
    name: 'users in report',
    inputs: { mode: 'report', users: 'alice' },
    input: 'users',
    says: /does not apply to mode `report` \(it applies to assign and revoke\)/
  },
  {
    name: 'teams in audit',
    inputs: { mode: 'audit', teams: 'core' },
    input: 'teams',
    says: /does not apply to mode `audit`/
  },
  {
    name: 'users-file in audit',
    inputs: { mode: 'audit', 'users-file': 'seats.txt' },
    input: 'users-file',
    says: /does not apply to mode `audit`/,
    files: { 'seats.txt': 'alice\n' }
  },
  {
    name: 'reclaim in report',
    inputs: { mode: 'report', reclaim: 'true' },
    input: 'reclaim',
    says: /does not apply to mode `report` \(it applies to audit\)/
  },
  {
    name: 'reclaim in revoke',
    inputs: { mode: 'revoke', users: 'alice', reclaim: 'True' },
    input: 'reclaim'
  },
  {
    name: 'exclude-users in assign',
    inputs: { mode: 'assign', users: 'alice', 'exclude-users': 'bob' },
    input: 'exclude-users',
    says: /does not apply to mode `assign`/
  },
  {
    name: 'exclude-teams in report',
    inputs: { mode: 'report', 'exclude-teams': 'core' },
    input: 'exclude-teams'
  },
  {
    name: 'max-assignments in revoke',
    inputs: { mode: 'revoke', users: 'alice', 'max-assignments': '5' },
    input: 'max-assignments',
    says: /"5" but does not apply to mode `revoke` \(it applies to assign\)/
  },
  {
    name: 'max-cancellations in assign',
    inputs: { mode: 'assign', users: 'alice', 'max-cancellations': '5' },
    input: 'max-cancellations'
  },
  {
    name: 'enterprise in assign',
    inputs: { mode: 'assign', users: 'alice', enterprise: 'acme-corp' },
    input: 'enterprise',
    says: /does not apply to mode `assign` \(it applies to report and audit\)/
  },
  {
    name: 'enterprise in revoke',
    inputs: { mode: 'revoke', users: 'alice', enterprise: 'acme-corp' },
    input: 'enterprise'
  },
  // combinations
  {
    name: 'a team both targeted and excluded',
    inputs: { mode: 'revoke', teams: 'core, web', 'exclude-teams': 'Core' },
    input: 'exclude-teams',
    says: /"core" is both in `teams` and `exclude-teams`/
  },
  {
    name: 'reclaim with enterprise',
    inputs: { mode: 'audit', reclaim: 'true', enterprise: 'acme-corp' },
    input: 'reclaim',
    says: /cannot be true with `enterprise`/
  },
  // numbers
  {
    name: 'seat-cost not a number',
    inputs: { mode: 'report', 'seat-cost': '19 USD' },
    input: 'seat-cost',
    says: /"19 USD".*a number such as 19 or 39\.5/
  },
  {
    name: 'seat-cost negative',
    inputs: { mode: 'report', 'seat-cost': '-19' },
    input: 'seat-cost',
    says: /"-19"/
  },
  {
    name: 'seat-cost with a comma',
    inputs: { mode: 'audit', 'seat-cost': '19,5' },
    input: 'seat-cost'
  },
  {
    name: 'max-cancellations negative',
    inputs: { mode: 'audit', 'max-cancellations': '-1' },
    input: 'max-cancellations',
    says: /"-1".*whole number from 0/
  },
  {
    name: 'max-cancellations not an integer',
    inputs: { mode: 'revoke', users: 'alice', 'max-cancellations': '2.5' },
    input: 'max-cancellations'
  },
  {
    name: 'max-assignments not a number',
    inputs: { mode: 'assign', users: 'alice', 'max-assignments': 'lots' },
    input: 'max-assignments',
    says: /"lots"/
  },
  // org and token
  {
    name: 'org with invalid characters',
    inputs: { mode: 'report', org: 'acme corp' },
    input: 'org',
    says: /"acme corp"/
  },
  { name: 'org left as the unexpanded default', inputs: { mode: 'report', org: '' }, input: 'org' },
  {
    name: 'empty token',
    inputs: { mode: 'report', token: '' },
    input: 'token',
    says: /GITHUB_TOKEN cannot manage Copilot seats/
  },
  {
    name: 'bad enterprise slug',
    inputs: { mode: 'report', enterprise: 'acme corp!' },
    input: 'enterprise'
  }
]

describe('bad inputs: one error naming the input, and no request', () => {
  it('has at least 30 rows', () => expect(rows.length).toBeGreaterThanOrEqual(30))

  it.each(rows.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const gh = useFake()
    gh.addMember('acme', 'alice')
    gh.addSeat('acme', { login: 'alice', created_at: '2026-01-01T00:00:00Z' })
    const r = await runAction(row.inputs, { workspaceFiles: row.files })
    expect(r.exitCode).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(new RegExp(`^Input \`${row.input}\`: `))
    if (row.says) expect(r.errors[0]).toMatch(row.says)
    expect(gh.requests).toEqual([])
    // Outputs are still all set, to their empty values.
    expect(r.outputs['total-seats']).toBe('0')
    expect(json(r.outputs['cancelled-users'])).toEqual([])
    expect(json(r.outputs['skipped-users'])).toEqual([])
  })
})

describe('inputs that look unusual but are valid', () => {
  it('reclaim: FALSE (and other default-equivalent values) in report is fine', async () => {
    const gh = useFake()
    gh.addSeat('acme', { login: 'alice', created_at: '2026-01-01T00:00:00Z' })
    const r = await runAction({
      mode: 'report',
      reclaim: 'FALSE',
      'max-cancellations': '0100',
      'max-assignments': '100',
      'dry-run': 'False',
      'job-summary': 'TRUE'
    })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(r.outputs['total-seats']).toBe('1')
    expect(gh.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      'GET /orgs/acme/copilot/billing/seats'
    ])
  })

  it('EMU logins (mona_acme) are accepted, from users and from users-file, with @ and mixed case', async () => {
    const gh = useFake()
    for (const l of ['mona_acme', 'hubot_acme', 'octo-cat_acme']) gh.addMember('acme', l)
    const r = await runAction(
      { mode: 'assign', users: '@Mona_ACME, hubot_acme', 'users-file': 'seats.txt' },
      { workspaceFiles: { 'seats.txt': 'octo-cat_acme  # EMU\n' } }
    )
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(json<string[]>(r.outputs['assigned-users']).sort()).toEqual([
      'hubot_acme',
      'mona_acme',
      'octo-cat_acme'
    ])
    for (const l of ['mona_acme', 'hubot_acme', 'octo-cat_acme'])
      expect(gh.seat('acme', l)).toBeDefined()
    expect(
      gh.requests
        .filter((q) => q.method === 'POST')
        .map((q) => (q.body as { selected_usernames: string[] }).selected_usernames.sort())
    ).toEqual([['hubot_acme', 'mona_acme', 'octo-cat_acme']])
  })
})
