// The GitHub client: @actions/github's Octokit (proxy-aware fetch) with
// plugin-retry and plugin-throttling, and a plugin of our own around each
// attempt: the run's limiter and the per-attempt checks (timeout, API version,
// a body that is not JSON or not the documented shape). Tests pass `fetch` so
// msw sees the requests; production keeps the toolkit's own.
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling'
import type Bottleneck from 'bottleneck'
import type { RunLimiter } from './limiter.js'
import { classifyToken, type TokenKind } from './token-kind.js'

export const API_VERSION = '2022-11-28'
export type Octokit = ReturnType<typeof getOctokit>
type Plugin = NonNullable<Parameters<typeof getOctokit>[2]>
type Fetch = typeof globalThis.fetch

export interface Timing {
  /** Each attempt's time limit. */
  attemptTimeoutMs: number
  /** Multiplier for plugin-retry's (n+1)² s back-off and the throttling waits (1000 = seconds). */
  retryBaseMs: number
  retries: number
  /** SPEC: no wait for a limit exceeds this; a longer Retry-After or reset fails at once. */
  maxWaitSeconds: number
  secondaryRetries: number
}

export const PRODUCTION_TIMING: Timing = {
  attemptTimeoutMs: 30_000,
  retryBaseMs: 1000,
  retries: 3,
  maxWaitSeconds: 120,
  secondaryRetries: 3
}

/**
 * plugin-throttling's pacing groups (its typed options), given only by tests:
 * its own space writes 1 s apart in real time, which tests scale down.
 */
export type ThrottleGroups = Partial<
  Record<'global' | 'write' | 'notifications' | 'search' | 'auth', Bottleneck.Group>
>

export interface ClientOptions {
  token: string
  baseUrl: string
  fetch?: Fetch
  limiter: RunLimiter
  timing?: Partial<Timing>
  throttleGroups?: ThrottleGroups
  /** Called when the client decides to wait for a limit, for the log. */
  onWait?: (message: string) => void
}

/** A request option (`request.expect`): the shape a successful body must have. */
export type BodyCheck = (data: unknown) => boolean

/** An attempt that got no answer in time. Carries status 504 so that plugin-retry retries it. */
export class AttemptTimeoutError extends Error {
  readonly status = 504
  constructor(
    readonly request: unknown,
    readonly timeoutMs: number
  ) {
    super(`GitHub did not answer within ${Math.round(timeoutMs / 100) / 10} s`)
    this.name = 'AttemptTimeoutError'
  }
}

/**
 * A 2xx answer whose body is not JSON, or not the documented shape (a seat page
 * without `seats`). Never proof of anything: retried like a 502, then a failure.
 */
export class UnexpectedBodyError extends Error {
  readonly status = 502
  constructor(
    readonly request: unknown,
    readonly problem: 'not valid JSON' | 'not the documented shape'
  ) {
    super(`GitHub answered with a body that is ${problem}`)
    this.name = 'UnexpectedBodyError'
  }
}

/**
 * Innermost, so it sees every attempt, retries and limit waits included: the
 * attempt waits for the run's limiter, gets its own timeout and the API version,
 * and its answer is checked (a body that is not JSON, or not the documented
 * shape, is an error to retry). The limiter learns from the fetch how long
 * GitHub took to answer: until the headers, what GitHub's request-time budget
 * counts, without the time spent here reading the body.
 *
 * Octokit hands each hook the same options object (a hook cannot pass its
 * inner one another), so the attempt's signal and timed fetch are set on it
 * for the attempt and put back after it.
 */
function attemptPlugin(limiter: RunLimiter, timeoutMs: number): Plugin {
  return (octokit) => {
    octokit.hook.wrap('request', (request, options) => {
      const write = options.method !== 'GET' && options.method !== 'HEAD'
      return limiter.schedule(write, async (timing) => {
        options.headers['x-github-api-version'] = API_VERSION
        const controller = new AbortController()
        const timer = setTimeout(() => controller.abort(), timeoutMs)
        const saved = options.request
        const expect = saved?.expect as BodyCheck | undefined
        const inner = (saved?.fetch as Fetch | undefined) ?? globalThis.fetch
        const fetch: Fetch = async (url, init) => {
          const started = performance.now()
          const response = await inner(url, init)
          timing.ms = performance.now() - started
          return response
        }
        options.request = { ...saved, signal: controller.signal, fetch }
        try {
          const response = await request(options)
          if (response.status !== 204) {
            // Octokit hands back the raw text when a body does not parse as JSON.
            const raw = typeof response.data === 'string' && response.data !== ''
            if (raw && !write) throw new UnexpectedBodyError(options, 'not valid JSON')
            if (expect && !expect(response.data)) {
              throw new UnexpectedBodyError(options, 'not the documented shape')
            }
          }
          return response
        } catch (error) {
          if (error instanceof UnexpectedBodyError) throw error
          if (controller.signal.aborted) throw new AttemptTimeoutError(options, timeoutMs)
          // plugin-throttling recognises a limit by its message; a bare 429 is one too.
          const e = error as { status?: number; message?: string }
          if (e.status === 429 && !/\bsecondary rate\b/i.test(e.message ?? '')) {
            e.message = `secondary rate limit (429 Too Many Requests): ${e.message ?? ''}`
          }
          throw error
        } finally {
          clearTimeout(timer)
          options.request = saved
        }
      })
    })
    return {}
  }
}

// The kind of each client's token, so that error messages can name it; the token itself is not kept.
const tokenKinds = new WeakMap<object, TokenKind>()

/** The kind of token `client` sends; 'unknown' for a client not made here. */
export const tokenKindOf = (client: Octokit): TokenKind => tokenKinds.get(client) ?? 'unknown'

export function createClient(options: ClientOptions): Octokit {
  const timing = { ...PRODUCTION_TIMING, ...options.timing }
  const { limiter } = options
  const throttle: ThrottlingOptions = {
    retryAfterBaseValue: timing.retryBaseMs,
    onRateLimit: (retryAfter, request, _octokit, retryCount) => {
      // Primary limit: wait for a near reset; a far one fails at once, naming the reset time.
      if (limiter.isStopped || retryCount >= 1 || retryAfter > timing.maxWaitSeconds) return false
      options.onWait?.(
        `Primary rate limit reached on ${request.method} ${request.url}; waiting ${retryAfter} s for the reset.`
      )
      return true
    },
    onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
      if (limiter.isStopped || retryCount >= timing.secondaryRetries) return false
      if (retryAfter > timing.maxWaitSeconds) return false
      options.onWait?.(
        `Secondary rate limit on ${request.method} ${request.url}; waiting ${retryAfter} s as GitHub asks.`
      )
      return true
    },
    ...options.throttleGroups
  }
  const client = getOctokit(
    options.token,
    {
      baseUrl: options.baseUrl,
      ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
      userAgent: 'copilot-seats-action',
      throttle,
      retry: {
        // 429 and 403 limits are the throttling plugin's; retrying them here too would double the waits.
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
        retries: timing.retries,
        retryAfterBaseValue: timing.retryBaseMs
      }
    },
    // The first plugin is the innermost: it sees every attempt, retries included.
    attemptPlugin(limiter, timing.attemptTimeoutMs),
    throttling,
    retry
  )
  tokenKinds.set(client, classifyToken(options.token))
  return client
}
