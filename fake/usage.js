// Copilot usage metrics reports for the fake (users-28-day/latest), kept out of github.js and plugged
// in with gh.use(). Two halves:
//  - the API route: GET /orgs/{org}|/enterprises/{enterprise}/copilot/metrics/reports/users-28-day/latest
//    answers { download_links, report_start_day, report_end_day } with signed links;
//  - the download host: another origin, a signed-URL store that refuses any Authorization header,
//    answers expired links with 403, can redirect, gzip, split rows over files, break a line or cut a
//    file short. Bodies are generated row by row (NDJSON), never held whole.
// Row fields follow GitHub's docs (fake/README.md, "Usage metrics rows"). Types: fake/usage.d.ts.
import { createHmac } from 'node:crypto'
import http from 'node:http'
import { Readable } from 'node:stream'
import zlib from 'node:zlib'
import { HttpError } from './github.js'
import { mulberry32 } from './generate.js'
import { listen, requestHeaders } from './server.js'

export const DEFAULT_DOWNLOAD_BASE = 'https://copilot-reports.fake.test'
export const USAGE_METRICS_DOC = 'https://docs.github.com/rest/copilot/copilot-usage-metrics'
export const USAGE_POLICY_MESSAGE =
  'Copilot usage metrics are disabled. The "Copilot usage metrics" policy must be set to ' +
  '"Enabled everywhere" for the enterprise to use this endpoint.'
export const USAGE_PERMISSION_MESSAGE = 'Resource not accessible by personal access token'

const DAY_MS = 86_400_000
const LATEST = /^\/(orgs|enterprises)\/([^/]+)\/copilot\/metrics\/reports\/users-28-day\/latest\/?$/
const FILE =
  /^\/(blob\/)?copilot-usage\/(orgs|enterprises)\/([^/]+)\/(r\d+)\/users-28-day-(\d+)-of-(\d+)\.ndjson(\.gz)?$/
const SIGNING_KEY = 'fake-copilot-usage-reports'
const CHUNK = 64 * 1024
const BUFFER_LIMIT = 256 * 1024 * 1024

// IDEs the docs list as supported (docs.github.com/copilot/concepts/copilot-usage-metrics/copilot-metrics,
// "Supported IDEs"). Only "vscode" is shown as an `ide` value in the docs' example; the other
// identifiers are this fake's own and must be treated as opaque strings.
const IDES = /** @type {Array<[number, string, string[], string, string[]]>} */ ([
  [60, 'vscode', ['1.107.1', '1.108.0', '1.109.2'], 'copilot-chat', ['0.35.3', '0.36.1', '0.37.0']],
  [20, 'intellij', ['2025.2.4', '2025.3.1'], 'copilot-intellij', ['1.5.60', '1.6.2']],
  [10, 'visualstudio', ['17.14.13', '18.0.2'], 'copilot-vs', ['18.0.471.29466', '18.1.55.1']],
  [5, 'xcode', ['16.4', '26.0'], 'copilot-xcode', ['0.40.0', '0.42.1']],
  [5, 'eclipse', ['4.36', '4.37'], 'copilot-eclipse', ['0.9.3.202507240902', '0.11.0.202510011200']]
])
/** 100-slot table for weighted picks. @type {number[]} */
const IDE_TABLE = []
IDES.forEach(([w], i) => {
  for (let k = 0; k < w; k++) IDE_TABLE.push(i)
})
// "unknown" is the docs' example value; the others are this fake's choice.
const LANGUAGES = ['typescript', 'python', 'java', 'go', 'csharp', 'javascript', 'unknown']
const CHAT_MODES = ['chat_panel_ask_mode', 'chat_panel_edit_mode', 'chat_panel_plan_mode']

/** 32-bit integer mix of two numbers (seeding per user and per user-day). @param {number} a @param {number} b */
function mix(a, b) {
  let h = Math.imul((a ^ 0x9e3779b9) >>> 0, 0x85ebca6b) ^ (b >>> 0)
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d)
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b)
  return (h ^ (h >>> 16)) >>> 0
}

/** @param {string} s */
function strHash(s) {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** @param {string} day 'YYYY-MM-DD' @param {number} n */
function addDays(day, n) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

/** @param {unknown} day */
function isDay(day) {
  return typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) && !isNaN(Date.parse(day))
}

/** @param {number} x */
function dec1(x) {
  return (Math.round(x * 10) / 10).toFixed(1)
}

/** @param {string} day @param {() => number} rnd */
function sampledAt(day, rnd) {
  const s = Math.floor(rnd() * 86_400)
  const hh = String(Math.floor(s / 3600)).padStart(2, '0')
  const mm = String(Math.floor(s / 60) % 60).padStart(2, '0')
  const ss = String(s % 60).padStart(2, '0')
  return `${day}T${hh}:${mm}:${ss}.000Z`
}

/**
 * Normalises a target: an org login, { org }, or { enterprise }.
 * @param {import('./usage.js').UsageTarget} target
 * @returns {{ kind: 'orgs' | 'enterprises', name: string, key: string }}
 */
function scopeOf(target) {
  if (typeof target === 'string')
    return { kind: 'orgs', name: target, key: `orgs:${target.toLowerCase()}` }
  if (target && typeof target === 'object') {
    if ('org' in target && target.org)
      return { kind: 'orgs', name: target.org, key: `orgs:${target.org.toLowerCase()}` }
    if ('enterprise' in target && target.enterprise)
      return {
        kind: 'enterprises',
        name: target.enterprise,
        key: `enterprises:${target.enterprise.toLowerCase()}`
      }
  }
  throw new Error('usage reports: a target is an org login, { org } or { enterprise }')
}

// ---------------------------------------------------------------- read-only views of the fake's state
// (FakeGitHub has no public accessors for ids and enterprise membership; these read its fields and
// fall back to the public API where there is one.)

