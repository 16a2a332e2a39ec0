// The plan as a reviewer reads it in ten seconds: how many seats are added,
// restored and cancelled, the team writes, what that does to the monthly bill,
// then the lists, capped. The job summary and the pull-request comment show
// the same text. Pure.
import type { PlanDigest, RunReport } from '../domain/outcome.js'
import { escapeText, formatMoney, formatNumber, table } from './markdown.js'

export interface PlanTextOptions {
  /** Logins per list before "…and N more". */
  maxRows: number
  /** Where the rest of a capped list is, e.g. "in the report file". */
  rest: string
}

const signed = (n: number) => (n > 0 ? `+${formatNumber(n)}` : n < 0 ? `-${formatNumber(-n)}` : '0')
const usd = (n: number) => (n > 0 ? `+${formatMoney(n)}` : n < 0 ? `-${formatMoney(-n)}` : '0 USD')
const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatNumber(n)} ${n === 1 ? one : many}`

/** Logins, escaped and capped: "a, b, _…and 3 more in the report file_". */
function capped(logins: readonly string[], opts: PlanTextOptions): string {
  const shown = logins.slice(0, opts.maxRows).map((l) => escapeText(l, 60))
  const rest = logins.length - shown.length
  return `${shown.join(', ')}${rest > 0 ? `, _…and ${formatNumber(rest)} more ${opts.rest}_` : ''}`
}

function list(title: string, logins: readonly string[], opts: PlanTextOptions): string {
  if (!logins.length) return ''
  return `**${title} (${formatNumber(logins.length)}):** ${capped(logins, opts)}`
}

function teams(d: PlanDigest, opts: PlanTextOptions): string {
  const out = [
    ...d.assignTeams.map(
      (t) => `assign ${escapeText(t.slug, 60)} (${plural(t.members, 'member')} seated through it)`
    ),
    ...d.removeTeams.map(
      (t) => `remove ${escapeText(t.slug, 60)} (${plural(t.members, 'seat')} cancelled)`
    )
  ]
  if (!out.length) return ''
  const rest = out.length - opts.maxRows
  return `Teams: ${out.slice(0, opts.maxRows).join('; ')}${rest > 0 ? `; _…and ${formatNumber(rest)} more ${opts.rest}_` : ''}.`
}

/** One line of counts, for a headline. */
export function planCounts(d: PlanDigest): string {
  const parts = [
    `${formatNumber(d.adds.length)} new`,
    `${formatNumber(d.restores.length)} restored`,
    `${formatNumber(d.cancels.length)} cancelled`
  ]
  const t = d.assignTeams.length + d.removeTeams.length
  if (t) parts.push(plural(t, 'team change'))
  return parts.join(', ')
}

export function renderPlan(r: RunReport, opts: PlanTextOptions): string {
  const d = r.digest
  if (!d) return ''
  const b = d.billing
  const would = r.dryRun || !r.applied?.sent
  // A cancelled user who keeps another row (enterprise scope) is still a seat on the bill.
  const net = d.adds.length + d.restores.length - d.cancels.length + d.heldElsewhere.length
  const rows = [
    ['New seats', formatNumber(d.adds.length), usd(b.created)],
    ['Restored (were pending cancellation)', formatNumber(d.restores.length), usd(b.restored)],
    ['Cancelled (set to pending cancellation)', formatNumber(d.cancels.length), usd(-b.cancelled)],
    ['**Net change**', `**${signed(net)}**`, `**${usd(b.net)} a month**`]
  ]
  const notes: string[] = []
  if (d.keeps.length) {
    notes.push(
      r.enterprise
        ? `${plural(d.keeps.length, 'seat')} kept: held through an org or an enterprise team that is removed, now granted by the enterprise too, directly or through a listed enterprise team (no billing change: GitHub bills a user once across the enterprise; the new row starts a new idle period).`
        : `${plural(d.keeps.length, 'seat')} kept: held through a team that is removed, now granted directly or through a listed team (no billing change).`
    )
  }
  if (d.heldElsewhere.length) {
    notes.push(
      `${plural(d.heldElsewhere.length, 'cancelled user')} keep${d.heldElsewhere.length === 1 ? 's' : ''} access through another row (an org's, which sync at enterprise scope never changes, or an enterprise team's it keeps), so their seat stays on the bill (not priced as cancelled; see "Still holding access"): ${capped(d.heldElsewhere, opts)}.`
    )
  }
  const t = teams(d, opts)
  if (t) notes.push(t)
  if (d.cancels.length) {
    notes.push(
      'Cancelled seats stay billed, and usable, until their pending cancellation date (the start of the next billing cycle): the saving starts then.'
    )
  }
  if (b.fallback) {
    notes.push(
      `${plural(b.fallback, 'seat')} of unknown plan priced as Copilot Business (19 USD); set \`seat-cost\` for an exact figure.`
    )
  }
  const lists = [
    list('New seats', d.adds, opts),
    list('Restored', d.restores, opts),
    list('Cancelled', d.cancels, opts),
    list('Kept', d.keeps, opts)
  ].filter(Boolean)
  const nothing = !d.adds.length && !d.restores.length && !d.cancels.length && !d.keeps.length
  const head = `### ${would ? 'Plan' : 'Plan, as sent'}: ${planCounts(d)}`
  if (nothing && !t) return `${head}\n\nNothing to change: the seats match the desired state.`
  return [head, table(['Change', 'Seats', 'Per month'], rows), ...notes, ...lists].join('\n\n')
}
