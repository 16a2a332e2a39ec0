// The bundle's own transport for the usage report: dist/index.js spawned as the
// runner does, the API and the download host on loopback servers, and a proxy in
// https_proxy/http_proxy. The download host is named by a host that is not
// loopback (loopback hosts bypass a proxy, as the API here does), so the
// downloads must go through the proxy, as the toolkit's transport sends them;
// and no byte of the token reaches the proxy or the download host.
import { afterEach, describe, expect, it } from 'vitest'
import {
  FakeGitHub,
  installUsageReports,
  startFakeServer,
  startUsageDownloadServer
} from '../../fake/index.js'
import { startConnectProxy } from '../support/connect-proxy.js'
import { hasNode24, NODE24, runDist } from '../support/dist-runner.js'
import { TOKEN } from '../support/harness.js'
import { usageInputs } from '../support/usage-fixtures.js'

const DAY = 86_400_000
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()))
})

const nodes: [string, string | undefined][] = [
  ['this Node', undefined],
  ...(hasNode24 ? ([['Node 24', NODE24]] as [string, string][]) : [])
]

describe('bundle: the usage report through the proxy-aware transport', () => {
  for (const [name, node] of nodes) {
    it(`${name}: downloads go through the proxy, without the token; the API does not`, async () => {
      // The real clock: data is dated relative to now.
      const now = Date.now()
      const ago = (d: number) => new Date(now - d * DAY).toISOString()
      const gh = new FakeGitHub({ auth: { valid: [TOKEN] } })
      gh.addOrg('acme')
      for (let i = 0; i < 6; i++) {
        gh.addSeat('acme', {
          login: `dev${i}`,
          created_at: ago(300),
          last_activity_at: ago(i % 2 ? 60 : 1)
        })
      }
      const usage = installUsageReports(gh)
      const api = await startFakeServer(gh)
      closers.push(() => api.close())
      const host = await startUsageDownloadServer(usage, { setBase: false })
      closers.push(() => host.close())
      const port = Number(new URL(host.url).port)
      usage.downloadBase = `http://copilot-reports.test:${port}`
      const info = usage.setReport({ org: 'acme', files: 2, gzip: true, redirect: true })
      const proxy = await startConnectProxy(port)
      closers.push(() => proxy.close())

      const r = await runDist(usageInputs({ mode: 'report' }), {
        apiUrl: api.url,
        node,
        env: { https_proxy: proxy.url, http_proxy: proxy.url }
      })
      expect(r.stderr).toBe('')
      expect(r.errors).toEqual([])
      expect(r.warnings).toEqual([])
      expect(r.exitCode).toBe(0)
      expect(r.outputs['usage-report-end-day']).toBe(info.report_end_day)
      expect(r.summary).toContain(
        `### Copilot usage, ${info.report_start_day} – ${info.report_end_day}`
      )

      // Every download (two links, each redirected to its blob) reached the host through the proxy.
      expect(usage.downloads.map((d) => `${d.status} ${d.transport}`)).toEqual([
        '302 server',
        '200 server',
        '302 server',
        '200 server'
      ])
      expect(proxy.log.targets.length).toBeGreaterThan(0)
      for (const t of proxy.log.targets) expect(t).toContain(`copilot-reports.test:${port}`)
      // The API is on loopback, which the toolkit never proxies.
      expect(proxy.log.targets.join('\n')).not.toContain(new URL(api.url).host)
      expect(gh.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
        'GET /orgs/acme/copilot/billing/seats',
        'GET /orgs/acme/copilot/metrics/reports/users-28-day/latest'
      ])

      // The token went to the API only.
      expect(usage.authorizationsSeen).toEqual([])
      expect(usage.downloads.every((d) => !d.authorization)).toBe(true)
      expect(JSON.stringify(usage.downloads.map((d) => d.headers))).not.toContain(TOKEN)
      expect(proxy.log.tunnelled).not.toContain(TOKEN)
      expect(JSON.stringify(proxy.log.headers)).not.toContain(TOKEN)
      expect(proxy.log.tunnelled + JSON.stringify(proxy.log.headers)).not.toMatch(/authorization/i)
    })
  }
})