/** @param {any} gh @param {string} org */
function orgRec(gh, org) {
  return gh._orgs?.get(org.toLowerCase())
}
/** @param {any} gh @param {string} slug */
function entRec(gh, slug) {
  return gh._enterprises?.get(slug.toLowerCase())
}
/** @param {any} gh @param {string} org @returns {any[]} */
function entsOfOrg(gh, org) {
  const k = org.toLowerCase()
  return [...(gh._enterprises?.values() ?? [])].filter((e) => e.orgs?.includes(k))
}
/** @param {any} gh @param {string} login @returns {number | undefined} */
function knownUserId(gh, login) {
  return gh._users?.get(login.toLowerCase())?.id
}
/** Seat holders of an org as { login, id }, in listing order. @param {any} gh @param {string} org */
function seatHolders(gh, org) {
  const o = orgRec(gh, org)
  if (o?.seats?.list) {
    return o.seats
      .list()
      .filter((/** @type {any} */ r) => r.user)
      .map((/** @type {any} */ r) => ({ login: r.user.login, id: r.user.id }))
  }
  return gh
    .seats(org)
    .filter((/** @type {any} */ s) => s.assignee)
    .map((/** @type {any} */ s) => ({ login: s.assignee.login, id: s.assignee.id }))
}

// ---------------------------------------------------------------- rows

/**
 * Per-user traits, stable across days.
 * @param {number} seed @param {number} id @param {number} idleShare
 */
function profile(seed, id, idleShare) {
  const rnd = mulberry32(mix(seed, id))
  const ide = /** @type {number} */ (IDE_TABLE[Math.floor(rnd() * IDE_TABLE.length)])
  const other = /** @type {number} */ (IDE_TABLE[Math.floor(rnd() * IDE_TABLE.length)])
  const spec = /** @type {[number, string, string[], string, string[]]} */ (IDES[ide])
  const spec2 = /** @type {[number, string, string[], string, string[]]} */ (IDES[other])
  return {
    h: mix(seed ^ 0x5bd1e995, id),
    idle: rnd() < idleShare,
    ide,
    ideVersion: /** @type {string} */ (spec[2][Math.floor(rnd() * spec[2].length)]),
    pluginVersion: /** @type {string} */ (spec[4][Math.floor(rnd() * spec[4].length)]),
    ide2: other !== ide && rnd() < 0.12 ? other : -1,
    ide2Version: /** @type {string} */ (spec2[2][0]),
    ide2PluginVersion: /** @type {string} */ (spec2[4][0]),
    // the docs' example shows an empty plugin and plugin_version
    pluginUnknown: rnd() < 0.05,
    completions: rnd() < 0.9,
    chat: rnd() < 0.7,
    agent: rnd() < 0.45,
    custom: rnd() < 0.05,
    cli: rnd() < 0.2,
    cliVersion: `1.0.${Math.floor(rnd() * 12)}`,
    reviewActive: rnd() < 0.15,
    reviewPassive: rnd() < 0.25,
    language: Math.floor(rnd() * LANGUAGES.length)
  }
}

/**
 * Builds the NDJSON line (no newline) of user u on day d; the same (seed, user id, day) always gives
 * the same line, whatever the report window or file split.
 * @param {any} rep @param {number} u user index @param {number} d day index
 * @returns {string | null} null = no row (inactive day with omitInactiveRows)
 */
