// The one place that paces the run's requests. GitHub's secondary limits are
// budgets per minute: 900 points (GET 1, writes 5) and 90 s of request time,
// estimated from response times, plus 100 requests in flight and a pause of a
// second between writes. Two token buckets refill at a share of each budget;
// their capacity allows a short burst, sized so that a full bucket plus a minute
// of refill still stays under the limit in any sliding minute.
//
// The client puts it around every attempt with an Octokit plugin of its own
// (github/client.ts), inside plugin-throttling and plugin-retry, so retries and
// limit waits are paced and counted too.
import { CancelledError } from '../errors.js'

export interface LimiterOptions {
  pointsPerMinute: number
  requestSecondsPerMinute: number
  /** Seconds of refill the buckets may hold. */
  burstSeconds: number
  maxConcurrent: number
  writeSpacingMs: number
  /** Response time assumed for a request before any has been measured. */
  initialEstimateMs: number
  now?: () => number
}

/**
 * 85% of each of GitHub's documented secondary budgets, with 5 s of burst: in any
 * sliding minute at most 0.85 × 65/60 = 92% of a budget is spent.
 */
export const GITHUB_BUDGET: LimiterOptions = {
  pointsPerMinute: 765,
  requestSecondsPerMinute: 76.5,
  burstSeconds: 5,
  maxConcurrent: 10,
  writeSpacingMs: 1000,
  initialEstimateMs: 250
}

/**
 * Filled in by the client's fetch: how long GitHub took to answer (until the
 * response headers). That is the response time GitHub counts, without the time
 * this process spends reading and parsing the body.
 */
export interface ResponseTiming {
  ms: number | null
}

interface Job {
  write: boolean
  run: () => void
  reject: (error: unknown) => void
}

export interface LimiterStats {
  requests: number
  writes: number
  maxInFlight: number
  /** Sum of measured request durations, ms. */
  requestMs: number
}

export class RunLimiter {
  private readonly opts: Required<LimiterOptions>
  private points: number
  private seconds: number
  private refilledAt: number
  private estimateMs: number
  private inFlight = 0
  private writeBusy = false
  private lastWriteStart = -Infinity
  private readonly reads: Job[] = []
  private readonly writes: Job[] = []
  private timer: NodeJS.Timeout | null = null
  private stopped: Error | null = null
  readonly stats: LimiterStats = { requests: 0, writes: 0, maxInFlight: 0, requestMs: 0 }

  constructor(options: Partial<LimiterOptions> = {}) {
    this.opts = { now: () => performance.now(), ...GITHUB_BUDGET, ...options }
    this.points = this.pointsCapacity
    this.seconds = this.secondsCapacity
    this.refilledAt = this.opts.now()
    this.estimateMs = this.opts.initialEstimateMs
  }

  private get pointsCapacity(): number {
    return (this.opts.pointsPerMinute / 60) * this.opts.burstSeconds
  }
  private get secondsCapacity(): number {
    return (this.opts.requestSecondsPerMinute / 60) * this.opts.burstSeconds
  }

  /** Runs `fn` when the budgets allow; `write` for POST/PATCH/PUT/DELETE. */
  schedule<T>(write: boolean, fn: (timing: ResponseTiming) => Promise<T>): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped)
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        write,
        reject,
        run: () => {
          void this.execute(write, fn).then(resolve, reject)
        }
      }
      ;(write ? this.writes : this.reads).push(job)
      this.pump()
    })
  }

  /** No new requests start; queued ones fail with `reason`. Requests in flight finish. */
  stop(reason: Error = new CancelledError()): void {
    this.stopped = reason
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    for (const job of this.reads.splice(0).concat(this.writes.splice(0))) job.reject(reason)
  }

  get isStopped(): boolean {
    return this.stopped !== null
  }

  private refill(): void {
    const now = this.opts.now()
    const elapsed = (now - this.refilledAt) / 1000
    this.refilledAt = now
    this.points = Math.min(
      this.pointsCapacity,
      this.points + (elapsed * this.opts.pointsPerMinute) / 60
    )
    this.seconds = Math.min(
      this.secondsCapacity,
      this.seconds + (elapsed * this.opts.requestSecondsPerMinute) / 60
    )
  }

  /** Milliseconds until `job` may start (0: now), or Infinity while it waits on another request. */
  private waitFor(job: Job): number {
    if (this.inFlight >= this.opts.maxConcurrent) return Infinity
    const cost = job.write ? 5 : 1
    const needSeconds = Math.min(this.estimateMs / 1000, this.secondsCapacity)
    let wait = 0
    if (this.points < cost)
      wait = Math.max(wait, ((cost - this.points) * 60_000) / this.opts.pointsPerMinute)
    if (this.seconds < needSeconds)
      wait = Math.max(
        wait,
        ((needSeconds - this.seconds) * 60_000) / this.opts.requestSecondsPerMinute
      )
    if (job.write) {
      if (this.writeBusy) return Infinity
      wait = Math.max(wait, this.lastWriteStart + this.opts.writeSpacingMs - this.opts.now())
    }
    return wait
  }

  private pump(): void {
    if (this.stopped) return
    this.refill()
    let soonest: number
    for (;;) {
      const write = this.writes[0]
      const read = this.reads[0]
      const writeWait = write ? this.waitFor(write) : Infinity
      const readWait = read ? this.waitFor(read) : Infinity
      // Writes first: they are few, and a waiting write must not starve behind a listing.
      const job =
        write && writeWait <= 0
          ? this.writes.shift()
          : read && readWait <= 0
            ? this.reads.shift()
            : undefined
      if (!job) {
        soonest = Math.min(writeWait, readWait)
        break
      }
      this.points -= job.write ? 5 : 1
      this.seconds -= this.estimateMs / 1000
      job.run()
    }
    if (soonest !== Infinity && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null
        this.pump()
      }, Math.ceil(soonest))
    }
  }

  private async execute<T>(write: boolean, fn: (timing: ResponseTiming) => Promise<T>): Promise<T> {
    this.inFlight++
    this.stats.requests++
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.inFlight)
    if (write) {
      this.writeBusy = true
      this.stats.writes++
      this.lastWriteStart = this.opts.now()
    }
    const started = this.opts.now()
    const charged = this.estimateMs
    const timing: ResponseTiming = { ms: null }
    try {
      return await fn(timing)
    } finally {
      const elapsed = this.opts.now() - started
      // GitHub's response time when the client saw the headers, else the whole call.
      const took = timing.ms !== null ? Math.min(timing.ms, elapsed) : elapsed
      this.stats.requestMs += took
      // Settle the estimate charged at the start against what the request really took.
      this.seconds -= (took - charged) / 1000
      this.estimateMs = this.estimateMs * 0.8 + took * 0.2
      this.inFlight--
      if (write) {
        this.writeBusy = false
        // Spaced from the answer, not the send: a write that reaches GitHub a little late
        // (network, event loop) must not bring the next one under a second behind it.
        this.lastWriteStart = this.opts.now()
      }
      this.pump()
    }
  }
}
