// Types for the in-repo GitHub fake (fake/index.js, plain ESM JavaScript).
import type { HttpHandler } from 'msw'

export type PlanType = 'business' | 'enterprise'
export type SeatPlanType = 'business' | 'enterprise' | 'unknown'
export type SeatManagementSetting = 'assign_all' | 'assign_selected' | 'disabled' | 'unconfigured'
export type PublicCodeSuggestions = 'allow' | 'block' | 'unconfigured'

/** What hooks, latency functions and the request log see. `path` has no prefix and no query. */
export interface FakeRequest {
  method: string
  path: string
  query: Record<string, string>
  body: unknown
}

/** What an extension sees: the request with its full URL and lower-cased headers. */
export interface ExtensionRequest extends FakeRequest {
  url: URL
  headers: Record<string, string>
}

export interface FakeResponse {
  status: number
  headers: Record<string, string>
  body: string | Uint8Array
}

/** Thrown by routes and extensions: answered with GitHub's error envelope. */
export declare class HttpError {
  constructor(status: number, message: string, doc?: string, headers?: Record<string, string>)
  status: number
  message: string
}

/** An endpoint family in its own module; see FakeGitHub.use. */
export interface FakeExtension {
  name: string
  /** Answers before auth, limits and faults (e.g. a download host that takes no token); undefined passes. */
  preAuth?(
    req: ExtensionRequest,
    gh: FakeGitHub
  ): FakeResponse | undefined | Promise<FakeResponse | undefined>
  /** Answers after auth and limits, before the seat API's routes; throw the fake's errors or return undefined to pass. */
  route?(
    req: ExtensionRequest,
    gh: FakeGitHub
  ): FakeResponse | undefined | Promise<FakeResponse | undefined>
}

export interface FakeLimits {
  /** default false */
  enforce?: boolean
  /** default 900 (GET/HEAD 1 point, POST/PATCH/PUT/DELETE 5) */
  pointsPerMinute?: number
  /** default 90: summed response time of requests completed in the last 60 s */
  requestSecondsPerMinute?: number
  /** default 100 */
  maxConcurrent?: number
  /** default 1000: a write starting less than this after the previous accepted write started is refused */
  writeSpacingMs?: number
  /** default 60; null = send no retry-after header */
  retryAfterSeconds?: number | null
}

export interface FakeGitHubOptions {
  /** clock for pending dates, expiry and "today"; default () => new Date() */
  now?: () => Date
  /** real-time delay before each response; default 0 */
  latencyMs?: number | ((req: FakeRequest) => number)
  limits?: FakeLimits
  /** x-ratelimit-limit, default 5000 (reported only, never enforced; use fault({ kind: 'primary' })) */
  primaryLimit?: number
  /** if `valid` is set any other token -> 401; `forbidden` tokens -> 403 on copilot/enterprise paths */
  auth?: { valid?: string[]; forbidden?: string[] }
  /** every path with a `copilot` segment 404s */
  ghes?: boolean
  /** e.g. '/api/v3'; default '' */
  pathPrefix?: string
}

export interface OrgOptions {
  plan_type?: PlanType
  seat_management_setting?: SeatManagementSetting
  public_code_suggestions?: PublicCodeSuggestions
  /** default true */
  billingConfigured?: boolean
}

export interface SeatInput {
  /** null = a seat with `assignee: null` */
  login: string | null
  created_at?: string
  last_activity_at?: string | null
  last_authenticated_at?: string | null
  last_activity_editor?: string | null
  pending_cancellation_date?: string | null
  /** default: the org's plan_type */
  plan_type?: SeatPlanType
  /** assigning team slug (created if missing; the login joins it) */
  team?: string | null
  /** default: !team */
  direct?: boolean
}

export interface SimpleUser {
  login: string
  id: number
  node_id: string
  avatar_url: string
  gravatar_id: string
  url: string
  html_url: string
  followers_url: string
  following_url: string
  gists_url: string
  starred_url: string
  subscriptions_url: string
  organizations_url: string
  repos_url: string
  events_url: string
  received_events_url: string
  type: 'User'
  user_view_type: string
  site_admin: false
}

export interface TeamJson {
  id: number
  node_id: string
  url: string
  html_url: string
  name: string
  slug: string
  description: string | null
  privacy: string
  notification_setting: string
  permission: string
  members_url: string
  repositories_url: string
  parent: null
  type: 'organization'
}

export interface OrganizationSimpleJson {
  login: string
  id: number
  node_id: string
  url: string
  repos_url: string
  events_url: string
  hooks_url: string
  issues_url: string
  members_url: string
  public_members_url: string
  avatar_url: string
  description: string | null
}

export interface SeatJson {
  created_at: string
  updated_at: string
  pending_cancellation_date: string | null
  last_activity_at: string | null
  last_activity_editor: string | null
  last_authenticated_at: string | null
  plan_type: SeatPlanType
  assignee: SimpleUser | null
  assigning_team: TeamJson | null
  /** present on GET /orgs/{org}/members/{username}/copilot and enterprise rows */
  organization?: OrganizationSimpleJson
}