function rowLine(rep, u, d) {
  const g = rep.gen
  const p = g.profiles[u]
  const day = /** @type {string} */ (rep.days[d])
  const dayNum = rep.dayNums[d]
  const rnd = mulberry32(mix(p.h, dayNum))
  const ov = g.overrides[u]
  let active
  if (ov === 'idle') active = false
  else if (ov === 'daily') active = true
  else if (ov instanceof Set) active = ov.has(day)
  else active = !p.idle && rnd() >= g.inactiveDayShare
  if (!active && g.omitInactiveRows) return null
  const serverSide = active && rnd() < g.serverSideShare

  // per-feature totals: [feature, gen, acc, locSuggestedAdd, locSuggestedDelete, locAdded, locDeleted, interactions]
  /** @type {Array<[string, number, number, number, number, number, number, number]>} */
  const feats = []
  let cli = false
  let reviewActive = false
  let reviewPassive = false
  let ui = 0
  if (active && serverSide) {
    // Known only from server-side telemetry: the docs say its dimensional breakdowns and
    // lines-of-code metrics stay empty; the fake puts its prompts in the top-level count only.
    ui = 1 + Math.floor(rnd() * 5)
  } else if (active) {
    if (p.completions && rnd() < 0.85) {
      const gen = 3 + Math.floor(rnd() * 60)
      const acc = Math.floor(gen * (0.15 + rnd() * 0.35))
      const sAdd = gen + Math.floor(rnd() * gen * 2)
      feats.push(['code_completion', gen, acc, sAdd, 0, acc + Math.floor(rnd() * acc), 0, 0])
    }
    if (p.chat && rnd() < 0.6) {
      const r = rnd()
      const mode =
        p.custom && r < 0.2 ? 'chat_panel_custom_mode' : CHAT_MODES[r < 0.7 ? 0 : r < 0.85 ? 1 : 2]
      const i = 1 + Math.floor(rnd() * 12)
      const gen = i + Math.floor(rnd() * i * 2)
      const acc = Math.floor(gen * rnd() * 0.6)
      const sAdd = gen * (2 + Math.floor(rnd() * 10))
      feats.push([
        /** @type {string} */ (mode),
        gen,
        acc,
        sAdd,
        0,
        Math.floor((sAdd * acc) / gen),
        0,
        i
      ])
    }
    if (p.agent && rnd() < 0.5) {
      const i = 1 + Math.floor(rnd() * 8)
      const gen = i + Math.floor(rnd() * i * 3)
      const acc = Math.floor(gen * rnd() * 0.5)
      const sAdd = gen * (3 + Math.floor(rnd() * 8))
      feats.push(['chat_panel_agent_mode', gen, acc, sAdd, 0, Math.floor((sAdd * acc) / gen), 0, i])
      if (rnd() < 0.8) {
        // agent and edit mode writing into files: lines only (docs: not in suggestion metrics)
        feats.push([
          'agent_edit',
          0,
          0,
          0,
          0,
          5 + Math.floor(rnd() * 300),
          Math.floor(rnd() * 80),
          0
        ])
      }
    }
    cli = p.cli && rnd() < 0.5
    reviewActive = p.reviewActive && rnd() < 0.3
    reviewPassive = p.reviewPassive && !reviewActive && rnd() < 0.3
    if (feats.length === 0 && !cli && !reviewActive && !reviewPassive) {
      const gen = 1 + Math.floor(rnd() * 10)
      const acc = Math.floor(gen * rnd() * 0.5)
      feats.push(['code_completion', gen, acc, gen * 2, 0, acc, 0, 0])
    }
  }
  let gen = 0
  let acc = 0
  let sAdd = 0
  let sDel = 0
  let add = 0
  let del = 0
  let chat = false
  let agent = false
  let chatUi = 0
  let agentUi = 0
  for (const f of feats) {
    gen += f[1]
    acc += f[2]
    sAdd += f[3]
    sDel += f[4]
    add += f[5]
    del += f[6]
    ui += f[7]
    if (f[0] === 'chat_panel_agent_mode' || f[0] === 'agent_edit') {
      agent = true
      agentUi += f[7]
    } else if (f[0] !== 'code_completion') {
      chat = true
      chatUi += f[7]
    }
  }

  const drop = g.absentFieldShare > 0 ? mulberry32(mix(p.h ^ 0x27d4eb2f, dayNum)) : null
  const keep = () => drop === null || drop() >= g.absentFieldShare
  /** @type {string[]} */
  const parts = []
  let cliJson = ''
  let cliRequests = 0
  if (cli) {
    const prompts = 1 + Math.floor(rnd() * 10)
    const sessions = 1 + Math.floor(rnd() * 3)
    cliRequests = prompts + Math.floor(rnd() * prompts * 4)
    const inTok = cliRequests * (800 + Math.floor(rnd() * 3000))
    const outTok = cliRequests * (200 + Math.floor(rnd() * 1500))
    cliJson =
      `{"last_known_cli_version":{"cli_version":"${p.cliVersion}","sampled_at":"${sampledAt(day, rnd)}"},` +
      `"prompt_count":${prompts},"request_count":${cliRequests},"session_count":${sessions},` +
      `"token_usage":{"avg_tokens_per_request":${dec1((inTok + outTok) / cliRequests)},` +
      `"output_tokens_sum":${outTok},"prompt_tokens_sum":${inTok}}}`
  }
  if (g.aiCreditsFrom !== null && day >= g.aiCreditsFrom && keep()) {
    // completions are not billed in AI credits; chat, agent and CLI requests are
    const credits = Math.round((chatUi * 0.4 + agentUi * 1.6 + cliRequests * 0.3) * 10) / 10
    parts.push(`"ai_credits_used":${credits}`)
  }
  if (keep()) parts.push(`"code_acceptance_activity_count":${acc}`)
  if (keep()) parts.push(`"code_generation_activity_count":${gen}`)
  parts.push(`"day":"${day}"`)
  if (rep.enterpriseId !== null && keep()) parts.push(`"enterprise_id":"${rep.enterpriseId}"`)
  if (keep()) parts.push(`"loc_added_sum":${add}`)
  if (keep()) parts.push(`"loc_deleted_sum":${del}`)
  if (keep()) parts.push(`"loc_suggested_to_add_sum":${sAdd}`)
  if (keep()) parts.push(`"loc_suggested_to_delete_sum":${sDel}`)
  if (rep.organizationId !== null && keep()) parts.push(`"organization_id":"${rep.organizationId}"`)
  if (cli && keep()) parts.push(`"totals_by_cli":${cliJson}`)
  if (keep()) {
    parts.push(
      `"totals_by_feature":[${feats
        .map(
          (f) =>
            `{"code_acceptance_activity_count":${f[2]},"code_generation_activity_count":${f[1]},` +
            `"feature":"${f[0]}","loc_added_sum":${f[5]},"loc_deleted_sum":${f[6]},` +
            `"loc_suggested_to_add_sum":${f[3]},"loc_suggested_to_delete_sum":${f[4]},` +
            `"user_initiated_interaction_count":${f[7]}}`
        )
        .join(',')}]`
    )
  }
  if (keep()) {
    let ides = ''
    if (feats.length > 0) {
      const two = p.ide2 >= 0 && rnd() < 0.3
      /** @param {number} ide @param {string} v @param {string} pv @param {number} share */
      const entry = (ide, v, pv, share) => {
        const spec = /** @type {[number, string, string[], string, string[]]} */ (IDES[ide])
        const part = (/** @type {number} */ x) =>
          share === 1 ? x : share > 0.5 ? Math.ceil(x * share) : x - Math.ceil(x * (1 - share))
        const plugin = p.pluginUnknown ? '' : spec[3]
        const pluginVersion = p.pluginUnknown ? '' : pv
        const at = sampledAt(day, rnd)
        return (
          `{"code_acceptance_activity_count":${part(acc)},"code_generation_activity_count":${part(gen)},` +
          `"ide":"${spec[1]}","last_known_ide_version":{"ide_version":"${v}","sampled_at":"${at}"},` +
          `"last_known_plugin_version":{"plugin":"${plugin}","plugin_version":"${pluginVersion}","sampled_at":"${at}"},` +
          `"loc_added_sum":${part(add)},"loc_deleted_sum":${part(del)},` +
          `"loc_suggested_to_add_sum":${part(sAdd)},"loc_suggested_to_delete_sum":${part(sDel)},` +
          `"user_initiated_interaction_count":${part(ui)}}`
        )
      }
      ides = two
        ? entry(p.ide, p.ideVersion, p.pluginVersion, 0.7) +
          ',' +
          entry(p.ide2, p.ide2Version, p.ide2PluginVersion, 0.3)
        : entry(p.ide, p.ideVersion, p.pluginVersion, 1)
    }
    parts.push(`"totals_by_ide":[${ides}]`)
  }
  if (keep()) {
    parts.push(
      `"totals_by_language_feature":[${feats
        .map((f, i) => {
          const lang =
            LANGUAGES[(p.language + (i === 0 ? 0 : Math.floor(rnd() * 3))) % LANGUAGES.length]
          return (
            `{"code_acceptance_activity_count":${f[2]},"code_generation_activity_count":${f[1]},` +
            `"feature":"${f[0]}","language":"${lang}","loc_added_sum":${f[5]},"loc_deleted_sum":${f[6]},` +
            `"loc_suggested_to_add_sum":${f[3]},"loc_suggested_to_delete_sum":${f[4]}}`
          )
        })
        .join(',')}]`
    )
  }
  if (keep()) parts.push('"totals_by_language_model":[]')
  if (keep()) parts.push('"totals_by_model_feature":[]')
  if (keep()) parts.push(`"used_agent":${agent}`)
  if (keep()) parts.push(`"used_chat":${chat}`)
  if (keep()) parts.push(`"used_cli":${cli}`)
  if (keep()) parts.push(`"used_copilot_code_review_active":${reviewActive}`)
  if (keep()) parts.push(`"used_copilot_code_review_passive":${reviewPassive}`)
  if (keep()) parts.push(`"user_id":${g.ids[u]}`)
  parts.push(`"user_login":${g.loginJson[u]}`)
  if (keep()) parts.push(`"user_initiated_interaction_count":${ui}`)
  parts.push(
    `"etl_id":"green","day_partition":"${day}","entity_id_partition":${rep.entityPartition}`
  )
  return `{${parts.join(',')}}`
}

