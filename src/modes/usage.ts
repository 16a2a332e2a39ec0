// report and audit: GitHub's 28-day usage metrics report, read and joined to
// the seats (SPEC.md, Usage metrics). Every file is read in full or the report
// is not used: a failing link, the size guard and a malformed line each make it
// incomplete, which is one warning (`auto`) or the step's failure (`true`),
// never half a report. Downloads go to another host, so they are not API
// requests: no limiter, their own timeout, the run's cancel.
import { messageOf } from '../errors.js'
import { readUsageRow } from '../domain/usage-row.js'
import { activeSeatHolders } from '../domain/usage-stats.js'
import {
  reportAgeDays,
  STALE_REPORT_DAYS,
  usageSizeLimit,
  UsageTally,
  type UsageReport,
  type UsageWindow
} from '../domain/usage.js'
import type { Seat } from '../domain/seat.js'
import { readNdjson, type NdjsonRead } from '../github/ndjson-download.js'
import { getUsageLinks, usageScopeName, type UsageLinks } from '../github/usage-report.js'
import type { SeatScope } from '../github/seats.js'
import type { UsageMetrics } from '../inputs.js'
import type { ModeContext } from './context.js'

/** Attempts per file for transfers that fail on the way (reset, 5xx, timeout). */
export const DOWNLOAD_ATTEMPTS = 3

export interface UsageRead {
  report: UsageReport | null
  warnings: string[]
  errors: string[]
}

const formatBytes = (n: number) => n.toLocaleString('en-US')

/** Why the report is not used, as one warning (`auto`) or the step's failure (`true`). */
function notUsed(setting: UsageMetrics, why: string): UsageRead {
  return setting === 'true'
    ? {
        report: null,
        warnings: [],
        errors: [
          `${why} \`usage-metrics\` is \`true\`, so the step fails; the seats were still read and reported. Fix: as above, or set \`usage-metrics: auto\` to go on without the report.`
        ]
      }
    : {
        report: null,
        warnings: [
          `${why} The run goes on without usage metrics (set \`usage-metrics: false\` to not read them).`
        ],
        errors: []
      }
}

function unavailableText(scope: SeatScope, answer: Extract<UsageLinks, { kind: 'unavailable' }>) {
  const said = answer.message ? `: GitHub said "${answer.message}"` : ''
  if (answer.status === 204) {
    return `GitHub has no usage metrics report for ${usageScopeName(scope)} yet (204). Reports start a day or two after the "Copilot usage metrics" policy is enabled.`
  }
  const token =
    scope.kind === 'org'
      ? 'a fine-grained token or GitHub App with the organization permission "View Organization Copilot Metrics" (read), or a classic PAT with read:org, of an organization owner'
      : 'a classic PAT with read:enterprise or manage_billing:copilot of an enterprise owner or billing manager'
  return `The usage metrics report of ${usageScopeName(scope)} is not available (${answer.status}${said}). GitHub serves it only when the "Copilot usage metrics" policy is enabled (the enterprise's or organization's Copilot policies) and the token may read it: ${token}; a 404 can also mean that no report exists yet.`
}

