// Helpers for the usage-metrics tests: the fake's usage reports under msw (API and
// download host on two origins), and the download host's record as "METHOD /path" lines.
import type { setupServer } from 'msw/node'
import { INPUT_DEFAULTS } from '../../src/inputs.js'
import type { RunInputs } from './harness.js'
import {
  createUsageMswHandlers,
  installUsageReports,
  type FakeGitHub,
  type FakeUsageReports,
  type UsageReportsOptions
} from '../../fake/index.js'

export const LATEST = '/orgs/acme/copilot/metrics/reports/users-28-day/latest'

/** Installs the usage reports on `gh` and routes their download host through msw. */
export function useUsage(
  server: ReturnType<typeof setupServer>,
  gh: FakeGitHub,
  options?: UsageReportsOptions
): FakeUsageReports {
  const usage = installUsageReports(gh, options)
  server.use(...createUsageMswHandlers(usage))
  return usage
}

/** Requests the download host received, as "METHOD /path" lines (the signature left out). */
export function downloadLines(usage: FakeUsageReports): string[] {
  return usage.downloads.map((d) => `${d.method} ${d.path} ${d.status}`)
}

/**
 * The inputs as the runner passes them, `usage-metrics` at its default (`auto`) unless given:
 * the harness otherwise turns the usage report off for tests about other things.
 */
export const usageInputs = (inputs: RunInputs): RunInputs => ({
  'usage-metrics': INPUT_DEFAULTS['usage-metrics'],
  ...inputs
})
