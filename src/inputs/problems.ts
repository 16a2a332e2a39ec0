// How input errors are worded: one Problem per finding, values quoted short
// and printable.
import type { ListProblem } from '../login-list.js'
import type { InputName } from './names.js'

export interface Problem {
  input: InputName
  message: string
}

/**
 * A value as an error quotes it: JSON-quoted, at most 60 characters, and every
 * character outside printable ASCII escaped (`\u212A`), so a look-alike or an
 * invisible character shows as what it is.
 */
export function show(value: string): string {
  const short = value.length > 60 ? `${value.slice(0, 57)}...` : value
  return JSON.stringify(short).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
  )
}

/** "a, b and c" */
export function listOf(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

/** Entries quoted per list; the count of the rest follows. */
const SHOWN = 5

/**
 * One Problem for a list's bad entries (at most five named, then how many
 * more), or none. `file` names the file for located problems; an entry without
 * a value (a file's line that is not quoted) is described, never shown.
 */
export function listProblems(
  input: InputName,
  parsed: { problems: ListProblem[]; problemCount: number },
  file?: string
): Problem[] {
  if (!parsed.problemCount) return []
  const shown = parsed.problems
    .slice(0, SHOWN)
    .map(
      (p) =>
        (p.line !== undefined ? `line ${p.line} of ${file ?? 'the file'}: ` : '') +
        (p.value === null ? `an entry (not shown) ${p.reason}` : `${show(p.value)} ${p.reason}`)
    )
  const more = parsed.problemCount - shown.length
  return [{ input, message: shown.join('; ') + (more > 0 ? ` (and ${more} more)` : '') }]
}
