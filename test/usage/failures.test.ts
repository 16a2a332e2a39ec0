// The usage report's failure modes (SPEC.md, Usage metrics): unavailable (403,
// 404, 204), expired links, links that keep failing, the size guard, malformed
// lines; each is one warning with `auto` and a failure with `true`, and the
// seats are reported either way. Asserted at the HTTP boundary: the API's
// requests and the download host's record.
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { DEFAULT_DOWNLOAD_BASE, type FakeGitHub } from '../../fake/index.js'
import { mswServer, requestLines, runAction } from '../support/harness.js'
import { addSeats, NOW } from '../support/report-helpers.js'
import { downloadLines, LATEST, usageInputs, useUsage } from '../support/usage-fixtures.js'

const { server, useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })
const END = '2026-11-21'

function org(): FakeGitHub {
  const gh = fake()
  addSeats(gh, 6)
  return gh
}

const run = (inputs: Record<string, string> = {}, options: Parameters<typeof runAction>[1] = {}) =>
  runAction(usageInputs({ mode: 'report', ...inputs }), { now: NOW, ...options })

/** What a run with the report read shows of it, to compare a run that took another path. */
const usageOf = (r: Awaited<ReturnType<typeof run>>) => ({
  meta: r.reportJson!.meta.usage,
  seats: r.reportJson!.seats.map((s) => [s.login, s.usage])
})

