// The transport for downloads from hosts other than the API (the usage report's
// signed links). In production it is what the API client uses: the toolkit's
// undici fetch with the proxy dispatcher of @actions/http-client, chosen for the
// link's own host (https_proxy / no_proxy apply to it as to the API). Tests pass
// their fetch, as they do for the API client. No token is ever added here.
import { HttpClient } from '@actions/http-client'
import { fetch as undiciFetch, type Dispatcher } from 'undici'
import { PRODUCTION_TIMING, type Timing } from './github/client.js'
import type { DownloadFetch, Downloader } from './github/ndjson-download.js'

/** The toolkit's proxy-aware fetch, with one dispatcher per origin (as getOctokit has one for the API). */
export function proxyAwareFetch(): DownloadFetch {
  const dispatchers = new Map<string, Dispatcher | undefined>()
  return async (url, init) => {
    const origin = new URL(url).origin
    if (!dispatchers.has(origin)) {
      dispatchers.set(origin, new HttpClient('copilot-seats-action').getAgentDispatcher(url))
    }
    const response = await undiciFetch(url, { ...init, dispatcher: dispatchers.get(origin) })
    return response as unknown as Response
  }
}

export function createDownloader(options: {
  fetch?: typeof globalThis.fetch
  timing?: Partial<Timing>
}): Downloader {
  const timing = { ...PRODUCTION_TIMING, ...options.timing }
  const injected = options.fetch
  return {
    fetch: injected ? (url, init) => injected(url, init) : proxyAwareFetch(),
    timeoutMs: timing.attemptTimeoutMs,
    retryBaseMs: timing.retryBaseMs
  }
}