// ---------------------------------------------------------------- files

/** Row index range [from, to) of file k. @param {any} rep @param {number} k */
function fileRange(rep, k) {
  const R = rep.rowCount
  const n = rep.files
  return [Math.floor((k * R) / n), Math.floor(((k + 1) * R) / n)]
}

/** Line at global row index r (null = no row). @param {any} rep @param {number} r */
function lineAt(rep, r) {
  if (rep.rows) return /** @type {string} */ (rep.rows[r])
  const U = rep.gen.ids.length
  return rowLine(rep, r % U, Math.floor(r / U))
}

/**
 * Lines of one file, each with its '\n' (the last one too unless finalNewline is false).
 * @param {any} rep @param {number} k
 * @returns {Generator<string>}
 */
function* fileLines(rep, k) {
  const [from, to] = fileRange(rep, k)
  const bad = rep.malformed && rep.malformed.file === k ? from + rep.malformed.line : -1
  /** @type {string | null} */
  let pending = null
  for (let r = from; r < to; r++) {
    let line = lineAt(rep, r)
    if (r === bad) {
      const base = line ?? `{"day":"${rep.endDay}","user_login":"someone"}`
      line = rep.malformed.text ?? base.slice(0, Math.max(1, Math.floor(base.length / 2)))
    }
    if (line === null) continue
    if (pending !== null) yield pending + '\n'
    pending = line
  }
  if (pending !== null) yield rep.finalNewline ? pending + '\n' : pending
}

/** Buffers of about 64 KB from a line generator. @param {Iterable<string>} lines */
function* chunks(lines) {
  /** @type {string[]} */
  let buf = []
  let size = 0
  for (const line of lines) {
    buf.push(line)
    size += line.length
    if (size >= CHUNK) {
      yield Buffer.from(buf.join(''), 'utf8')
      buf = []
      size = 0
    }
  }
  if (size > 0) yield Buffer.from(buf.join(''), 'utf8')
}

/**
 * The body of file k as wire bytes: NDJSON, gzipped when asked.
 * @param {any} rep @param {number} k
 * @returns {AsyncIterable<Buffer>}
 */
function wireBody(rep, k) {
  const plain = Readable.from(chunks(fileLines(rep, k)), { objectMode: false })
  if (!rep.gzip) return plain
  const gz = zlib.createGzip({ level: 1 })
  plain.on('error', (e) => gz.destroy(e))
  gz.on('close', () => plain.destroy())
  return plain.pipe(gz)
}

/**
 * Limits an async body to `atByte` bytes; `cut()` tells afterwards whether it was cut.
 * @param {AsyncIterable<Buffer>} body @param {number} atByte
 */
function limitBody(body, atByte) {
  const state = { cut: false }
  async function* gen() {
    let sent = 0
    for await (const c of body) {
      const chunk = /** @type {Buffer} */ (c)
      if (sent + chunk.length > atByte) {
        if (atByte > sent) yield chunk.subarray(0, atByte - sent)
        state.cut = true
        if (typeof (/** @type {any} */ (body).destroy) === 'function')
          /** @type {any} */ (body).destroy()
        return
      }
      sent += chunk.length
      yield chunk
    }
  }
  return { body: gen(), state }
}

/** @param {string} code @param {string} message @param {string} [detail] */
function xmlError(code, message, detail) {
  return (
    '<?xml version="1.0" encoding="utf-8"?><Error>' +
    `<Code>${code}</Code><Message>${message}</Message>` +
    (detail ? `<AuthenticationErrorDetail>${detail}</AuthenticationErrorDetail>` : '') +
    '</Error>'
  )
}

// ---------------------------------------------------------------- the controller

export class FakeUsageReports {
  /**
   * @param {import('./github.js').FakeGitHub} gh
   * @param {import('./usage.js').UsageReportsOptions} [options]
   */
  constructor(gh, options = {}) {
    this.gh = gh
    /** @type {string} */
    this.downloadBase = (options.downloadBase ?? DEFAULT_DOWNLOAD_BASE).replace(/\/+$/, '')
    this.linkTtlMs = options.linkTtlMs ?? 3_600_000
    this.authorizationStatus = options.authorizationStatus ?? 400
    /** @type {Map<string, any>} current report per scope key */
    this._current = new Map()
    /** @type {Map<string, any>} every report by id (old links keep their content until they expire) */
    this._reports = new Map()
    /** @type {Map<string, { gen: number, minGen: number, pending: { left: number, newDay: boolean | string } | null }>} */
    this._links = new Map()
    /** @type {Map<string, { status: 204 | 404 }>} */
    this._missing = new Map()
    /** @type {Map<string, { status: 403 | 404 }>} */
    this._policy = new Map()
    /** @type {Map<string, { status: 403 | 404, tokens: string[] | null }>} */
    this._deny = new Map()
    this._nextId = 1
    /** @type {import('./usage.js').DownloadRecord[]} */
    this.downloads = []
    /** @type {import('./index.js').FakeExtension} */
    this.extension = {
      name: 'copilot-usage-reports',
      preAuth: (req) => this._preAuth(req),
      route: (req) => this._route(req)
    }
  }

  // ------------------------------------------------------------ state API

