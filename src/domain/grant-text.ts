// The words for one row of a seat at enterprise scope: who grants it, and what
// a person does to remove it. Used by the skip sentences and the summary. Pure.
import type { Grant } from './seat.js'

/** "org acme", "team red of org acme", "enterprise team ent:eng", "the enterprise (direct)". */
export function grantName(g: Grant): string {
  if (g.team !== null) {
    if (g.teamKind === 'enterprise' || g.org === null) return `enterprise team ${g.team}`
    return `team ${g.team} of org ${g.org}`
  }
  return g.org !== null ? `org ${g.org}` : 'the enterprise (direct)'
}

/** What removes the row, as a person would do it. */
export function grantFix(g: Grant): string {
  if (g.team !== null) {
    if (g.teamKind === 'enterprise' || g.org === null) {
      return `remove them from enterprise team ${g.team}, or revoke the team (mode revoke, \`teams: ${g.team}\` with \`enterprise\`)`
    }
    return `remove them from team ${g.team} in org ${g.org}, or revoke that team there (mode revoke, \`org: ${g.org}\`, \`teams: ${g.team}\`)`
  }
  if (g.org !== null) {
    return `cancel it in org ${g.org} (mode revoke with \`org: ${g.org}\`, or audit with \`reclaim\` and \`enterprise\` once they are idle)`
  }
  return 'cancel it at the enterprise (mode revoke with `enterprise`)'
}

/** Rows as one clause: "team red of org acme; enterprise team ent:eng". */
export const grantList = (grants: readonly Grant[]): string => grants.map(grantName).join('; ')
