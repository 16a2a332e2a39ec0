// In-memory fake of the GitHub REST endpoints used by the Copilot seat action.
// Behaviour follows /work/shared/notes/api.md §1, §2 and §5 (GitHub's OpenAPI description and docs).
// Plain ESM JavaScript with JSDoc so it runs on a fresh clone under Node 20 with no build step.
// Public types: fake/index.d.ts.

export const API_HOST = 'https://api.github.com'
export const WEB_HOST = 'https://github.com'

const DOC_COPILOT = 'https://docs.github.com/rest/copilot/copilot-user-management'
const DOC_MEMBERS = 'https://docs.github.com/rest/orgs/members'
const DOC_TEAMS = 'https://docs.github.com/rest/teams/teams'
const DOC_REST = 'https://docs.github.com/rest'
const DOC_SECONDARY =
  'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits'
const DOC_PRIMARY =
  'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-rate-limits'
const DOC_ENT_COPILOT =
  'https://docs.github.com/enterprise-cloud@latest/rest/copilot/copilot-user-management'

export const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
  'If you reach out to GitHub Support for help, please include the request ID '
export const PRIMARY_MESSAGE = 'API rate limit exceeded for user ID 1.'

// Spec prose (422 descriptions in GitHub's OpenAPI description), used as messages.
export const POLICY_MESSAGE_USERS_POST =
  'Copilot Business or Enterprise is not enabled for this organization, billing has not been set up for this ' +
  'organization, a public code suggestions policy has not been set for this organization, or the ' +
  "organization's Copilot access setting is set to enable Copilot for all users or is unconfigured."
export const POLICY_MESSAGE_USERS_DELETE =
  'Copilot Business or Enterprise is not enabled for this organization, billing has not been set up for this ' +
  'organization, a public code suggestions policy has not been set for this organization, the seat management ' +
  "setting is set to enable Copilot for all users or is unconfigured, or a user's seat cannot be cancelled " +
  'because it was assigned to them via a team.'
export const VIA_TEAM_MESSAGE =
  "a user's seat cannot be cancelled because it was assigned to them via a team"
export const BILLING_MESSAGE = "There is a problem with your account's associated payment method."
export const SEAT_422_MESSAGE =
  'Copilot Business or Enterprise is not enabled for this organization or the user has a pending organization invitation.'
/** GitHub's answer to a write with a token that may only read (a fork's pull-request GITHUB_TOKEN). */
export const READ_ONLY_MESSAGE = 'Resource not accessible by integration'
/** The user of the workflow's GITHUB_TOKEN, as GitHub reports it on issues and comments. */
export const GITHUB_ACTIONS_BOT = Object.freeze({
  login: 'github-actions[bot]',
  id: 41898282,
  type: /** @type {'Bot'} */ ('Bot')
})

// Token kinds at enterprise scope (GitHub docs: the enterprise Copilot reads do not accept GitHub App
// installation, user-to-server or fine-grained tokens; only enterprise owners, and for the seat
// reads billing managers, may call them). GitHub's exact texts are unknown; these are plausible.
export const APP_TOKEN_MESSAGE = 'Resource not accessible by integration'
export const ENTERPRISE_READ_FORBIDDEN_MESSAGE =
  'Must be an enterprise owner or billing manager to view Copilot seat assignments for this enterprise.'
export const ENTERPRISE_WRITE_FORBIDDEN_MESSAGE =
  'Must be an enterprise owner to manage Copilot seat assignments for this enterprise.'

/** Enterprise settings that addEnterprise / setEnterprisePolicy accept. */
const ENTERPRISE_KEYS = [
  'plan_type',
  'seat_management_setting',
  'public_code_suggestions',
  'billingConfigured',
  'unassign',
  'unknownUsers',
  'unknownTeams',
  'teamDelete',
  'teamDeleteLag',
  'bareTeamSlugs'
]

const JSON_TYPE = 'application/json; charset=utf-8'
const DAY_MS = 86_400_000
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])
const WINDOW_MS = 60_000

/** @param {Date} now */
export function nextBillingCycleStart(now) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1))
  return d.toISOString().slice(0, 10)
}

/** @param {Date} now */
function cycleStart(now) {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)
}

