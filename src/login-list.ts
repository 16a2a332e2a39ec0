// Parsing of the login and team lists that `users`, `teams`, `exclude-*` and
// `users-file` share. Pure: strings in, normalised names or located errors out.
//
// Every check runs on the text as given, before lower-casing: `toLowerCase`
// folds some non-ASCII characters to ASCII (the Kelvin sign U+212A becomes
// "k"), so a look-alike must be refused before it can become a valid name.

/** The most characters of a managed-user (EMU) suffix after `_`: GitHub's short codes are short. */
export const EMU_SUFFIX_MAX = 20

// Letters, digits and single inner hyphens, 1-39 characters; Enterprise Managed
// Users add `_shortcode` (1-20 letters or digits) after that. ASCII only.
const LOGIN = new RegExp(
  `^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:_[A-Za-z0-9]{1,${EMU_SUFFIX_MAX}})?$`
)
// Team slugs are GitHub's lower-cased, hyphenated form of a team name. ASCII only.
const TEAM_SLUG = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/
/** Enterprise teams may be named with GitHub's `ent:` slug prefix. */
const ENTERPRISE_TEAM_PREFIX = /^ent:/i
const NOT_ASCII = /[^\x21-\x7e]/

export type NameKind = 'login' | 'team'

export interface ParseOptions {
  /** Teams are enterprise teams (`enterprise` is set): an `ent:` prefix is accepted and dropped. */
  enterpriseTeams?: boolean
}

export interface ListProblem {
  /** 1-based line in the file, when the list came from a file. */
  line?: number
  /**
   * The entry, as given for an input; for a file only a short sanitized excerpt,
   * and null when the entry does not look like a mistyped login (it is never echoed).
   */
  value: string | null
  /** A predicate that follows the entry: "has a double hyphen", "is longer than ...". */
  reason: string
}

export interface ParsedList {
  /** Lower-cased, duplicates merged, in order of first appearance. */
  names: string[]
  /** The first MAX_PROBLEMS problems. */
  problems: ListProblem[]
  /** How many problems there are in all (more than `problems.length` when capped). */
  problemCount: number
}

/** Problems kept per list; the rest are only counted. */
export const MAX_PROBLEMS = 20

export function isLogin(value: string): boolean {
  return LOGIN.test(value)
}

const NOT_ASCII_REASON =
  'contains a character that is not plain ASCII (a look-alike such as the Kelvin sign "\\u212A" for K, or an invisible character); type it again'

function checkLogin(raw: string): { name: string } | { reason: string } {
  const given = raw.replace(/^@/, '')
  if (LOGIN.test(given)) return { name: given.toLowerCase() }
  if (NOT_ASCII.test(given)) return { reason: NOT_ASCII_REASON }
  const [base = '', ...suffixes] = given.split('_')
  if (base.length > 39) return { reason: `is longer than 39 characters (${base.length})` }
  if (/--/.test(base)) return { reason: 'has a double hyphen' }
  if (/^-|-$/.test(base)) return { reason: 'starts or ends with a hyphen' }
  const suffix = suffixes.length === 1 ? suffixes[0]! : ''
  if (/^[A-Za-z0-9]+$/.test(suffix) && suffix.length > EMU_SUFFIX_MAX)
    return {
      reason: `has a managed-user suffix of ${suffix.length} characters after "_"; the suffix is the enterprise's short code, 1-${EMU_SUFFIX_MAX} letters or digits`
    }
  return {
    reason: `is not a GitHub login (letters, digits and single inner hyphens, up to 39, optionally "_shortcode" for managed users)`
  }
}

function checkTeam(raw: string, options: ParseOptions): { name: string } | { reason: string } {
  if (NOT_ASCII.test(raw)) return { reason: NOT_ASCII_REASON }
  let slug = raw
  if (ENTERPRISE_TEAM_PREFIX.test(raw)) {
    if (!options.enterpriseTeams)
      return {
        reason:
          'names an enterprise team (`ent:` prefix), which needs `enterprise`; for a team of the organization give its slug'
      }
    slug = raw.slice(4)
  }
  return TEAM_SLUG.test(slug)
    ? { name: slug.toLowerCase() }
    : { reason: 'is not a team slug (letters, digits, "-", "_", "."; e.g. "platform-team")' }
}

function check(
  kind: NameKind,
  raw: string,
  options: ParseOptions
): { name: string } | { reason: string } {
  return kind === 'login' ? checkLogin(raw) : checkTeam(raw, options)
}

/** Splits on commas, whitespace and newlines; drops a leading `@` (logins); lower-cases; merges duplicates. */
export function parseNameList(
  text: string,
  kind: NameKind,
  options: ParseOptions = {}
): ParsedList {
  const names = new Set<string>()
  const problems: ListProblem[] = []
  let problemCount = 0
  for (const raw of text.split(/[\s,]+/)) {
    if (!raw) continue
    const checked = check(kind, raw, options)
    if ('name' in checked) names.add(checked.name)
    else if (++problemCount <= MAX_PROBLEMS) problems.push({ value: raw, reason: checked.reason })
  }
  return { names: [...names], problems, problemCount }
}

const EXCERPT_MAX = 20

/**
 * What an error may quote of a file's entry: the entry with every character
 * that is not printable ASCII shown as `?`, and only when it looks like a
 * mistyped login (at most 20 characters, at most two characters that are not
 * login characters, no `=` or `:` as in `KEY=value` or a URL). Otherwise null:
 * a file's lines are not echoed, whatever the file turns out to hold.
 */
export function loginExcerpt(entry: string): string | null {
  const chars = [...entry]
  if (chars.length > EXCERPT_MAX) return null
  const shown = chars.map((c) => (/^[\x21-\x7e]$/.test(c) ? c : '?')).join('')
  if (/[=:]/.test(shown)) return null
  return shown.replace(/[A-Za-z0-9_@-]/g, '').length <= 2 ? shown : null
}

/**
 * A seat list file: logins separated like `users`, `#` starts a comment anywhere
 * on a line, blank lines, CRLF and a byte-order mark are fine. Problems carry
 * their line number, and an excerpt of the entry only where `loginExcerpt` allows.
 */
export function parseLoginFile(content: string): ParsedList {
  const names = new Set<string>()
  const problems: ListProblem[] = []
  let problemCount = 0
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n|\r/)
  lines.forEach((line, index) => {
    const body = line.replace(/#.*$/, '')
    for (const raw of body.split(/[\s,]+/)) {
      if (!raw) continue
      const checked = checkLogin(raw)
      if ('name' in checked) names.add(checked.name)
      else if (++problemCount <= MAX_PROBLEMS)
        problems.push({ line: index + 1, value: loginExcerpt(raw), reason: checked.reason })
    }
  })
  return { names: [...names], problems, problemCount }
}
