// What every mode is given: the client, the run's single `now`, a logger, a way
// to learn that the run was cancelled, and a progress record a cancelled run
// reports from. Modes never read the clock, the environment or @actions/core.
import type { Octokit } from '../github/client.js'
import type { Downloader } from '../github/ndjson-download.js'
import type { Direction, SeatPlan } from '../domain/outcome.js'

export interface Logger {
  info: (message: string) => void
  warning: (message: string) => void
  debug: (message: string) => void
}

export const silentLogger: Logger = { info: () => {}, warning: () => {}, debug: () => {} }

/**
 * What a run has decided and sent so far. If a cancel's grace period ends while
 * a write is unanswered, the entry point reports from this instead of from the
 * mode's result: the plan, and each login GitHub accepted a write for.
 */
export interface Progress {
  plan: SeatPlan | null
  /** Logins in a write sent and not answered yet. */
  inFlight: Map<string, Direction>
  accepted: Map<string, Direction>
}

export const newProgress = (): Progress => ({
  plan: null,
  inFlight: new Map(),
  accepted: new Map()
})

export interface ModeContext {
  /** The seat client: \`token\`, sent to \`github-api-url\`. */
  client: Octokit
  /**
   * The repository client: \`github-token\`, sent only to the runner's own API URL
   * (\`runnerApiUrl\`), for the tracking issue and pull-request comments; null without it.
   */
  repoClient: Octokit | null
  /** The runner's API URL, where \`repoClient\` goes. */
  runnerApiUrl: string
  /** Epoch ms, read once per run. */
  now: number
  log: Logger
  /** The REST API base URL (`github-api-url`), for error messages. */
  apiUrl: string
  isCancelled: () => boolean
  progress: Progress
  /**
   * Downloads from hosts other than the API (the usage report's signed links): no token,
   * the API client's proxy-aware transport, its own timeout, not the API's limiter.
   */
  download: Downloader
  /** Size guard of the usage report per seat holder; tests scale it down. Default 100 KB. */
  usageBytesPerHolder?: number
}
