// The latest users-28-day usage metrics report: its signed download links and
// the days it covers. GitHub answers 403 or 404 when the "Copilot usage metrics"
// policy is off or the token may not read it, and (per the docs of the 1-day
// reports) 204 when there is no report; those are "unavailable", for the mode
// to warn or fail on. Anything else that fails is explained like any request.
import { windowLength, type UsageWindow } from '../domain/usage.js'
import type { Octokit } from './client.js'
import { githubMessage, isRateLimit, requestFailure, statusOf } from './errors.js'
import type { SeatScope } from './seats.js'

export type UsageLinks =
  | { kind: 'report'; links: string[]; window: UsageWindow }
  | { kind: 'unavailable'; status: 204 | 403 | 404; message: string }

const isReportBody = (d: unknown): boolean => {
  if (typeof d !== 'object' || d === null) return false
  const b = d as Record<string, unknown>
  return (
    Array.isArray(b.download_links) &&
    b.download_links.every((l) => typeof l === 'string') &&
    typeof b.report_start_day === 'string' &&
    typeof b.report_end_day === 'string' &&
    windowLength({ startDay: b.report_start_day, endDay: b.report_end_day }) !== null
  )
}

export const usageScopeName = (scope: SeatScope): string =>
  scope.kind === 'org' ? `org "${scope.org}"` : `enterprise "${scope.enterprise}"`

export async function getUsageLinks(
  client: Octokit,
  scope: SeatScope,
  apiUrl: string
): Promise<UsageLinks> {
  const options = { request: { expect: isReportBody } }
  try {
    const { status, data } =
      scope.kind === 'org'
        ? await client.request('GET /orgs/{org}/copilot/metrics/reports/users-28-day/latest', {
            org: scope.org,
            ...options
          })
        : await client.request(
            'GET /enterprises/{enterprise}/copilot/metrics/reports/users-28-day/latest',
            { enterprise: scope.enterprise, ...options }
          )
    if ((status as number) === 204) return { kind: 'unavailable', status: 204, message: '' }
    const body = data
    return {
      kind: 'report',
      links: body.download_links,
      window: { startDay: body.report_start_day, endDay: body.report_end_day }
    }
  } catch (error) {
    const status = statusOf(error)
    if ((status === 403 || status === 404) && !isRateLimit(error)) {
      return { kind: 'unavailable', status, message: githubMessage(error) }
    }
    throw requestFailure(error, {
      doing: `reading the latest usage metrics report of ${usageScopeName(scope)}`,
      scope: scope.kind === 'org' ? 'org' : 'enterprise',
      ...(scope.kind === 'org' ? { org: scope.org } : { enterprise: scope.enterprise }),
      apiUrl
    })
  }
}
