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
  /**
   * Content creation (issues and comments, fake/issues.js): default `enforce`. Independent of the
   * other limits, so a test can enforce only this one.
   */
  enforceContent?: boolean
  /** default 80 content-creating requests per user in any 60 s */
  contentPerMinute?: number
  /** default 500 content-creating requests per user in any hour */
  contentPerHour?: number
  /** time the content windows are measured in: 'real' (default, Date.now()) or 'fake' (the fake's now()) */
  contentClock?: 'real' | 'fake'
}

/** Who a token acts as. `id` default: the fake's id for that login (the same as the org member's). */
export interface TokenUser {
  login: string
  id?: number
  /** default 'User' */
  type?: 'User' | 'Bot'
}

export interface FakeAuth {
  /** when set, any token not listed here, in `forbidden`, `readOnly` or `users` -> 401 */
  valid?: string[]
  /** -> 403 on copilot/enterprise paths */
  forbidden?: string[]
  /** -> 403 "Resource not accessible by integration" on every write (POST/PATCH/PUT/DELETE) */
  readOnly?: string[]
  /** the user each token acts as; other tokens act as `token-user-N` (one per token, by first use) */
  users?: Record<string, TokenUser>
}

export interface FakeGitHubOptions {
  /** clock for pending dates, expiry and "today"; default () => new Date() */
  now?: () => Date
  /** real-time delay before each response; default 0 */
  latencyMs?: number | ((req: FakeRequest) => number)
  limits?: FakeLimits
  /** x-ratelimit-limit, default 5000 (reported only, never enforced; use fault({ kind: 'primary' })) */
  primaryLimit?: number
  /**
   * if `valid` is set any token in none of these lists -> 401; `forbidden` tokens -> 403 on
   * copilot/enterprise paths; `readOnly` tokens -> 403 on writes; `users` says whose a token is.
   * The enterprise lists apply to the enterprise Copilot endpoints and enterprise team reads only.
   */
  auth?: FakeAuth
  /** every path with a `copilot` segment 404s */
  ghes?: boolean
  /** e.g. '/api/v3'; default '' */
  pathPrefix?: string
  /**
   * default 90: `last_activity_at` and `last_authenticated_at` (and the editor with the activity) are
   * served as null when older than this many days before now(), as GitHub does; null = keep forever
   */
  activityRetentionDays?: number | null
}

export interface FakeAuth {
  valid?: string[]
  forbidden?: string[]
  /**
   * GitHub App installation / user tokens and fine-grained PATs: 403 APP_TOKEN_MESSAGE on the
   * enterprise reads (seat listing, per-user seats, enterprise teams and memberships); the
   * enterprise Copilot writes are allowed (since 2026-11-10) unless `appEnterpriseWrites` is false.
   * Org endpoints treat them as valid tokens.
   */
  appTokens?: string[]
  /** default true */
  appEnterpriseWrites?: boolean
  /**
   * When set, other classic tokens are not enterprise owners: 403 on the enterprise Copilot
   * endpoints (ENTERPRISE_READ_FORBIDDEN_MESSAGE / ENTERPRISE_WRITE_FORBIDDEN_MESSAGE); enterprise
   * team reads stay open (GitHub: any enterprise member).
   */
  enterpriseOwners?: string[]
  /** may read the enterprise seat listing and per-user seats, not write */
  enterpriseBillingManagers?: string[]
}

export interface OrgOptions {
  plan_type?: PlanType
  seat_management_setting?: SeatManagementSetting
  public_code_suggestions?: PublicCodeSuggestions
  /** default true */
  billingConfigured?: boolean
}

/** The stored fields of a seat, shared by `SeatInput` and `EnterpriseSeatInput`. */
export interface SeatFields {
  /** default: now */
  created_at?: string
  last_activity_at?: string | null
  last_authenticated_at?: string | null
  last_activity_editor?: string | null
  pending_cancellation_date?: string | null
  /** default: the org's (enterprise's) plan_type */
  plan_type?: SeatPlanType
}

