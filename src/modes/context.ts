// What every mode is given: the client, the run's single `now`, a logger and
// a way to learn that the run was cancelled. Modes never read the clock,
// the environment or @actions/core themselves.
import type { Octokit } from '../github/client.js'

export interface Logger {
  info: (message: string) => void
  warning: (message: string) => void
  debug: (message: string) => void
}

export const silentLogger: Logger = { info: () => {}, warning: () => {}, debug: () => {} }

export interface ModeContext {
  client: Octokit
  /** Epoch ms, read once per run. */
  now: number
  log: Logger
  /** GITHUB_API_URL, for error messages (GitHub Enterprise Server has no Copilot endpoints). */
  apiUrl?: string
  isCancelled: () => boolean
  /** Called between pages of large listings and seats written, to keep memory near what is live. */
  compactHeap?: () => void
}
