// The run's limiter with a virtual clock (vitest fake timers drive both its
// `now` and its setTimeout waits), so no test depends on wall-clock time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CancelledError } from '../../src/errors.js'
import { GITHUB_BUDGET, RunLimiter, type LimiterOptions } from '../../src/github/limiter.js'

const BIG = 1_000_000

function limiter(options: Partial<LimiterOptions>) {
  return new RunLimiter({
    pointsPerMinute: BIG,
    requestSecondsPerMinute: BIG,
    burstSeconds: 10,
    maxConcurrent: 100,
    writeSpacingMs: 1000,
    initialEstimateMs: 0,
    now: () => Date.now(),
    ...options
  })
}

/** Schedules a job that records when it started and takes `takesMs` of virtual time. */
function job(
  l: RunLimiter,
  write: boolean,
  starts: number[],
  takesMs = 0,
  log?: string[],
  name?: string
) {
  return l.schedule(write, async () => {
    starts.push(Date.now())
    log?.push(`start ${name}`)
    if (takesMs) await new Promise((r) => setTimeout(r, takesMs))
    log?.push(`end ${name}`)
    return name
  })
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('RunLimiter', () => {
  it("paces at 85% of GitHub's budgets by default, and a full burst plus a minute stays under 93% of each", () => {
    expect(GITHUB_BUDGET).toMatchObject({
      pointsPerMinute: 765,
      requestSecondsPerMinute: 76.5,
      burstSeconds: 5,
      writeSpacingMs: 1000
    })
    const worstMinute = (perMinute: number) => (perMinute * (60 + GITHUB_BUDGET.burstSeconds)) / 60
    expect(worstMinute(GITHUB_BUDGET.pointsPerMinute)).toBeLessThanOrEqual(0.93 * 900)
    expect(worstMinute(GITHUB_BUDGET.requestSecondsPerMinute)).toBeLessThanOrEqual(0.93 * 90)
  })

  it('points bucket: a burst of capacity, then GETs at the refill rate', async () => {
    // 60 points a minute = 1 a second; 5 s of burst = 5 points
    const l = limiter({ pointsPerMinute: 60, burstSeconds: 5 })
    const starts: number[] = []
    const all = Array.from({ length: 8 }, () => job(l, false, starts))
    await vi.advanceTimersByTimeAsync(0)
    expect(starts).toEqual([0, 0, 0, 0, 0])
    await vi.advanceTimersByTimeAsync(10_000)
    await Promise.all(all)
    expect(starts).toEqual([0, 0, 0, 0, 0, 1000, 2000, 3000])
  })

  it('points bucket: a write costs 5 points', async () => {
    const l = limiter({ pointsPerMinute: 60, burstSeconds: 5 })
    const starts: number[] = []
    const all = [job(l, true, starts), job(l, true, starts), job(l, false, starts)]
    await vi.advanceTimersByTimeAsync(20_000)
    await Promise.all(all)
    // first write empties the bucket; the read needs 1 point (1 s); the second write waits for 5 points
    expect(starts.length).toBe(3)
    expect(starts[0]).toBe(0)
    expect(Math.max(...starts)).toBeGreaterThanOrEqual(5000)
  })

  it('request-time bucket: charged the estimate up front, settled with what requests really took', async () => {
    // 6 s of request time a minute (0.1 s per s), 10 s burst = 1 s of capacity; estimate 500 ms
    const fast = limiter({ requestSecondsPerMinute: 6, burstSeconds: 10, initialEstimateMs: 500 })
    const fastStarts: number[] = []
    const a = Array.from({ length: 3 }, () => job(fast, false, fastStarts, 0))
    await vi.advanceTimersByTimeAsync(0)
    await Promise.all(a)
    // two fit the bucket at once; the instant ones give back their unused estimate, so the third starts too
    expect(fastStarts).toEqual([0, 0, 0])

    const slow = limiter({ requestSecondsPerMinute: 6, burstSeconds: 10, initialEstimateMs: 500 })
    const slowStarts: number[] = []
    const b = Array.from({ length: 3 }, () => job(slow, false, slowStarts, 2000))
    await vi.advanceTimersByTimeAsync(0)
    expect(slowStarts).toEqual([0, 0])
    await vi.advanceTimersByTimeAsync(120_000)
    await Promise.all(b)
    // each took 2 s, not 0.5 s: the 3 s overdraft is refilled at 0.1 s per s before the third may start
    expect(slowStarts[2]).toBeGreaterThanOrEqual(30_000)
    expect(slow.stats.requestMs).toBe(6000)
  })

  it('never has more than maxConcurrent requests in flight', async () => {
    const l = limiter({ maxConcurrent: 3 })
    let running = 0
    let peak = 0
    const all = Array.from({ length: 10 }, (_, i) =>
      l.schedule(false, async () => {
        running++
        peak = Math.max(peak, running)
        await new Promise((r) => setTimeout(r, 100 + i))
        running--
      })
    )
    await vi.advanceTimersByTimeAsync(5000)
    await Promise.all(all)
    expect(peak).toBe(3)
    expect(l.stats.maxInFlight).toBe(3)
    expect(l.stats.requests).toBe(10)
  })

  it('writes are serialised and start at least writeSpacingMs apart; reads are not held up', async () => {
    const l = limiter({})
    const writeStarts: number[] = []
    const readStarts: number[] = []
    const log: string[] = []
    const all = [
      job(l, true, writeStarts, 1500, log, 'w1'),
      job(l, true, writeStarts, 10, log, 'w2'),
      job(l, true, writeStarts, 10, log, 'w3'),
      job(l, false, readStarts, 0)
    ]
    await vi.advanceTimersByTimeAsync(10_000)
    await Promise.all(all)
    expect(readStarts).toEqual([0])
    expect(log).toEqual(['start w1', 'end w1', 'start w2', 'end w2', 'start w3', 'end w3'])
    expect(writeStarts[0]).toBe(0)
    expect(writeStarts[1]).toBeGreaterThanOrEqual(1500)
    expect(writeStarts[2]! - writeStarts[1]!).toBeGreaterThanOrEqual(1000)
    expect(l.stats.writes).toBe(3)
  })

  it('stop() rejects queued jobs and later ones; requests in flight finish', async () => {
    const l = limiter({ maxConcurrent: 1 })
    const starts: number[] = []
    const inFlight = job(l, false, starts, 1000, undefined, 'first')
    const queued = job(l, false, starts, 0, undefined, 'queued')
    const queuedWrite = job(l, true, starts, 0, undefined, 'queued-write')
    await vi.advanceTimersByTimeAsync(0)
    const reason = new CancelledError('cancelled by test')
    l.stop(reason)
    expect(l.isStopped).toBe(true)
    await expect(queued).rejects.toBe(reason)
    await expect(queuedWrite).rejects.toBe(reason)
    await expect(job(l, false, starts)).rejects.toBe(reason)
    await vi.advanceTimersByTimeAsync(1000)
    await expect(inFlight).resolves.toBe('first')
    expect(starts).toEqual([0])
  })
})