describe('usage metrics unavailable', () => {
  it('auto, policy off (403): one warning naming the policy and the permission; the run goes on', async () => {
    const gh = org()
    const usage = useUsage(server, gh)
    usage.setReport({ org: 'acme' })
    usage.policy('acme', 'disabled')
    const r = await run()
    expect(r.exitCode).toBe(0)
    expect(r.errors).toEqual([])
    expect(r.warnings).toHaveLength(1)
    const w = r.warnings[0]!
    expect(w).toMatch(
      /^The usage metrics report of org "acme" is not available \(403: GitHub said "Copilot usage metrics are disabled/
    )
    expect(w).toContain('"Copilot usage metrics" policy is enabled')
    expect(w).toContain('"View Organization Copilot Metrics"')
    expect(w).toContain('read:org')
    expect(w).toContain('The run goes on without usage metrics')
    expect(requestLines(gh)).toEqual(['GET /orgs/acme/copilot/billing/seats', `GET ${LATEST}`])
    expect(usage.downloads).toEqual([])
    expect(r.outputs['total-seats']).toBe('6')
    expect(r.outputs['usage-report-end-day']).toBe('')
    expect(r.outputs['usage-active-seats']).toBe('0')
    expect(r.summary).not.toContain('### Copilot usage')
    expect(r.summary).toContain('> [!WARNING]\n> The usage metrics report of org')
  })

  it('auto, a token without the permission (404): one warning, which says 404 may mean no report yet', async () => {
    const gh = org()
    const usage = useUsage(server, gh)
    usage.setReport({ org: 'acme' })
    usage.deny('acme', { status: 404 })
    const r = await run()
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toHaveLength(1)
    expect(r.warnings[0]).toMatch(/is not available \(404: GitHub said "Not Found"\)/)
    expect(r.warnings[0]).toContain('a 404 can also mean that no report exists yet')
  })

  it('auto, no report (204): one warning', async () => {
    const gh = org()
    const usage = useUsage(server, gh)
    usage.clearReport('acme', { status: 204 })
    const r = await run()
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toEqual([
      'GitHub has no usage metrics report for org "acme" yet (204). Reports start a day or two after the "Copilot usage metrics" policy is enabled. The run goes on without usage metrics (set `usage-metrics: false` to not read them).'
    ])
  })

  it('the default, against a GitHub that does not serve the report: one more request, one warning', async () => {
    // No usage reports installed: the fake answers 404 as for any unknown path.
    const gh = org()
    const r = await run()
    expect(r.exitCode).toBe(0)
    expect(requestLines(gh)).toEqual(['GET /orgs/acme/copilot/billing/seats', `GET ${LATEST}`])
    expect(r.warnings).toHaveLength(1)
    expect(r.warnings[0]).toMatch(/not available \(404/)
  })

  it('true, policy off: the step fails, and the seats are still read and reported', async () => {
    const gh = org()
    const usage = useUsage(server, gh)
    usage.policy('acme', 'disabled')
    const r = await run({ 'usage-metrics': 'true' })
    expect(r.exitCode).toBe(1)
    expect(r.warnings).toEqual([])
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(/not available \(403/)
    expect(r.errors[0]).toContain('`usage-metrics` is `true`, so the step fails')
    expect(r.outputs['total-seats']).toBe('6')
    expect(r.summary).toContain('> [!CAUTION]\n> The usage metrics report of org')
    expect(r.summary).toContain('| Total seats | 6 |')
    expect(r.reportJson!.seats).toHaveLength(6)
  })

  it('auto, the endpoint failing for good (500): one warning, with the cause', async () => {
    const gh = org()
    useUsage(server, gh).setReport({ org: 'acme' })
    gh.fault({ path: LATEST, status: 500, times: Infinity })
    const r = await run({}, { timing: { retries: 1 } })
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toHaveLength(1)
    expect(r.warnings[0]).toMatch(
      /^The usage metrics report could not be read: GitHub failed with 500 while reading the latest usage metrics report of org "acme", after retries/
    )
  })

  it('a link that is not https (while the API is) is not followed', async () => {
    const gh = org()
    const usage = useUsage(server, gh, { downloadBase: 'http://copilot-reports.fake.test' })
    usage.setReport({ org: 'acme' })
    const r = await run()
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toEqual([
      `The usage metrics report of org "acme" was not read: GitHub's answer has a link with the scheme "http" among its download links, which this action does not follow. The run goes on without usage metrics (set \`usage-metrics: false\` to not read them).`
    ])
    expect(usage.downloads).toEqual([])
  })
})

describe('expired links', () => {
  it('one link expired mid-read: the links are requested again and the read goes on where it was', async () => {
    const clean = org()
    useUsage(server, clean).setReport({ org: 'acme', files: 3, seed: 2 })
    const baseline = await run()

    const gh = org()
    const usage = useUsage(server, gh)
    usage.setReport({ org: 'acme', files: 3, seed: 2 })
    usage.expireLinks('acme', { afterDownloads: 1 })
    const r = await run()
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toEqual([])
    expect(requestLines(gh)).toEqual([
      'GET /orgs/acme/copilot/billing/seats',
      `GET ${LATEST}`,
      `GET ${LATEST}`
    ])
    expect(downloadLines(usage)).toEqual([
      'GET /copilot-usage/orgs/acme/r1/users-28-day-1-of-3.ndjson 200',
      'GET /copilot-usage/orgs/acme/r1/users-28-day-2-of-3.ndjson 403',
      'GET /copilot-usage/orgs/acme/r1/users-28-day-2-of-3.ndjson 200',
      'GET /copilot-usage/orgs/acme/r1/users-28-day-3-of-3.ndjson 200'
    ])
    expect(usageOf(r)).toEqual(usageOf(baseline))
  })

  it('expired and the report moved on a day: every file is read again, from the new report', async () => {
    const gh = org()
    const usage = useUsage(server, gh)
    usage.setReport({ org: 'acme', files: 2, seed: 2 })
    usage.expireLinks('acme', { afterDownloads: 1, newDay: true })
    const r = await run()
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toEqual([])
    expect(downloadLines(usage)).toEqual([
      'GET /copilot-usage/orgs/acme/r1/users-28-day-1-of-2.ndjson 200',
      'GET /copilot-usage/orgs/acme/r1/users-28-day-2-of-2.ndjson 403',
      'GET /copilot-usage/orgs/acme/r2/users-28-day-1-of-2.ndjson 200',
      'GET /copilot-usage/orgs/acme/r2/users-28-day-2-of-2.ndjson 200'
    ])
    expect(r.outputs['usage-report-end-day']).toBe('2026-11-22')
    expect(r.reportJson!.meta.usage).toMatchObject({
      report_start_day: '2026-10-26',
      report_end_day: '2026-11-22',
      // each row counted once: the first report's rows were dropped
      rows: 6 * 28
    })
  })

  it('new links that are not https are not followed either', async () => {
    const gh = org()
    const usage = useUsage(server, gh)
    usage.setReport({ org: 'acme', files: 2 })
    usage.expireLinks('acme', { afterDownloads: 1 })
    let latest = 0
    gh.onRequest((req) => {
      if (req.path === LATEST && ++latest === 2)
        usage.downloadBase = 'http://copilot-reports.fake.test'
    })
    const r = await run()
    expect(r.exitCode).toBe(0)
    expect(latest).toBe(2)
    expect(r.warnings).toEqual([
      expect.stringContaining(
        'is incomplete and was not used: its links expired, and the new ones include a link with the scheme "http", which this action does not follow.'
      )
    ])
    expect(usage.downloads).toHaveLength(2)
  })

  it('refused again after new links: incomplete, one warning; with true a failure', async () => {
    for (const setting of ['auto', 'true']) {
      const gh = org()
      // Links that expire the moment they are handed out.
      const usage = useUsage(server, gh, { linkTtlMs: -60_000 })
      usage.setReport({ org: 'acme' })
      const r = await run({ 'usage-metrics': setting })
      const why =
        'The usage metrics report of org "acme" is incomplete and was not used: the download link of file 1 of 1 was refused (403) even after the links were requested again.'
      expect(requestLines(gh).filter((l) => l === `GET ${LATEST}`)).toHaveLength(2)
      expect(downloadLines(usage)).toEqual(
        Array(2).fill('GET /copilot-usage/orgs/acme/r1/users-28-day-1-of-1.ndjson 403')
      )
      expect(r.outputs['usage-report-end-day']).toBe('')
      if (setting === 'auto') {
        expect(r.exitCode).toBe(0)
        expect(r.warnings).toEqual([expect.stringContaining(why)])
      } else {
        expect(r.exitCode).toBe(1)
        expect(r.errors).toEqual([expect.stringContaining(why)])
      }
    }
  })
})

describe('links that fail', () => {
  it('a link that keeps failing (500): three attempts, then incomplete; with true a failure', async () => {
    for (const setting of ['auto', 'true']) {
      const gh = org()
      const usage = useUsage(server, gh)
      usage.setReport({ org: 'acme', files: 2 })
      let attempts = 0
      server.use(
        http.get(
          `${DEFAULT_DOWNLOAD_BASE}/copilot-usage/orgs/acme/r1/users-28-day-2-of-2.ndjson`,
          () => {
            attempts++
            return new HttpResponse('<Error><Code>InternalError</Code></Error>', { status: 500 })
          }
        )
      )
      const r = await run({ 'usage-metrics': setting })
      expect(attempts).toBe(3)
      const why =
        'is incomplete and was not used: file 2 of 2 could not be downloaded: the download host answered 500 (3 attempts).'
      expect(setting === 'auto' ? r.warnings : r.errors).toEqual([expect.stringContaining(why)])
      expect(r.exitCode).toBe(setting === 'auto' ? 0 : 1)
      expect(r.summary).not.toContain('### Copilot usage')
    }
  })

  it('a transfer that breaks once is read on from the first line not yet read: nothing counted twice', async () => {
    const clean = org()
    useUsage(server, clean).setReport({ org: 'acme', files: 2, seed: 5 })
    const baseline = await run()

    const gh = org()
    const usage = useUsage(server, gh)
    usage.setReport({ org: 'acme', files: 2, seed: 5 })
    const lines = [...usage.lines('acme', 0)]
    const partial = lines.slice(0, 40).join('') + lines[40]!.slice(0, 50)
    server.use(
      http.get(
        `${DEFAULT_DOWNLOAD_BASE}/copilot-usage/orgs/acme/r1/users-28-day-1-of-2.ndjson`,
        () => {
          const body = new ReadableStream({
            start(c) {
              c.enqueue(new TextEncoder().encode(partial))
              c.error(new TypeError('terminated'))
            }
          })
          return new HttpResponse(body, { status: 200 })
        },
        { once: true }
      )
    )
    const r = await run()
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toEqual([])
    expect(r.stdout).toContain('Usage report file 1 of 2: the download broke off')
    expect(usageOf(r)).toEqual(usageOf(baseline))
  })

  it("a file cut off on every attempt ('reset'): incomplete after three attempts", async () => {
    const gh = org()
    const usage = useUsage(server, gh)
    usage.setReport({ org: 'acme', truncate: { file: 0, atByte: 5000, mode: 'reset' } })
    const r = await run()
    expect(r.exitCode).toBe(0)
    expect(downloadLines(usage)).toEqual(
      Array(3).fill('GET /copilot-usage/orgs/acme/r1/users-28-day-1-of-1.ndjson 200')
    )
    expect(r.warnings).toEqual([
      expect.stringMatching(
        /is incomplete and was not used: file 1 of 1 could not be downloaded: the download broke off \(.*\) \(3 attempts\)\./
      )
    ])
  })

  it("a gzip body that ends early without an error ('clean'): the cut line is seen, incomplete", async () => {
    const gh = org()
    const usage = useUsage(server, gh)
    usage.setReport({ org: 'acme', gzip: true, truncate: { file: 0, atByte: 3000, mode: 'clean' } })
    const r = await run()
    expect(r.exitCode).toBe(0)
    expect(usage.downloads).toHaveLength(3)
    // undici inflates a truncated gzip body without an error, so the cut shows as a last line
    // that does not parse; msw's fetch interceptor reports the truncated stream instead.
    expect(r.warnings).toEqual([
      expect.stringMatching(
        /file 1 of 1 could not be downloaded: (the file ended in the middle of a line|the download broke off \(unexpected end of file\)) \(3 attempts\)\./
      )
    ])
  })
})

describe('size guard and malformed lines', () => {
  it('the size guard stops the download: incomplete, no more files requested', async () => {
    const gh = org()
    const usage = useUsage(server, gh)
    // about 1 MB a file: 106 users (100 without a seat here) x 28 days, in three files
    usage.setReport({ org: 'acme', files: 3, extraUsers: 100 })
    // Scaled down like the timings: 20 bytes a holder, (6 + 1,000) holders = 20,120 bytes.
    const r = await run({}, { usageBytesPerHolder: 20 })
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toEqual([
      'The usage metrics report of org "acme" is incomplete and was not used: it is larger than the size guard of 20,120 bytes (100 KB per seat holder, plus 1,000) at file 1 of 3, so the download was stopped. The run goes on without usage metrics (set `usage-metrics: false` to not read them).'
    ])
    expect(downloadLines(usage)).toEqual([
      'GET /copilot-usage/orgs/acme/r1/users-28-day-1-of-3.ndjson 200'
    ])
    // stopped early: the host sent a fraction of the file
    expect(usage.downloads[0]!.bytes).toBeLessThan(usage.measure('acme').perFile[0]! / 2)
  })

  it('a line that is not JSON: incomplete, naming the line; with true a failure', async () => {
    for (const setting of ['auto', 'true']) {
      const gh = org()
      const usage = useUsage(server, gh)
      usage.setReport({ org: 'acme', files: 2, malformed: { file: 1, line: 9 } })
      const r = await run({ 'usage-metrics': setting })
      const why =
        'The usage metrics report of org "acme" is incomplete and was not used: line 10 of file 2 of 2 is not a usage row (not valid JSON).'
      expect(setting === 'auto' ? r.warnings : r.errors).toEqual([expect.stringContaining(why)])
      expect(r.exitCode).toBe(setting === 'auto' ? 0 : 1)
      expect(r.outputs['usage-active-seats']).toBe('0')
      expect(r.reportJson!.meta.usage).toBeNull()
      expect(r.reportCsv!.split('\r\n')[0]).not.toContain('interactions')
    }
  })

  it('a row with a count of the wrong type is malformed too', async () => {
    const gh = org()
    useUsage(server, gh).setReport({
      org: 'acme',
      rows: [
        { day: END, user_login: 'u000', user_initiated_interaction_count: 3 },
        { day: END, user_login: 'u001', user_initiated_interaction_count: '3' }
      ]
    })
    const r = await run()
    expect(r.warnings).toEqual([
      expect.stringContaining(
        'line 2 of file 1 of 1 is not a usage row ("user_initiated_interaction_count" is "3", not a count).'
      )
    ])
  })
})