export interface RequestRecord {
  method: string
  /** without prefix and query */
  path: string
  query: Record<string, string>
  body: unknown
  /** 0 for 'reset' / aborted 'hang' */
  status: number
  /** Date.now() at arrival */
  startedAt: number
  durationMs: number
}

export type FaultKind =
  'status' | 'hang' | 'reset' | 'malformed-json' | 'html' | 'secondary' | 'primary'

export interface FaultRule {
  method?: string
  /** matched against the path without prefix and query (a string may also include the prefix) */
  path?: string | RegExp
  /** default 1; Infinity allowed */
  times?: number
  status?: number
  headers?: Record<string, string>
  body?: unknown
  /** default 'status' (status default 500) */
  kind?: FaultKind
  /** for 'primary'; default 60 */
  resetInSeconds?: number
}

export interface FakeStats {
  requests: number
  /** keyed by status code as a string; '0' = reset / aborted */
  byStatus: Record<string, number>
  secondaryLimited: number
  maxInFlight: number
  writes: number
  points: number
}

export interface HandleRequest {
  method: string
  /** absolute, or path + query (then the host header, else http://localhost, is the base) */
  url: string
  headers: Record<string, string>
  body?: string
}

export interface HandleResponse {
  status: number
  headers: Record<string, string>
  body: string
}

export type HandleResult = HandleResponse | { kind: 'reset' }

export declare class FakeGitHub {
  constructor(options?: FakeGitHubOptions)
  now: () => Date
  addOrg(login: string, opts?: OrgOptions): void
  setPolicy(org: string, patch: OrgOptions): void
  addMember(org: string, login: string, opts?: { pendingInvitation?: boolean }): void
  /** removes the member, their team memberships and their seat (immediately) */
  removeMember(org: string, login: string): void
  addTeam(org: string, slug: string, opts?: { name?: string; members?: string[] }): void
  addSeat(org: string, seat: SeatInput): void
  removeSeat(org: string, login: string): void
  addEnterprise(slug: string, opts: { orgs: string[] }): void
  seat(org: string, login: string): SeatJson | undefined
  seats(org: string): SeatJson[]
  members(org: string): string[]
  readonly requests: RequestRecord[]
  clearRequests(): void
  fault(rule: FaultRule): void
  onRequest(hook: (req: FakeRequest, gh: FakeGitHub) => void): void
  use<T extends FakeExtension>(ext: T): T
  /** A JSON response with GitHub's headers (request id, rate limit), for extensions. */
  json(status: number, body: unknown, extra?: Record<string, string>): FakeResponse
  readonly stats: FakeStats
  resetStats(): void
  handle(req: HandleRequest, signal?: AbortSignal): Promise<HandleResult>
}

export declare function createMswHandlers(gh: FakeGitHub, baseUrl: string): HttpHandler[]

export interface FakeServer {
  /** http://127.0.0.1:PORT (no path prefix) */
  url: string
  close(): Promise<void>
}

export declare function startFakeServer(
  gh: FakeGitHub,
  opts?: { port?: number; host?: string; verbose?: boolean }
): Promise<FakeServer>

export interface GenerateOrgOptions {
  org: string
  seats: number
  seed?: number
  now?: Date
  /** default 0.3: seats whose latest activity is older than 30 days (besides never-used ones) */
  idleShare?: number
  /** default 0.03: seats pending cancellation */
  pendingShare?: number
  /** default 0.2: seats granted through a team (not direct) */
  viaTeamShare?: number
  /** default 0.1: both activity fields null (half inside the 30-day grace period) */
  neverUsedShare?: number
  /** default ceil(seats / 500), at least 1 */
  teams?: number
  /** members without seats; default floor(seats / 10) */
  extraMembers?: number
  /** seats with assignee: null (part of `seats`); default 0 */
  nullAssignee?: number
  plan_type?: PlanType
  /** default true; false = vscode editors only */
  editorMix?: boolean
}

export declare function generateOrg(
  gh: FakeGitHub,
  opts: GenerateOrgOptions
): { logins: string[]; teams: string[] }

export interface GenerateEnterpriseOptions {
  enterprise: string
  users: number
  /** >= users; extra rows = users granted by more than one org; <= users * orgs */
  rows: number
  /** default 4 */
  orgs?: number
  seed?: number
  now?: Date
}

export declare function generateEnterprise(
  gh: FakeGitHub,
  opts: GenerateEnterpriseOptions
): { orgs: string[] }

/** 'YYYY-MM-DD', first day of the next UTC month */
export declare function nextBillingCycleStart(now: Date): string

/** seeded PRNG used by the generators; floats in [0, 1) */
export declare function mulberry32(seed: number): () => number

export declare const SECONDARY_MESSAGE: string
export declare const PRIMARY_MESSAGE: string
export declare const POLICY_MESSAGE_USERS_POST: string
export declare const POLICY_MESSAGE_USERS_DELETE: string
export declare const VIA_TEAM_MESSAGE: string
export declare const BILLING_MESSAGE: string
export declare const SEAT_422_MESSAGE: string

export * from './usage.js'
export * from './usage-msw.js'
