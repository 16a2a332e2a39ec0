// Deterministic data generators for the fake (seeded PRNG; no Math.random).
import { nextBillingCycleStart } from './github.js'

const DAY = 86_400_000

/**
 * mulberry32: small, fast, seedable 32-bit PRNG returning floats in [0, 1).
 * @param {number} seed
 * @returns {() => number}
 */
export function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Editor strings by family, with weights (percent). */
const EDITOR_FAMILIES = /** @type {Array<[number, string[]]>} */ ([
  [
    40,
    [
      'vscode/1.95.3/copilot/1.245.0',
      'vscode/1.96.2/copilot/1.254.0',
      'vscode/1.94.0/copilot/1.229.0',
      'vscode/1.97.0-insider/copilot-chat/0.24.0'
    ]
  ],
  [
    20,
    [
      'JetBrains-IU/243.21565.193/copilot-intellij/1.5.29',
      'JetBrains-PY/243.22562.220/copilot-intellij/1.5.30',
      'JetBrains-GO/242.23339.24/copilot-intellij/1.5.21',
      'JetBrains-IC/243.21565.193/copilot-intellij/1.5.29'
    ]
  ],
  [10, ['VisualStudio/17.12.3/copilot-vs/1.0', 'VisualStudio/17.11.5/copilot-vs/1.0']],
  [3, ['vim/9.1/copilot.vim/1.41.0']],
  [3, ['Neovim/0.10.2/copilot.lua/1.0', 'Neovim/0.9.5/copilot.vim/1.40.0']],
  [5, ['Xcode/16.1/copilot-xcode/0.30', 'Xcode/16.0/copilot-xcode/0.29']],
  [3, ['Eclipse/4.33/copilot-eclipse/0.3']],
  [10, ['copilot-cli/1.0.0', 'copilot-cli/0.9.3']],
  // odd ones: unknown / unusual shapes the action must classify as "other" without crashing
  [
    6,
    [
      'unknown',
      'zed/0.160.0/copilot/1.0',
      'emacs/29.4/copilot.el/0.1',
      'Azure Data Studio/1.50.0/copilot/1.0',
      'copilot-language-server/1.280.0',
      'GitHubMobile/iOS/1.190'
    ]
  ]
])

/** 100-slot table for O(1) weighted picks. @type {string[][]} */
const EDITOR_TABLE = []
for (const [w, list] of EDITOR_FAMILIES) for (let i = 0; i < w; i++) EDITOR_TABLE.push(list)

/** @param {() => number} rnd @param {boolean} mix */
function pickEditor(rnd, mix) {
  const fam = mix
    ? /** @type {string[]} */ (EDITOR_TABLE[Math.floor(rnd() * EDITOR_TABLE.length)])
    : /** @type {string[]} */ (EDITOR_FAMILIES[0]?.[1])
  return /** @type {string} */ (fam[Math.floor(rnd() * fam.length)])
}

/** UTC offsets (minutes) used for some timestamps, as GitHub sometimes returns them. */
const OFFSETS = [-360, -300, -420, -480, 60, 120, 330, 540, 600]

/** @param {number} n @param {number} w */
function pad(n, w) {
  return String(n).padStart(w, '0')
}

/** '00'..'99' */
const P2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'))
/** day number since epoch -> 'YYYY-MM-DDT' (few distinct days, so cached) @type {Map<number, string>} */
const DAY_CACHE = new Map()

/** second of day -> 'HH:MM:SS' (filled lazily) @type {string[]} */
const TIME_CACHE = new Array(86_400)

/** Few cons-string nodes per timestamp keeps 100k-seat generation light on the GC. @param {number} t epoch ms (whole seconds) */
function utcParts(t) {
  const day = Math.floor(t / DAY)
  let date = DAY_CACHE.get(day)
  if (date === undefined) {
    date = new Date(day * DAY).toISOString().slice(0, 11)
    DAY_CACHE.set(day, date)
  }
  const sec = Math.floor((t - day * DAY) / 1000)
  let time = TIME_CACHE[sec]
  if (time === undefined) {
    time = new Date(sec * 1000).toISOString().slice(11, 19)
    TIME_CACHE[sec] = time
  }
  return date + time
}

/**
 * ISO 8601 without milliseconds; ~20% rendered with a non-UTC offset (same instant).
 * @param {number} t @param {() => number} rnd
 */
function stamp(t, rnd) {
  t = Math.floor(t / 1000) * 1000
  if (rnd() < 0.2) {
    const off = /** @type {number} */ (OFFSETS[Math.floor(rnd() * OFFSETS.length)])
    const a = Math.abs(off)
    return `${utcParts(t + off * 60_000)}${off < 0 ? '-' : '+'}${P2[Math.floor(a / 60)]}:${P2[a % 60]}`
  }
  return utcParts(t) + 'Z'
}

const SFX = 'abcdefghijklmnopqrstuvwxyz0123456789'
/** @param {() => number} rnd */
function suffix(rnd) {
  return (
    /** @type {string} */ (SFX[Math.floor(rnd() * 26)]) +
    /** @type {string} */ (SFX[Math.floor(rnd() * 36)])
  )
}

