// One line of GitHub's users-28-day usage metrics report, reduced to what the
// join with the seats needs. Pure: a parsed JSON value in, a row or a problem out.
//
// GitHub documents the rows ("Data available in Copilot usage metrics", "Example
// schema") but any field may be missing, and new ones appear. So a row is read
// by rules, not by a fixed schema: a day is active when any count on the row is
// above 0 or any `used_*` flag is true (SPEC.md), wherever in the row it sits.
// A field this reader relies on with the wrong type makes the line malformed:
// reading it as zero would hide a change in GitHub's format.

/** The features a seat holder can be seen using, in the order the summary shows them. */
export const USAGE_FEATURES = ['completions', 'chat', 'agent', 'cli', 'code-review'] as const
export type UsageFeature = (typeof USAGE_FEATURES)[number]

/** The bit of a feature in `UsageRow.features`. */
export const featureBit = (feature: UsageFeature): number => 1 << USAGE_FEATURES.indexOf(feature)

export interface UsageRow {
  /** `YYYY-MM-DD`. */
  day: string
  userId: number | null
  /** As the report spells it; null when the row has none. */
  login: string | null
  active: boolean
  /** `user_initiated_interaction_count` (else the sum of the per-feature counts). */
  interactions: number
  /** Bits of USAGE_FEATURES (`featureBit`); 0 on an inactive day. */
  features: number
  /** IDE names of an active day, as GitHub writes them. */
  ides: string[]
  /** `ai_credits_used`; null when the row has none. */
  credits: number | null
}

export type RowResult = { ok: true; row: UsageRow } | { ok: false; problem: string }

const COUNT_KEY = /_(count|sum)$/
/** Nesting this deep is not GitHub's: nothing below it is read. */
const MAX_DEPTH = 6

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A real calendar day written as `YYYY-MM-DD`: it reads back as itself. */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const ms = Date.parse(`${value}T00:00:00Z`)
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value
}

class Malformed extends Error {}

/** A count: absent, or a number that is not negative. */
function count(value: unknown, key: string): number {
  if (value === undefined || value === null) return 0
  if (typeof value !== 'number' || !(value >= 0)) {
    throw new Malformed(`"${key}" is ${JSON.stringify(value)}, not a count`)
  }
  return value
}

function flag(value: unknown, key: string): boolean {
  if (value === undefined || value === null) return false
  if (typeof value !== 'boolean') throw new Malformed(`"${key}" is not true or false`)
  return value
}

/** Entries of a `totals_by_*` array; absent is empty. */
function entries(value: unknown, key: string): Json[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || !value.every(isObject)) {
    throw new Malformed(`"${key}" is not a list of objects`)
  }
  return value
}

/**
 * Any count above 0 or `used_*` flag set, anywhere in `value`. Counts are the
 * fields named `*_count` or `*_sum` and `ai_credits_used`; each is checked to
 * be a count on the way.
 */
function anyUse(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return false
  if (Array.isArray(value)) return value.some((v) => anyUse(v, depth + 1))
  if (!isObject(value)) return false
  let used = false
  for (const key in value) {
    const v = value[key]
    if (COUNT_KEY.test(key) || key === 'ai_credits_used') {
      if (count(v, key) > 0) used = true
    } else if (key.startsWith('used_')) {
      if (flag(v, key)) used = true
    } else if (typeof v === 'object' && v !== null && anyUse(v, depth + 1)) {
      used = true
    }
    if (used) return true
  }
  return false
}

/** Whether a per-feature or per-IDE entry shows any count above 0. */
const entryUsed = (entry: Json): boolean => anyUse(entry, 1)

// GitHub's feature names: code_completion, chat_panel_{ask,edit,plan,agent,custom,unknown}_mode,
// chat_inline, agent_edit, copilot_cli; others (copilot_app, ...) count only as activity.
const CHAT_FEATURE = /^chat_/
const AGENT_FEATURES = new Set(['chat_panel_agent_mode', 'agent_edit'])
const CLI_FEATURE = 'copilot_cli'

function featuresOf(row: Json, byFeature: Json[]): number {
  let bits = 0
  for (const entry of byFeature) {
    const name = entry.feature
    if (typeof name !== 'string') throw new Malformed('an entry of "totals_by_feature" has no name')
    if (!entryUsed(entry)) continue
    if (name === 'code_completion') bits |= featureBit('completions')
    else if (AGENT_FEATURES.has(name)) bits |= featureBit('agent')
    else if (CHAT_FEATURE.test(name)) bits |= featureBit('chat')
    else if (name === CLI_FEATURE) bits |= featureBit('cli')
  }
  if (flag(row.used_chat, 'used_chat')) bits |= featureBit('chat')
  if (flag(row.used_agent, 'used_agent')) bits |= featureBit('agent')
  const cli = row.totals_by_cli
  if (cli !== undefined && cli !== null && !isObject(cli)) {
    throw new Malformed('"totals_by_cli" is not an object')
  }
  if (flag(row.used_cli, 'used_cli') || (cli && anyUse(cli, 1))) bits |= featureBit('cli')
  if (
    flag(row.used_copilot_code_review_active, 'used_copilot_code_review_active') ||
    flag(row.used_copilot_code_review_passive, 'used_copilot_code_review_passive')
  ) {
    bits |= featureBit('code-review')
  }
  return bits
}

function idesOf(byIde: Json[]): string[] {
  const names: string[] = []
  for (const entry of byIde) {
    const name = entry.ide
    if (name === undefined || name === null || name === '') continue
    if (typeof name !== 'string') throw new Malformed('an entry of "totals_by_ide" has no name')
    if (!names.includes(name)) names.push(name)
  }
  return names
}

function userIdOf(value: unknown): number | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value
  // Ids are numbers in GitHub's example; a string of digits means the same id.
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value)
  throw new Malformed(`"user_id" is ${JSON.stringify(value)}, not a user id`)
}

function loginOf(value: unknown): string | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string' || value === '') throw new Malformed('"user_login" is not a login')
  return value
}

/** One parsed NDJSON value as a usage row, or why it is not one. */
export function readUsageRow(value: unknown): RowResult {
  if (!isObject(value)) return { ok: false, problem: 'not a JSON object' }
  try {
    if (!isDay(value.day)) return { ok: false, problem: 'no valid "day"' }
    const userId = userIdOf(value.user_id)
    const login = loginOf(value.user_login)
    if (userId === null && login === null) {
      return { ok: false, problem: 'neither "user_id" nor "user_login"' }
    }
    const byFeature = entries(value.totals_by_feature, 'totals_by_feature')
    const byIde = entries(value.totals_by_ide, 'totals_by_ide')
    const active = anyUse(value, 0)
    const top = value.user_initiated_interaction_count
    const interactions =
      top !== undefined && top !== null
        ? count(top, 'user_initiated_interaction_count')
        : byFeature.reduce(
            (sum, e) =>
              sum + count(e.user_initiated_interaction_count, 'user_initiated_interaction_count'),
            0
          )
    const credits =
      value.ai_credits_used === undefined || value.ai_credits_used === null
        ? null
        : count(value.ai_credits_used, 'ai_credits_used')
    return {
      ok: true,
      row: {
        day: value.day,
        userId,
        login,
        active,
        interactions,
        features: active ? featuresOf(value, byFeature) : 0,
        ides: active ? idesOf(byIde) : [],
        credits
      }
    }
  } catch (error) {
    if (error instanceof Malformed) return { ok: false, problem: error.message }
    throw error
  }
}
