import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { setupServer } from 'msw/node'
import {
  FakeGitHub,
  createMswHandlers,
  createUsageMswHandlers,
  installUsageReports,
  DEFAULT_DOWNLOAD_BASE,
  USAGE_METRICS_DOC,
  USAGE_PERMISSION_MESSAGE,
  USAGE_POLICY_MESSAGE,
  type UsageReportsOptions
} from '../../fake/index.js'
import { NOW, client } from './util.js'

const API = 'https://api.github.com'
const ORG = '/orgs/acme/copilot/metrics/reports/users-28-day/latest'
const ENT = '/enterprises/bigco/copilot/metrics/reports/users-28-day/latest'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

function setup(
  ghOpts: ConstructorParameters<typeof FakeGitHub>[0] = {},
  usageOpts: UsageReportsOptions = {}
) {
  const gh = new FakeGitHub({ now: () => NOW, ...ghOpts })
  gh.addOrg('acme')
  gh.addOrg('lone')
  gh.addEnterprise('bigco', { orgs: ['acme', 'beta'] })
  for (const l of ['ann', 'bob', 'cy']) gh.addSeat('acme', { login: l })
  for (const l of ['bob', 'dee']) gh.addSeat('beta', { login: l })
  gh.addSeat('lone', { login: 'eve' })
  const usage = installUsageReports(gh, usageOpts)
  server.use(...createMswHandlers(gh, API), ...createUsageMswHandlers(usage))
  return { gh, usage }
}

const api = client(API)

