// Enterprise-scope Copilot writes, per-user seats and enterprise teams (GHEC, public preview):
// api.md §1.1 rows 9-13, §1.2 "(8)-(13) Enterprise", §7 "Enterprise writes". Registered with
// `gh.use(enterpriseApi())`; the state (enterprise-direct rows, enterprise teams), the listing
// (GET /enterprises/{enterprise}/copilot/billing/seats) and the token kinds live in github.js.
import {
  HttpError,
  dedupe,
  isoSeconds,
  pathSegments,
  simpleUserJson,
  stringArray
} from './github.js'

const DOC = 'https://docs.github.com/enterprise-cloud@latest/rest/copilot/copilot-user-management'
const DOC_TEAMS = 'https://docs.github.com/enterprise-cloud@latest/rest/enterprise-teams'

// Spec prose (422 descriptions in GitHub's GHEC OpenAPI description), used as messages.
export const ENTERPRISE_POLICY_MESSAGE_USERS =
  'Copilot is not enabled for this enterprise, billing has not been set up for this enterprise, a public ' +
  "code suggestions policy has not been set for this enterprise, or the enterprise's Copilot access " +
  'setting is set to enable Copilot for all users or is unconfigured.'
export const ENTERPRISE_POLICY_MESSAGE_TEAMS =
  'Copilot Business is not enabled for this enterprise, billing has not been set up for this enterprise ' +
  'or a public code suggestions policy has not been set for this enterprise.'
export const ENTERPRISE_SEAT_422_MESSAGE =
  'Copilot Business or Enterprise is not enabled for this enterprise.'
/** Body of a 202 answer to DELETE .../selected_enterprise_teams (GHEC description). */
export const TEAM_DELETE_ACCEPTED_MESSAGE = 'Status for delete command'

const notFound = () => new HttpError(404, 'Not Found', DOC)

/**
 * The enterprise endpoint family for FakeGitHub.use.
 * @returns {import('./index.js').FakeExtension}
 */
export function enterpriseApi() {
  return {
    name: 'enterprise',
    route(req, gh) {
      return route(req, /** @type {any} */ (gh))
    }
  }
}

/** @param {import('./index.js').ExtensionRequest} req @param {any} gh */
function route(req, gh) {
  tickDeferred(gh)
  const { method, path } = req
  if (!path.startsWith('/enterprises/')) return undefined
  const seg = pathSegments(path)
  if (!seg) return undefined
  if (gh._ghes && seg.includes('copilot')) return undefined // the core answers 404
  const [, name, a, b, c] = seg
  const n = seg.length

  if (
    n === 5 &&
    a === 'copilot' &&
    b === 'billing' &&
    (c === 'selected_users' || c === 'selected_enterprise_teams')
  ) {
    if (method !== 'POST' && method !== 'DELETE') throw notFound()
    const e = enterprise(gh, name)
    return c === 'selected_users' ? users(gh, e, method, req.body) : teams(gh, e, method, req.body)
  }

  if (n === 5 && a === 'members' && c === 'copilot' && method === 'GET') {
    const e = enterprise(gh, name)
    if (e.seat_management_setting === 'disabled')
      throw new HttpError(422, ENTERPRISE_SEAT_422_MESSAGE, DOC)
    const rows = gh._entUserRows(e, String(b).toLowerCase())
    if (rows.length === 0) throw notFound()
    // Decision: total_seats counts the user once, as the listing counts users.
    return gh.json(200, { total_seats: 1, seats: rows })
  }

  if (a === 'teams' && (n === 4 || (n === 5 && c === 'memberships')) && method === 'GET') {
    const e = enterprise(gh, name)
    const t = gh._entTeamByRef(e, String(b), { ids: true, bare: e.bareTeamSlugs })
    if (!t) throw new HttpError(404, 'Not Found', DOC_TEAMS)
    if (n === 4) return gh.json(200, gh._entTeamJson(e, t))
    const all = [...t.members].map((k) => gh._users.get(k)).filter(Boolean)
    const p = gh._page(req.url, req.query, 30, all.length)
    return gh.json(
      200,
      all.slice(p.start, p.end).map((/** @type {any} */ u) => simpleUserJson(u)),
      p.headers
    )
  }
  return undefined
}

/** @param {any} gh @param {string | undefined} name */
function enterprise(gh, name) {
  const e = gh._enterprises.get(String(name).toLowerCase())
  if (!e) throw notFound()
  return e
}

/** 202 team deletes take effect after `teamDeleteLag` further requests. @param {any} gh */
function tickDeferred(gh) {
  for (const e of gh._enterprises.values()) {
    if (e.deferred.length === 0) continue
    const due = e.deferred.filter((/** @type {any} */ d) => d.left-- <= 0)
    if (due.length === 0) continue
    e.deferred = e.deferred.filter((/** @type {any} */ d) => !due.includes(d))
    for (const d of due) d.apply()
  }
}