export interface SeatInput extends SeatFields {
  /** null = a seat with `assignee: null` */
  login: string | null
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

/** The `enterprise-team` schema (assigning_team of enterprise-team rows, GET .../teams/{team}). */
export interface EnterpriseTeamJson {
  id: number
  name: string
  description: string | null
  /** 'ent:<name-slug>' */
  slug: string
  url: string
  organization_selection_type: string
  group_id: string | null
  /** https://github.com/enterprises/<ent>/teams/<slug without ent:> */
  html_url: string
  members_url: string
  created_at: string
  updated_at: string
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
  /** an enterprise team on rows it grants (organization null) */
  assigning_team: TeamJson | EnterpriseTeamJson | null
  /** present on GET /orgs/{org}/members/{username}/copilot and enterprise rows; null on rows the enterprise grants */
  organization?: OrganizationSimpleJson | null
}

export interface EnterpriseOptions {
  /** member orgs (created if missing); given again, replaces the list */
  orgs?: string[]
  /** default 'business' (rows granted by the enterprise) */
  plan_type?: PlanType
  /** the enterprise's Copilot access setting; default 'assign_selected'; 'disabled' = Copilot not enabled */
  seat_management_setting?: SeatManagementSetting
  /** default 'block' */
  public_code_suggestions?: PublicCodeSuggestions
  /** default true */
  billingConfigured?: boolean
  /** what DELETE selected_users / selected_enterprise_teams does to a row; default 'pending' */
  unassign?: 'pending' | 'immediate'
  /** a login the enterprise does not know, in a selected_users batch; default 422 */
  unknownUsers?: 422 | 404 | 'ignore'
  /** a team not found in a selected_enterprise_teams batch; default 422 */
  unknownTeams?: 422 | 404
  /** DELETE selected_enterprise_teams: 200 { seats_cancelled } (default) or 202 { message } */
  teamDelete?: 200 | 202
  /** with teamDelete 202: how many later requests still see the rows unchanged; default 0 */
  teamDeleteLag?: number
  /** team look-ups and writes also accept a slug without its 'ent:' prefix; default false */
  bareTeamSlugs?: boolean
}

export interface EnterpriseTeamOptions {
  /** default: the slug without 'ent:' */
  name?: string
  description?: string | null
  group_id?: string | null
  /** default 'disabled' */
  organization_selection_type?: string
  /** added to the team (a granting team gives each a row) */
  members?: string[]
  /** true: the team grants Copilot (a row per member); false: stops it, rows removed at once */
  copilot?: boolean
}

export interface EnterpriseSeatInput extends SeatFields {
  /** null = a row with `assignee: null` */
  login: string | null
  /** an enterprise team (slug with or without 'ent:', or name; created if missing, then grants); omitted = enterprise-direct */
  team?: string
}

/** What an onListingPage hook sees. */
export interface ListingPage {
  /** 'org' = GET /orgs/{org}/copilot/billing/seats, 'enterprise' = GET /enterprises/{enterprise}/... */
  scope: 'org' | 'enterprise'
  /** org login or enterprise slug as created (not as spelled in the URL) */
  name: string
  /** the page about to be computed (>= 1) */
  page: number
  /** per_page in effect: default 50, at most 100 */
  perPage: number
}

/** A change made once between two pages of a listing; see FakeGitHub.shiftListingOnce. */
export interface ListingShift {
  /** the org whose seats change; its listing triggers the shift unless `enterprise` is set */
  org: string
  /** trigger on this enterprise's listing instead (the seats still change in `org`) */
  enterprise?: string
  /** the shift happens just before this page is first computed */
  beforePage: number
  /** logins whose seats are removed (membership kept); logins without a seat are ignored */
  remove?: string[]
  /** seats added at the end of the org's rows: a login, null (no assignee) or a full SeatInput */
  add?: Array<string | null | SeatInput>
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
  /** the options as given (extensions read their own settings from it) */
  readonly options: FakeGitHubOptions
  /** the user a request's token acts as (see FakeAuth.users); null without a token. For extensions. */
  userOf(
    headers: Record<string, string>
  ): { login: string; id: number; type: 'User' | 'Bot' } | null
  addOrg(login: string, opts?: OrgOptions): void
  setPolicy(org: string, patch: OrgOptions): void
  addMember(org: string, login: string, opts?: { pendingInvitation?: boolean }): void
  /** removes the member, their team memberships and their seat (immediately) */
  removeMember(org: string, login: string): void
  addTeam(org: string, slug: string, opts?: { name?: string; members?: string[] }): void
  addSeat(org: string, seat: SeatInput): void
  removeSeat(org: string, login: string): void
  /** creates the enterprise, or updates its orgs (when given) and settings */
  addEnterprise(slug: string, opts?: EnterpriseOptions): void
  setEnterprisePolicy(slug: string, patch: EnterpriseOptions): void
  /** a login the enterprise knows without org or enterprise team membership (see unknownUsers) */
  addEnterpriseMember(enterprise: string, login: string): void
  /** returns the team's slug ('ent:' prefixed) */
  addEnterpriseTeam(enterprise: string, slug: string, opts?: EnterpriseTeamOptions): string
  /** the row that team granted goes at once */
  removeEnterpriseTeamMember(enterprise: string, team: string, login: string): void
  enterpriseTeamMembers(enterprise: string, team: string): string[]
  /** adds or replaces an enterprise-direct row, or an enterprise team's row (seat.team) */
  addEnterpriseSeat(enterprise: string, seat: EnterpriseSeatInput): void
  /** removes the enterprise-direct row at once */
  removeEnterpriseSeat(enterprise: string, login: string): void
  /** a user's rows (org, enterprise team, enterprise-direct), as GET .../members/{username}/copilot lists them */
  enterpriseRows(enterprise: string, login: string): SeatJson[]
  /** every row of the enterprise listing, in its order */
  enterpriseSeats(enterprise: string): SeatJson[]
  /** as the API shows it now: activity older than the retention period is null */
  seat(org: string, login: string): SeatJson | undefined
  /** every seat as the org listing shows it now, in listing order (retention applied) */
  seats(org: string): SeatJson[]
  /** the seat with its stored activity fields, ignoring retention */
  storedSeat(org: string, login: string): SeatJson | undefined
  members(org: string): string[]
  readonly requests: RequestRecord[]
  clearRequests(): void
  fault(rule: FaultRule): void
  onRequest(hook: (req: FakeRequest, gh: FakeGitHub) => void): void
  /**
   * Runs `hook` (synchronously) just before each page of the org or enterprise seat listing is
   * computed: after auth, limits, faults and expiry, so a faulted attempt does not call it and a
   * retried page calls it again. Returns a function that removes the hook.
   */
  onListingPage(hook: (page: ListingPage, gh: FakeGitHub) => void): () => void
  /**
   * Changes the org once, just before page `beforePage` of the listing is first computed; e.g.
   * `{ org: 'acme', beforePage: 3, remove: ['u150'], add: ['zz-new'] }` makes a reader that walks
   * pages 1..N with per_page 100 miss u201 (it moved to page 2). Returns a function that cancels it.
   */
  shiftListingOnce(shift: ListingShift): () => void
  use<T extends FakeExtension>(ext: T): T
  /** A JSON response with GitHub's headers (request id, rate limit), for extensions. */
  json(status: number, body: unknown, extra?: Record<string, string>): FakeResponse
  /** GitHub's page window and Link header (per_page default `defPer`, at most 100), for extensions. */
  page(
    url: URL,
    query: Record<string, string>,
    defPer: number,
    total: number
  ): { start: number; end: number; headers: Record<string, string> }
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
  /**
   * default 0.3: idle seats besides never-used ones: latest activity 31-89 days ago or, for
   * `noActivityShare` of them, no activity in 90 days
   */
  idleShare?: number
  /**
   * default 0.25: share of the idle seats (idleShare, and the idle half of the pending ones) that show
   * no activity in 90 days: granted 91-700 days ago, both activity fields null
   */
  noActivityShare?: number
  /** default 0.03: seats pending cancellation (half active, half idle) */
  pendingShare?: number
  /** default 0.2: seats granted through a team (not direct) */
  viaTeamShare?: number
  /**
   * default 0.1: never used: granted within the last 90 days, both activity fields null (half inside
   * the 30-day grace period, half 31-89 days ago)
   */
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

/**
 * Rows like generateOrg's defaults: 10% never used, 30% idle (a quarter of those with no activity
 * in 90 days), 3% pending, 20% via the team `copilot-users`; plan `enterprise`.
 */
export interface GenerateEnterpriseOptions {
  enterprise: string
  users: number
  /**
   * every row (org, enterprise team, enterprise-direct); >= users; extra rows = users granted by
   * more than one grantor; <= users * (orgs + enterpriseTeams + (directShare > 0 ? 1 : 0))
   */
  rows: number
  /** default 4 */
  orgs?: number
  /** default 0: enterprise teams granting Copilot (slugs 'ent:copilot-team-N') */
  enterpriseTeams?: number
  /** default 0.2 when enterpriseTeams > 0: users whose first row an enterprise team grants */
  teamShare?: number
  /** default 0: users whose first row is enterprise-direct; > 0 also lets extra rows be direct */
  directShare?: number
  seed?: number
  now?: Date
}

export declare function generateEnterprise(
  gh: FakeGitHub,
  opts: GenerateEnterpriseOptions
): { orgs: string[]; teams: string[]; logins: string[] }

/** Enterprise writes, per-user seats and enterprise teams: `gh.use(enterpriseApi())`. */
export declare function enterpriseApi(): FakeExtension

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
export declare const READ_ONLY_MESSAGE: string
/** github-actions[bot], id 41898282, type Bot: the workflow token's user */
export declare const GITHUB_ACTIONS_BOT: Readonly<{
  login: 'github-actions[bot]'
  id: 41898282
  type: 'Bot'
}>

export * from './issues.js'
export declare const APP_TOKEN_MESSAGE: string
export declare const ENTERPRISE_READ_FORBIDDEN_MESSAGE: string
export declare const ENTERPRISE_WRITE_FORBIDDEN_MESSAGE: string
export declare const ENTERPRISE_POLICY_MESSAGE_USERS: string
export declare const ENTERPRISE_POLICY_MESSAGE_TEAMS: string
export declare const ENTERPRISE_SEAT_422_MESSAGE: string
export declare const TEAM_DELETE_ACCEPTED_MESSAGE: string

export * from './usage.js'
export * from './usage-msw.js'
