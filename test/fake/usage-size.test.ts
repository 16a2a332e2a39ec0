// The benchmark's report: 100,000 seat holders x 28 days, generated as a stream and counted.
// Not a timing assertion; it prints the size (recorded in fake/README.md, "Usage metrics rows").
import { describe, expect, it } from 'vitest'
import { FakeGitHub, generateOrg, installUsageReports } from '../../fake/index.js'
import { NOW } from './util.js'

describe('usage report at 100,000 users', () => {
  it('is 2.8 million rows, streamed without holding the report', { timeout: 300_000 }, () => {
    const gh = new FakeGitHub({ now: () => NOW })
    generateOrg(gh, { org: 'big', seats: 100_000, seed: 1, now: NOW, extraMembers: 0 })
    const usage = installUsageReports(gh)
    const info = usage.setReport({ org: 'big', files: 4 })
    expect(info.users).toBe(100_000)
    expect(info.rows).toBe(2_800_000)
    const heapBefore = process.memoryUsage().heapUsed
    let peak = heapBefore
    let n = 0
    let bytes = 0
    let active = 0
    for (const line of usage.lines('big')) {
      bytes += Buffer.byteLength(line)
      if (line.charCodeAt(line.length - 2) === 0x7d && line.includes('"feature"')) active++
      if (++n % 200_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed)
    }
    expect(n).toBe(2_800_000)
    const mb = (x: number) => (x / 1e6).toFixed(0)
    console.log(
      `users-28-day, 100,000 users: ${n} rows, ${bytes} bytes (${mb(bytes)} MB), ` +
        `${(bytes / n).toFixed(0)} B/row, ${active} rows with a feature breakdown; ` +
        `heap growth while generating ${mb(peak - heapBefore)} MB`
    )
    expect(bytes).toBeGreaterThan(2e9)
    expect(bytes).toBeLessThan(5e9)
    // streamed: nothing close to the report's size is held
    expect(peak - heapBefore).toBeLessThan(200e6)
  })
})
