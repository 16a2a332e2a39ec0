// Types for fake/usage.js: Copilot usage metrics reports (users-28-day/latest) and their download host.
import type { Readable } from 'node:stream'
import type {
  ExtensionRequest,
  FakeExtension,
  FakeGitHub,
  FakeResponse,
  FakeServer
} from './index.js'

/** An org login, { org }, or { enterprise }. */
export type UsageTarget = string | { org: string } | { enterprise: string }

export interface UsageReportsOptions {
  /** origin (optionally with a path) of the signed-URL store; default 'https://copilot-reports.fake.test' */
  downloadBase?: string
  /** lifetime of a signed link, measured on gh.now(); default 3_600_000 (1 h) */
  linkTtlMs?: number
  /** status for a download request that carries Authorization; default 400 */
  authorizationStatus?: 400 | 403
}

/** Per-login activity override (case-insensitive logins). */
export type UsageActivity = 'idle' | 'daily' | string[]

export interface UsageReportInput {
  org?: string
  enterprise?: string
  /** last day of the report, 'YYYY-MM-DD'; default: two days before gh.now() (UTC) */
  endDay?: string
  /** default 28 */
  days?: number
  /** rows split over this many links (contiguous ranges, day-major order); default 1 */
  files?: number
  /** true | 'encoding': content-encoding: gzip; 'file': a .ndjson.gz body as application/gzip; default false */
  gzip?: boolean | 'encoding' | 'file'
  /** the link answers 302 to the blob URL on the same host; default false */
  redirect?: boolean
  /** default true: the last line ends with '\n' */
  finalNewline?: boolean
  /** explicit rows instead of generated ones; strings are written verbatim */
  rows?: Array<Record<string, unknown> | string>
  /** users instead of the seat holders (id default: the fake's id for that login, else a stable one) */
  users?: Array<{ login: string; id?: number }>
  /** users without a seat here: a number (org members without a seat first, then `usage-only-NNNNNN`) or a list; default 0 */
  extraUsers?: number | Array<{ login: string; id?: number }>
  /** default 1 */
  seed?: number
  /** share of users with no activity on any day; default 0.2 */
  idleUserShare?: number
  /** for other users, share of days without activity; default 0.5 */
  inactiveDayShare?: number
  /** share of active days known only from server-side telemetry (no breakdowns, no lines); default 0.02 */
  serverSideShare?: number
  /** per-login override: 'idle', 'daily', or the active days ('YYYY-MM-DD') */
  activity?: Record<string, UsageActivity>
  /** default false: inactive days still get a row with zero counts */
  omitInactiveRows?: boolean
  /** rows on or after this day carry ai_credits_used; null = none; default '2026-06-01' */
  aiCreditsFrom?: string | null
  /** each droppable field of each row is absent with this probability (never day, user_login); default 0 */
  absentFieldShare?: number
  /** replace one line by broken JSON: file (default 0), line within the file (default middle), text (default the line's first half) */
  malformed?: boolean | { file?: number; line?: number; text?: string }
  /** cut one file after atByte wire bytes (default 1000): 'reset' drops the connection (default), 'clean' ends the body */
  truncate?: { file?: number; atByte?: number; mode?: 'reset' | 'clean' }
}

export interface UsageReportInfo {
  id: string
  report_start_day: string
  report_end_day: string
  files: number
  /** null for explicit rows */
  users: number | null
  /** rows before omitInactiveRows */
  rows: number
}

export interface DownloadRecord {
  method: string
  url: string
  /** without the download base's path */
  path: string
  status: number
  reason: 'ok' | 'redirect' | 'authorization' | 'expired' | 'bad-signature' | 'not-found' | 'method'
  /** the request carried an Authorization header (it is refused) */
  authorization: boolean
  /** lower-cased request headers */
  headers: Record<string, string>
  /** 0-based file index, when the link parsed */
  file: number | null
  reportId: string | null
  /** Date.now() at arrival */
  at: number
  /** 'msw', 'server', 'handle', 'direct' or another transport's name */
  transport: string
  /** body bytes the transport sent (as on the wire: gzipped when served gzipped); 0 until it streams */
  bytes: number
}

export interface DownloadResponse {
  status: number
  headers: Record<string, string>
  body: string
  /** the body as wire bytes (gzipped when asked), generated on demand */
  stream?: () => AsyncIterable<Buffer>
  /** stop after atByte wire bytes */
  cut?: { atByte: number; mode: 'reset' | 'clean' } | null
  /** the request's record, whose `bytes` the transport counts up as it sends the body */
  record?: DownloadRecord
}

export declare class FakeUsageReports {
  constructor(gh: FakeGitHub, options?: UsageReportsOptions)
  readonly gh: FakeGitHub
  /** where links point; startUsageDownloadServer sets it to its own URL */
  downloadBase: string
  linkTtlMs: number
  authorizationStatus: 400 | 403
  /** registered with gh.use by installUsageReports */
  readonly extension: FakeExtension
  /** every request the download host received, in order */
  readonly downloads: DownloadRecord[]
  /** Authorization values that reached the download host (should stay empty) */
  readonly authorizationsSeen: string[]
  setReport(input: UsageReportInput): UsageReportInfo
  report(target: UsageTarget): UsageReportInfo | undefined
  /** latest then answers 404 (default) or 204 */
  clearReport(target: UsageTarget, opts?: { status?: 204 | 404 }): void
  /** disabled on an enterprise disables its orgs too; 403 (default) or 404 */
  policy(target: UsageTarget, state: 'enabled' | 'disabled', opts?: { status?: 403 | 404 }): void
  /** tokens (default: every token) lacking the metrics permission get 403 (default) or 404 */
  deny(target: UsageTarget, opts?: { status?: 403 | 404; tokens?: string[] }): void
  allow(target: UsageTarget): void
  /** expire handed-out links now or after n more successful downloads; newDay moves the report on */
  expireLinks(
    target?: UsageTarget,
    opts?: { afterDownloads?: number; newDay?: boolean | string }
  ): void
  clearDownloads(): void
  /** NDJSON lines (each with its '\n') of the current report: one file or all in order */
  lines(target: UsageTarget, file?: number): Generator<string>
  /** the same as an uncompressed byte stream */
  stream(target: UsageTarget, file?: number): Readable
  /** generates the report once and counts it */
  measure(target: UsageTarget): { bytes: number; rows: number; perFile: number[] }
  /** answers one download-host request (used by the transports) */
  download(
    req: { method: string; url: string; headers: Record<string, string> },
    transport?: string
  ): DownloadResponse
  /** @internal */
  _preAuth(req: ExtensionRequest): Promise<FakeResponse | undefined>
}

export declare function installUsageReports(
  gh: FakeGitHub,
  options?: UsageReportsOptions
): FakeUsageReports

/** url: http://127.0.0.1:PORT; the same handle as the API server's (both start with one helper). */
export type UsageDownloadServer = FakeServer

/** A loopback download host; unless setBase is false, links handed out afterwards point at it. */
export declare function startUsageDownloadServer(
  usage: FakeUsageReports,
  opts?: { port?: number; host?: string; setBase?: boolean }
): Promise<UsageDownloadServer>

export declare const DEFAULT_DOWNLOAD_BASE: string
export declare const USAGE_METRICS_DOC: string
export declare const USAGE_POLICY_MESSAGE: string
export declare const USAGE_PERMISSION_MESSAGE: string