/**
 * Activity fields for one seat. GitHub keeps activity for a rolling 90 days, so every timestamp is
 * within 90 days of `now` or null:
 * - 'active': latest activity 0-29 days ago;
 * - 'idle': latest activity 31-89 days ago;
 * - 'never': granted within 90 days (half inside the 30-day grace period, half 31-89 days ago), no activity;
 * - 'quiet': granted 91-700 days ago, no activity in 90 days (both fields null).
 * In 'active' and 'idle', 10% have IDE telemetry off (authentication only, no activity or editor).
 * @param {() => number} rnd @param {number} now @param {Kind} kind @param {boolean} mix
 */
function activity(rnd, now, kind, mix) {
  /** @type {{ created_at: string, last_activity_at: string | null, last_authenticated_at: string | null, last_activity_editor: string | null }} */
  let out
  if (kind === 'never' || kind === 'quiet') {
    const created =
      kind === 'quiet'
        ? now - (91 + rnd() * 609) * DAY
        : rnd() < 0.5
          ? now - (0.05 + rnd() * 28.9) * DAY
          : now - (31 + rnd() * 58) * DAY
    out = {
      created_at: stamp(created, rnd),
      last_activity_at: null,
      last_authenticated_at: null,
      last_activity_editor: null
    }
  } else {
    const latest =
      kind === 'active' ? now - (0.01 + rnd() * 28.9) * DAY : now - (31 + rnd() * 57) * DAY
    const act = latest - rnd() * DAY
    const created = act - (1 + rnd() * 600) * DAY
    const telemetryOff = rnd() < 0.1
    out = {
      created_at: stamp(created, rnd),
      last_activity_at: telemetryOff ? null : stamp(act, rnd),
      last_authenticated_at: stamp(latest, rnd),
      last_activity_editor: telemetryOff ? null : pickEditor(rnd, mix)
    }
  }
  return out
}

/** @typedef {'active'|'idle'|'quiet'|'never'} Kind */

/**
 * An idle seat: activity 31-89 days ago, or (with probability `quietShare`) none in 90 days.
 * @param {() => number} rnd @param {number} quietShare @returns {Kind}
 */
function idleKind(rnd, quietShare) {
  return rnd() < quietShare ? 'quiet' : 'idle'
}

/**
 * @param {import('./github.js').FakeGitHub} gh
 * @param {import('./index.js').GenerateOrgOptions} opts
 * @returns {{ logins: string[], teams: string[] }}
 */
export function generateOrg(gh, opts) {
  const rnd = mulberry32(opts.seed ?? 1)
  const nowDate = opts.now ?? new Date()
  const now = nowDate.getTime()
  const N = Math.max(0, Math.floor(opts.seats))
  const idleShare = opts.idleShare ?? 0.3
  const pendingShare = opts.pendingShare ?? 0.03
  const viaTeamShare = opts.viaTeamShare ?? 0.2
  const neverUsedShare = opts.neverUsedShare ?? 0.1
  const quietShare = opts.noActivityShare ?? 0.25
  const T = Math.max(1, opts.teams ?? Math.ceil(N / 500))
  const extra = opts.extraMembers ?? Math.floor(N / 10)
  const nulls = Math.min(N, opts.nullAssignee ?? 0)
  const mix = opts.editorMix ?? true
  const pendingDate = nextBillingCycleStart(nowDate)
  const org = opts.org

  gh.addOrg(org, opts.plan_type ? { plan_type: opts.plan_type } : {})
  /** @type {string[]} */
  const teams = []
  for (let i = 0; i < T; i++) {
    const slug = `team-${pad(i + 1, 3)}`
    teams.push(slug)
    gh.addTeam(org, slug, { name: `Team ${pad(i + 1, 3)}` })
  }
  /** @type {string[][]} extra (non-granting) team members */
  const teamExtra = teams.map(() => [])

  /** @type {string[]} */
  const logins = []
  for (let i = 0; i < N; i++) {
    const isNull = i >= N - nulls
    const login = isNull ? null : `user-${pad(i + 1, 6)}-${suffix(rnd)}`
    const r = rnd()
    const pending = r < pendingShare
    /** @type {Kind} */
    let kind = 'active'
    if (pending) kind = rnd() < 0.5 ? 'active' : idleKind(rnd, quietShare)
    else if (r < pendingShare + neverUsedShare) kind = 'never'
    else if (r < pendingShare + neverUsedShare + idleShare) kind = idleKind(rnd, quietShare)
    const viaTeam = !pending && !isNull && rnd() < viaTeamShare
    const team = viaTeam ? /** @type {string} */ (teams[Math.floor(rnd() * T)]) : null
    gh._bulkSeat(
      org,
      login,
      activity(rnd, now, kind, mix),
      pending ? pendingDate : null,
      opts.plan_type ?? null,
      team
    )
    if (login) {
      logins.push(login)
      // some direct seat holders are also plain members of a team (no grant through it)
      if (!team && rnd() < 0.1) teamExtra[Math.floor(rnd() * T)]?.push(login)
    }
  }
  for (let i = 0; i < extra; i++) {
    const login = `member-${pad(i + 1, 6)}-${suffix(rnd)}`
    gh.addMember(org, login)
    if (rnd() < 0.3) teamExtra[Math.floor(rnd() * T)]?.push(login)
  }
  teams.forEach((slug, i) => {
    const members = teamExtra[i]
    if (members && members.length) gh.addTeam(org, slug, { members })
  })
  return { logins, teams }
}

