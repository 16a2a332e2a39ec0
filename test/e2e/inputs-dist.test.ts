// The bundled dist/index.js reads its inputs as the runner passes them: a
// committed link to a runner file is refused before any request, and
// `github-api-url` (trailing slash and all) points the bundle at the API.
import { readFileSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FakeGitHub, startFakeServer, type FakeServer } from '../../fake/index.js'
import { hasNode24, NODE24, runDist } from '../support/dist-runner.js'
import { TOKEN } from '../support/harness.js'

const requireNode24 = process.env.REQUIRE_NODE24 === '1'

let servers: FakeServer[] = []
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()))
  servers = []
})

async function fake(): Promise<{ gh: FakeGitHub; url: string }> {
  const gh = new FakeGitHub({ auth: { valid: [TOKEN] } })
  gh.addOrg('acme')
  gh.addSeat('acme', { login: 'alice', created_at: '2026-01-01T00:00:00Z' })
  const server = await startFakeServer(gh)
  servers.push(server)
  return { gh, url: server.url }
}

async function refusesEnviron(node?: string) {
  const { gh, url } = await fake()
  const r = await runDist(
    { mode: 'assign', 'users-file': 'seats.txt' },
    {
      apiUrl: url,
      node,
      setup: ({ workspace }) => symlinkSync('/proc/self/environ', path.join(workspace, 'seats.txt'))
    }
  )
  expect(r.exitCode).toBe(1)
  expect(r.errors).toEqual([
    expect.stringMatching(
      /^Input `users-file`: got "seats\.txt", which resolves through a symbolic link to a path outside the workspace/
    )
  ])
  expect(gh.requests).toEqual([])
  const environ = readFileSync('/proc/self/environ', 'latin1')
    .split('\0')
    .filter((e) => e.length > 12)
  for (const entry of environ) expect(r.stdout + r.stderr).not.toContain(entry)
  // The child's own environment (what the link points at) holds INPUT_TOKEN and the runner files.
  expect(r.stdout + r.stderr).not.toMatch(/PATH=|INPUT_|GITHUB_OUTPUT=/)
  expect(r.stdout.split('\n').filter((l) => l.includes(TOKEN))).toEqual([`::add-mask::${TOKEN}`])
}

describe('dist/index.js: inputs', () => {
  it('Node 20: a users-file link to /proc/self/environ is refused, nothing sent', async () => {
    await refusesEnviron()
  })

  it.skipIf(!hasNode24 && !requireNode24)('Node 24: the same', async () => {
    expect(hasNode24, `Node 24 is required but missing at ${NODE24}; run npm run node24`).toBe(true)
    await refusesEnviron(NODE24)
  })

  it('github-api-url with a trailing slash overrides the runner API URL', async () => {
    const { gh, url } = await fake()
    const r = await runDist(
      { mode: 'report', 'github-api-url': `${url}/` },
      { apiUrl: 'http://127.0.0.1:9/unused' }
    )
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(r.outputs['total-seats']).toBe('1')
    expect(gh.requests.map((q) => q.path)).toEqual(['/orgs/acme/copilot/billing/seats'])
  })
})