  /**
   * @param {import('./usage.js').UsageReportInput} input
   * @returns {import('./usage.js').UsageReportInfo}
   */
  setReport(input) {
    if (!input || (!input.org && !input.enterprise))
      throw new Error('usage.setReport: give org or enterprise')
    const scope = scopeOf(
      input.org ? { org: input.org } : { enterprise: /** @type {string} */ (input.enterprise) }
    )
    const gh = /** @type {any} */ (this.gh)
    const days = Math.max(1, Math.floor(input.days ?? 28))
    const endDay = input.endDay ?? addDays(this.gh.now().toISOString().slice(0, 10), -2)
    if (!isDay(endDay)) throw new Error(`usage.setReport: endDay must be YYYY-MM-DD, not ${endDay}`)
    const files = Math.max(1, Math.floor(input.files ?? 1))

    let organizationId = null
    let enterpriseId = null
    let entityPartition
    if (scope.kind === 'orgs') {
      const o = orgRec(gh, scope.name)
      if (!o && !input.users && !input.rows)
        throw new Error(`usage.setReport: unknown org ${scope.name}`)
      organizationId = String(o?.id ?? strHash(scope.name) % 100000)
      const ents = entsOfOrg(gh, scope.name)
      if (ents.length > 0) enterpriseId = String(ents[0].id)
      entityPartition = Number(organizationId)
    } else {
      const e = entRec(gh, scope.name)
      if (!e && !input.users && !input.rows)
        throw new Error(`usage.setReport: unknown enterprise ${scope.name}`)
      enterpriseId = String(e?.id ?? strHash(scope.name) % 1000)
      entityPartition = Number(enterpriseId)
    }

    /** @type {any} */
    const rep = {
      id: `r${this._nextId++}`,
      scope,
      input: { ...input },
      days: [],
      dayNums: [],
      startDay: '',
      endDay,
      files,
      gzip: input.gzip === true ? 'encoding' : input.gzip || false,
      redirect: input.redirect ?? false,
      finalNewline: input.finalNewline ?? true,
      organizationId,
      enterpriseId,
      entityPartition,
      rows: null,
      gen: null,
      rowCount: 0,
      malformed: null,
      truncate: null
    }
    this._window(rep, endDay, days)

    if (input.rows) {
      rep.rows = input.rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r)))
      rep.rowCount = rep.rows.length
    } else {
      rep.gen = this._users(scope, input)
      rep.rowCount = rep.gen.ids.length * rep.days.length
    }
    if (input.malformed) {
      const m = input.malformed === true ? {} : input.malformed
      const file = m.file ?? 0
      const [from, to] = fileRange(rep, file)
      rep.malformed = { file, line: m.line ?? Math.floor((to - from) / 2), text: m.text }
    }
    if (input.truncate) {
      rep.truncate = {
        file: input.truncate.file ?? 0,
        atByte: input.truncate.atByte ?? 1000,
        mode: input.truncate.mode ?? 'reset'
      }
    }
    this._current.set(scope.key, rep)
    this._reports.set(rep.id, rep)
    this._missing.delete(scope.key)
    return this._info(rep)
  }

  /** @param {any} rep @param {string} endDay @param {number} n */
  _window(rep, endDay, n) {
    rep.endDay = endDay
    rep.startDay = addDays(endDay, -(n - 1))
    rep.days = Array.from({ length: n }, (_, i) => addDays(rep.startDay, i))
    rep.dayNums = rep.days.map((/** @type {string} */ d) =>
      Math.floor(Date.parse(`${d}T00:00:00Z`) / DAY_MS)
    )
  }

  /**
   * Users of a generated report: seat holders (or `users`), plus extra users without a seat.
   * @param {{ kind: string, name: string }} scope @param {import('./usage.js').UsageReportInput} input
   */
  _users(scope, input) {
    const gh = /** @type {any} */ (this.gh)
    /** @type {Array<{ login: string, id?: number }>} */
    let list
    if (input.users) list = input.users
    else if (scope.kind === 'orgs') list = seatHolders(gh, scope.name)
    else {
      const e = entRec(gh, scope.name)
      /** @type {Map<string, { login: string, id: number }>} */
      const seen = new Map()
      for (const org of e?.orgs ?? []) {
        for (const u of seatHolders(gh, org)) {
          const k = u.login.toLowerCase()
          if (!seen.has(k)) seen.set(k, u)
        }
      }
      list = [...seen.values()]
    }
    const taken = new Set(list.map((u) => u.login.toLowerCase()))
    /** @type {Array<{ login: string, id?: number }>} */
    const extra = []
    if (Array.isArray(input.extraUsers)) extra.push(...input.extraUsers)
    else if ((input.extraUsers ?? 0) > 0) {
      const want = /** @type {number} */ (input.extraUsers)
      // org members without a seat here first (they may hold one elsewhere in the enterprise)
      if (scope.kind === 'orgs' && orgRec(gh, scope.name)) {
        for (const login of this.gh.members(scope.name)) {
          if (extra.length >= want) break
          if (!taken.has(login.toLowerCase())) extra.push({ login })
        }
      }
      for (let n = 1; extra.length < want; n++) {
        const login = `usage-only-${String(n).padStart(6, '0')}`
        if (!taken.has(login)) extra.push({ login, id: 80_000_000 + n })
      }
    }
    const all = [...list, ...extra.filter((u) => !taken.has(u.login.toLowerCase()))]
    const seed = (input.seed ?? 1) >>> 0
    const idleShare = input.idleUserShare ?? 0.2
    /** @type {number[]} */
    const ids = []
    /** @type {string[]} */
    const logins = []
    /** @type {string[]} */
    const loginJson = []
    /** @type {any[]} */
    const profiles = []
    for (const u of all) {
      const id = u.id ?? knownUserId(gh, u.login) ?? 90_000_000 + (strHash(u.login) % 9_000_000)
      ids.push(id)
      logins.push(u.login)
      loginJson.push(JSON.stringify(u.login))
      profiles.push(profile(seed, id, idleShare))
    }
    /** @type {Map<string, 'idle' | 'daily' | Set<string>>} */
    const byLogin = new Map()
    for (const [login, v] of Object.entries(input.activity ?? {})) {
      byLogin.set(login.toLowerCase(), Array.isArray(v) ? new Set(v) : v)
    }
    const overrides = logins.map((l) => byLogin.get(l.toLowerCase()))
    return {
      ids,
      logins,
      loginJson,
      profiles,
      overrides,
      inactiveDayShare: input.inactiveDayShare ?? 0.5,
      serverSideShare: input.serverSideShare ?? 0.02,
      omitInactiveRows: input.omitInactiveRows ?? false,
      aiCreditsFrom: input.aiCreditsFrom === undefined ? '2026-06-01' : input.aiCreditsFrom,
      absentFieldShare: input.absentFieldShare ?? 0
    }
  }

  /** @param {any} rep @returns {import('./usage.js').UsageReportInfo} */
  _info(rep) {
    return {
      id: rep.id,
      report_start_day: rep.startDay,
      report_end_day: rep.endDay,
      files: rep.files,
      users: rep.gen ? rep.gen.ids.length : null,
      rows: rep.rowCount
    }
  }

  /** The current report of a target, or undefined. @param {import('./usage.js').UsageTarget} target */
  report(target) {
    const rep = this._current.get(scopeOf(target).key)
    return rep ? this._info(rep) : undefined
  }

  /**
   * No report for the target: `latest` answers 404 (default) or 204.
   * @param {import('./usage.js').UsageTarget} target @param {{ status?: 204 | 404 }} [opts]
   */
  clearReport(target, opts = {}) {
    const s = scopeOf(target)
    this._current.delete(s.key)
    this._missing.set(s.key, { status: opts.status ?? 404 })
  }

  /**
   * The "Copilot usage metrics" policy. Disabled on an enterprise also disables its orgs.
   * @param {import('./usage.js').UsageTarget} target @param {'enabled' | 'disabled'} state
   * @param {{ status?: 403 | 404 }} [opts]
   */
  policy(target, state, opts = {}) {
    const s = scopeOf(target)
    if (state === 'disabled') this._policy.set(s.key, { status: opts.status ?? 403 })
    else if (state === 'enabled') this._policy.delete(s.key)
    else throw new Error(`usage.policy: 'enabled' or 'disabled', not ${String(state)}`)
  }

  /**
   * Tokens without "View Organization Copilot Metrics" (or read:org / read:enterprise).
   * @param {import('./usage.js').UsageTarget} target @param {{ status?: 403 | 404, tokens?: string[] }} [opts]
   */
  deny(target, opts = {}) {
    this._deny.set(scopeOf(target).key, { status: opts.status ?? 403, tokens: opts.tokens ?? null })
  }

  /** @param {import('./usage.js').UsageTarget} target */
  allow(target) {
    this._deny.delete(scopeOf(target).key)
  }

  /**
   * Expires every link handed out so far for the target (or for every target); `latest` then hands
   * out fresh ones. `afterDownloads: n` waits for n more successful downloads first. `newDay`
   * moves the report one day on (or to the given end day), as when GitHub publishes a new report.
   * @param {import('./usage.js').UsageTarget} [target]
   * @param {{ afterDownloads?: number, newDay?: boolean | string }} [opts]
   */
  expireLinks(target, opts = {}) {
    const keys =
      target === undefined
        ? [...new Set([...this._links.keys(), ...this._current.keys()])]
        : [scopeOf(target).key]
    for (const key of keys) {
      const st = this._linkState(key)
      if (opts.afterDownloads && opts.afterDownloads > 0) {
        st.pending = { left: opts.afterDownloads, newDay: opts.newDay ?? false }
      } else {
        this._expireNow(key, opts.newDay ?? false)
      }
    }
  }

  /** @param {string} key @param {boolean | string} newDay */
  _expireNow(key, newDay) {
    const st = this._linkState(key)
    st.gen++
    st.minGen = st.gen
    st.pending = null
    const old = this._current.get(key)
    if (old && newDay) {
      const end = typeof newDay === 'string' ? newDay : addDays(old.endDay, 1)
      if (!isDay(end)) throw new Error(`usage.expireLinks: newDay must be YYYY-MM-DD, not ${end}`)
      const rep = { ...old, id: `r${this._nextId++}` }
      this._window(rep, end, old.days.length)
      this._current.set(key, rep)
      this._reports.set(rep.id, rep)
    }
  }

  /** @param {string} key */
  _linkState(key) {
    let st = this._links.get(key)
    if (!st) {
      st = { gen: 1, minGen: 1, pending: null }
      this._links.set(key, st)
    }
    return st
  }

  clearDownloads() {
    this.downloads = []
  }

  /** Authorization header values that reached the download host. */
  get authorizationsSeen() {
    return this.downloads.filter((d) => d.authorization).map((d) => d.headers.authorization ?? '')
  }

  /**
   * NDJSON lines (with '\n') of the target's current report, one file or all files in order.
   * @param {import('./usage.js').UsageTarget} target @param {number} [file]
   * @returns {Generator<string>}
   */
  *lines(target, file) {
    const rep = this._current.get(scopeOf(target).key)
    if (!rep) throw new Error('usage.lines: no report for that target')
    if (file !== undefined) {
      yield* fileLines(rep, file)
      return
    }
    for (let k = 0; k < rep.files; k++) yield* fileLines(rep, k)
  }

  /**
   * One file (or all files) as a byte stream, uncompressed.
   * @param {import('./usage.js').UsageTarget} target @param {number} [file]
   */
  stream(target, file) {
    return Readable.from(chunks(this.lines(target, file)))
  }

  /**
   * Generates the whole report once and counts it (nothing is kept).
   * @param {import('./usage.js').UsageTarget} target
   */
  measure(target) {
    const rep = this._current.get(scopeOf(target).key)
    if (!rep) throw new Error('usage.measure: no report for that target')
    let bytes = 0
    let rows = 0
    /** @type {number[]} */
    const perFile = []
    for (let k = 0; k < rep.files; k++) {
      let b = 0
      for (const line of fileLines(rep, k)) {
        b += Buffer.byteLength(line, 'utf8')
        rows++
      }
      perFile.push(b)
      bytes += b
    }
    return { bytes, rows, perFile }
  }

  // ------------------------------------------------------------ the API route

  /** @param {import('./index.js').ExtensionRequest} req */
  _route(req) {
    const m = LATEST.exec(req.path)
    if (!m) return undefined
    const gh = /** @type {any} */ (this.gh)
    if (gh._ghes) return undefined // GHES has no Copilot endpoints: the core answers 404
    if (req.method !== 'GET') throw new HttpError(404, 'Not Found', USAGE_METRICS_DOC)
    let name
    try {
      name = decodeURIComponent(/** @type {string} */ (m[2]))
    } catch {
      throw new HttpError(404, 'Not Found', USAGE_METRICS_DOC)
    }
    const kind = /** @type {'orgs' | 'enterprises'} */ (m[1])
    const scope = scopeOf(kind === 'orgs' ? { org: name } : { enterprise: name })
    const exists = kind === 'orgs' ? orgRec(gh, name) : entRec(gh, name)
    if (!exists && !this._current.has(scope.key))
      throw new HttpError(404, 'Not Found', USAGE_METRICS_DOC)

    if (new URL(this.downloadBase).origin === req.url.origin) {
      throw new HttpError(
        500,
        'fake misconfigured: the download host must be another origin than the API',
        USAGE_METRICS_DOC
      )
    }
    // policy: this scope, or (for an org) any enterprise it belongs to
    const policyKeys = [scope.key]
    if (kind === 'orgs')
      for (const e of entsOfOrg(gh, name)) policyKeys.push(`enterprises:${e.slug.toLowerCase()}`)
    for (const k of policyKeys) {
      const p = this._policy.get(k)
      if (p)
        throw p.status === 404
          ? new HttpError(404, 'Not Found', USAGE_METRICS_DOC)
          : new HttpError(403, USAGE_POLICY_MESSAGE, USAGE_METRICS_DOC)
    }
    const d = this._deny.get(scope.key)
    if (d) {
      const auth = req.headers.authorization ?? ''
      const token = (/^(?:token|bearer)\s+(.+)$/i.exec(auth.trim())?.[1] ?? '').trim()
      if (d.tokens === null || d.tokens.includes(token)) {
        throw d.status === 404
          ? new HttpError(404, 'Not Found', USAGE_METRICS_DOC)
          : new HttpError(403, USAGE_PERMISSION_MESSAGE, USAGE_METRICS_DOC)
      }
    }
    const rep = this._current.get(scope.key)
    if (!rep) {
      const miss = this._missing.get(scope.key)
      if (miss?.status === 204) return this.gh.json(204, null)
      throw new HttpError(404, 'Not Found', USAGE_METRICS_DOC)
    }
    const st = this._linkState(scope.key)
    const expires = new Date(this.gh.now().getTime() + this.linkTtlMs)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
    /** @type {string[]} */
    const links = []
    for (let k = 0; k < rep.files; k++) links.push(this._link(rep, k, expires, st.gen))
    return this.gh.json(200, {
      download_links: links,
      report_start_day: rep.startDay,
      report_end_day: rep.endDay
    })
  }

  /** @param {any} rep @param {number} k */
  _filePath(rep, k) {
    const ext = rep.gzip === 'file' ? '.ndjson.gz' : '.ndjson'
    return `/copilot-usage/${rep.scope.kind}/${encodeURIComponent(rep.scope.name)}/${rep.id}/users-28-day-${k + 1}-of-${rep.files}${ext}`
  }

  /** @param {string} path @param {string} se @param {number} gen */
  _sign(path, se, gen) {
    return createHmac('sha256', SIGNING_KEY).update(`${path}\n${se}\n${gen}`).digest('base64url')
  }

  /** @param {any} rep @param {number} k @param {string} se @param {number} gen */
  _link(rep, k, se, gen) {
    const path = this._filePath(rep, k)
    const q = new URLSearchParams({ sv: '2025-01-05', sr: 'b', sp: 'r', se, gen: String(gen) })
    q.set('sig', this._sign(path, se, gen))
    return `${this.downloadBase}${path}?${q}`
  }

  // ------------------------------------------------------------ the download host

  /**
   * Answers one request to the download host. Transports: createUsageMswHandlers (fake/usage-msw.js),
   * startUsageDownloadServer, or the extension's preAuth (buffered) when the download base is routed
   * into gh.handle.
   * @param {{ method: string, url: string, headers: Record<string, string> }} req
   * @param {string} [transport]
   * @returns {import('./usage.js').DownloadResponse}
   */
  download(req, transport = 'direct') {
    /** @type {Record<string, string>} */
    const headers = {}
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = String(v)
    const method = req.method.toUpperCase()
    const url = new URL(req.url, this.downloadBase)
    const basePath = new URL(this.downloadBase).pathname.replace(/\/+$/, '')
    const path =
      basePath && url.pathname.startsWith(basePath)
        ? url.pathname.slice(basePath.length)
        : url.pathname
    /** @type {import('./usage.js').DownloadRecord} */
    const rec = {
      method,
      url: url.href,
      path,
      status: 0,
      reason: 'ok',
      authorization: headers.authorization !== undefined,
      headers,
      file: null,
      reportId: null,
      at: Date.now(),
      transport,
      bytes: 0
    }
    this.downloads.push(rec)
    /** @param {number} status @param {import('./usage.js').DownloadRecord['reason']} reason @param {string} code @param {string} message @param {string} [detail] */
    const fail = (status, reason, code, message, detail) => {
      rec.status = status
      rec.reason = reason
      return {
        status,
        headers: { 'content-type': 'application/xml', 'x-fake-download-reason': reason },
        body: method === 'HEAD' ? '' : xmlError(code, message, detail)
      }
    }
    if (rec.authorization) {
      return fail(
        this.authorizationStatus,
        'authorization',
        'InvalidAuthenticationInfo',
        'This URL is already signed: a request may carry a signature or an Authorization header, not both.'
      )
    }
    if (method !== 'GET' && method !== 'HEAD') {
      return fail(405, 'method', 'UnsupportedHttpVerb', `The resource doesn't support ${method}.`)
    }
    const m = FILE.exec(path)
    if (!m) return fail(404, 'not-found', 'BlobNotFound', 'The specified blob does not exist.')
    const blob = !!m[1]
    const linkPath = blob ? path.slice('/blob'.length) : path
    const se = url.searchParams.get('se') ?? ''
    const gen = Number(url.searchParams.get('gen') ?? NaN)
    const sig = url.searchParams.get('sig') ?? ''
    if (!se || !Number.isInteger(gen) || sig !== this._sign(linkPath, se, gen)) {
      return fail(
        403,
        'bad-signature',
        'AuthenticationFailed',
        'Server failed to authenticate the request: the signature does not match.'
      )
    }
    const rep = this._reports.get(/** @type {string} */ (m[4]))
    if (!rep) return fail(404, 'not-found', 'BlobNotFound', 'The specified blob does not exist.')
    const k = Number(m[5]) - 1
    rec.file = k
    rec.reportId = rep.id
    const st = this._linkState(rep.scope.key)
    const now = this.gh.now()
    if (gen < st.minGen || Date.parse(se) < now.getTime()) {
      return fail(
        403,
        'expired',
        'AuthenticationFailed',
        'Server failed to authenticate the request: the signed URL has expired.',
        `Signature not valid in the specified time frame: Expiry [${new Date(Date.parse(se)).toUTCString()}] - Current [${now.toUTCString()}]`
      )
    }
    if (k < 0 || k >= rep.files || this._filePath(rep, k) !== linkPath) {
      return fail(404, 'not-found', 'BlobNotFound', 'The specified blob does not exist.')
    }
    if (rep.redirect && !blob) {
      rec.status = 302
      rec.reason = 'redirect'
      return {
        status: 302,
        headers: {
          location: `${this.downloadBase}/blob${linkPath}${url.search}`,
          'content-length': '0'
        },
        body: ''
      }
    }
    rec.status = 200
    if (st.pending && method === 'GET') {
      // a served file counts towards expireLinks({ afterDownloads })
      st.pending.left--
      if (st.pending.left <= 0) this._expireNow(rep.scope.key, st.pending.newDay)
    }
    /** @type {Record<string, string>} */
    const out = {
      'content-type': rep.gzip === 'file' ? 'application/gzip' : 'application/x-ndjson',
      'cache-control': 'private, max-age=0',
      'x-fake-report-id': rep.id
    }
    if (rep.gzip === 'encoding') out['content-encoding'] = 'gzip'
    if (method === 'HEAD') return { status: 200, headers: out, body: '' }
    const cut = rep.truncate && rep.truncate.file === k ? rep.truncate : null
    return {
      status: 200,
      headers: out,
      body: '',
      stream: () => wireBody(rep, k),
      cut: cut ? { atByte: cut.atByte, mode: cut.mode } : null,
      record: rec
    }
  }

  /** Buffered answer through gh.handle when the download base is routed into the fake. @param {import('./index.js').ExtensionRequest} req */
  async _preAuth(req) {
    const base = new URL(this.downloadBase)
    if (req.url.origin !== base.origin) return undefined
    const basePath = base.pathname.replace(/\/+$/, '')
    const rest = req.url.pathname.startsWith(basePath + '/')
      ? req.url.pathname.slice(basePath.length)
      : null
    // only the store's own paths: anything else (e.g. an API path on a misconfigured base) passes
    if (rest === null || !/^\/(blob\/)?copilot-usage\//.test(rest)) return undefined
    const r = this.download(
      { method: req.method, url: req.url.href, headers: req.headers },
      'handle'
    )
    if (!r.stream) return { status: r.status, headers: r.headers, body: r.body }
    /** @type {Buffer[]} */
    const parts = []
    let size = 0
    const limited = r.cut
      ? limitBody(r.stream(), r.cut.atByte)
      : { body: r.stream(), state: { cut: false } }
    for await (const c of limited.body) {
      parts.push(c)
      size += c.length
      if (size > BUFFER_LIMIT) {
        return {
          status: 500,
          headers: { 'content-type': 'text/plain' },
          body: 'fake: report too large to buffer through gh.handle; use startUsageDownloadServer or createUsageMswHandlers'
        }
      }
    }
    if (limited.state.cut && r.cut?.mode === 'reset') {
      return /** @type {any} */ ({ kind: 'reset' })
    }
    return { status: r.status, headers: r.headers, body: Buffer.concat(parts) }
  }
}