/** A link the action will not follow: not https (http only when the API itself is plain http, as test servers are). */
function badLink(links: string[], apiUrl: string): string | null {
  const plainApi = apiUrl.startsWith('http:')
  for (const link of links) {
    let url: URL
    try {
      url = new URL(link)
    } catch {
      return 'a link that is not a URL'
    }
    if (url.protocol !== 'https:' && !(plainApi && url.protocol === 'http:')) {
      return `a link with the scheme "${url.protocol.slice(0, -1)}"`
    }
  }
  return null
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

type Pass =
  | { kind: 'ok'; tally: UsageTally; files: number; bytes: number }
  | { kind: 'incomplete'; why: string }

/**
 * Every file of the report, in order. A refused link (expired) gets the links
 * requested once more: the same report (same last day and files) goes on where
 * it was; a newer one is read again from its first file. A transfer that breaks
 * is retried, reading on from the first line not yet handed over.
 */
async function readFiles(
  ctx: ModeContext,
  scope: SeatScope,
  seats: readonly Seat[],
  first: Extract<UsageLinks, { kind: 'report' }>,
  limit: number
): Promise<Pass> {
  let links = first.links
  let window: UsageWindow = first.window
  let tally = new UsageTally(seats, window)
  let renewed = false
  let bytes = 0
  let file = 0
  const where = () => `file ${file + 1} of ${links.length}`
  files: while (file < links.length) {
    let skip = 0
    let seen = 0
    let attempt = 1
    for (;;) {
      let read = 0
      const result: NdjsonRead = await readNdjson(ctx.download, links[file]!, {
        skip,
        isCancelled: ctx.isCancelled,
        onValue: (value) => {
          const row = readUsageRow(value)
          if (!row.ok) return row.problem
          tally.add(row.row)
          return null
        },
        onBytes: (n) => {
          // A retried file counts once: only bytes past what an earlier attempt read.
          read += n
          if (read > seen) {
            bytes += read - seen
            seen = read
          }
          return bytes <= limit
        }
      })
      switch (result.kind) {
        case 'done':
          file++
          continue files
        case 'cancelled':
          // The seats already read are still reported: the report is only left out.
          return { kind: 'incomplete', why: 'the run was cancelled while it was read.' }
        case 'stopped':
          return {
            kind: 'incomplete',
            why: `it is larger than the size guard of ${formatBytes(limit)} bytes (100 KB per seat holder, plus 1,000) at ${where()}, so the download was stopped.`
          }
        case 'malformed':
          return {
            kind: 'incomplete',
            why: `line ${result.line.toLocaleString('en-US')} of ${where()} is not a usage row (${result.problem}).`
          }
        case 'failed':
          if (result.retry && attempt < DOWNLOAD_ATTEMPTS) {
            ctx.log.info(`Usage report ${where()}: ${result.why}; retrying.`)
            await sleep(attempt * attempt * ctx.download.retryBaseMs)
            attempt++
            skip = result.lines
            continue
          }
          return {
            kind: 'incomplete',
            why: `${where()} could not be downloaded: ${result.why}${attempt > 1 ? ` (${attempt} attempts)` : ''}.`
          }
        case 'refused': {
          if (renewed) {
            return {
              kind: 'incomplete',
              why: `the download link of ${where()} was refused (${result.status}) even after the links were requested again.`
            }
          }
          renewed = true
          ctx.log.info(
            `Usage report ${where()}: the link was refused (${result.status}, expired); requesting the links again.`
          )
          let again: UsageLinks
          try {
            again = await getUsageLinks(ctx.client, scope, ctx.apiUrl)
          } catch (error) {
            return { kind: 'incomplete', why: `its links expired, and ${messageOf(error)}` }
          }
          if (again.kind !== 'report') {
            return {
              kind: 'incomplete',
              why: `its links expired, and GitHub then answered ${again.status} for new ones.`
            }
          }
          const bad = badLink(again.links, ctx.apiUrl)
          if (bad) {
            return {
              kind: 'incomplete',
              why: `its links expired, and the new ones include ${bad}, which this action does not follow.`
            }
          }
          const same =
            again.window.startDay === window.startDay &&
            again.window.endDay === window.endDay &&
            again.links.length === links.length
          links = again.links
          if (!same) {
            // A newer report: what was read belongs to another window, so every file is read again.
            ctx.log.info(
              `The usage report moved on to ${again.window.startDay} – ${again.window.endDay}; reading all ${links.length} file(s) again.`
            )
            window = again.window
            tally = new UsageTally(seats, window)
            bytes = 0
            file = 0
            continue files
          }
          continue
        }
      }
    }
  }
  return { kind: 'ok', tally, files: links.length, bytes }
}

/** Reads the report for the seats, unless `usage-metrics` is `false`. */
export async function readUsage(
  ctx: ModeContext,
  setting: UsageMetrics,
  scope: SeatScope,
  seats: readonly Seat[],
  inactiveDays: number
): Promise<UsageRead> {
  if (setting === 'false') return { report: null, warnings: [], errors: [] }
  let answer: UsageLinks
  try {
    answer = await getUsageLinks(ctx.client, scope, ctx.apiUrl)
  } catch (error) {
    return notUsed(setting, `The usage metrics report could not be read: ${messageOf(error)}`)
  }
  if (answer.kind === 'unavailable') return notUsed(setting, unavailableText(scope, answer))
  const bad = badLink(answer.links, ctx.apiUrl)
  if (bad) {
    return notUsed(
      setting,
      `The usage metrics report of ${usageScopeName(scope)} was not read: GitHub's answer has ${bad} among its download links, which this action does not follow.`
    )
  }
  const holders = seats.filter((s) => s.login !== null).length
  const limit = usageSizeLimit(holders, ctx.usageBytesPerHolder)
  const pass = await readFiles(ctx, scope, seats, answer, limit)
  if (pass.kind === 'incomplete') {
    return notUsed(
      setting,
      `The usage metrics report of ${usageScopeName(scope)} is incomplete and was not used: ${pass.why}`
    )
  }
  const report = pass.tally.finish({
    scope: scope.kind,
    files: pass.files,
    bytes: pass.bytes
  })
  const warnings: string[] = []
  const age = reportAgeDays(report.endDay, ctx.now)
  if (age > STALE_REPORT_DAYS) {
    warnings.push(
      `The usage metrics report of ${usageScopeName(scope)} ends on ${report.endDay}, ${age} days before this run (GitHub usually publishes one a day): its numbers are that old.`
    )
  }
  const active = activeSeatHolders(report, seats, ctx.now, inactiveDays)
  ctx.log.info(
    `Usage metrics report ${report.startDay} – ${report.endDay}: ${report.files} file(s), ${formatBytes(report.bytes)} bytes, ${report.rows.toLocaleString('en-US')} rows; ${active.toLocaleString('en-US')} seat holder(s) with an active day, ${report.withoutSeat.users.toLocaleString('en-US')} user(s) without a seat here.`
  )
  return { report, warnings, errors: [] }
}