/** @param {Date} d */
export function isoSeconds(d) {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** @param {string | null | undefined} s */
function ms(s) {
  if (s == null) return NaN
  return Date.parse(s)
}

/**
 * What GitHub shows for an activity timestamp: null once it is older than the retention cutoff
 * (kept at exactly the cutoff; an unparseable value is shown as stored).
 * @param {string | null} value @param {number} cutoff epoch ms
 */
function retained(value, cutoff) {
  return value !== null && Date.parse(value) < cutoff ? null : value
}

/**
 * A stored seat row, org seat and enterprise row alike (the single adds and the generators' bulk
 * paths all build it here, so every row has one shape); `_seatJson` serializes it.
 * @param {string} key @param {{ login: string, id: number } | null} user
 * @param {string} created `created_at`, also the first `updated_at`
 * @param {{ last_activity_at?: string | null, last_authenticated_at?: string | null, last_activity_editor?: string | null }} act
 * @param {string | null | undefined} pendingDate @param {string | null | undefined} planType
 * @param {string[] | null} teams keys of the org teams that grant it (null for enterprise rows)
 * @param {boolean} direct
 * @param {any} team the enterprise team that grants it; null for org seats and enterprise-direct rows
 */
function seatRecord(key, user, created, act, pendingDate, planType, teams, direct, team) {
  return {
    key,
    user,
    created_at: created,
    updated_at: created,
    last_activity_at: act.last_activity_at ?? null,
    last_authenticated_at: act.last_authenticated_at ?? null,
    last_activity_editor: act.last_activity_editor ?? null,
    pending_cancellation_date: pendingDate ?? null,
    plan_type: planType ?? null,
    teams,
    /** @type {string | null} team shown while pending after a team cancellation */
    shownTeam: null,
    direct,
    team,
    _dead: false
  }
}

/**
 * The token of an `authorization: token|bearer <t>` header, '' when there is none.
 * @param {Record<string,string>} headers lower-cased names
 */
function tokenOf(headers) {
  const m = /^(?:token|bearer)\s+(.+)$/i.exec((headers.authorization ?? '').trim())
  return m ? /** @type {string} */ (m[1]).trim() : ''
}

/** @param {string} s */
export function b64(s) {
  return Buffer.from(s).toString('base64')
}

/**
 * A request path's decoded segments after the leading '/', less a trailing empty one
 * (`/a/b/` → ['a', 'b']); null when one is not valid percent-encoding.
 * @param {string} path
 * @returns {string[] | null}
 */
export function pathSegments(path) {
  let seg
  try {
    seg = path
      .split('/')
      .slice(1)
      .map((s) => decodeURIComponent(s))
  } catch {
    return null
  }
  if (seg.length > 1 && seg[seg.length - 1] === '') seg.pop()
  return seg
}

/**
 * The simple-user object GitHub embeds for a person (seat assignee, org or team member, issue and
 * comment author, repository owner); a Bot gets its own node id, avatar path and app page.
 * @param {{ login: string, id: number, type?: 'User' | 'Bot' }} u `type` defaults to 'User'
 * @param {string} [urlLogin] the login as it stands in the API urls: as is by default, escaped by
 *   the issue endpoints (`github-actions%5Bbot%5D`)
 */
export function simpleUserJson(u, urlLogin = u.login) {
  const api = `${API_HOST}/users/${urlLogin}`
  const bot = u.type === 'Bot'
  return {
    login: u.login,
    id: u.id,
    node_id: b64(bot ? `03:Bot${u.id}` : `04:User${u.id}`),
    avatar_url: `https://avatars.githubusercontent.com/${bot ? 'in' : 'u'}/${u.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: bot
      ? `${WEB_HOST}/apps/${u.login.replace(/\[bot\]$/, '')}`
      : `${WEB_HOST}/${u.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: u.type ?? 'User',
    user_view_type: 'public',
    site_admin: false
  }
}

/**
 * Insertion-ordered keyed store with O(1) lookup and lazily compacted listing order,
 * so paging through 100,000 records does not iterate a Map per page.
 * @template {{ _dead?: boolean }} T
 */
class OrderedStore {
  constructor() {
    /** @type {Map<string, T>} */
    this.map = new Map()
    /** @type {T[]} */
    this._list = []
    this._dirty = false
  }
  get size() {
    return this.map.size
  }
  /** @param {string} key */
  get(key) {
    return this.map.get(key)
  }
  /** @param {string} key @param {T} value */
  add(key, value) {
    const old = this.map.get(key)
    if (old) {
      old._dead = true
      this._dirty = true
    }
    this.map.set(key, value)
    this._list.push(value)
  }
  /** Insert a key known to be absent (bulk generation fast path). @param {string} key @param {T} value */
  push(key, value) {
    this.map.set(key, value)
    this._list.push(value)
  }
  /** @param {string} key */
  delete(key) {
    const old = this.map.get(key)
    if (!old) return false
    old._dead = true
    this._dirty = true
    this.map.delete(key)
    return true
  }
  /** @returns {T[]} */
  list() {
    if (this._dirty) {
      this._list = this._list.filter((r) => !r._dead)
      this._dirty = false
    }
    return this._list
  }
}

/**
 * Sliding window of (time, value) samples with a running sum.
 */
class Window {
  constructor() {
    /** @type {number[]} */
    this.t = []
    /** @type {number[]} */
    this.v = []
    this.head = 0
    this.sum = 0
  }
  /** @param {number} t @param {number} v */
  push(t, v) {
    this.t.push(t)
    this.v.push(v)
    this.sum += v
  }
  /** @param {number} now */
  prune(now) {
    const cutoff = now - WINDOW_MS
    while (this.head < this.t.length && /** @type {number} */ (this.t[this.head]) <= cutoff) {
      this.sum -= /** @type {number} */ (this.v[this.head])
      this.head++
    }
    if (this.head > 4096 && this.head * 2 > this.t.length) {
      this.t = this.t.slice(this.head)
      this.v = this.v.slice(this.head)
      this.head = 0
    }
  }
  clear() {
    this.t = []
    this.v = []
    this.head = 0
    this.sum = 0
  }
}

/** Thrown by routes (and extensions) to answer with GitHub's error envelope. */
export class HttpError {
  /** @param {number} status @param {string} message @param {string} [doc] @param {Record<string,string>} [headers] */
  constructor(status, message, doc = DOC_REST, headers = {}) {
    this.status = status
    this.message = message
    this.doc = doc
    this.headers = headers
  }
}

/** @param {string} reason */
function invalid(reason) {
  return new HttpError(422, `Invalid request.\n\n${reason}`, DOC_COPILOT)
}

function emptyStats() {
  return {
    requests: 0,
    /** @type {Record<string, number>} */
    byStatus: {},
    secondaryLimited: 0,
    maxInFlight: 0,
    writes: 0,
    points: 0
  }
}

/** @param {unknown} body @param {string} field */
export function stringArray(body, field) {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalid(`"${field}" wasn't supplied.`)
  }
  const v = /** @type {Record<string, unknown>} */ (body)[field]
  if (v === undefined) throw invalid(`"${field}" wasn't supplied.`)
  if (!Array.isArray(v))
    throw invalid(`For 'properties/${field}', ${JSON.stringify(v)} is not an array.`)
  if (v.length < 1) throw invalid(`For 'properties/${field}', [] has fewer items than 1.`)
  for (const item of v) {
    if (typeof item !== 'string') {
      throw invalid(`For 'items', ${JSON.stringify(item)} is not a string.`)
    }
  }
  return /** @type {string[]} */ (v)
}

/** @param {string[]} names */
export function dedupe(names) {
  /** @type {Map<string, string>} */
  const m = new Map()
  for (const n of names) {
    const k = n.replace(/^@/, '').toLowerCase()
    if (!m.has(k)) m.set(k, n.replace(/^@/, ''))
  }
  return m
}

export class FakeGitHub {
  /** @param {import('./index.js').FakeGitHubOptions} [options] */
  constructor(options = {}) {
    this.now = options.now ?? (() => new Date())
    this._latency = options.latencyMs ?? 0
    const l = options.limits ?? {}
    this._limits = {
      enforce: l.enforce ?? false,
      pointsPerMinute: l.pointsPerMinute ?? 900,
      requestSecondsPerMinute: l.requestSecondsPerMinute ?? 90,
      maxConcurrent: l.maxConcurrent ?? 100,
      writeSpacingMs: l.writeSpacingMs ?? 1000,
      retryAfterSeconds: l.retryAfterSeconds === undefined ? 60 : l.retryAfterSeconds
    }
    this._primaryLimit = options.primaryLimit ?? 5000
    this._auth = options.auth ?? {}
    /** @type {Map<string, { login: string, id: number, type: 'User' | 'Bot' }>} users of tokens not in auth.users */
    this._tokenUsers = new Map()
    /** the options as given, for extensions that read their own (e.g. limits.contentPerMinute) */
    this.options = options
    this._ghes = options.ghes ?? false
    this._retentionMs =
      options.activityRetentionDays === null
        ? Infinity
        : (options.activityRetentionDays ?? 90) * DAY_MS
    this._prefix = (options.pathPrefix ?? '').replace(/\/+$/, '')
    if (this._prefix && !this._prefix.startsWith('/')) this._prefix = '/' + this._prefix

    /** @type {Map<string, { login: string, id: number }>} */
    this._users = new Map()
    this._nextUserId = 1001
    this._nextTeamId = 501
    this._nextOrgId = 9001
    this._nextEntId = 71
    /** @type {Map<string, any>} */
    this._orgs = new Map()
    /** @type {Map<string, any>} enterprises (see addEnterprise) */
    this._enterprises = new Map()

    /** @type {import('./index.js').RequestRecord[]} */
    this.requests = []
    /** @type {any[]} */
    this._faults = []
    /** @type {Array<(req: import('./index.js').FakeRequest, gh: FakeGitHub) => void>} */
    this._hooks = []
    /** @type {Array<(page: import('./index.js').ListingPage, gh: FakeGitHub) => void>} */
    this._listingHooks = []
    this.stats = emptyStats()

    this._inFlight = 0
    this._points = new Window()
    this._time = new Window()
    /** @type {number | null} */
    this._lastWriteStart = null
    this._rl = { windowStart: Date.now(), used: 0 }
    this._reqSeq = 0
    this._version = 0
    /** @type {Map<string, { version: number, total: number }>} */
    this._entCache = new Map()
    /** @type {import('./index.js').FakeExtension[]} */
    this._extensions = []
  }

  // ---------------------------------------------------------------- state API

  /** @param {string} login */
  _user(login) {
    const k = login.toLowerCase()
    let u = this._users.get(k)
    if (!u) {
      u = { login, id: this._nextUserId++ }
      this._users.set(k, u)
    }
    return u
  }

  /** @param {string} org */
  _org(org) {
    const o = this._orgs.get(org.toLowerCase())
    if (!o) throw new Error(`FakeGitHub: unknown org ${org}`)
    return o
  }

  /**
   * @param {string} login
   * @param {import('./index.js').OrgOptions} [opts]
   */
  addOrg(login, opts = {}) {
    const k = login.toLowerCase()
    if (this._orgs.has(k)) {
      this.setPolicy(login, opts)
      return
    }
    this._orgs.set(k, {
      login,
      id: this._nextOrgId++,
      plan_type: opts.plan_type ?? 'business',
      seat_management_setting: opts.seat_management_setting ?? 'assign_selected',
      public_code_suggestions: opts.public_code_suggestions ?? 'block',
      billingConfigured: opts.billingConfigured ?? true,
      ide_chat: 'enabled',
      platform_chat: 'enabled',
      cli: 'enabled',
      /** @type {OrderedStore<any>} */
      members: new OrderedStore(),
      /** @type {Map<string, any>} */
      teams: new Map(),
      /** @type {OrderedStore<any>} */
      seats: new OrderedStore(),
      /** @type {Set<any>} */
      pending: new Set(),
      nullSeq: 0
    })
    this._version++
  }

  /** @param {string} org @param {import('./index.js').OrgOptions} patch */
  setPolicy(org, patch) {
    const o = this._org(org)
    for (const key of [
      'plan_type',
      'seat_management_setting',
      'public_code_suggestions',
      'billingConfigured'
    ]) {
      const v = /** @type {any} */ (patch)[key]
      if (v !== undefined) o[key] = v
    }
    this._version++
  }

  /** @param {string} org @param {string} login @param {{ pendingInvitation?: boolean }} [opts] */
  addMember(org, login, opts = {}) {
    const o = this._org(org)
    const k = login.toLowerCase()
    const existing = o.members.get(k)
    const pendingInvitation = opts.pendingInvitation ?? false
    if (existing) {
      existing.pendingInvitation = pendingInvitation
    } else {
      o.members.add(k, { user: this._user(login), pendingInvitation })
    }
    this._version++
  }

  /** Removes the member, their team memberships and their seat (immediately). */
  /** @param {string} org @param {string} login */
  removeMember(org, login) {
    const o = this._org(org)
    const k = login.toLowerCase()
    o.members.delete(k)
    for (const t of o.teams.values()) t.members.delete(k)
    this._deleteSeat(o, k)
    this._version++
  }

  /** @param {string} org @param {string} slug @param {{ name?: string, members?: string[] }} [opts] */
  addTeam(org, slug, opts = {}) {
    const o = this._org(org)
    const k = slug.toLowerCase()
    let t = o.teams.get(k)
    if (!t) {
      t = {
        id: this._nextTeamId++,
        slug,
        name: opts.name ?? slug,
        description: null,
        privacy: 'closed',
        permission: 'pull',
        /** @type {Set<string>} */
        members: new Set()
      }
      o.teams.set(k, t)
    } else if (opts.name) {
      t.name = opts.name
    }
    for (const m of opts.members ?? []) {
      const mk = m.toLowerCase()
      if (!o.members.get(mk)) o.members.add(mk, { user: this._user(m), pendingInvitation: false })
      t.members.add(mk)
    }
    this._version++
  }

  /**
   * @param {string} org
   * @param {import('./index.js').SeatInput} seat
   */
  addSeat(org, seat) {
    const o = this._org(org)
    let key
    let user = null
    if (seat.login === null) {
      key = `\u0000null:${o.nullSeq++}`
    } else {
      key = seat.login.toLowerCase()
      user = this._user(seat.login)
      const m = o.members.get(key)
      if (!m) o.members.add(key, { user, pendingInvitation: false })
      else m.pendingInvitation = false
    }
    /** @type {string[] | null} */
    let teams = null
    if (seat.team) {
      const tk = seat.team.toLowerCase()
      if (!o.teams.has(tk)) this.addTeam(org, seat.team)
      const t = o.teams.get(tk)
      if (user) t.members.add(key)
      teams = [tk]
    }
    const rec = this._seatRec(key, user, seat, teams, seat.direct ?? !seat.team, null)
    const old = o.seats.get(key)
    if (old) {
      // replace in place: keeps the listing position
      o.pending.delete(old)
      Object.assign(old, rec)
      if (old.pending_cancellation_date) o.pending.add(old)
    } else {
      o.seats.add(key, rec)
      if (rec.pending_cancellation_date) o.pending.add(rec)
    }
    this._version++
  }

  /**
   * Bulk fast path for generators (falls back to addSeat when the login is already a member);
   * `teamKey` (lowercase slug) must exist.
   * @param {string} org
   * @param {string | null} login
   * @param {{ created_at: string, last_activity_at: string | null, last_authenticated_at: string | null, last_activity_editor: string | null }} act
   * @param {string | null} pendingDate
   * @param {string | null} planType
   * @param {string | null} teamKey
   */
  _bulkSeat(org, login, act, pendingDate, planType, teamKey) {
    const o = this._org(org)
    let key
    let user = null
    if (login === null) {
      key = `\u0000null:${o.nullSeq++}`
    } else {
      key = login
      if (o.members.map.has(key) || login !== login.toLowerCase()) {
        // not a fresh login: take the general path
        this.addSeat(org, {
          login,
          ...act,
          pending_cancellation_date: pendingDate,
          plan_type: /** @type {any} */ (planType ?? undefined),
          team: teamKey ? o.teams.get(teamKey).slug : null
        })
        return
      }
      user = this._users.get(key)
      if (!user) {
        user = { login, id: this._nextUserId++ }
        this._users.set(key, user)
      }
      o.members.push(key, { user, pendingInvitation: false, _dead: false })
      if (teamKey) o.teams.get(teamKey).members.add(key)
    }
    const rec = seatRecord(
      key,
      user,
      act.created_at,
      act,
      pendingDate,
      planType,
      teamKey ? [teamKey] : null,
      !teamKey,
      null
    )
    o.seats.push(key, rec)
    if (pendingDate) o.pending.add(rec)
    this._version++
  }

  /** @param {string} org @param {string} login */
  removeSeat(org, login) {
    this._deleteSeat(this._org(org), login.toLowerCase())
    this._version++
  }

  /** @param {any} o @param {string} key */
  _deleteSeat(o, key) {
    const rec = o.seats.get(key)
    if (!rec) return
    o.pending.delete(rec)
    o.seats.delete(key)
  }

  /** @param {string} slug */
  _ent(slug) {
    const e = this._enterprises.get(slug.toLowerCase())
    if (!e) throw new Error(`FakeGitHub: unknown enterprise ${slug}`)
    return e
  }

  /**
   * Creates the enterprise, or updates its org list (when given) and settings.
   * @param {string} slug
   * @param {import('./index.js').EnterpriseOptions} [opts]
   */
  addEnterprise(slug, opts = {}) {
    for (const org of opts.orgs ?? []) if (!this._orgs.has(org.toLowerCase())) this.addOrg(org)
    const k = slug.toLowerCase()
    let e = this._enterprises.get(k)
    if (!e) {
      e = {
        slug,
        id: this._nextEntId++,
        /** @type {string[]} */
        orgs: [],
        plan_type: 'business',
        seat_management_setting: 'assign_selected',
        public_code_suggestions: 'block',
        billingConfigured: true,
        unassign: 'pending',
        unknownUsers: 422,
        unknownTeams: 422,
        teamDelete: 200,
        teamDeleteLag: 0,
        bareTeamSlugs: false,
        /** @type {Set<string>} logins known to the enterprise besides org and team members */
        members: new Set(),
        /** @type {OrderedStore<any>} enterprise-direct rows by login */
        direct: new OrderedStore(),
        /** @type {Map<string, any>} enterprise teams by lower-case slug (with `ent:`) */
        teams: new Map(),
        /** @type {Set<any>} rows with a pending_cancellation_date */
        pending: new Set(),
        /** @type {Array<{ left: number, apply: () => void }>} 202 team deletes not yet applied */
        deferred: [],
        nullSeq: 0,
        /** stand-in org for _seatJson (no org teams; the enterprise's plan) */
        stub: { login: slug, id: 0, plan_type: 'business', teams: new Map() }
      }
      e.stub.id = e.id
      this._enterprises.set(k, e)
    }
    if (opts.orgs) e.orgs = opts.orgs.map((x) => x.toLowerCase())
    this.setEnterprisePolicy(slug, opts)
  }

  /** @param {string} slug @param {import('./index.js').EnterpriseOptions} patch */
  setEnterprisePolicy(slug, patch) {
    const e = this._ent(slug)
    for (const key of ENTERPRISE_KEYS) {
      const v = /** @type {any} */ (patch)[key]
      if (v !== undefined) e[key] = v
    }
    e.stub.plan_type = e.plan_type
    this._version++
  }

  /** A login the enterprise knows without org or enterprise team membership. @param {string} ent @param {string} login */
  addEnterpriseMember(ent, login) {
    this._ent(ent).members.add(this._user(login).login.toLowerCase())
    this._version++
  }

  /**
   * Finds an enterprise team by slug (`ent:` prefix), or also by name, id or bare slug.
   * @param {any} e @param {string} ref @param {{ names?: boolean, ids?: boolean, bare?: boolean }} how
   */
  _entTeamByRef(e, ref, how) {
    const r = ref.toLowerCase()
    let t = e.teams.get(r)
    if (!t && how.bare && !r.startsWith('ent:')) t = e.teams.get(`ent:${r}`)
    if (!t && how.names) for (const c of e.teams.values()) if (c.name.toLowerCase() === r) t = c
    if (!t && how.ids && /^\d+$/.test(r)) for (const c of e.teams.values()) if (c.id === +r) t = c
    return t
  }

  /**
   * Adds an enterprise team (slug gets the `ent:` prefix GitHub adds) or updates it; members are
   * added. `copilot: true` makes the team grant Copilot: every member gets a row; `false` stops
   * the grant and deletes its rows at once (a state change, not the API's DELETE).
   * @param {string} ent @param {string} slug @param {import('./index.js').EnterpriseTeamOptions} [opts]
   */
  addEnterpriseTeam(ent, slug, opts = {}) {
    const e = this._ent(ent)
    const full = /^ent:/i.test(slug) ? slug : `ent:${slug}`
    const k = full.toLowerCase()
    let t = e.teams.get(k)
    if (!t) {
      const now = isoSeconds(this.now())
      t = {
        id: this._nextTeamId++,
        slug: full,
        name: full.slice(4),
        description: null,
        group_id: null,
        organization_selection_type: 'disabled',
        created_at: now,
        updated_at: now,
        granting: false,
        /** @type {Set<string>} */
        members: new Set(),
        /** @type {OrderedStore<any>} rows this team grants, by login */
        rows: new OrderedStore()
      }
      e.teams.set(k, t)
    }
    for (const key of ['name', 'description', 'group_id', 'organization_selection_type']) {
      const v = /** @type {any} */ (opts)[key]
      if (v !== undefined) t[key] = v
    }
    for (const m of opts.members ?? []) t.members.add(this._user(m).login.toLowerCase())
    if (opts.copilot === false && t.granting) {
      t.granting = false
      for (const rec of [...t.rows.list()]) this._dropEntRow(e, rec)
    } else if (opts.copilot) t.granting = true
    if (t.granting) this._grantTeamRows(e, t, isoSeconds(this.now()))
    this._version++
    return t.slug
  }

  /** Removes a member from an enterprise team; the row that team granted goes at once. */
  /** @param {string} ent @param {string} team @param {string} login */
  removeEnterpriseTeamMember(ent, team, login) {
    const e = this._ent(ent)
    const t = this._entTeamByRef(e, team, { names: true, bare: true, ids: true })
    if (!t) throw new Error(`FakeGitHub: unknown enterprise team ${team}`)
    const k = login.toLowerCase()
    t.members.delete(k)
    const rec = t.rows.get(k)
    if (rec) this._dropEntRow(e, rec)
    this._version++
  }

  /**
   * Rows for members of a granting team that have none; returns the keys created.
   * @param {any} e @param {any} t @param {string} created
   */
  _grantTeamRows(e, t, created) {
    /** @type {string[]} */
    const made = []
    for (const k of t.members) {
      if (t.rows.get(k)) continue
      t.rows.add(k, this._entRec(k, this._users.get(k) ?? null, t, { created_at: created }))
      made.push(k)
    }
    if (made.length) this._version++
    return made
  }

  /**
   * @param {string} key @param {{ login: string, id: number } | null} user @param {any} team
   * @param {Partial<import('./index.js').EnterpriseSeatInput>} seat
   */
  _entRec(key, user, team, seat) {
    // `teams`/`shownTeam` stay null so _seatJson finds no org team; `team` is the enterprise team
    return this._seatRec(key, user, seat, null, !team, team)
  }

  /**
   * A row from seat input: omitted fields null, `created_at` now.
   * @param {string} key @param {{ login: string, id: number } | null} user
   * @param {import('./index.js').SeatFields} seat
   * @param {string[] | null} teams @param {boolean} direct @param {any} team
   */
  _seatRec(key, user, seat, teams, direct, team) {
    const created = seat.created_at ?? isoSeconds(this.now())
    const { pending_cancellation_date: pending, plan_type: plan } = seat
    return seatRecord(key, user, created, seat, pending, plan, teams, direct, team)
  }

  /**
   * Adds or replaces an enterprise-granted row: enterprise-direct, or granted by the enterprise
   * team `seat.team` (created if missing; it then grants, the login joins it).
   * @param {string} ent @param {import('./index.js').EnterpriseSeatInput} seat
   */
  addEnterpriseSeat(ent, seat) {
    const e = this._ent(ent)
    let key
    let user = null
    if (seat.login === null) key = `\u0000null:${e.nullSeq++}`
    else {
      user = this._user(seat.login)
      key = user.login.toLowerCase()
    }
    let team = null
    if (seat.team) {
      team = this._entTeamByRef(e, seat.team, { names: true, bare: true })
      if (!team) team = e.teams.get(this.addEnterpriseTeam(ent, seat.team).toLowerCase())
      if (user) team.members.add(key)
    }
    const store = team ? team.rows : e.direct
    const rec = this._entRec(key, user, team, seat)
    const old = store.get(key)
    if (old) {
      e.pending.delete(old)
      Object.assign(old, rec)
      if (old.pending_cancellation_date) e.pending.add(old)
    } else {
      store.add(key, rec)
      if (rec.pending_cancellation_date) e.pending.add(rec)
    }
    if (team && !team.granting) {
      team.granting = true
      this._grantTeamRows(e, team, isoSeconds(this.now()))
    }
    this._version++
  }

  /**
   * Bulk fast path for generators: a fresh row (the login has none in that store yet).
   * @param {any} e @param {any} team @param {string} login
   * @param {{ created_at: string, last_activity_at: string | null, last_authenticated_at: string | null, last_activity_editor: string | null }} act
   * @param {string | null} pendingDate @param {string | null} planType
   */
  _bulkEntRow(e, team, login, act, pendingDate, planType) {
    const user = this._user(login)
    const key = user.login.toLowerCase()
    const rec = seatRecord(key, user, act.created_at, act, pendingDate, planType, null, !team, team)
    if (team) {
      team.granting = true
      team.members.add(key)
      team.rows.push(key, rec)
    } else e.direct.push(key, rec)
    if (pendingDate) e.pending.add(rec)
    this._version++
  }

  /** Removes the enterprise-direct row of a login at once. @param {string} ent @param {string} login */
  removeEnterpriseSeat(ent, login) {
    const e = this._ent(ent)
    const rec = e.direct.get(login.toLowerCase())
    if (rec) this._dropEntRow(e, rec)
    this._version++
  }

  /** @param {any} e @param {any} rec */
  _dropEntRow(e, rec) {
    e.pending.delete(rec)
    ;(rec.team ? rec.team.rows : e.direct).delete(rec.key)
    this._version++
  }

  /** Unassign: pending until the next cycle, or gone at once (`unassign: 'immediate'`). @param {any} e @param {any} rec */
  _cancelEntRow(e, rec) {
    if (e.unassign === 'immediate') {
      this._dropEntRow(e, rec)
      return
    }
    rec.pending_cancellation_date = nextBillingCycleStart(this.now())
    rec.updated_at = isoSeconds(this.now())
    e.pending.add(rec)
    this._version++
  }

  /** Re-grant: a pending row is restored and counts as a new grant. @param {any} e @param {any} rec @param {string} now */
  _regrantEntRow(e, rec, now) {
    rec.pending_cancellation_date = null
    rec.created_at = now
    rec.updated_at = now
    e.pending.delete(rec)
    this._version++
  }

  /** Is the login an enterprise member (org member, enterprise team member, known, or holding a row)? */
  /** @param {any} e @param {string} key */
  _entKnows(e, key) {
    if (e.members.has(key) || e.direct.get(key)) return true
    for (const ok of e.orgs) {
      const m = this._orgs.get(ok)?.members.get(key)
      if (m && !m.pendingInvitation) return true
    }
    for (const t of e.teams.values()) if (t.members.has(key)) return true
    return false
  }

  /** Row sources of the enterprise listing, in listing order: member orgs, enterprise teams, direct. @param {any} e */
  _entSegments(e) {
    /** @type {Array<{ list: any[], json: (rec: any) => any }>} */
    const segs = []
    for (const k of e.orgs) {
      const o = this._orgs.get(k)
      if (o) segs.push({ list: o.seats.list(), json: (r) => this._seatJson(o, r, true) })
    }
    const entJson = (/** @type {any} */ r) => this._entRowJson(e, r)
    for (const t of e.teams.values()) segs.push({ list: t.rows.list(), json: entJson })
    segs.push({ list: e.direct.list(), json: entJson })
    return segs
  }

  /** A user's rows (org, enterprise team, enterprise-direct) in listing order. @param {any} e @param {string} key */
  _entUserRows(e, key) {
    const out = []
    for (const k of e.orgs) {
      const o = this._orgs.get(k)
      const rec = o?.seats.get(key)
      if (rec) out.push(this._seatJson(o, rec, true))
    }
    for (const t of e.teams.values()) {
      const rec = t.rows.get(key)
      if (rec) out.push(this._entRowJson(e, rec))
    }
    const rec = e.direct.get(key)
    if (rec) out.push(this._entRowJson(e, rec))
    return out
  }

  /** A user's rows as GET /enterprises/{ent}/members/{login}/copilot lists them. @param {string} ent @param {string} login */
  enterpriseRows(ent, login) {
    return this._entUserRows(this._ent(ent), login.toLowerCase())
  }

  /** Every row of the enterprise listing, in its order. @param {string} ent */
  enterpriseSeats(ent) {
    return this._entSegments(this._ent(ent)).flatMap((s) => s.list.map(s.json))
  }

  /** Logins of an enterprise team's members. @param {string} ent @param {string} team */
  enterpriseTeamMembers(ent, team) {
    const e = this._ent(ent)
    const t = this._entTeamByRef(e, team, { names: true, bare: true, ids: true })
    if (!t) throw new Error(`FakeGitHub: unknown enterprise team ${team}`)
    return [...t.members].map((k) => this._users.get(k)?.login ?? k)
  }

  /** The seat as the org listing shows it now (activity retention applied). */
  /** @param {string} org @param {string} login */
  seat(org, login) {
    const o = this._org(org)
    const rec = o.seats.get(login.toLowerCase())
    return rec ? this._seatJson(o, rec, false) : undefined
  }

  /** Every seat as the org listing shows it now, in listing order (activity retention applied). */
  /** @param {string} org */
  seats(org) {
    const o = this._org(org)
    const cutoff = this._retentionCutoff()
    return o.seats.list().map((/** @type {any} */ r) => this._seatJson(o, r, false, cutoff))
  }

  /** The seat with its stored activity fields, as if there were no activity retention. */
  /** @param {string} org @param {string} login */
  storedSeat(org, login) {
    const o = this._org(org)
    const rec = o.seats.get(login.toLowerCase())
    return rec ? this._seatJson(o, rec, false, -Infinity) : undefined
  }

  /** @param {string} org */
  members(org) {
    const o = this._org(org)
    return o.members
      .list()
      .filter((/** @type {any} */ m) => !m.pendingInvitation)
      .map((/** @type {any} */ m) => m.user.login)
  }

  clearRequests() {
    this.requests = []
  }

  /**
   * Runs `hook` just before each page of the org or enterprise seat listing is computed (after auth,
   * limits, faults and expiry), so it can change the org between two pages. Returns an unsubscribe.
   * @param {(page: import('./index.js').ListingPage, gh: FakeGitHub) => void} hook
   */
  onListingPage(hook) {
    this._listingHooks.push(hook)
    return () => {
      const i = this._listingHooks.indexOf(hook)
      if (i >= 0) this._listingHooks.splice(i, 1)
    }
  }

  /**
   * Once, just before page `beforePage` of the org's listing (or of `enterprise`'s listing) is first
   * computed: removes the seats of `remove` (seat only, membership kept) and adds the seats of `add`
   * (at the end of the org's rows). Returns an unsubscribe.
   * @param {import('./index.js').ListingShift} shift
   */
  shiftListingOnce(shift) {
    const o = this._org(shift.org)
    if (!Number.isInteger(shift.beforePage) || shift.beforePage < 1)
      throw new Error(`FakeGitHub: beforePage must be an integer >= 1, got ${shift.beforePage}`)
    const scope = shift.enterprise ? 'enterprise' : 'org'
    const name = (shift.enterprise ?? o.login).toLowerCase()
    const off = this.onListingPage((p, gh) => {
      if (p.scope !== scope || p.name.toLowerCase() !== name || p.page !== shift.beforePage) return
      off()
      for (const login of shift.remove ?? []) gh.removeSeat(o.login, login)
      for (const a of shift.add ?? [])
        gh.addSeat(o.login, typeof a === 'string' || a === null ? { login: a } : a)
    })
    return off
  }

  /** @param {'org' | 'enterprise'} scope @param {string} name @param {Record<string,string>} query */
  _beforeListingPage(scope, name, query) {
    if (this._listingHooks.length === 0) return
    const { page, per } = pageParams(query, 50)
    for (const hook of [...this._listingHooks]) hook({ scope, name, page, perPage: per }, this)
  }

  /** @param {import('./index.js').FaultRule} rule */
  fault(rule) {
    this._faults.push({ ...rule, left: rule.times ?? 1 })
  }

  /** @param {(req: import('./index.js').FakeRequest, gh: FakeGitHub) => void} hook */
  onRequest(hook) {
    this._hooks.push(hook)
  }

  /**
   * Adds an endpoint family kept in its own module (usage reports, issues, ...). `preAuth` answers
   * before auth and limits (a download host that takes no token); `route` answers after them, before
   * the seat API's own routes. Each returns a response, or undefined to pass.
   * @param {import('./index.js').FakeExtension} ext
   */
  use(ext) {
    this._extensions.push(ext)
    return ext
  }

  /**
   * The user a request's token acts as (the author of what it creates): `auth.users[token]`, else a
   * stable user of its own per token (`token-user-1`, `token-user-2`, ... in order of first use).
   * Null when the request has no token. For extensions.
   * @param {Record<string,string>} headers lower-cased names
   * @returns {{ login: string, id: number, type: 'User' | 'Bot' } | null}
   */
  userOf(headers) {
    const token = tokenOf(headers)
    if (!token) return null
    const mapped = this._auth.users?.[token]
    if (mapped) {
      return {
        login: mapped.login,
        id: mapped.id ?? this._user(mapped.login).id,
        type: mapped.type ?? 'User'
      }
    }
    let u = this._tokenUsers.get(token)
    if (!u) {
      u = { ...this._user(`token-user-${this._tokenUsers.size + 1}`), type: 'User' }
      this._tokenUsers.set(token, u)
    }
    return u
  }

  resetStats() {
    this.stats = emptyStats()
    this._points.clear()
    this._time.clear()
    this._lastWriteStart = null
  }

  // ---------------------------------------------------------------- serialisation

  /** @param {any} o @param {any} t */
  _teamJson(o, t) {
    const url = `${API_HOST}/organizations/${o.id}/team/${t.id}`
    return {
      id: t.id,
      node_id: b64(`04:Team${t.id}`),
      url,
      html_url: `${WEB_HOST}/orgs/${o.login}/teams/${t.slug}`,
      name: t.name,
      slug: t.slug,
      description: t.description,
      privacy: t.privacy,
      notification_setting: 'notifications_enabled',
      permission: t.permission,
      members_url: `${url}/members{/member}`,
      repositories_url: `${url}/repos`,
      parent: null,
      type: 'organization'
    }
  }

  /** @param {any} o */
  _orgJson(o) {
    const api = `${API_HOST}/orgs/${o.login}`
    return {
      login: o.login,
      id: o.id,
      node_id: b64(`012:Organization${o.id}`),
      url: api,
      repos_url: `${api}/repos`,
      events_url: `${api}/events`,
      hooks_url: `${api}/hooks`,
      issues_url: `${api}/issues`,
      members_url: `${api}/members{/member}`,
      public_members_url: `${api}/public_members{/member}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${o.id}?v=4`,
      description: null
    }
  }

  /** Activity older than this (epoch ms) is shown as null: GitHub keeps it for a rolling 90 days. */
  _retentionCutoff() {
    return this.now().getTime() - this._retentionMs
  }

  /** @param {any} o @param {any} rec @param {boolean} withOrg @param {number} [cutoff] */
  _seatJson(o, rec, withOrg, cutoff = this._retentionCutoff()) {
    const activity = retained(rec.last_activity_at, cutoff)
    const teamKey = rec.teams?.[0] ?? (rec.pending_cancellation_date ? rec.shownTeam : null)
    const team = teamKey ? o.teams.get(teamKey) : undefined
    /** @type {Record<string, unknown>} */
    const out = {
      created_at: rec.created_at,
      updated_at: rec.updated_at,
      pending_cancellation_date: rec.pending_cancellation_date,
      last_activity_at: activity,
      // the editor belongs to that activity: dropped with it
      last_activity_editor: activity === rec.last_activity_at ? rec.last_activity_editor : null,
      last_authenticated_at: retained(rec.last_authenticated_at, cutoff),
      plan_type: rec.plan_type ?? o.plan_type,
      assignee: rec.user ? simpleUserJson(rec.user) : null,
      assigning_team: team ? this._teamJson(o, team) : null
    }
    if (withOrg) out.organization = this._orgJson(o)
    return out
  }

  /**
   * The `enterprise-team` schema (api.md §1.3): no node_id, permission or parent; `group_id` and
   * `organization_selection_type` tell it from an org team.
   * @param {any} e @param {any} t
   */
  _entTeamJson(e, t) {
    const url = `${API_HOST}/enterprises/${e.slug}/teams/${t.slug}`
    return {
      id: t.id,
      name: t.name,
      description: t.description,
      slug: t.slug,
      url,
      organization_selection_type: t.organization_selection_type,
      group_id: t.group_id,
      html_url: `${WEB_HOST}/enterprises/${e.slug}/teams/${t.slug.replace(/^ent:/i, '')}`,
      members_url: `${url}/memberships{/member}`,
      created_at: t.created_at,
      updated_at: t.updated_at
    }
  }

  /**
   * An enterprise-granted row: the seat fields through _seatJson (so seat-level rules apply alike),
   * `assigning_team` the enterprise team or null (enterprise-direct), `organization` null.
   * @param {any} e @param {any} rec
   */
  _entRowJson(e, rec) {
    const out = /** @type {Record<string, unknown>} */ (this._seatJson(e.stub, rec, false))
    out.assigning_team = rec.team ? this._entTeamJson(e, rec.team) : null
    out.organization = null
    return out
  }

  // ---------------------------------------------------------------- expiry / mutations

  _today() {
    return this.now().toISOString().slice(0, 10)
  }

  _expire() {
    const today = this._today()
    for (const o of this._orgs.values()) {
      if (o.pending.size === 0) continue
      for (const rec of [...o.pending]) {
        if (rec.pending_cancellation_date && rec.pending_cancellation_date <= today) {
          o.pending.delete(rec)
          if (rec.teams && rec.teams.length > 0) {
            // still granted through a team: the seat survives
            rec.pending_cancellation_date = null
            rec.direct = false
            rec.shownTeam = null
            rec.updated_at = isoSeconds(this.now())
          } else {
            o.seats.delete(rec.key)
          }
          this._version++
        }
      }
    }
    for (const e of this._enterprises.values()) {
      if (e.pending.size === 0) continue
      for (const rec of [...e.pending]) {
        if (!rec.pending_cancellation_date || rec.pending_cancellation_date > today) continue
        const t = rec.team
        if (t && t.granting && t.members.has(rec.key)) {
          // the team grants again: the row survives
          e.pending.delete(rec)
          rec.pending_cancellation_date = null
          this._version++
        } else this._dropEntRow(e, rec)
      }
    }
  }

  /** @param {any} o @param {any} rec */
  _setPending(o, rec) {
    rec.pending_cancellation_date = nextBillingCycleStart(this.now())
    rec.updated_at = isoSeconds(this.now())
    o.pending.add(rec)
  }

  /** @param {any} o @param {any} rec */
  _restore(o, rec) {
    rec.pending_cancellation_date = null
    rec.shownTeam = null
    o.pending.delete(rec)
  }

  /** @param {any} o @param {string} method */
  _policy(o, method, deleteUsers = false) {
    const msg = deleteUsers ? POLICY_MESSAGE_USERS_DELETE : POLICY_MESSAGE_USERS_POST
    if (
      !o.billingConfigured ||
      o.seat_management_setting !== 'assign_selected' ||
      o.public_code_suggestions === 'unconfigured'
    ) {
      throw new HttpError(422, msg, DOC_COPILOT)
    }
    void method
  }

  /** @param {any} o @param {unknown} body */
  _assignUsers(o, body) {
    const names = dedupe(stringArray(body, 'selected_usernames'))
    this._policy(o, 'POST')
    const bad = []
    for (const [k, login] of names) {
      const m = o.members.get(k)
      if (!m || m.pendingInvitation) bad.push(login)
    }
    if (bad.length) {
      throw new HttpError(
        422,
        `The following users are not members of the organization ${o.login} and cannot be granted a Copilot seat: ${bad.join(', ')}`,
        DOC_COPILOT
      )
    }
    const now = isoSeconds(this.now())
    let count = 0
    for (const k of names.keys()) {
      const rec = o.seats.get(k)
      if (!rec) {
        this.addSeat(o.login, { login: o.members.get(k).user.login, created_at: now, direct: true })
      } else {
        if (rec.pending_cancellation_date) this._restore(o, rec)
        rec.direct = true
        rec.created_at = now
        rec.updated_at = now
      }
      count++
    }
    this._version++
    return { seats_created: count }
  }

  /** @param {any} o @param {unknown} body */
  _cancelUsers(o, body) {
    const names = dedupe(stringArray(body, 'selected_usernames'))
    this._policy(o, 'DELETE', true)
    for (const [k, login] of names) {
      const rec = o.seats.get(k)
      if (
        rec &&
        !rec.pending_cancellation_date &&
        !rec.direct &&
        rec.teams &&
        rec.teams.length > 0
      ) {
        throw new HttpError(422, `${VIA_TEAM_MESSAGE}: ${login}`, DOC_COPILOT)
      }
    }
    let count = 0
    for (const k of names.keys()) {
      const rec = o.seats.get(k)
      if (!rec || rec.pending_cancellation_date) continue
      rec.direct = false
      this._setPending(o, rec)
      count++
    }
    this._version++
    return { seats_cancelled: count }
  }

  /** @param {any} o @param {unknown} body */
  _resolveTeams(o, body) {
    const names = stringArray(body, 'selected_teams')
    this._policy(o, 'teams')
    /** @type {any[]} */
    const teams = []
    const missing = []
    for (const n of names) {
      const k = n.toLowerCase()
      let t = o.teams.get(k)
      if (!t) for (const c of o.teams.values()) if (c.name.toLowerCase() === k) t = c
      if (!t) missing.push(n)
      else if (!teams.includes(t)) teams.push(t)
    }
    if (missing.length) {
      throw new HttpError(
        422,
        `The following teams could not be found in ${o.login}: ${missing.join(', ')}`,
        DOC_COPILOT
      )
    }
    return teams
  }

  /** @param {any} o @param {unknown} body */
  _assignTeams(o, body) {
    const teams = this._resolveTeams(o, body)
    const now = isoSeconds(this.now())
    /** @type {Set<string>} */
    const counted = new Set()
    for (const t of teams) {
      const tk = t.slug.toLowerCase()
      for (const k of t.members) {
        const m = o.members.get(k)
        if (!m || m.pendingInvitation) continue
        let rec = o.seats.get(k)
        if (!rec) {
          this.addSeat(o.login, {
            login: m.user.login,
            created_at: now,
            team: t.slug,
            direct: false
          })
          counted.add(k)
          continue
        }
        if (!rec.teams) rec.teams = []
        if (!rec.teams.includes(tk)) rec.teams.push(tk)
        if (rec.pending_cancellation_date) {
          this._restore(o, rec)
          rec.created_at = now
          rec.updated_at = now
          counted.add(k)
        }
      }
    }
    this._version++
    return { seats_created: counted.size }
  }

  /** @param {any} o @param {unknown} body */
  _cancelTeams(o, body) {
    const teams = this._resolveTeams(o, body)
    let count = 0
    for (const t of teams) {
      const tk = t.slug.toLowerCase()
      for (const k of t.members) {
        const rec = o.seats.get(k)
        if (!rec || !rec.teams || !rec.teams.includes(tk)) continue
        rec.teams = rec.teams.filter((/** @type {string} */ x) => x !== tk)
        if (rec.teams.length === 0) rec.teams = null
        if (!rec.pending_cancellation_date && !rec.teams && !rec.direct) {
          rec.shownTeam = tk
          this._setPending(o, rec)
          count++
        }
      }
    }
    this._version++
    return { seats_cancelled: count }
  }

  /** @param {any} o */
  _billing(o) {
    if (!o.billingConfigured) throw new HttpError(422, BILLING_MESSAGE, DOC_COPILOT)
    const start = cycleStart(this.now())
    let total = 0
    let pending = 0
    let added = 0
    let active = 0
    for (const rec of o.seats.list()) {
      total++
      if (rec.pending_cancellation_date) pending++
      if (ms(rec.created_at) >= start) added++
      if (ms(rec.last_activity_at) >= start) active++
    }
    let invited = 0
    for (const m of o.members.list()) if (m.pendingInvitation) invited++
    return {
      seat_breakdown: {
        total,
        added_this_cycle: added,
        pending_invitation: invited,
        pending_cancellation: pending,
        active_this_cycle: active,
        inactive_this_cycle: total - active
      },
      seat_management_setting: o.seat_management_setting,
      ide_chat: o.ide_chat,
      platform_chat: o.platform_chat,
      cli: o.cli,
      public_code_suggestions: o.public_code_suggestions,
      plan_type: o.plan_type
    }
  }

  // ---------------------------------------------------------------- HTTP

  /**
   * @param {URL} url
   * @param {Record<string,string>} query
   * @param {number} defPer
   * @param {number} total
   */
  _page(url, query, defPer, total) {
    const { page, per } = pageParams(query, defPer)
    const last = Math.max(1, Math.ceil(total / per))
    /** @type {Record<string,string>} */
    const headers = {}
    if (last > 1) {
      /** @param {number} n */
      const link = (n) => {
        const sp = new URLSearchParams(url.search)
        sp.delete('page')
        sp.append('page', String(n))
        return `${url.origin}${url.pathname}?${sp.toString()}`
      }
      const parts = []
      if (page > 1) parts.push(`<${link(Math.min(page - 1, last))}>; rel="prev"`)
      if (page < last) parts.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`)
      if (page > 1) parts.push(`<${link(1)}>; rel="first"`)
      if (parts.length) headers.link = parts.join(', ')
    }
    return { start: (page - 1) * per, end: page * per, headers }
  }

  _rateHeaders() {
    const now = Date.now()
    if (now >= this._rl.windowStart + 3_600_000) this._rl = { windowStart: now, used: 0 }
    return {
      'x-ratelimit-limit': String(this._primaryLimit),
      'x-ratelimit-remaining': String(Math.max(0, this._primaryLimit - this._rl.used)),
      'x-ratelimit-used': String(this._rl.used),
      'x-ratelimit-reset': String(Math.floor((this._rl.windowStart + 3_600_000) / 1000)),
      'x-ratelimit-resource': 'core'
    }
  }

  _requestId() {
    const n = ++this._reqSeq
    const h = (/** @type {number} */ x, /** @type {number} */ w) =>
      x.toString(16).toUpperCase().padStart(w, '0')
    return `${h(0xc0de, 4)}:${h(n % 0xffff, 4)}:${h((n * 2654435761) % 0xffffff, 6)}:${h(n, 7)}:${h(Math.floor(Date.now() / 1000), 8)}`
  }

  /** @param {number} status @param {unknown} body @param {Record<string,string>} [extra] */
  _json(status, body, extra = {}) {
    /** @type {Record<string,string>} */
    const headers = {
      'x-github-request-id': this._requestId(),
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      ...this._rateHeaders()
    }
    if (status !== 204) headers['content-type'] = JSON_TYPE
    Object.assign(headers, extra)
    return { status, headers, body: status === 204 ? '' : JSON.stringify(body) }
  }

  /** A JSON response with GitHub's headers (request id, rate limit); for extensions. */
  /** @param {number} status @param {unknown} body @param {Record<string,string>} [extra] */
  json(status, body, extra = {}) {
    return this._json(status, body, extra)
  }

  /**
   * GitHub's page window and Link header for a listing of `total` rows (per_page default `defPer`,
   * at most 100); for extensions.
   * @param {URL} url @param {Record<string,string>} query @param {number} defPer @param {number} total
   */
  page(url, query, defPer, total) {
    return this._page(url, query, defPer, total)
  }

  /** @param {HttpError} e */
  _error(e) {
    return this._json(
      e.status,
      { message: e.message, documentation_url: e.doc, status: String(e.status) },
      e.headers
    )
  }

  /**
   * @param {{ method: string, url: string, headers: Record<string,string>, body?: string }} req
   * @param {AbortSignal} [signal]
   * @returns {Promise<import('./index.js').HandleResult>}
   */
  async handle(req, signal) {
    /** @type {Record<string,string>} */
    const headers = {}
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = String(v)
    const method = req.method.toUpperCase()
    const url = new URL(req.url, headers.host ? `http://${headers.host}` : 'http://localhost')
    let path = url.pathname
    if (this._prefix && (path === this._prefix || path.startsWith(this._prefix + '/'))) {
      path = path.slice(this._prefix.length) || '/'
    } else if (this._prefix && !path.startsWith('/_fake/')) {
      path = '\u0000unprefixed' + path
    }
    /** @type {Record<string,string>} */
    const query = {}
    for (const [k, v] of url.searchParams) query[k] = v
    /** @type {unknown} */
    let body
    let badJson = false
    if (req.body !== undefined && req.body !== '') {
      try {
        body = JSON.parse(req.body)
      } catch {
        body = req.body
        badJson = true
      }
    }

    // control endpoints: not counted, no auth
    if (path === '/_fake/stats' && method === 'GET') {
      return {
        status: 200,
        headers: { 'content-type': JSON_TYPE },
        body: JSON.stringify(this.stats)
      }
    }
    if (path === '/_fake/reset-stats' && method === 'POST') {
      this.resetStats()
      return {
        status: 200,
        headers: { 'content-type': JSON_TYPE },
        body: JSON.stringify(this.stats)
      }
    }

    const startedAt = Date.now()
    const t0 = performance.now()
    this._inFlight++
    if (this._inFlight > this.stats.maxInFlight) this.stats.maxInFlight = this._inFlight
    const isWrite = WRITE_METHODS.has(method)
    const cleanPath = path.startsWith('\u0000unprefixed')
      ? path.slice('\u0000unprefixed'.length)
      : path
    /** @type {import('./index.js').FakeRequest} */
    const fakeReq = { method, path: cleanPath, query, body }
    /** @type {import('./index.js').HandleResult} */
    let result = { kind: 'reset' }
    let secondary = false
    // stats.points / stats.writes count every request received (faulted and refused ones too)
    if (isWrite) this.stats.writes++
    this.stats.points += isWrite ? 5 : 1
    try {
      for (const hook of this._hooks) hook(fakeReq, this)

      for (const ext of this._extensions) {
        const early = ext.preAuth
          ? await ext.preAuth({ ...fakeReq, url, headers }, this)
          : undefined
        if (early) {
          result = early
          return result
        }
      }

      const fault = this._matchFault(method, cleanPath)
      if (fault) {
        result = await this._applyFault(fault, signal)
        return result
      }

      const res = this._authAndLimits(method, path, headers, isWrite, t0)
      if (res && res.secondary) secondary = true

      const delay = typeof this._latency === 'function' ? this._latency(fakeReq) : this._latency
      if (delay > 0) {
        const ok = await abortableSleep(delay, signal)
        if (!ok) {
          result = { kind: 'reset' }
          return result
        }
      }
      if (signal?.aborted) {
        result = { kind: 'reset' }
        return result
      }
      if (res) {
        result = res.response
        return result
      }
      this._rl.used++
      try {
        if (badJson) throw new HttpError(400, 'Problems parsing JSON', DOC_REST)
        this._expire()
        result = undefined
        for (const ext of this._extensions) {
          if (!ext.route || path.startsWith('\u0000')) continue
          result = await ext.route({ ...fakeReq, url, headers }, this)
          if (result) break
        }
        if (!result) result = this._route(method, path, url, query, body)
      } catch (e) {
        if (e instanceof HttpError) result = this._error(e)
        else throw e
      }
      return result
    } finally {
      this._inFlight--
      const durationMs = performance.now() - t0
      this._time.push(performance.now(), durationMs)
      const status = 'status' in result ? result.status : 0
      this.stats.requests++
      const sk = String(status)
      this.stats.byStatus[sk] = (this.stats.byStatus[sk] ?? 0) + 1
      if (secondary) this.stats.secondaryLimited++
      this.requests.push({ method, path: cleanPath, query, body, status, startedAt, durationMs })
    }
  }

  /**
   * Auth first, then secondary limits. Returns a ready error response, or null to proceed.
   * @param {string} method @param {string} path @param {Record<string,string>} headers @param {boolean} isWrite @param {number} t0
   * @returns {{ response: { status: number, headers: Record<string,string>, body: string }, secondary: boolean } | null}
   */
  _authAndLimits(method, path, headers, isWrite, t0) {
    const pts = isWrite ? 5 : 1
    const token = tokenOf(headers)
    if (!token) {
      return {
        response: this._error(new HttpError(401, 'Requires authentication', DOC_REST)),
        secondary: false
      }
    }
    if (this._auth.valid && !this._knownToken(token)) {
      return {
        response: this._error(new HttpError(401, 'Bad credentials', DOC_REST)),
        secondary: false
      }
    }
    const privileged = /\/copilot(\/|$)/.test(path) || path.startsWith('/enterprises/')
    if (privileged && this._auth.forbidden?.includes(token)) {
      return {
        response: this._error(
          new HttpError(
            403,
            'Must be an organization owner or have the manage_billing:copilot scope.',
            DOC_COPILOT
          )
        ),
        secondary: false
      }
    }
    if (isWrite && this._auth.readOnly?.includes(token)) {
      return {
        response: this._error(new HttpError(403, READ_ONLY_MESSAGE, DOC_REST)),
        secondary: false
      }
    }
    const entError = this._enterpriseTokenError(method, path, token)
    if (entError) return { response: this._error(entError), secondary: false }

    // Secondary limits (real time). Decision: every request that passes auth is charged its points
    // (GET 1, write 5) in the sliding window and its response time is added to the request-time
    // window, whether or not it is refused: GitHub counts what it receives, so hammering while limited
    // keeps you limited. Only accepted writes move the write-spacing anchor, so a client that waits
    // writeSpacingMs after its last successful write is never refused for spacing.
    const L = this._limits
    this._points.prune(t0)
    this._time.prune(t0)
    /** @type {string | null} */
    let reason = null
    if (L.enforce) {
      if (this._inFlight > L.maxConcurrent) reason = 'concurrency'
      else if (this._points.sum + pts > L.pointsPerMinute) reason = 'points'
      else if (this._time.sum >= L.requestSecondsPerMinute * 1000) reason = 'request-time'
      else if (
        isWrite &&
        this._lastWriteStart !== null &&
        t0 - this._lastWriteStart < L.writeSpacingMs
      )
        reason = 'write-spacing'
    }
    this._points.push(t0, pts)
    if (isWrite && reason === null) this._lastWriteStart = t0
    if (reason === null) return null
    /** @type {Record<string,string>} */
    const extra = { 'x-fake-secondary-reason': reason }
    if (L.retryAfterSeconds !== null) extra['retry-after'] = String(L.retryAfterSeconds)
    const requestId = this._requestId()
    const response = this._json(
      403,
      {
        message: `${SECONDARY_MESSAGE}${requestId}.`,
        documentation_url: DOC_SECONDARY,
        status: '403'
      },
      extra
    )
    response.headers['x-github-request-id'] = requestId
    return { response, secondary: true }
  }

  /** A token named in any auth list is known (`valid` only narrows the set when it is given). @param {string} token */
  _knownToken(token) {
    const a = this._auth
    return (
      [
        a.valid,
        a.forbidden,
        a.readOnly,
        a.appTokens,
        a.enterpriseOwners,
        a.enterpriseBillingManagers
      ].some((list) => list?.includes(token)) ||
      (a.users !== undefined && Object.hasOwn(a.users, token))
    )
  }

  /**
   * Token kinds on the enterprise Copilot endpoints (and enterprise team reads). Other
   * `/enterprises/` paths (usage reports, ...) are not judged here.
   * - `appTokens` (GitHub App installation / user tokens and fine-grained PATs): every read 403s
   *   ("not compatible with GitHub App tokens" in GitHub's docs); the two Copilot writes are allowed
   *   (since 2026-11-10 with "Enterprise Copilot license management") unless `appEnterpriseWrites`
   *   is false.
   * - `enterpriseOwners` set: any other classic token is not an owner. Billing managers
   *   (`enterpriseBillingManagers`) may read the seat listing and per-user seats; enterprise team
   *   reads are open to any enterprise member (GitHub's docs); everything else 403s.
   * @param {string} method @param {string} path @param {string} token
   * @returns {HttpError | null}
   */
  _enterpriseTokenError(method, path, token) {
    const m = /^\/enterprises\/[^/]+\/(.*?)\/?$/.exec(path)
    if (!m) return null
    const rest = /** @type {string} */ (m[1])
    const isWrite = WRITE_METHODS.has(method)
    const copilotWrite = /^copilot\/billing\/selected_(?:users|enterprise_teams)$/.test(rest)
    const copilotRead =
      /^copilot\/billing\/seats$/.test(rest) || /^members\/[^/]+\/copilot$/.test(rest)
    const teamRead = /^teams\/[^/]+(?:\/memberships)?$/.test(rest)
    if (!copilotWrite && !copilotRead && !teamRead) return null
    const a = this._auth
    if (a.appTokens?.includes(token)) {
      if (copilotWrite && isWrite && a.appEnterpriseWrites !== false) return null
      return new HttpError(403, APP_TOKEN_MESSAGE, DOC_ENT_COPILOT)
    }
    if (!a.enterpriseOwners || a.enterpriseOwners.includes(token)) return null
    if (teamRead && !isWrite) return null
    if (copilotRead && !isWrite && a.enterpriseBillingManagers?.includes(token)) return null
    return new HttpError(
      403,
      isWrite ? ENTERPRISE_WRITE_FORBIDDEN_MESSAGE : ENTERPRISE_READ_FORBIDDEN_MESSAGE,
      DOC_ENT_COPILOT
    )
  }

  /** @param {string} method @param {string} path */
  _matchFault(method, path) {
    for (const f of this._faults) {
      if (f.left <= 0) continue
      if (f.method && f.method.toUpperCase() !== method) continue
      if (f.path !== undefined) {
        if (f.path instanceof RegExp) {
          f.path.lastIndex = 0
          if (!f.path.test(path)) continue
        } else if (f.path !== path && f.path !== this._prefix + path) continue
      }
      f.left--
      return f
    }
    return null
  }

  /** @param {any} f @param {AbortSignal} [signal] @returns {Promise<import('./index.js').HandleResult>} */
  async _applyFault(f, signal) {
    const kind = f.kind ?? 'status'
    /** @type {Record<string,string>} */
    const extra = { ...(f.headers ?? {}) }
    switch (kind) {
      case 'hang':
        await new Promise((resolve) => {
          if (!signal) return // never answers
          if (signal.aborted) return resolve(undefined)
          signal.addEventListener('abort', () => resolve(undefined), { once: true })
        })
        return { kind: 'reset' }
      case 'reset':
        return { kind: 'reset' }
      case 'html': {
        const status = f.status ?? 502
        const html =
          typeof f.body === 'string'
            ? f.body
            : `<!DOCTYPE html>\n<html>\n  <head>\n    <meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n    <title>Unicorn! &middot; GitHub</title>\n  </head>\n  <body>\n    <div class="container">\n      <h1>${status === 502 ? 'Server Error' : 'Error'}</h1>\n      <p>No server is currently available to service your request.</p>\n      <p>Sorry about that. Please try refreshing and contact us if the problem persists.</p>\n    </div>\n  </body>\n</html>\n`
        return {
          status,
          headers: { 'content-type': 'text/html; charset=utf-8', ...extra },
          body: html
        }
      }
      case 'malformed-json':
        return {
          status: f.status ?? 200,
          headers: {
            'content-type': JSON_TYPE,
            'x-github-request-id': this._requestId(),
            ...this._rateHeaders(),
            ...extra
          },
          body:
            typeof f.body === 'string'
              ? f.body
              : '{"total_seats":3,"seats":[{"created_at":"2026-08-03T18:00:00-06:00","assignee":{"login":"oct'
        }
      case 'secondary': {
        const requestId = this._requestId()
        const r = this._json(
          f.status ?? 403,
          f.body ?? {
            message: `${SECONDARY_MESSAGE}${requestId}.`,
            documentation_url: DOC_SECONDARY,
            status: String(f.status ?? 403)
          },
          extra
        )
        this.stats.secondaryLimited++
        return r
      }
      case 'primary': {
        const reset = Math.floor(Date.now() / 1000) + (f.resetInSeconds ?? 60)
        return this._json(
          f.status ?? 403,
          f.body ?? {
            message: PRIMARY_MESSAGE,
            documentation_url: DOC_PRIMARY,
            status: String(f.status ?? 403)
          },
          {
            'x-ratelimit-remaining': '0',
            'x-ratelimit-used': String(this._primaryLimit),
            'x-ratelimit-reset': String(reset),
            ...extra
          }
        )
      }
      default: {
        const status = f.status ?? 500
        const r = this._json(
          status,
          f.body !== undefined
            ? f.body
            : {
                message: status >= 500 ? 'Server Error' : 'Fault injected',
                documentation_url: DOC_REST,
                status: String(status)
              },
          extra
        )
        if (typeof f.body === 'string') r.body = f.body
        return r
      }
    }
  }

  /**
   * @param {string} method @param {string} path @param {URL} url @param {Record<string,string>} query @param {unknown} body
   */
  _route(method, path, url, query, body) {
    const notFound = () => new HttpError(404, 'Not Found', DOC_REST)
    if (path.startsWith('\u0000')) throw notFound()
    const seg = pathSegments(path)
    if (!seg) throw notFound()
    if (this._ghes && seg.includes('copilot')) throw notFound()
    const [root, name, a, b, c] = seg
    const n = seg.length

    if (root === 'enterprises' && n === 5 && a === 'copilot' && b === 'billing' && c === 'seats') {
      if (method !== 'GET') throw notFound()
      const ent = this._enterprises.get(String(name).toLowerCase())
      if (!ent) throw new HttpError(404, 'Not Found', DOC_COPILOT)
      this._beforeListingPage('enterprise', ent.slug, query)
      return this._enterpriseSeats(ent, url, query)
    }
    if (root !== 'orgs' || n < 2) throw notFound()
    const o = this._orgs.get(String(name).toLowerCase())

    // GET /orgs/{org}/copilot/billing[...]
    if (a === 'copilot' && b === 'billing') {
      if (n === 4 && method === 'GET') {
        if (!o) throw new HttpError(404, 'Not Found', DOC_COPILOT)
        return this._json(200, this._billing(o))
      }
      if (n === 5 && c === 'seats' && method === 'GET') {
        if (!o) throw new HttpError(404, 'Not Found', DOC_COPILOT)
        this._beforeListingPage('org', o.login, query)
        const all = o.seats.list()
        const p = this._page(url, query, 50, all.length)
        const cutoff = this._retentionCutoff()
        const seats = all
          .slice(p.start, p.end)
          .map((/** @type {any} */ r) => this._seatJson(o, r, false, cutoff))
        return this._json(200, { total_seats: all.length, seats }, p.headers)
      }
      if (
        n === 5 &&
        (c === 'selected_users' || c === 'selected_teams') &&
        (method === 'POST' || method === 'DELETE')
      ) {
        if (!o) throw new HttpError(404, 'Not Found', DOC_COPILOT)
        if (c === 'selected_users') {
          return method === 'POST'
            ? this._json(201, this._assignUsers(o, body))
            : this._json(200, this._cancelUsers(o, body))
        }
        return method === 'POST'
          ? this._json(201, this._assignTeams(o, body))
          : this._json(200, this._cancelTeams(o, body))
      }
      throw notFound()
    }

    if (a === 'members') {
      if (n === 3 && method === 'GET') {
        if (!o) throw notFound()
        const all = o.members.list().filter((/** @type {any} */ m) => !m.pendingInvitation)
        const p = this._page(url, query, 30, all.length)
        return this._json(
          200,
          all.slice(p.start, p.end).map((/** @type {any} */ m) => simpleUserJson(m.user)),
          p.headers
        )
      }
      if (n === 4 && method === 'GET') {
        if (!o) throw notFound()
        const m = o.members.get(String(b).toLowerCase())
        if (!m || m.pendingInvitation)
          throw new HttpError(
            404,
            'User does not exist or is not a member of the organization',
            DOC_MEMBERS
          )
        return this._json(204, null)
      }
      if (n === 5 && c === 'copilot' && method === 'GET') {
        if (!o) throw new HttpError(404, 'Not Found', DOC_COPILOT)
        if (o.seat_management_setting === 'disabled')
          throw new HttpError(422, SEAT_422_MESSAGE, DOC_COPILOT)
        const k = String(b).toLowerCase()
        const m = o.members.get(k)
        if (m && m.pendingInvitation) throw new HttpError(422, SEAT_422_MESSAGE, DOC_COPILOT)
        const rec = o.seats.get(k)
        if (!rec) throw new HttpError(404, 'Not Found', DOC_COPILOT)
        return this._json(200, this._seatJson(o, rec, true))
      }
      throw notFound()
    }

    if (a === 'teams' && (n === 4 || (n === 5 && c === 'members')) && method === 'GET') {
      if (!o) throw notFound()
      const t = o.teams.get(String(b).toLowerCase())
      if (!t) throw new HttpError(404, 'Not Found', DOC_TEAMS)
      if (n === 4) {
        return this._json(200, {
          ...this._teamJson(o, t),
          members_count: t.members.size,
          repos_count: 0,
          created_at: '2020-01-01T00:00:00Z',
          updated_at: '2020-01-01T00:00:00Z',
          organization: this._orgJson(o)
        })
      }
      const all = [...t.members]
        .map((k) => o.members.get(k))
        .filter((m) => m && !m.pendingInvitation)
      const p = this._page(url, query, 30, all.length)
      return this._json(
        200,
        all.slice(p.start, p.end).map((/** @type {any} */ m) => simpleUserJson(m.user)),
        p.headers
      )
    }
    throw notFound()
  }

  /**
   * One row per granting org, enterprise team or enterprise-direct grant; `total_seats` counts
   * users once (assignee-less rows each count).
   * @param {any} ent @param {URL} url @param {Record<string,string>} query
   */
  _enterpriseSeats(ent, url, query) {
    const segs = this._entSegments(ent)
    let rows = 0
    for (const sg of segs) rows += sg.list.length
    // distinct users, cached per state version
    let cached = this._entCache.get(ent.slug)
    if (!cached || cached.version !== this._version) {
      /** @type {Set<string>} */
      const seen = new Set()
      let nulls = 0
      for (const sg of segs) {
        for (const r of sg.list) {
          if (r.user) seen.add(r.key)
          else nulls++
        }
      }
      cached = { version: this._version, total: seen.size + nulls }
      this._entCache.set(ent.slug, cached)
    }
    const p = this._page(url, query, 50, rows)
    /** @type {unknown[]} */
    const seats = []
    let offset = 0
    for (const sg of segs) {
      const from = Math.max(p.start - offset, 0)
      const to = Math.min(p.end - offset, sg.list.length)
      for (let i = from; i < to; i++) seats.push(sg.json(sg.list[i]))
      offset += sg.list.length
      if (offset >= p.end) break
    }
    return this._json(200, { total_seats: cached.total, seats }, p.headers)
  }
}

/**
 * `page` (default 1) and `per_page` (default `defPer`, at most 100) of a listing request.
 * @param {Record<string,string>} query @param {number} defPer
 */
function pageParams(query, defPer) {
  let per = parseInt(query.per_page ?? '', 10)
  if (!Number.isFinite(per) || per < 1) per = defPer
  if (per > 100) per = 100
  let page = parseInt(query.page ?? '', 10)
  if (!Number.isFinite(page) || page < 1) page = 1
  return { page, per }
}

/** @param {number} delay @param {AbortSignal} [signal] @returns {Promise<boolean>} resolves false when aborted */
function abortableSleep(delay, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve(true)
    }, delay)
    const onAbort = () => {
      clearTimeout(timer)
      resolve(false)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
