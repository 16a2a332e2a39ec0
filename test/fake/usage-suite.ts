// The same download-host expectations, run through msw (usage-msw.test.ts) and through two loopback
// servers on different ports (usage-server.test.ts).
import { gunzipSync } from 'node:zlib'
import { expect, it } from 'vitest'
import { FakeGitHub, installUsageReports, type FakeUsageReports } from '../../fake/index.js'
import { NOW, client } from './util.js'

const LATEST = '/orgs/acme/copilot/metrics/reports/users-28-day/latest'

export interface Mounted {
  /** base URL of the API */
  api: string
}

export function usageDownloadSuite(
  transport: string,
  mount: (gh: FakeGitHub, usage: FakeUsageReports) => Promise<Mounted>
) {
  async function fresh(seats = 6) {
    let clock = new Date(NOW)
    const gh = new FakeGitHub({ now: () => clock })
    gh.addOrg('acme')
    for (let i = 1; i <= seats; i++) gh.addSeat('acme', { login: `dev${i}` })
    const usage = installUsageReports(gh)
    const { api } = await mount(gh, usage)
    return {
      gh,
      usage,
      api: client(api),
      apiBase: api,
      tick: (ms: number) => {
        clock = new Date(clock.getTime() + ms)
      }
    }
  }

  async function links(api: ReturnType<typeof client>) {
    const r = await api('GET', LATEST)
    expect(r.status).toBe(200)
    return r.json as { download_links: string[]; report_start_day: string; report_end_day: string }
  }

  /** Downloads a link the way the action must: no Authorization header. */
  async function get(url: string, init: RequestInit = {}) {
    return fetch(url, init)
  }

  function expected(usage: FakeUsageReports, file?: number) {
    return [...usage.lines('acme', file)].join('')
  }

  it('serves every file without Authorization; rows are the seat holders x 28 days', async () => {
    const { gh, usage, api, apiBase } = await fresh()
    usage.setReport({ org: 'acme', files: 3 })
    const body = await links(api)
    expect(body.download_links).toHaveLength(3)
    for (const l of body.download_links) {
      expect(new URL(l).origin).toBe(new URL(usage.downloadBase).origin)
      expect(new URL(l).origin).not.toBe(new URL(apiBase).origin)
    }
    let text = ''
    for (const [i, l] of body.download_links.entries()) {
      const r = await get(l)
      expect(r.status).toBe(200)
      expect(r.headers.get('content-type')).toBe('application/x-ndjson')
      const t = await r.text()
      expect(t).toBe(expected(usage, i))
      text += t
    }
    const rows = text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
    expect(rows).toHaveLength(6 * 28)
    const ids = new Map(gh.seats('acme').map((s) => [s.assignee!.id, s.assignee!.login]))
    expect(new Set(rows.map((r) => r.user_id))).toEqual(new Set(ids.keys()))
    for (const r of rows) expect(r.user_login).toBe(ids.get(r.user_id))
    const days = [...new Set(rows.map((r) => r.day))].sort()
    expect(days).toHaveLength(28)
    expect(days[0]).toBe(body.report_start_day)
    expect(days[27]).toBe(body.report_end_day)
    expect(usage.downloads.map((d) => [d.status, d.authorization, d.transport])).toEqual(
      [0, 1, 2].map(() => [200, false, transport])
    )
    expect(usage.downloads.map((d) => d.file)).toEqual([0, 1, 2])
    expect(usage.authorizationsSeen).toEqual([])
  })

  it('records the body bytes each download sent, gzipped as on the wire', async () => {
    const { usage, api } = await fresh()
    usage.setReport({ org: 'acme', files: 2, gzip: true })
    const body = await links(api)
    for (const l of body.download_links) await (await get(l)).text()
    const plain = usage.measure('acme').perFile
    const sent = usage.downloads.map((d) => d.bytes)
    expect(sent).toHaveLength(2)
    sent.forEach((b, i) => {
      expect(b).toBeGreaterThan(0)
      expect(b).toBeLessThan(plain[i]!)
    })
  })

  it('refuses a request that carries Authorization (like a signed-URL store) and records it', async () => {
    const { usage, api } = await fresh()
    usage.setReport({ org: 'acme' })
    const [link] = (await links(api)).download_links
    const r = await get(link!, { headers: { authorization: 'token secret-t0ken' } })
    expect(r.status).toBe(400)
    expect(r.headers.get('content-type')).toBe('application/xml')
    expect(await r.text()).toContain('<Code>InvalidAuthenticationInfo</Code>')
    expect(usage.downloads.at(-1)).toMatchObject({
      status: 400,
      reason: 'authorization',
      authorization: true
    })
    expect(usage.authorizationsSeen).toEqual(['token secret-t0ken'])
    // the same link without the header still works
    expect((await get(link!)).status).toBe(200)
  })

  it('an expired link answers 403; latest then hands out fresh links that work', async () => {
    const { usage, api } = await fresh()
    usage.setReport({ org: 'acme', files: 2 })
    const first = await links(api)
    expect((await get(first.download_links[0]!)).status).toBe(200)
    usage.expireLinks('acme')
    const old = await get(first.download_links[1]!)
    expect(old.status).toBe(403)
    const xml = await old.text()
    expect(xml).toContain('<Code>AuthenticationFailed</Code>')
    expect(xml).toContain('Signature not valid in the specified time frame')
    expect(usage.downloads.at(-1)!.reason).toBe('expired')
    const second = await links(api)
    expect(second.report_end_day).toBe(first.report_end_day)
    expect(second.download_links).not.toEqual(first.download_links)
    const again = await get(second.download_links[1]!)
    expect(again.status).toBe(200)
    expect(await again.text()).toBe(expected(usage, 1))
  })

  it('expiry with a new report day: a new report_end_day, shifted rows, overlapping days unchanged', async () => {
    const { usage, api } = await fresh()
    usage.setReport({ org: 'acme' })
    const first = await links(api)
    const before = await (await get(first.download_links[0]!)).text()
    usage.expireLinks('acme', { newDay: true })
    expect((await get(first.download_links[0]!)).status).toBe(403)
    const second = await links(api)
    const next = (d: string) =>
      new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    expect(second.report_end_day).toBe(next(first.report_end_day))
    expect(second.report_start_day).toBe(next(first.report_start_day))
    const after = await (await get(second.download_links[0]!)).text()
    const byDay = (t: string, day: string) =>
      t
        .split('\n')
        .filter((l) => l.includes(`"day":"${day}"`))
        .join('\n')
    expect(byDay(after, first.report_end_day)).toBe(byDay(before, first.report_end_day))
    expect(byDay(after, second.report_end_day)).not.toBe('')
    expect(byDay(before, second.report_end_day)).toBe('')
  })

  it('links can expire in the middle of a download run (after n downloads)', async () => {
    const { usage, api } = await fresh()
    usage.setReport({ org: 'acme', files: 3 })
    usage.expireLinks('acme', { afterDownloads: 1 })
    const { download_links: l } = await links(api)
    expect((await get(l[0]!)).status).toBe(200)
    expect((await get(l[1]!)).status).toBe(403)
    const fresh2 = await links(api)
    for (const x of fresh2.download_links) expect((await get(x)).status).toBe(200)
  })

  it('links expire on the fake clock after linkTtlMs', async () => {
    const { usage, api, tick } = await fresh()
    usage.setReport({ org: 'acme' })
    const { download_links: l } = await links(api)
    tick(usage.linkTtlMs - 1000)
    expect((await get(l[0]!)).status).toBe(200)
    tick(2000)
    expect((await get(l[0]!)).status).toBe(403)
    expect((await get((await links(api)).download_links[0]!)).status).toBe(200)
  })

  it('a tampered signature is 403, an unknown blob 404, a POST 405', async () => {
    const { usage, api } = await fresh()
    usage.setReport({ org: 'acme' })
    const [link] = (await links(api)).download_links
    const u = new URL(link!)
    u.searchParams.set('sig', 'x' + u.searchParams.get('sig')!.slice(1))
    expect((await get(u.href)).status).toBe(403)
    expect(usage.downloads.at(-1)!.reason).toBe('bad-signature')
    expect((await get(`${usage.downloadBase}/nothing/here.ndjson`)).status).toBe(404)
    expect((await get(link!, { method: 'POST', body: 'x' })).status).toBe(405)
  })

  it('gzip as content-encoding is decoded by fetch', async () => {
    const { usage, api } = await fresh()
    usage.setReport({ org: 'acme', gzip: true, files: 2 })
    const { download_links: l } = await links(api)
    const r = await get(l[1]!)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-encoding')).toBe('gzip')
    expect(await r.text()).toBe(expected(usage, 1))
  })

  it("gzip as a file ('.ndjson.gz', application/gzip) must be gunzipped by the client", async () => {
    const { usage, api } = await fresh()
    usage.setReport({ org: 'acme', gzip: 'file' })
    const { download_links: l } = await links(api)
    expect(new URL(l[0]!).pathname).toMatch(/\.ndjson\.gz$/)
    const r = await get(l[0]!)
    expect(r.headers.get('content-type')).toBe('application/gzip')
    expect(r.headers.get('content-encoding')).toBeNull()
    const raw = Buffer.from(await r.arrayBuffer())
    expect(gunzipSync(raw).toString('utf8')).toBe(expected(usage, 0))
  })

  it('redirects (302) to the blob URL, which serves the file; neither hop carries Authorization', async () => {
    const { usage, api } = await fresh()
    usage.setReport({ org: 'acme', redirect: true })
    const { download_links: l } = await links(api)
    const manual = await get(l[0]!, { redirect: 'manual' })
    expect(manual.status).toBe(302)
    const location = manual.headers.get('location')!
    expect(new URL(location).pathname.startsWith('/blob/copilot-usage/')).toBe(true)
    usage.clearDownloads()
    const r = await get(l[0]!)
    expect(r.status).toBe(200)
    expect(r.redirected).toBe(true)
    expect(await r.text()).toBe(expected(usage, 0))
    expect(usage.downloads.map((d) => [d.status, d.reason, d.authorization])).toEqual([
      [302, 'redirect', false],
      [200, 'ok', false]
    ])
  })

  it('can serve one malformed line', async () => {
    const { usage, api } = await fresh()
    usage.setReport({ org: 'acme', files: 2, malformed: { file: 1, line: 3 } })
    const { download_links: l } = await links(api)
    const good = (await (await get(l[0]!)).text()).split('\n').filter(Boolean)
    expect(() => good.map((x) => JSON.parse(x))).not.toThrow()
    const lines = (await (await get(l[1]!)).text()).split('\n').filter(Boolean)
    const bad = lines.flatMap((x, i) => {
      try {
        JSON.parse(x)
        return []
      } catch {
        return [i]
      }
    })
    expect(bad).toEqual([3])
  })

  it("can cut a file short: 'reset' breaks the body, 'clean' ends it mid-line", async () => {
    const { usage, api } = await fresh(30)
    usage.setReport({ org: 'acme', truncate: { atByte: 5000 } })
    const r = await get((await links(api)).download_links[0]!)
    expect(r.status).toBe(200)
    await expect(r.text()).rejects.toThrow()

    usage.setReport({ org: 'acme', truncate: { atByte: 5000, mode: 'clean' } })
    const c = await get((await links(api)).download_links[0]!)
    const text = await c.text()
    expect(Buffer.byteLength(text)).toBe(5000)
    const last = text.split('\n').at(-1)!
    expect(last).not.toBe('')
    expect(() => JSON.parse(last)).toThrow()
  })

  it('a gzip body cut short: fetch fails, or (Node fetch) yields only a prefix with a broken last line', async () => {
    const { usage, api } = await fresh(30)
    usage.setReport({ org: 'acme', gzip: true, truncate: { atByte: 2000, mode: 'clean' } })
    const full = expected(usage, 0)
    const r = await get((await links(api)).download_links[0]!)
    const out = await r.text().then(
      (text) => ({ text }),
      (error: unknown) => ({ error })
    )
    if ('text' in out) {
      // undici inflates leniently: no error, just less text
      expect(out.text.length).toBeLessThan(full.length)
      expect(full.startsWith(out.text)).toBe(true)
      expect(out.text.endsWith('\n')).toBe(false)
    } else {
      expect(out.error).toBeTruthy()
    }
  })
}
