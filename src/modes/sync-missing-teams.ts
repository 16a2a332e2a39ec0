// The listed teams sync did not find, named in its error (which says that,
// with the desired state not known in full, nothing was cancelled).
import type { Skip } from '../domain/outcome.js'

/** The slugs of the teams not found, each in quotes: `"a", "b"`. */
export function quotedMissingTeams(missing: readonly Skip[]): string {
  return missing.map((s) => `"${s.subject.kind === 'team' ? s.subject.slug : ''}"`).join(', ')
}
