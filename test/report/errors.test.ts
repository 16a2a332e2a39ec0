// report: every failure is one ::error:: with a cause and a fix; transient
// ones are retried through the real retry and throttling plugins.
import { describe, expect, it } from 'vitest'
import { BILLING_MESSAGE, createMswHandlers, FakeGitHub } from '../../fake/index.js'
import { OUTPUT_NAMES } from '../../src/render/outputs.js'
import { json, mswServer, runAction, TOKEN, type ActionRun } from '../support/harness.js'
import { addSeats, listingRequests, NOW, page } from '../support/report-helpers.js'

const { server, useFake } = mswServer()
const fake = (options: ConstructorParameters<typeof FakeGitHub>[0] = {}) =>
  useFake({ now: () => new Date(NOW), ...options })
const SEATS = '/orgs/acme/copilot/billing/seats'

/** The token shows up only in the runner's ::add-mask:: command. */
function expectTokenHidden(r: ActionRun, token: string): void {
  const lines = r.stdout.split('\n').filter((l) => l.includes(token))
  expect(lines).toEqual([`::add-mask::${token}`])
  expect(JSON.stringify(r.outputs)).not.toContain(token)
  expect(r.summary).not.toContain(token)
  if (r.reportJson) expect(JSON.stringify(r.reportJson)).not.toContain(token)
  if (r.reportCsv) expect(r.reportCsv).not.toContain(token)
}

function expectFailed(r: ActionRun, token = TOKEN): string {
  expect(r.exitCode).toBe(1)
  expect(r.errors).toHaveLength(1)
  expectTokenHidden(r, token)
  // outputs are still all set
  expect(Object.keys(r.outputs).sort()).toEqual([...OUTPUT_NAMES].sort())
  expect(r.outputs['total-seats']).toBe('0')
  expect(r.outputs['idle-users']).toBe('[]')
  return r.errors[0]!
}

describe('report: errors map to a cause and a fix', () => {
  it('401: a bad token', async () => {
    const gh = fake()
    addSeats(gh, 3)
    const bad = 'ghp_WRONGTOKEN000000000000000000SECRET'
    const r = await runAction({ mode: 'report', token: bad }, { now: NOW })
    const error = expectFailed(r, bad)
    expect(error).toMatch(/token was rejected \(401 Bad credentials\)/)
    expect(error).toMatch(/Fix: put a valid, unexpired token in the `token` input/)
    expect(error).toMatch(/GITHUB_TOKEN cannot manage Copilot seats/)
    // 401 is not retried
    expect(gh.requests).toHaveLength(1)
  })

  it('403: the token is not an owner', async () => {
    const gh = fake({ auth: { valid: [TOKEN], forbidden: [TOKEN] } })
    addSeats(gh, 3)
    const r = await runAction({ mode: 'report' }, { now: NOW })
    const error = expectFailed(r)
    expect(error).toMatch(/not allowed to do this \(403\)/)
    expect(error).toMatch(/Must be an organization owner/)
    expect(error).toMatch(/manage_billing:copilot/)
    expect(error).toMatch(/organization owner/)
    expect(error).not.toMatch(/rate limit/i)
    expect(gh.requests).toHaveLength(1)
  })

  it('404: an unknown org', async () => {
    const gh = fake()
    const r = await runAction({ mode: 'report', org: 'no-such-org' }, { now: NOW })
    const error = expectFailed(r)
    expect(error).toMatch(
      /Organization "no-such-org" was not found or is not visible to the token \(404\)/
    )
    expect(error).toMatch(/Fix: check the `org` input/)
    expect(requestPaths(gh)).toEqual(['/orgs/no-such-org/copilot/billing/seats'])
  })

  it('404: an unknown enterprise', async () => {
    const gh = fake()
    const r = await runAction({ mode: 'report', enterprise: 'nope' }, { now: NOW })
    const error = expectFailed(r)
    expect(error).toMatch(/Enterprise "nope" was not found or is not visible to the token \(404\)/)
    expect(error).toMatch(/Fix: check the `enterprise` slug/)
    expect(error).toMatch(/enterprise owner or billing manager/)
    expect(requestPaths(gh)).toEqual(['/enterprises/nope/copilot/billing/seats'])
  })

  it('404 on GitHub Enterprise Server: explained as no Copilot endpoints', async () => {
    const url = 'https://ghe.example.com/api/v3'
    const gh = new FakeGitHub({ auth: { valid: [TOKEN] }, ghes: true, pathPrefix: '/api/v3' })
    gh.addOrg('acme')
    server.use(...createMswHandlers(gh, url))
    const r = await runAction({ mode: 'report' }, { now: NOW, env: { GITHUB_API_URL: url } })
    const error = expectFailed(r)
    expect(error).toMatch(/GitHub Enterprise Server/)
    expect(error).toMatch(/no Copilot seat endpoints/)
    expect(error).toContain(url)
    expect(error).toMatch(/Fix: run this action against github\.com or a ghe\.com tenant/)
    expect(requestPaths(gh)).toEqual([SEATS])
  })

  it('422: billing not set up', async () => {
    const gh = fake()
    addSeats(gh, 3)
    gh.fault({
      path: SEATS,
      status: 422,
      body: {
        message: BILLING_MESSAGE,
        documentation_url: 'https://docs.github.com/rest/copilot',
        status: '422'
      }
    })
    const r = await runAction({ mode: 'report' }, { now: NOW })
    const error = expectFailed(r)
    expect(error).toMatch(/\(422\)/)
    expect(error).toContain(BILLING_MESSAGE)
    expect(error).toMatch(/Fix: Copilot Business or Enterprise must be enabled and billing set up/)
    expect(gh.requests).toHaveLength(1)
  })

  it('a primary rate limit that resets far away: fails at once with the reset time, not a permission problem', async () => {
    const gh = fake()
    addSeats(gh, 3)
    gh.fault({ path: SEATS, kind: 'primary', resetInSeconds: 3600 })
    const r = await runAction({ mode: 'report' }, { now: NOW })
    const error = expectFailed(r)
    const reset = /resets at (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)/.exec(error)
    expect(reset).toBeTruthy()
    // the reset time named is about an hour after the request (as the fake computed it)
    const resetMs = Date.parse((reset as RegExpExecArray)[1]!)
    expect(resetMs - gh.requests[0]!.startedAt).toBeGreaterThan(3500_000)
    expect(error).toMatch(/primary rate limit/)
    expect(error).toMatch(/This is not a permission problem/)
    expect(error).toMatch(/re-run after the reset/)
    expect(gh.requests).toHaveLength(1)
  })

  it('500 forever: retried, then names the status and says a re-run is safe', async () => {
    const gh = fake()
    addSeats(gh, 3)
    gh.fault({ path: SEATS, status: 500, times: Infinity })
    const r = await runAction({ mode: 'report' }, { now: NOW })
    const error = expectFailed(r)
    expect(error).toMatch(/GitHub failed with 500/)
    expect(error).toMatch(/after retries/)
    expect(error).toMatch(/re-run \(safe to repeat\)/)
    // one attempt and the retry plugin's 3 retries
    expect(listingRequests(gh)).toEqual([page(1), page(1), page(1), page(1)])
  })
})