/**
 * Adds the usage-metrics report endpoints to a fake (gh.use) and returns their controller.
 * @param {import('./github.js').FakeGitHub} gh
 * @param {import('./usage.js').UsageReportsOptions} [options]
 */
export function installUsageReports(gh, options) {
  const usage = new FakeUsageReports(gh, options)
  gh.use(usage.extension)
  return usage
}

/**
 * Resolves on 'drain' or 'close', removing both listeners (a race of two once() would leave one
 * behind at every wait: thousands on a large download).
 * @param {http.ServerResponse} res
 */
function drainOrClose(res) {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve(undefined)
    }
    res.on('drain', done)
    res.on('close', done)
  })
}

/**
 * Streams a download response to a Node response, honouring cuts and client aborts.
 * @param {import('./usage.js').DownloadResponse} r @param {http.ServerResponse} res
 */
async function sendNode(r, res) {
  res.writeHead(r.status, r.headers)
  if (!r.stream) {
    res.end(r.body)
    return
  }
  const src = r.stream()
  const limited = r.cut ? limitBody(src, r.cut.atByte) : { body: src, state: { cut: false } }
  let gone = false
  res.on('close', () => {
    gone = true
  })
  try {
    for await (const c of limited.body) {
      if (gone) break
      if (r.record) r.record.bytes += c.length
      if (!res.write(c)) await drainOrClose(res)
    }
  } catch {
    res.destroy()
    return
  } finally {
    if (gone && typeof (/** @type {any} */ (src).destroy) === 'function')
      /** @type {any} */ (src).destroy()
  }
  if (gone) return
  if (limited.state.cut && r.cut?.mode === 'reset') {
    // what was written is flushed, then the connection closes without the chunked terminator
    const socket = res.socket
    socket?.end()
    setTimeout(() => socket?.destroy(), 1000).unref()
    return
  }
  res.end()
}

/**
 * A loopback server for the download host (a different origin than startFakeServer's). Unless
 * `setBase` is false, links handed out afterwards point at it.
 * @param {FakeUsageReports} usage
 * @param {{ port?: number, host?: string, setBase?: boolean }} [opts]
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export function startUsageDownloadServer(usage, opts = {}) {
  const host = opts.host ?? '127.0.0.1'
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('error', () => {})
    const headers = requestHeaders(req)
    let r
    try {
      r = usage.download(
        {
          method: req.method ?? 'GET',
          url: `http://${req.headers.host ?? host}${req.url ?? '/'}`,
          headers
        },
        'server'
      )
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(`fake download host error: ${String((e && /** @type {any} */ (e).stack) || e)}`)
      return
    }
    sendNode(r, res).catch(() => res.destroy())
  })
  return listen(server, opts.port ?? 0, host).then((started) => {
    if (opts.setBase !== false) usage.downloadBase = started.url
    return started
  })
}

/** Exposed for fake/usage-msw.js. @internal */
export const _limitBody = limitBody
