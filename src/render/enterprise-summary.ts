// The job summary's enterprise sections: rows per granting org and enterprise
// team, what was cancelled where, and who still holds access afterwards, through
// which org or team and what removes it. Pure: a run report in, markdown out.
import type { DestinationOutcome, EnterpriseOutcome } from '../domain/enterprise-outcome.js'
import { grantorBreakdown, type GrantorCount } from '../domain/grant-stats.js'
import { grantFix, grantName } from '../domain/grant-text.js'
import type { RunReport } from '../domain/outcome.js'
import { destinationName } from '../domain/routing.js'
import { describeSkip } from '../domain/skip-text.js'
import { escapeText, formatNumber, table } from './markdown.js'

const more = (n: number) => (n > 0 ? `\n\n_…and ${formatNumber(n)} more in the report file._` : '')
const plural = (n: number, what: string) => `${formatNumber(n)} ${what}${n === 1 ? '' : 's'}`

const where = (d: DestinationOutcome) => escapeText(destinationName(d.at), 80)

/** The audit's reclaim line at enterprise scope: users worked on, seats freed. */
export function enterpriseReclaimPoint(r: RunReport, o: EnterpriseOutcome): string {
  const rows = o.destinations.reduce((n, d) => n + d.cancelled.length, 0)
  const places = o.destinations.filter((d) => d.cancelled.length).length
  const kept = o.remaining.length
  if (!o.users) return 'Nothing to reclaim.'
  if (!rows) {
    return r.applied?.breaker
      ? `**${plural(o.users, 'idle user')}** could be reclaimed, but none was (see the error above).`
      : `**${plural(o.users, 'idle user')}** to reclaim, but no row was cancelled (see below).`
  }
  const verb = r.dryRun ? 'Would cancel' : 'Cancelled'
  const freed = r.dryRun ? 'would be freed' : 'freed'
  return `${verb} **${plural(rows, 'row')}** in ${plural(places, 'place')}: **${plural(o.seatsFreed, 'seat')} ${freed}** (users left with no live row) of ${plural(o.users, 'idle user')}${kept ? `; ${formatNumber(kept)} still hold access (see "Still holding access")` : ''}.`
}

function destinationTable(r: RunReport, o: EnterpriseOutcome): string {
  const rows = o.destinations.map((d) => {
    const cancelled = d.cancelled.length
    const notDone = d.planned.length - cancelled
    const note = d.problem
      ? `❌ ${escapeText(d.problem, 300)}`
      : notDone > 0 && !r.applied?.breaker
        ? 'see "Skipped or not changed"'
        : ''
    return [
      where(d),
      formatNumber(d.planned.length),
      formatNumber(cancelled),
      formatNumber(notDone),
      note
    ]
  })
  const verb = r.dryRun ? 'Would cancel' : 'Cancelled'
  return table(
    ['Where', 'Rows planned', r.dryRun ? 'Would cancel' : 'Cancelled', 'Not cancelled', ''],
    rows
  ).replace(/^/, `### ${verb} where\n\n`)
}

function cancelledRows(r: RunReport, o: EnterpriseOutcome, max: number): string {
  const list = o.destinations.flatMap((d) => d.cancelled.map((c) => ({ d, c })))
  if (!list.length) return ''
  const rows = list
    .slice(0, max)
    .map(({ d, c }) => [
      escapeText(c.login, 60),
      c.teams.length
        ? `${where(d)}, team ${c.teams.map((t) => escapeText(t, 60)).join(', ')}`
        : where(d),
      c.pendingDate
        ? `pending until ${escapeText(c.pendingDate)}`
        : r.dryRun
          ? 'would be cancelled'
          : 'access removed at once'
    ])
  const note = r.dryRun
    ? ''
    : '\n\n_A row pending cancellation stays billed and usable until its date, the start of the next billing cycle; an enterprise unassign may end access at once._'
  return `#### ${r.dryRun ? 'Rows that would be cancelled' : 'Cancelled rows'} (${formatNumber(list.length)})\n\n${table(['Login', 'Where', 'State'], rows)}${more(list.length - max)}${note}`
}

function remaining(r: RunReport, o: EnterpriseOutcome, max: number): string {
  if (!o.remaining.length) return ''
  const lines = o.remaining.flatMap((u) =>
    u.grants.map((g) => [
      escapeText(u.login, 60),
      escapeText(grantName(g.grant), 100),
      escapeText(
        g.reason
          ? describeSkip(
              { subject: { kind: 'user', login: u.login }, reason: g.reason, failed: true },
              r.org
            )
          : grantFix(g.grant),
        400
      )
    ])
  )
  const after = r.mode === 'revoke' ? 'the revoke' : 'this run'
  return `### Still holding access after ${r.dryRun ? 'a real run' : after} (${formatNumber(o.remaining.length)})\n\nThese users keep Copilot through the rows below; each row says why it was not cancelled, or what removes it.\n\n${table(['Login', 'Through', 'Why it remains / what removes it'], lines.slice(0, max))}${more(lines.length - max)}`
}

/** What an enterprise-scope write run did where, and what remains; '' for other runs. */
export function enterpriseChanges(r: RunReport, max: number): string {
  const o = r.enterpriseOutcome
  if (!o || !o.destinations.length) return ''
  // A sync that cancels no row has nothing to show here: its plan says what it assigned.
  if (r.mode === 'sync' && !o.destinations.some((d) => d.planned.length || d.cancelled.length))
    return ''
  const parts = [destinationTable(r, o)]
  if (r.mode !== 'audit') {
    const freed = r.dryRun ? 'would be freed' : 'freed'
    parts.push(
      `**${plural(o.seatsFreed, 'seat')} ${freed}** (users left with no live row) of ${plural(o.users, 'user')} the run worked on.`
    )
  }
  parts.push(cancelledRows(r, o, max), remaining(r, o, max))
  return parts.filter(Boolean).join('\n\n')
}

function grantorTable(
  head: string,
  list: readonly GrantorCount[],
  max: number,
  viaTeam: boolean
): string {
  const rows = list
    .slice(0, max)
    .map((g) => [
      escapeText(g.name, 60),
      formatNumber(g.rows),
      ...(viaTeam ? [formatNumber(g.viaTeam)] : []),
      formatNumber(g.idle),
      formatNumber(g.pending)
    ])
  return (
    table(
      [head, 'Rows', ...(viaTeam ? ['Via org teams'] : []), "Idle users' rows", 'Pending'],
      rows
    ) + more(list.length - max)
  )
}

/** Rows per granting org and enterprise team, for a run that read the enterprise listing. */
export function grantorSections(r: RunReport, max: number): string {
  if (!r.enterprise || !r.seats?.all || !r.seats.seats.length) return ''
  const b = grantorBreakdown(r.seats.seats, r.now, r.inactiveDays)
  const out: string[] = []
  if (b.byOrg.length)
    out.push(`### By organization\n\n${grantorTable('Organization', b.byOrg, max, true)}`)
  if (b.byEnterpriseTeam.length) {
    out.push(
      `### By enterprise team\n\n${grantorTable('Enterprise team', b.byEnterpriseTeam, max, false)}`
    )
  }
  if (b.direct.rows) {
    out.push(
      `Enterprise-direct rows (neither org nor team): ${formatNumber(b.direct.rows)}; idle users' rows ${formatNumber(b.direct.idle)}, pending ${formatNumber(b.direct.pending)}.`
    )
  }
  if (out.length) {
    out.push(
      '_A user has one row per granting org or enterprise team; a user idle in every row counts as idle in each of their live rows._'
    )
  }
  return out.join('\n\n')
}