describe('GET .../copilot/metrics/reports/users-28-day/latest', () => {
  it('org: download_links, report_start_day, report_end_day (28 days ending two days before now)', async () => {
    const { usage } = setup()
    usage.setReport({ org: 'acme', files: 3 })
    const r = await api('GET', ORG)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(r.headers.get('x-github-request-id')).toBeTruthy()
    expect(Object.keys(r.json).sort()).toEqual([
      'download_links',
      'report_end_day',
      'report_start_day'
    ])
    expect(r.json.report_end_day).toBe('2026-11-21')
    expect(r.json.report_start_day).toBe('2026-10-25')
    expect(r.json.download_links).toHaveLength(3)
    r.json.download_links.forEach((l: string, i: number) => {
      const u = new URL(l)
      expect(u.origin).toBe(DEFAULT_DOWNLOAD_BASE)
      expect(u.origin).not.toBe(API)
      expect(u.pathname).toMatch(new RegExp(`users-28-day-${i + 1}-of-3\\.ndjson$`))
      expect(u.searchParams.get('se')).toBe('2026-11-23T13:00:00Z')
      expect(u.searchParams.get('sig')).toMatch(/^[\w-]{43}$/)
    })
    // the same state gives the same links
    expect((await api('GET', ORG)).json).toEqual(r.json)
  })

  it('enterprise: the same shape; endDay and days are configurable', async () => {
    const { usage } = setup()
    const info = usage.setReport({ enterprise: 'bigco', endDay: '2026-11-01', days: 28 })
    expect(info).toMatchObject({
      report_start_day: '2026-10-05',
      report_end_day: '2026-11-01',
      files: 1,
      users: 4,
      rows: 4 * 28
    })
    const r = await api('GET', ENT)
    expect(r.status).toBe(200)
    expect(r.json.report_start_day).toBe('2026-10-05')
    expect(r.json.report_end_day).toBe('2026-11-01')
    expect(r.json.download_links).toHaveLength(1)
    expect(new URL(r.json.download_links[0]).pathname).toContain('/enterprises/bigco/')
  })

  it('unknown org or enterprise: 404', async () => {
    setup()
    const r = await api('GET', '/orgs/nope/copilot/metrics/reports/users-28-day/latest')
    expect(r.status).toBe(404)
    expect(r.json).toEqual({
      message: 'Not Found',
      documentation_url: USAGE_METRICS_DOC,
      status: '404'
    })
    expect(
      (await api('GET', '/enterprises/nope/copilot/metrics/reports/users-28-day/latest')).status
    ).toBe(404)
  })

  it('no report yet: 404 (the 28-day endpoint documents no 204), or 204 when asked', async () => {
    const { usage } = setup()
    expect((await api('GET', ORG)).status).toBe(404)
    usage.setReport({ org: 'acme' })
    expect((await api('GET', ORG)).status).toBe(200)
    usage.clearReport('acme', { status: 204 })
    const r = await api('GET', ORG)
    expect(r.status).toBe(204)
    expect(r.text).toBe('')
    usage.clearReport('acme')
    expect((await api('GET', ORG)).status).toBe(404)
  })

  it('policy disabled: 403 naming the policy (or 404); disabled on the enterprise covers its orgs', async () => {
    const { usage } = setup()
    usage.setReport({ org: 'acme' })
    usage.setReport({ org: 'lone' })
    usage.setReport({ enterprise: 'bigco' })
    usage.policy('acme', 'disabled')
    const r = await api('GET', ORG)
    expect(r.status).toBe(403)
    expect(r.json.message).toBe(USAGE_POLICY_MESSAGE)
    expect(r.json.message).toContain('Copilot usage metrics')
    usage.policy('acme', 'disabled', { status: 404 })
    expect((await api('GET', ORG)).status).toBe(404)
    usage.policy('acme', 'enabled')
    expect((await api('GET', ORG)).status).toBe(200)

    usage.policy({ enterprise: 'bigco' }, 'disabled')
    expect((await api('GET', ENT)).status).toBe(403)
    expect((await api('GET', ORG)).status).toBe(403)
    expect(
      (await api('GET', '/orgs/lone/copilot/metrics/reports/users-28-day/latest')).status
    ).toBe(200)
  })

  it('token without the metrics permission: 403 (or 404), per token or for every token', async () => {
    const { usage } = setup()
    usage.setReport({ org: 'acme' })
    usage.deny('acme')
    const r = await api('GET', ORG)
    expect(r.status).toBe(403)
    expect(r.json.message).toBe(USAGE_PERMISSION_MESSAGE)
    usage.deny('acme', { tokens: ['weak'], status: 404 })
    expect((await api('GET', ORG)).status).toBe(200)
    expect((await client(API, 'weak')('GET', ORG)).status).toBe(404)
    usage.allow('acme')
    expect((await client(API, 'weak')('GET', ORG)).status).toBe(200)
  })

  it("keeps the core's auth, faults and GHES behaviour", async () => {
    const { gh, usage } = setup({ auth: { forbidden: ['member'] } })
    usage.setReport({ org: 'acme' })
    expect((await client(API, null)('GET', ORG)).status).toBe(401)
    expect((await client(API, 'member')('GET', ORG)).status).toBe(403)
    gh.fault({ path: ORG, status: 500 })
    expect((await api('GET', ORG)).status).toBe(500)
    expect((await api('GET', ORG)).status).toBe(200)
    expect(gh.requests.map((q) => q.status)).toEqual([401, 403, 500, 200])

    const ghes = setup({ ghes: true })
    ghes.usage.setReport({ org: 'acme' })
    expect((await api('GET', ORG)).status).toBe(404)
  })

  it('other report endpoints are not modelled (404); POST is 404', async () => {
    const { usage } = setup()
    usage.setReport({ org: 'acme' })
    expect(
      (await api('GET', '/orgs/acme/copilot/metrics/reports/users-1-day?day=2026-11-20')).status
    ).toBe(404)
    expect((await api('POST', ORG, {})).status).toBe(404)
  })

  it('refuses to hand out links to the API origin itself (misconfigured fake)', async () => {
    const { usage } = setup({}, { downloadBase: API })
    usage.setReport({ org: 'acme' })
    const r = await api('GET', ORG)
    expect(r.status).toBe(500)
    expect(r.json.message).toContain('another origin')
  })

  it('the download host can also be routed through gh.handle (buffered, via preAuth)', async () => {
    const gh = new FakeGitHub({ now: () => NOW })
    gh.addOrg('acme')
    gh.addSeat('acme', { login: 'ann' })
    const usage = installUsageReports(gh, { downloadBase: 'https://reports.example.test' })
    server.use(
      ...createMswHandlers(gh, API),
      ...createMswHandlers(gh, 'https://reports.example.test')
    )
    usage.setReport({ org: 'acme', gzip: true })
    const [link] = (await api('GET', ORG)).json.download_links
    const ok = await fetch(link)
    expect(ok.status).toBe(200)
    expect(await ok.text()).toBe([...usage.lines('acme')].join(''))
    const refused = await fetch(link, { headers: { authorization: 'token tok' } })
    expect(refused.status).toBe(400)
    expect(usage.downloads.map((d) => [d.transport, d.status])).toEqual([
      ['handle', 200],
      ['handle', 400]
    ])
  })
})
