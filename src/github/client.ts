// The GitHub client: @actions/github's Octokit (GITHUB_API_URL, proxy-aware
// fetch) with retry and throttling, paced by the run's limiter. Tests pass
// `fetch` so msw sees the requests; production keeps the toolkit's own.
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling'
import { RESPONSE_TIMING, RunLimiter, type ResponseTiming } from './limiter.js'

export const API_VERSION = '2022-11-28'
export type Octokit = ReturnType<typeof getOctokit>
type Plugin = NonNullable<Parameters<typeof getOctokit>[2]>

export interface Timing {
  /** Each attempt's time limit. */
  attemptTimeoutMs: number
  /** Multiplier for plugin-retry's (n+1)² s back-off and the throttling waits (1000 = seconds). */
  retryBaseMs: number
  retries: number
  /** A primary-limit reset further away than this fails at once instead of waiting. */
  maxPrimaryWaitSeconds: number
  secondaryRetries: number
}

export const PRODUCTION_TIMING: Timing = {
  attemptTimeoutMs: 30_000,
  retryBaseMs: 1000,
  retries: 3,
  maxPrimaryWaitSeconds: 120,
  secondaryRetries: 3
}

export interface ClientOptions {
  token: string
  baseUrl?: string
  fetch?: typeof globalThis.fetch
  limiter: RunLimiter
  timing?: Partial<Timing>
  /** Called when the client decides to wait for a limit, for the log. */
  onWait?: (message: string) => void
}

export class AttemptTimeoutError extends Error {
  readonly status = 504
  constructor(
    readonly request: unknown,
    readonly timeoutMs: number
  ) {
    super(`GitHub did not answer within ${Math.round(timeoutMs / 100) / 10} s`)
    this.name = 'HttpError'
  }
}

/** A GET answered 200 with a body that does not parse (a truncated or proxy-mangled page): retried like a 502. */
export class MalformedBodyError extends Error {
  readonly status = 502
  constructor(readonly request: unknown) {
    super('GitHub answered with a body that is not valid JSON')
    this.name = 'HttpError'
  }
}

/**
 * Innermost wrapper, so that every attempt (including retries) gets its own
 * timeout and the API version header. A bare 429 is named a secondary limit so
 * that the throttling plugin, which recognises limits by message, honours its
 * Retry-After instead of failing.
 */
function attemptPlugin(timeoutMs: number): Plugin {
  return (octokit) => {
    octokit.hook.wrap('request', async (request, options) => {
      options.headers['x-github-api-version'] = API_VERSION
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(), timeoutMs)
      options.request = { ...options.request, signal: controller.signal }
      // Time to the response headers, for the limiter's request-time budget.
      const timing = (options as { [RESPONSE_TIMING]?: ResponseTiming })[RESPONSE_TIMING]
      const fetch = options.request.fetch as typeof globalThis.fetch | undefined
      if (timing && fetch) {
        options.request.fetch = async (url: string | URL | Request, init?: RequestInit) => {
          const started = performance.now()
          const response = await fetch(url, init)
          timing.ms = performance.now() - started
          return response
        }
      }
      try {
        const response = await request(options)
        // Octokit hands back the raw text when a body does not parse; for a read, try again.
        if (
          options.method === 'GET' &&
          response.status !== 204 &&
          typeof response.data === 'string' &&
          response.data !== ''
        ) {
          throw new MalformedBodyError(options)
        }
        return response
      } catch (error) {
        if (error instanceof MalformedBodyError) throw error
        if (controller.signal.aborted) throw new AttemptTimeoutError(options, timeoutMs)
        const e = error as { status?: number; message?: string }
        if (e.status === 429 && !/\bsecondary rate\b/i.test(e.message ?? '')) {
          e.message = `secondary rate limit (429 Too Many Requests): ${e.message ?? ''}`
        }
        throw error
      } finally {
        clearTimeout(timer)
      }
    })
    return {}
  }
}

export function createClient(options: ClientOptions): Octokit {
  const timing = { ...PRODUCTION_TIMING, ...options.timing }
  const { limiter } = options
  const handlers: ThrottlingOptions = {
    retryAfterBaseValue: timing.retryBaseMs,
    onRateLimit: (retryAfter, request, _octokit, retryCount) => {
      // Primary limit: wait for a near reset, fail at once (with the reset time) for a far one.
      if (limiter.isStopped || retryCount >= 1 || retryAfter > timing.maxPrimaryWaitSeconds)
        return false
      options.onWait?.(
        `Primary rate limit reached on ${request.method} ${request.url}; waiting ${retryAfter} s for the reset.`
      )
      return true
    },
    onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
      if (limiter.isStopped || retryCount >= timing.secondaryRetries) return false
      options.onWait?.(
        `Secondary rate limit on ${request.method} ${request.url}; waiting ${retryAfter} s as GitHub asks.`
      )
      return true
    }
  }
  // The limiter stands in for the plugin's Bottleneck groups (typed as Bottleneck.Group).
  const throttle = { ...handlers, ...limiter.throttleGroups() } as unknown as ThrottlingOptions
  return getOctokit(
    options.token,
    {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
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
    attemptPlugin(timing.attemptTimeoutMs),
    throttling,
    retry
  )
}
