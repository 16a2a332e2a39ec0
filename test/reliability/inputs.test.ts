// Bad inputs, through the runner's INPUT_* path: each fails the step with one
// `::error::` naming the input (what was given, what is allowed), sets the
// outputs, and sends no request at all.
import { describe, expect, it } from 'vitest'
import { API, json, mswServer, runAction, type RunInputs } from '../support/harness.js'

const { useFake } = mswServer()

interface Row {
  name: string
  inputs: RunInputs
  /** The input the error must name. */
  input: string
  /** More the message must say (the value given, what is allowed, a line number...). */
  says?: RegExp
  files?: Record<string, string | Uint8Array>
  env?: Record<string, string>
}

const long = 'a'.repeat(40)

const rows: Row[] = [
  // mode
  {
    name: 'unknown mode',
    inputs: { mode: 'delete' },
    input: 'mode',
    says: /"delete".*assign, revoke, sync, audit or report/
  },
  {
    name: 'empty mode',
    inputs: { mode: '' },
    input: 'mode',
    says: /assign, revoke, sync, audit or report/
  },
  { name: 'mode in capitals', inputs: { mode: 'REPORT' }, input: 'mode' },
  // inactive-days
  {
    name: 'inactive-days not a number',
    inputs: { mode: 'report', 'inactive-days': 'thirty' },
    input: 'inactive-days',
    says: /"thirty".*whole number from 1 to 90/
  },
  {
    name: 'inactive-days zero',
    inputs: { mode: 'report', 'inactive-days': '0' },
    input: 'inactive-days',
    says: /got 0; allowed: a whole number from 1 to 90/
  },
  {
    name: 'inactive-days negative',
    inputs: { mode: 'audit', 'inactive-days': '-5' },
    input: 'inactive-days',
    says: /"-5"/
  },
  {
    name: 'inactive-days over 90: GitHub keeps 90 days of activity',
    inputs: { mode: 'audit', 'inactive-days': '91' },
    input: 'inactive-days',
    says: /got 91; allowed: a whole number from 1 to 90\. GitHub keeps a seat's activity for 90 days only/
  },
  {
    name: 'inactive-days 3650 (allowed before the retention bound)',
    inputs: { mode: 'report', 'inactive-days': '3650' },
    input: 'inactive-days',
    says: /cannot be measured/
  },
  {
    name: 'inactive-days of 400 digits',
    inputs: { mode: 'report', 'inactive-days': '9'.repeat(400) },
    input: 'inactive-days',
    says: /got 9{17}\.\.\. \(400 digits\); allowed/
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
    says: /"a{40}" is longer than 39 characters \(40\)/
  },
  {
    name: 'login with a Kelvin sign (lower-cases to an ASCII k)',
    inputs: { mode: 'assign', users: '\u212Aate' },
    input: 'users',
    says: /"\\u212Aate" contains a character that is not plain ASCII/
  },
  {
    name: 'login with a Cyrillic look-alike',
    inputs: { mode: 'revoke', users: 'mon\u0430' },
    input: 'users',
    says: /not plain ASCII/
  },
  {
    name: 'exclude-users with a Kelvin sign',
    inputs: { mode: 'audit', 'exclude-users': 'mar\u212A' },
    input: 'exclude-users',
    says: /not plain ASCII/
  },
  {
    name: 'EMU suffix of 500 characters',
    inputs: { mode: 'assign', users: `mona_${'x'.repeat(500)}` },
    input: 'users',
    says: /suffix of 500 characters after "_".*1-20 letters or digits/
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
    name: 'team slug with a Kelvin sign',
    inputs: { mode: 'assign', teams: '\u212Aernel' },
    input: 'teams',
    says: /not plain ASCII/
  },
  {
    name: 'enterprise team (ent:) without enterprise',
    inputs: { mode: 'assign', teams: 'ent:platform' },
    input: 'teams',
    says: /needs `enterprise`/
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
    says: /"config" is a directory, not a file/,
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
    name: 'users-file inside the workspace through a folder, then out',
    inputs: { mode: 'sync', 'users-file': 'seats/../../../etc/passwd' },
    input: 'users-file',
    says: /outside the workspace/
  },
  {
    name: 'users-file with a bad line',
    inputs: { mode: 'assign', 'users-file': '.github/seats.txt' },
    input: 'users-file',
    says: /line 4 of \.github\/seats\.txt: "bad!name" is not a GitHub login/,
    files: { '.github/seats.txt': '\uFEFFalice\r\nbob, carol # team A\r\n\r\nbad!name\r\n' }
  },
  {
    name: 'users-file with an EMU suffix of 500 characters',
    inputs: { mode: 'assign', 'users-file': 'seats.txt' },
    input: 'users-file',
    says: /^Input `users-file`: line 2 of seats\.txt: an entry \(not shown\) has a managed-user suffix of 500/,
    files: { 'seats.txt': `alice\nmona_${'x'.repeat(500)}\n` }
  },
  {
    name: 'users-file with a Kelvin sign, shown as "?"',
    inputs: { mode: 'assign', 'users-file': 'seats.txt' },
    input: 'users-file',
    says: /line 1 of seats\.txt: "\?ate" contains a character that is not plain ASCII/,
    files: { 'seats.txt': '\u212Aate\n' }
  },
  {
    name: 'users-file that lists nobody (assign)',
    inputs: { mode: 'assign', 'users-file': 'seats.txt' },
    input: 'users-file',
    says: /"seats\.txt" lists no logins and `users` and `teams` are empty: mode `assign` needs at least one target/,
    files: { 'seats.txt': '# everyone left\n\n' }
  },
  {
    name: 'users-file that lost its lines (sync: an empty desired state)',
    inputs: { mode: 'sync', 'users-file': 'seats.txt' },
    input: 'users-file',
    says: /mode `sync` needs at least one target \(an empty desired state would cancel every seat/,
    files: { 'seats.txt': '' }
  },
  {
    name: 'users-file over 5 MB',
    inputs: { mode: 'assign', 'users-file': 'seats.txt' },
    input: 'users-file',
    says: /"seats\.txt" is 5,242,881 bytes; the limit is 5 MB \(5,242,880 bytes\)/,
    files: { 'seats.txt': 'a\n'.repeat(2_621_440) + 'b' }
  },
  {
    name: 'users-file in UTF-16 (byte-order mark FF FE)',
    inputs: { mode: 'assign', 'users-file': 'seats.txt' },
    input: 'users-file',
    says: /^Input `users-file`: "seats\.txt" is UTF-16 text or binary \(a UTF-16 byte-order mark\); save it as UTF-8$/,
    files: {
      'seats.txt': Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('alice\r\nbad!\r\n', 'utf16le')
      ])
    }
  },
  {
    name: 'users-file in UTF-16 big-endian (FE FF)',
    inputs: { mode: 'assign', 'users-file': 'seats.txt' },
    input: 'users-file',
    says: /save it as UTF-8$/,
    files: {
      'seats.txt': Buffer.concat([
        Buffer.from([0xfe, 0xff]),
        Buffer.from('alice\n', 'utf16le').swap16()
      ])
    }
  },
  {
    name: 'users-file in UTF-16 without a byte-order mark (NUL bytes)',
    inputs: { mode: 'revoke', 'users-file': 'seats.txt' },
    input: 'users-file',
    says: /\(it contains NUL bytes\); save it as UTF-8$/,
    files: { 'seats.txt': Buffer.from('alice\nbob\n', 'utf16le') }
  },
  {
    name: 'users-file in Latin-1',
    inputs: { mode: 'assign', 'users-file': 'seats.txt' },
    input: 'users-file',
    says: /"seats\.txt" is not UTF-8 text \(line 2 has bytes that are not UTF-8.*save it as UTF-8$/,
    files: { 'seats.txt': Buffer.from('alice\nm\xfcller\n', 'latin1') }
  },
  {
    name: 'users-file with a secret on a line: line number only',
    inputs: { mode: 'assign', 'users-file': 'seats.txt' },
    input: 'users-file',
    says: /^Input `users-file`: line 2 of seats\.txt: an entry \(not shown\) is not a GitHub login[^=]*$/,
    files: { 'seats.txt': 'alice\nAPI_KEY=sk-live-0123456789abcdef\n' }
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
  {
    name: 'sync without a target',
    inputs: { mode: 'sync' },
    input: 'users',
    says: /mode `sync` needs at least one target: set `users`, `users-file` or `teams` \(an empty desired state/
  },
  // inputs set in a mode they do not apply to
  {
    name: 'users in report',
    inputs: { mode: 'report', users: 'alice' },
    input: 'users',
    says: /does not apply to mode `report` \(it applies to assign, revoke and sync\)/
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
    says: /"5" but does not apply to mode `revoke` \(it applies to assign and sync\)/
  },
  {
    name: 'max-cancellations in assign',
    inputs: { mode: 'assign', users: 'alice', 'max-cancellations': '5' },
    input: 'max-cancellations'
  },
  {
    name: 'max-assignments in audit',
    inputs: { mode: 'audit', 'max-assignments': '5' },
    input: 'max-assignments',
    says: /\(it applies to assign and sync\)/
  },
  {
    name: 'notify in report',
    inputs: { mode: 'report', notify: 'issue' },
    input: 'notify',
    says: /does not apply to mode `report` \(it applies to audit\)/
  },
  {
    name: 'grace-days in revoke',
    inputs: { mode: 'revoke', users: 'alice', 'grace-days': '14' },
    input: 'grace-days'
  },
  {
    name: 'notify-repo other than the workflow repository, in report',
    inputs: { mode: 'report', 'notify-repo': 'acme/other' },
    input: 'notify-repo',
    says: /"acme\/other" but does not apply to mode `report`/,
    env: { GITHUB_REPOSITORY: 'acme/seats' }
  },
  {
    name: 'usage-metrics in assign',
    inputs: { mode: 'assign', users: 'alice', 'usage-metrics': 'false' },
    input: 'usage-metrics',
    says: /\(it applies to report and audit\)/
  },
  {
    name: 'pr-comment in audit',
    inputs: { mode: 'audit', 'pr-comment': 'true' },
    input: 'pr-comment',
    says: /\(it applies to assign, revoke and sync\)/
  },
  {
    name: 'exclude-teams in assign',
    inputs: { mode: 'assign', users: 'alice', 'exclude-teams': 'core' },
    input: 'exclude-teams',
    says: /\(it applies to revoke, sync and audit\)/
  },
  // combinations
  {
    name: 'a team both targeted and excluded',
    inputs: { mode: 'revoke', teams: 'core, web', 'exclude-teams': 'Core' },
    input: 'exclude-teams',
    says: /"core" is both in `teams` and `exclude-teams`/
  },
  {
    name: 'notify: issue without a repository (GITHUB_REPOSITORY unset)',
    inputs: { mode: 'audit', notify: 'issue' },
    input: 'notify-repo',
    says: /`notify: issue` needs the owner\/name of the repository/,
    env: { GITHUB_REPOSITORY: '' }
  },
  {
    name: 'notify: issue with notify-repo not owner/name',
    inputs: { mode: 'audit', notify: 'issue', 'notify-repo': 'just-a-name' },
    input: 'notify-repo',
    says: /"just-a-name"; allowed: the owner\/name of a repository/
  },
  {
    name: 'notify-repo with a path segment ..',
    inputs: { mode: 'audit', notify: 'issue', 'notify-repo': 'acme/..' },
    input: 'notify-repo'
  },
  // the new single-value inputs
  {
    name: 'notify: email',
    inputs: { mode: 'audit', notify: 'email' },
    input: 'notify',
    says: /"email"; allowed: none or issue/
  },
  {
    name: 'notify in capitals',
    inputs: { mode: 'audit', notify: 'ISSUE' },
    input: 'notify'
  },
  {
    name: 'grace-days 1',
    inputs: { mode: 'audit', 'grace-days': '1' },
    input: 'grace-days',
    says: /got 1; allowed: a whole number from 2 to 60/
  },
  {
    name: 'grace-days 61',
    inputs: { mode: 'audit', 'grace-days': '61' },
    input: 'grace-days',
    says: /got 61; allowed: a whole number from 2 to 60/
  },
  {
    name: 'grace-days not a number',
    inputs: { mode: 'audit', 'grace-days': 'a week' },
    input: 'grace-days',
    says: /"a week"/
  },
  {
    name: 'usage-metrics: yes',
    inputs: { mode: 'report', 'usage-metrics': 'yes' },
    input: 'usage-metrics',
    says: /"yes"; allowed: auto, true or false/
  },
  {
    name: 'usage-metrics: AUTO',
    inputs: { mode: 'audit', 'usage-metrics': 'AUTO' },
    input: 'usage-metrics'
  },
  {
    name: 'pr-comment: yes',
    inputs: { mode: 'assign', users: 'alice', 'pr-comment': 'yes' },
    input: 'pr-comment',
    says: /"yes".*true, True, TRUE, false, False or FALSE/
  },
  {
    name: 'pr-comment: tRUE',
    inputs: { mode: 'revoke', users: 'alice', 'pr-comment': 'tRUE' },
    input: 'pr-comment'
  },
  {
    name: 'github-api-url without a scheme',
    inputs: { mode: 'report', 'github-api-url': 'api.github.com' },
    input: 'github-api-url',
    says: /"api\.github\.com"; allowed: an absolute http\(s\) URL/
  },
  {
    name: 'github-api-url with another scheme',
    inputs: { mode: 'report', 'github-api-url': 'ftp://api.github.com' },
    input: 'github-api-url'
  },
  {
    name: 'github-api-url with credentials (not quoted)',
    inputs: { mode: 'report', 'github-api-url': 'https://user:hunter2@api.github.com' },
    input: 'github-api-url',
    says: /^(?!.*hunter2).*got a URL with a user name, password or query/
  },
  {
    name: 'github-api-url with a query (not quoted)',
    inputs: { mode: 'report', 'github-api-url': 'https://api.github.com/?access_token=abc123' },
    input: 'github-api-url',
    says: /^(?!.*abc123).*allowed/
  },
  // numbers
  {
    name: 'seat-cost not a number',
    inputs: { mode: 'report', 'seat-cost': '19 USD' },
    input: 'seat-cost',
    says: /"19 USD".*a number from 0 to 100000 with at most 2 decimals, such as 19 or 39\.5/
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
    name: 'seat-cost of 400 digits (Infinity)',
    inputs: { mode: 'report', 'seat-cost': '9'.repeat(400) },
    input: 'seat-cost',
    says: /"9{57}\.\.\."; allowed: .*from 0 to 100000/
  },
  {
    name: 'seat-cost over 100000',
    inputs: { mode: 'report', 'seat-cost': '100000.01' },
    input: 'seat-cost'
  },
  {
    name: 'seat-cost with 3 decimals',
    inputs: { mode: 'audit', 'seat-cost': '19.999' },
    input: 'seat-cost',
    says: /at most 2 decimals/
  },
  {
    name: 'seat-cost in exponent notation',
    inputs: { mode: 'audit', 'seat-cost': '1e3' },
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
  },
  {
    name: 'enterprise slug with a Kelvin sign',
    inputs: { mode: 'report', enterprise: 'acme-\u212A' },
    input: 'enterprise',
    says: /"acme-\\u212A"/
  },
  {
    name: 'org with a Kelvin sign',
    inputs: { mode: 'report', org: '\u212Aeys' },
    input: 'org'
  }
]

describe('bad inputs: one error naming the input, and no request', () => {
  it('has at least 30 rows', () => expect(rows.length).toBeGreaterThanOrEqual(30))

  it.each(rows.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const gh = useFake()
    gh.addMember('acme', 'alice')
    gh.addSeat('acme', { login: 'alice', created_at: '2026-01-01T00:00:00Z' })
    const r = await runAction(row.inputs, { workspaceFiles: row.files, env: row.env })
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

  it('a trailing slash on the API URL does not make `//orgs/...` requests', async () => {
    const gh = useFake()
    gh.addSeat('acme', { login: 'alice', created_at: '2026-01-01T00:00:00Z' })
    const r = await runAction({ mode: 'report' }, { env: { GITHUB_API_URL: `${API}/` } })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(gh.requests.map((q) => q.path)).toEqual(['/orgs/acme/copilot/billing/seats'])
  })

  it("github-api-url points the action at another API than the runner's (slashes dropped)", async () => {
    const gh = useFake()
    gh.addSeat('acme', { login: 'alice', created_at: '2026-01-01T00:00:00Z' })
    const r = await runAction(
      { mode: 'report', 'github-api-url': `${API}//` },
      { env: { GITHUB_API_URL: 'https://api.elsewhere.test' } }
    )
    expect(r.errors).toEqual([])
    expect(r.outputs['total-seats']).toBe('1')
    expect(gh.requests.map((q) => q.path)).toEqual(['/orgs/acme/copilot/billing/seats'])
  })

  it('expression defaults count as defaults when they equal what the runner passes', async () => {
    const gh = useFake()
    const r = await runAction(
      { mode: 'report', 'notify-repo': 'Acme/Seats', 'github-api-url': API },
      { env: { GITHUB_REPOSITORY: 'acme/seats' } }
    )
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(gh.requests).toHaveLength(1)
  })

  it('the new inputs at default-equivalent values in modes they do not apply to are fine', async () => {
    const gh = useFake()
    gh.addMember('acme', 'alice')
    const r = await runAction({
      mode: 'assign',
      users: 'alice',
      'pr-comment': 'FALSE',
      'usage-metrics': 'auto',
      notify: 'none',
      'grace-days': '07',
      'seat-cost': '100000',
      'inactive-days': '90'
    })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(json(r.outputs['assigned-users'])).toEqual(['alice'])
  })

  it('github-token is never an input error, and is masked', async () => {
    const gh = useFake()
    const odd = 'not a token, but (masked) all the same'
    const r = await runAction({ mode: 'report', 'github-token': odd })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(r.stdout.split('\n').filter((l) => l.includes(odd))).toEqual([`::add-mask::${odd}`])
    expect(gh.requests).toHaveLength(1)
    const empty = await runAction({ mode: 'report', 'github-token': '' })
    expect(empty.errors).toEqual([])
  })

  it('enterprise is accepted in every mode: the reads and writes go to the enterprise', async () => {
    for (const inputs of [
      { mode: 'assign', users: 'alice', enterprise: 'acme-corp' },
      { mode: 'revoke', users: 'alice', enterprise: 'acme-corp' },
      { mode: 'audit', reclaim: 'true', enterprise: 'acme-corp' }
    ]) {
      const gh = useFake()
      const r = await runAction(inputs)
      // The fake has no enterprise acme-corp: the first enterprise read says so.
      expect(r.exitCode, inputs.mode).toBe(1)
      expect(r.errors.join('\n'), inputs.mode).toMatch(/Enterprise "acme-corp" was not found/)
      expect(gh.requests.length, inputs.mode).toBeGreaterThan(0)
      expect(gh.requests.every((q) => q.path.startsWith('/enterprises/acme-corp/'))).toBe(true)
    }
  })

  it('mode sync takes the inputs that apply to it, and pr-comment off a pull request does nothing', async () => {
    const gh = useFake()
    gh.addMember('acme', 'alice')
    const r = await runAction({
      mode: 'sync',
      users: 'alice',
      'exclude-users': 'bob',
      'max-assignments': '5',
      'max-cancellations': '5',
      'pr-comment': 'True'
    })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(gh.seat('acme', 'alice')).toBeDefined()
    expect(gh.requests.filter((q) => q.path.startsWith('/repos/'))).toEqual([])
  })

  it('notify with enterprise teams parses and runs: the tracking issue is read first', async () => {
    const gh = useFake()
    const r = await runAction({
      mode: 'audit',
      notify: 'issue',
      'notify-repo': 'acme/seats',
      'github-token': 'ghs_workflow',
      enterprise: 'ent',
      reclaim: 'true',
      'exclude-teams': 'keep'
    })
    // The fake has no such repository: the notice log cannot be read, so nothing else is.
    expect(r.exitCode).toBe(1)
    expect(r.errors).toEqual([expect.stringMatching(/^The tracking issue could not be read/)])
    expect(gh.requests.map((q) => q.path)).toEqual(['/repos/acme/seats'])
  })
})