/** @param {any} e */
function policyUsers(e) {
  if (
    !e.billingConfigured ||
    e.seat_management_setting !== 'assign_selected' ||
    e.public_code_suggestions === 'unconfigured'
  )
    throw new HttpError(422, ENTERPRISE_POLICY_MESSAGE_USERS, DOC)
}

/** The team endpoints' 422 does not name the access setting; only "not enabled" applies. @param {any} e */
function policyTeams(e) {
  if (
    !e.billingConfigured ||
    e.seat_management_setting === 'disabled' ||
    e.public_code_suggestions === 'unconfigured'
  )
    throw new HttpError(422, ENTERPRISE_POLICY_MESSAGE_TEAMS, DOC)
}

/**
 * No membership pre-check exists at enterprise scope. A login the enterprise does not know (not a
 * member of a member org, of an enterprise team, nor added with addEnterpriseMember, and holding no
 * direct row) fails the whole request with `unknownUsers` (422 default, or 404) naming every such
 * login, before any change; `'ignore'` drops them silently (not counted).
 * @param {any} gh @param {any} e @param {Map<string, string>} names
 */
function knownOnly(gh, e, names) {
  const unknown = [...names].filter(([k]) => !gh._entKnows(e, k))
  if (unknown.length === 0) return names
  if (e.unknownUsers === 'ignore') {
    for (const [k] of unknown) names.delete(k)
    return names
  }
  throw new HttpError(
    e.unknownUsers,
    `The following users are not members of the enterprise ${e.slug}: ${unknown.map(([, l]) => l).join(', ')}`,
    DOC
  )
}

/** @param {any} gh @param {any} e @param {string} method @param {unknown} body */
function users(gh, e, method, body) {
  const requested = dedupe(stringArray(body, 'selected_usernames'))
  policyUsers(e)
  const names = knownOnly(gh, e, requested)
  const now = isoSeconds(gh.now())
  let count = 0
  if (method === 'POST') {
    // create, restore a pending one, or refresh an active one (created_at reset): all counted,
    // as at org scope. Org and team rows of the user are untouched.
    for (const [k, login] of names) {
      const rec = e.direct.get(k)
      if (!rec) {
        const user = gh._users.get(k) ?? gh._user(login)
        e.direct.add(k, gh._entRec(k, user, null, { created_at: now }))
      } else gh._regrantEntRow(e, rec, now)
      count++
    }
    gh._version++
    return gh.json(201, { seats_created: count })
  }
  // DELETE: only the enterprise-direct row changes (pending, or gone with unassign 'immediate');
  // a user with only org or team rows is not an error here (the 422 prose names no team case) and
  // is not counted, nor is a pending row or no row.
  for (const k of names.keys()) {
    const rec = e.direct.get(k)
    if (!rec || rec.pending_cancellation_date) continue
    gh._cancelEntRow(e, rec)
    count++
  }
  gh._version++
  return gh.json(200, { seats_cancelled: count })
}

/** @param {any} gh @param {any} e @param {string} method @param {unknown} body */
function teams(gh, e, method, body) {
  const names = stringArray(body, 'selected_enterprise_teams')
  policyTeams(e)
  /** @type {any[]} */
  const found = []
  const missing = []
  for (const ref of names) {
    const t = gh._entTeamByRef(e, ref, { names: true, bare: e.bareTeamSlugs })
    if (!t) missing.push(ref)
    else if (!found.includes(t)) found.push(t)
  }
  if (missing.length) {
    throw new HttpError(
      e.unknownTeams,
      `The following enterprise teams could not be found in ${e.slug}: ${missing.join(', ')}`,
      DOC
    )
  }
  if (method === 'POST') {
    const now = isoSeconds(gh.now())
    /** @type {Set<string>} users given a row or a restored one */
    const counted = new Set()
    for (const t of found) {
      t.granting = true
      for (const k of gh._grantTeamRows(e, t, now)) counted.add(k)
      for (const rec of t.rows.list()) {
        if (!rec.pending_cancellation_date) continue
        gh._regrantEntRow(e, rec, now)
        counted.add(rec.key)
      }
    }
    gh._version++
    return gh.json(201, { seats_created: counted.size })
  }
  const apply = () => {
    /** @type {Set<string>} */
    const counted = new Set()
    for (const t of found) {
      t.granting = false
      for (const rec of [...t.rows.list()]) {
        if (rec.pending_cancellation_date) continue
        gh._cancelEntRow(e, rec)
        counted.add(rec.key)
      }
    }
    gh._version++
    return counted.size
  }
  if (e.teamDelete === 202) {
    if (e.teamDeleteLag > 0) e.deferred.push({ left: e.teamDeleteLag, apply })
    else apply()
    return gh.json(202, { message: TEAM_DELETE_ACCEPTED_MESSAGE })
  }
  return gh.json(200, { seats_cancelled: apply() })
}