/**
 * Rows per user come from "slots": the member orgs, then the enterprise teams, then (when
 * `directShare` > 0) one enterprise-direct slot. A user's first row is drawn by the shares; each
 * extra row takes the next slot round (so a user never has two rows from one grantor).
 * @param {import('./github.js').FakeGitHub} gh
 * @param {import('./index.js').GenerateEnterpriseOptions} opts
 * @returns {{ orgs: string[], teams: string[], logins: string[] }}
 */
export function generateEnterprise(gh, opts) {
  const K = Math.max(1, opts.orgs ?? 4)
  const T = Math.max(0, Math.floor(opts.enterpriseTeams ?? 0))
  const directShare = opts.directShare ?? 0
  const teamShare = T > 0 ? (opts.teamShare ?? 0.2) : 0
  if (directShare < 0 || teamShare < 0 || directShare + teamShare > 1)
    throw new Error('generateEnterprise: directShare + teamShare must be within 0..1')
  const D = directShare > 0 ? 1 : 0
  const S = K + T + D
  const U = Math.max(0, Math.floor(opts.users))
  const R = Math.floor(opts.rows)
  if (R < U) throw new Error(`generateEnterprise: rows (${R}) must be >= users (${U})`)
  if (R > U * S)
    throw new Error(
      `generateEnterprise: rows (${R}) cannot exceed users x grantors (${U} x ${S} = ${U * S})`
    )
  const rnd = mulberry32(opts.seed ?? 1)
  const nowDate = opts.now ?? new Date()
  const now = nowDate.getTime()
  const pendingDate = nextBillingCycleStart(nowDate)
  const ent = opts.enterprise
  /** @type {string[]} */
  const orgs = []
  for (let i = 0; i < K; i++) {
    const login = `${ent}-org-${i + 1}`.slice(0, 39)
    orgs.push(login)
    gh.addOrg(login, { plan_type: 'enterprise' })
    gh.addTeam(login, 'copilot-users', { name: 'Copilot users' })
  }
  gh.addEnterprise(ent, { orgs, plan_type: 'enterprise' })
  const e = gh._ent(ent)
  /** @type {string[]} */
  const teams = []
  /** @type {any[]} */
  const teamRecs = []
  for (let j = 0; j < T; j++) {
    const slug = gh.addEnterpriseTeam(ent, `copilot-team-${j + 1}`, {
      name: `Copilot team ${j + 1}`,
      copilot: true
    })
    teams.push(slug)
    teamRecs.push(e.teams.get(slug.toLowerCase()))
  }
  /** @type {string[]} */
  const logins = []
  /** @type {number[]} */
  const primary = []
  for (let u = 0; u < U; u++) {
    logins.push(`user-${pad(u + 1, 6)}-${suffix(rnd)}`)
    if (T === 0 && D === 0) primary.push(Math.floor(rnd() * K))
    else {
      const r = rnd()
      if (r < directShare) primary.push(K + T)
      else if (r < directShare + teamShare) primary.push(K + Math.floor(rnd() * T))
      else primary.push(Math.floor(rnd() * K))
    }
  }
  /** @param {string} login @param {number} slot */
  const row = (login, slot) => {
    const r = rnd()
    /** @type {Kind} */
    const kind = r < 0.1 ? 'never' : r < 0.4 ? idleKind(rnd, 0.25) : 'active'
    if (slot >= K) {
      // enterprise team rows are never pending (the team grants); direct ones sometimes are
      const team = slot < K + T ? teamRecs[slot - K] : null
      const pending = !team && rnd() < 0.03
      const act = activity(rnd, now, kind, true)
      gh._bulkEntRow(e, team, login, act, pending ? pendingDate : null, 'enterprise')
      return
    }
    // same draws in the same order as before enterprise rows existed (same output for old options)
    const pending = rnd() < 0.03
    const team = !pending && rnd() < 0.2 ? 'copilot-users' : null
    gh._bulkSeat(
      /** @type {string} */ (orgs[slot]),
      login,
      activity(rnd, now, kind, true),
      pending ? pendingDate : null,
      'enterprise',
      team
    )
  }
  for (let u = 0; u < U; u++)
    row(/** @type {string} */ (logins[u]), /** @type {number} */ (primary[u]))
  // extra rows: the same user granted by another org, enterprise team or the enterprise itself
  for (let k = 0; k < R - U; k++) {
    const u = k % U
    const offset = 1 + Math.floor(k / U)
    row(/** @type {string} */ (logins[u]), /** @type {number} */ (primary[u] + offset) % S)
  }
  return { orgs, teams, logins }
}