describe('report: transient failures are retried and the numbers stay exact', () => {
  async function expectExact(gh: FakeGitHub, pageLines: string[]) {
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(r.outputs).toMatchObject({
      'total-seats': '150',
      'idle-seats': '75',
      'active-seats': '75'
    })
    expect(r.reportJson!.seats).toHaveLength(150)
    expect(json<string[]>(r.outputs['idle-users'])).toHaveLength(75)
    expect(listingRequests(gh)).toEqual(pageLines)
    expectTokenHidden(r, TOKEN)
    return r
  }

  it('429 with Retry-After, then success', async () => {
    const gh = fake()
    addSeats(gh, 150)
    gh.fault({
      path: SEATS,
      status: 429,
      headers: { 'retry-after': '1' },
      body: { message: 'Too Many Requests' }
    })
    await expectExact(gh, [page(1), page(1), page(2), page(1)])
    expect(gh.requests.map((q) => q.status)).toEqual([429, 200, 200, 200])
  })

  it('403 secondary rate limit, then success', async () => {
    const gh = fake()
    addSeats(gh, 150)
    gh.fault({ path: SEATS, kind: 'secondary', headers: { 'retry-after': '1' } })
    await expectExact(gh, [page(1), page(1), page(2), page(1)])
    expect(gh.requests.map((q) => q.status)).toEqual([403, 200, 200, 200])
    expect(gh.stats.secondaryLimited).toBe(1)
  })

  it('500, then 502, then success', async () => {
    const gh = fake()
    addSeats(gh, 150)
    gh.fault({ path: SEATS, status: 500 })
    gh.fault({ path: SEATS, status: 502 })
    await expectExact(gh, [page(1), page(1), page(1), page(2), page(1)])
    expect(gh.requests.map((q) => q.status)).toEqual([500, 502, 200, 200, 200])
  })
})

function requestPaths(gh: FakeGitHub): string[] {
  return gh.requests.map((q) => q.path)
}
