// Parsing of the login and team lists that `users`, `teams`, `exclude-*` and
// `users-file` share. Pure: strings in, normalised names or located errors out.

// Letters, digits and single inner hyphens, 1-39 characters; Enterprise Managed
// Users add `_shortcode` after that.
const LOGIN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}(?:_[a-z0-9]+)?$/
// Team slugs are GitHub's lower-cased, hyphenated form of a team name.
const TEAM_SLUG = /^[a-z0-9](?:[a-z0-9_.-]{0,254})$/

export type NameKind = 'login' | 'team'

export interface ListProblem {
  /** 1-based line in the file, when the list came from a file. */
  line?: number
  value: string
  reason: string
}

export function isLogin(value: string): boolean {
  return LOGIN.test(value.toLowerCase())
}

function check(kind: NameKind, raw: string): { name?: string; reason?: string } {
  const name = (kind === 'login' ? raw.replace(/^@/, '') : raw).toLowerCase()
  if (kind === 'team') {
    return TEAM_SLUG.test(name)
      ? { name }
      : { reason: 'not a team slug (letters, digits, "-", "_", "." ; e.g. "platform-team")' }
  }
  const base = name.split('_')[0] ?? ''
  if (base.length > 39) return { reason: `longer than 39 characters (${base.length})` }
  if (LOGIN.test(name)) return { name }
  if (/--/.test(base)) return { reason: 'has a double hyphen' }
  if (/^-|-$/.test(base)) return { reason: 'starts or ends with a hyphen' }
  return {
    reason:
      'not a GitHub login (letters, digits and single inner hyphens, optionally "_shortcode" for managed users)'
  }
}

/** Splits on commas, whitespace and newlines; drops a leading `@`; lower-cases; merges duplicates. */
export function parseNameList(
  text: string,
  kind: NameKind
): { names: string[]; problems: ListProblem[] } {
  const names = new Set<string>()
  const problems: ListProblem[] = []
  for (const raw of text.split(/[\s,]+/)) {
    if (!raw) continue
    const { name, reason } = check(kind, raw)
    if (name) names.add(name)
    else problems.push({ value: raw, reason: reason ?? 'invalid' })
  }
  return { names: [...names], problems }
}

/**
 * A seat list file: logins separated like `users`, `#` starts a comment anywhere
 * on a line, blank lines, CRLF and a byte-order mark are fine. Problems carry
 * their line number so the error can point at it.
 */
export function parseLoginFile(content: string): { names: string[]; problems: ListProblem[] } {
  const names = new Set<string>()
  const problems: ListProblem[] = []
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n|\r/)
  lines.forEach((line, index) => {
    const body = line.replace(/#.*$/, '')
    const parsed = parseNameList(body, 'login')
    for (const n of parsed.names) names.add(n)
    for (const p of parsed.problems) problems.push({ ...p, line: index + 1 })
  })
  return { names: [...names], problems }
}
