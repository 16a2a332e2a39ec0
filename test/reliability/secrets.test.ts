// The token never appears in the log, the outputs, the summary or the report
// files; the only place it may be written is the single `::add-mask::` command
// that tells the runner to hide it.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { FakeGitHub } from '../../fake/index.js'
import { mswServer, runAction, TOKEN, type ActionRun, type RunInputs } from '../support/harness.js'

const { useFake } = mswServer()

const DAY = 86_400_000
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString()
const USERS = '/orgs/acme/copilot/billing/selected_users'

function seed(gh: FakeGitHub): void {
  gh.addTeam('acme', 'core', { members: ['alice', 'bob'] })
  for (const l of ['alice', 'bob', 'carol', 'dave', 'erin']) gh.addMember('acme', l)
  gh.addSeat('acme', {
    login: 'alice',
    created_at: ago(300),
    last_activity_at: ago(1),
    last_activity_editor: 'vscode/1.95.0/copilot/1.250.0'
  })
  gh.addSeat('acme', {
    login: 'bob',
    created_at: ago(300),
    last_activity_at: ago(90),
    team: 'core'
  })
  gh.addSeat('acme', { login: 'carol', created_at: ago(300), last_activity_at: ago(120) })
}

/** Every file the run wrote (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP/*). */
function filesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name)
    return statSync(p).isDirectory() ? filesOf(p) : [p]
  })
}

function expectNoToken(r: ActionRun): void {
  const lines = r.stdout.split('\n')
  const withToken = lines.filter((l) => l.includes(TOKEN))
  expect(withToken).toEqual([`::add-mask::${TOKEN}`])
  // The mask comes first, before anything else is logged.
  expect(lines[0]).toBe(`::add-mask::${TOKEN}`)
  for (const [name, value] of Object.entries(r.outputs))
    expect(value, `output ${name}`).not.toContain(TOKEN)
  expect(r.summary).not.toContain(TOKEN)
  const files = filesOf(r.tempDir)
  // Report files exist unless the inputs were rejected before the run.
  expect(files.some((f) => f.endsWith('.json'))).toBe(r.outputs['report-json'] !== '')
  for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toContain(TOKEN)
  // Nor a recognisable piece of it.
  expect(r.stdout.replace(`::add-mask::${TOKEN}`, '')).not.toContain(TOKEN.slice(4, 20))
}

const scenarios: {
  name: string
  inputs: RunInputs
  setup?: (gh: FakeGitHub) => void
  exit: number
}[] = [
  { name: 'report', inputs: { mode: 'report' }, exit: 0 },
  { name: 'audit', inputs: { mode: 'audit' }, exit: 0 },
  { name: 'audit with reclaim', inputs: { mode: 'audit', reclaim: 'true' }, exit: 0 },
  {
    name: 'audit with reclaim, dry run',
    inputs: { mode: 'audit', reclaim: 'true', 'dry-run': 'true' },
    exit: 0
  },
  {
    name: 'assign (users and a team)',
    inputs: { mode: 'assign', users: 'dave, erin', teams: 'core' },
    exit: 0
  },
  {
    name: 'revoke (one via team: skipped and failed)',
    inputs: { mode: 'revoke', users: 'carol, bob' },
    exit: 1
  },
  { name: 'error: invalid input', inputs: { mode: 'report', 'inactive-days': 'soon' }, exit: 1 },
  {
    name: 'error: 403 from GitHub on the policy check',
    inputs: { mode: 'assign', users: 'dave' },
    setup: (gh) =>
      gh.fault({ method: 'GET', path: '/orgs/acme/copilot/billing', status: 403, times: Infinity }),
    exit: 1
  },
  {
    name: 'error: a proxy that echoes the Authorization header in its error body',
    inputs: { mode: 'revoke', users: 'carol' },
    setup: (gh) =>
      gh.fault({
        method: 'DELETE',
        path: USERS,
        status: 400,
        times: Infinity,
        body: {
          message: `Bad request; headers were: authorization: token ${TOKEN}`,
          documentation_url: 'https://docs.github.com/rest'
        }
      }),
    exit: 1
  },
  {
    name: 'error: an HTML error page quoting the token',
    inputs: { mode: 'report' },
    setup: (gh) =>
      gh.fault({
        method: 'GET',
        path: '/orgs/acme/copilot/billing/seats',
        kind: 'html',
        status: 502,
        times: Infinity,
        body: `<html><body>token ${TOKEN}</body></html>`
      }),
    exit: 1
  }
]

describe('the token stays secret', () => {
  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    const gh = useFake()
    seed(gh)
    s.setup?.(gh)
    const r = await runAction(s.inputs, {
      timing: { retryBaseMs: 1 },
      limiter: { writeSpacingMs: 10 }
    })
    expect(r.exitCode).toBe(s.exit)
    if (s.exit) expect(r.errors).toHaveLength(1)
    expectNoToken(r)
    // The run did talk to GitHub with the token (except when an input was invalid), so the scan means something.
    expect(gh.requests.length > 0).toBe(s.name !== 'error: invalid input')
    if (s.name.includes('echoes')) expect(r.errors[0]).toContain('authorization: token ***')
  })
})
