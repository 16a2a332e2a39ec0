// The job summary a person reads in the Actions UI. Pure: a run report in,
// markdown out. Every list is capped and every API string escaped, and the
// whole stays under GitHub's 1 MiB limit for any org size.
import { displayLogin, type Seat } from '../domain/seat.js'
import { DIRECT, type SeatStats } from '../domain/stats.js'
import { editorFamily } from '../domain/editor.js'
import { isFailed, type RunReport, type Skip, type Subject } from '../domain/outcome.js'
import { describeSkip } from '../domain/skip-text.js'
import { enterpriseChanges, enterpriseReclaimPoint, grantorSections } from './enterprise-summary.js'
import { escapeText, formatDays, formatMoney, formatNumber, isoDay, table } from './markdown.js'
import { renderPlan } from './plan.js'
import { noticeSection } from './notices.js'
import { interactionsCell, usageSection } from './usage-summary.js'

/** GitHub drops a step summary over 1 MiB; stay well under it. */
export const SUMMARY_BUDGET_BYTES = 900_000

export interface SummaryOptions {
  /** Rows per list before "N more in the report file". */
  maxRows: number
  reportFiles?: { json: string; csv: string }
}

const more = (n: number) => (n > 0 ? `\n\n_…and ${formatNumber(n)} more in the report file._` : '')
const login = (s: Seat) => escapeText(displayLogin(s), 60)
const teamsOf = (s: Seat) =>
  s.teams.length ? s.teams.map((t) => escapeText(t, 60)).join(', ') : '—'
const editorOf = (s: Seat) =>
  s.editor ? `${escapeText(s.editor, 60)} (${editorFamily(s.editor)})` : '—'
const subject = (s: Subject) =>
  s.kind === 'user' ? escapeText(s.login, 70) : `team ${escapeText(s.slug, 70)}`
const count = (n: number, what: string) => `${formatNumber(n)} ${what}${n === 1 ? '' : 's'}`

function headline(s: SeatStats): string {
  const share = s.total ? `${formatNumber(Math.round((s.idle / s.total) * 1000) / 10)}%` : '0%'
  const rows = [
    ['Total seats', formatNumber(s.total)],
    ['Active', formatNumber(s.active)],
    ['Idle', formatNumber(s.idle)],
    ['Pending cancellation', formatNumber(s.pending)],
    ['Never used (granted within 90 days)', formatNumber(s.neverUsed)],
    ['No activity in 90 days (older seats)', formatNumber(s.noActivityIn90Days)],
    ['Idle share', share],
    ['Estimated monthly idle cost', formatMoney(s.estimatedIdleCost)]
  ]
  return table(['', 'Seats'], rows)
}

function pie(s: SeatStats): string {
  if (!s.total) return ''
  return [
    '```mermaid',
    'pie showData',
    '  title Copilot seats',
    `  "Active" : ${s.active}`,
    `  "Idle" : ${s.idle}`,
    `  "Pending cancellation" : ${s.pending}`,
    '```'
  ].join('\n')
}

function title(r: RunReport): string {
  const scope = r.enterprise ? `enterprise ${escapeText(r.enterprise)}` : `org ${escapeText(r.org)}`
  const mode = r.mode === 'audit' && r.reclaim ? 'audit (reclaim)' : r.mode
  const flags = [
    r.dryRun ? '**dry run: nothing was changed**' : '',
    r.interrupted ? '**cancelled before it finished**' : ''
  ].filter(Boolean)
  return `## Copilot seats: ${mode}, ${scope}${flags.length ? `\n\n${flags.join(' · ')}` : ''}`
}

function lead(r: RunReport): string {
  if (!r.seats) {
    return r.mode === 'audit' || r.mode === 'report'
      ? '**The seats were not read**: the run stopped before listing them (see the error above).'
      : ''
  }
  const s = r.seats.stats
  const a = r.applied
  if (r.seats.all) {
    // After a reclaim the seats are counted as read back: the reclaimed ones are pending, no longer idle.
    const still = r.reclaim && !r.dryRun && (a?.cancelled.length ?? 0) > 0
    const idle = `**${formatNumber(s.idle)} ${still ? `seat${s.idle === 1 ? '' : 's'} still idle` : `idle seat${s.idle === 1 ? '' : 's'}`}** (no activity for more than ${r.inactiveDays} days), about **${formatMoney(s.estimatedIdleCost)} a month**.`
    if (r.mode === 'report') return idle
    const points = auditPoints(r)
    return points.length ? `${idle}\n\n${points.map((p) => `- ${p}`).join('\n')}` : idle
  }
  const assign = r.mode === 'assign'
  const n = (assign ? a?.assigned : a?.cancelled)?.length ?? 0
  const verb = assign ? 'assigned' : 'cancelled'
  const unconfirmed = a?.unconfirmed.length
    ? ` GitHub accepted **${formatNumber(a.unconfirmed.length)}** more that could not be read back (accepted, not confirmed).`
    : ''
  return r.dryRun
    ? `Would have ${verb} **${formatNumber(n)}** seat(s).`
    : `${verb[0]!.toUpperCase()}${verb.slice(1)} **${formatNumber(n)}** seat(s), as GitHub shows them now.${unconfirmed}`
}

/** The audit at a glance, in the order a reader needs it: reclaimed, protected, via team, soon idle. */
function auditPoints(r: RunReport): string[] {
  const out: string[] = []
  const a = r.applied
  if (r.reclaim && r.enterpriseOutcome) {
    out.push(enterpriseReclaimPoint(r, r.enterpriseOutcome))
  } else if (r.reclaim) {
    const planned = r.plan?.cancels.length ?? 0
    const cancelled = a?.cancelled ?? []
    const dates = [
      ...new Set(cancelled.map((c) => c.pendingDate).filter((d): d is string => !!d))
    ].sort()
    const unconfirmed = a?.unconfirmed.length ?? 0
    if (cancelled.length && r.dryRun) {
      out.push(`Would reclaim **${count(cancelled.length, 'seat')}**.`)
    } else if (cancelled.length) {
      out.push(
        `Reclaimed **${count(cancelled.length, 'seat')}**${dates.length ? `: pending cancellation, still billed and usable until ${dates.map((d) => escapeText(d)).join(', ')}` : ''}.`
      )
    } else if (planned && !unconfirmed) {
      out.push(
        `**${count(planned, 'idle seat')}** could be reclaimed, but none was (see the error above).`
      )
    } else if (!planned) {
      out.push(
        r.errors.length ? 'Nothing was reclaimed (see the error above).' : 'Nothing to reclaim.'
      )
    }
    if (unconfirmed) {
      out.push(
        `**${count(unconfirmed, 'seat')}** accepted by GitHub but not confirmed (${r.interrupted ? 'the run was cancelled before they were read back' : 'reading them back failed'}): see below.`
      )
    }
  }
  if (r.protectedIdle.length) {
    out.push(
      `**${count(r.protectedIdle.length, 'idle seat')}** protected by \`exclude-users\` or \`exclude-teams\`, not reclaimed.`
    )
  }
  const teams = r.seats!.stats.byTeam.filter((t) => t.idle > 0 && t.name !== DIRECT)
  if (teams.length) {
    const n = teams.reduce((sum, t) => sum + t.idle, 0)
    const names =
      teams
        .slice(0, 5)
        .map((t) => escapeText(t.name, 60))
        .join(', ') + (teams.length > 5 ? ` and ${formatNumber(teams.length - 5)} more` : '')
    out.push(
      `**${count(n, 'idle seat')}** granted through teams (${names}): reclaimed only by removing the users from the team.`
    )
  }
  const soon = r.seats!.stats.soonIdle.length
  if (soon) out.push(`**${count(soon, 'seat')}** turn${soon === 1 ? 's' : ''} idle within 7 days.`)
  return out
}

/** A real run that planned writes but sent none (a breaker tripped, or it stopped first): show the plan. */
function unsentPlan(r: RunReport, max: number): string | null {
  const p = r.plan
  if (!p || r.dryRun || r.applied?.sent) return null
  const logins = [...p.creates, ...p.cancels]
  const teams = [...p.assignTeams, ...p.cancelTeams]
  if (!logins.length && !teams.length) return null
  if (!r.applied?.breaker && !r.interrupted) return null
  const verb = p.creates.length || p.assignTeams.length ? 'assign' : 'cancel'
  const rows = logins.slice(0, max).map((l) => [escapeText(l, 60)])
  const out = [
    `### Planned to ${verb}, not sent (${formatNumber(logins.length)})`,
    '_Nothing was sent: see the error above. This is the plan a run with a higher limit would carry out._'
  ]
  if (rows.length) out.push(table(['Login'], rows) + more(logins.length - max))
  if (teams.length)
    out.push(`Teams that would be sent: ${teams.map((t) => escapeText(t, 60)).join(', ')}.`)
  return out.join('\n\n')
}

function changes(r: RunReport, max: number): string {
  const unsent = unsentPlan(r, max)
  if (unsent) return unsent
  const a = r.applied
  if (!a) return ''
  const out: string[] = []
  const would = r.dryRun ? 'Would ' : ''
  if (a.assigned.length || r.mode === 'assign') {
    const rows = a.assigned
      .slice(0, max)
      .map((c) => [
        escapeText(c.login, 60),
        c.team ? escapeText(c.team, 60) : r.dryRun ? '' : 'direct'
      ])
    out.push(`### ${would}${r.dryRun ? 'assign' : 'Assigned'} (${formatNumber(a.assigned.length)})`)
    out.push(
      rows.length
        ? table(['Login', 'Granted via'], rows) + more(a.assigned.length - max)
        : '_None._'
    )
  }
  // At enterprise scope the cancellations are shown per row and place (enterprise-summary.ts).
  const cancelShown = !!r.enterpriseOutcome?.destinations.length
  if (
    !cancelShown &&
    (a.cancelled.length || r.mode === 'revoke' || (r.mode === 'audit' && r.reclaim))
  ) {
    const rows = a.cancelled
      .slice(0, max)
      .map((c) => [
        escapeText(c.login, 60),
        c.pendingDate
          ? `pending until ${escapeText(c.pendingDate)}`
          : r.dryRun
            ? 'would be set to pending'
            : 'access removed at once'
      ])
    out.push(
      `### ${would}${r.dryRun ? 'cancel' : 'Cancelled'} (${formatNumber(a.cancelled.length)})`
    )
    out.push(
      rows.length ? table(['Login', 'State'], rows) + more(a.cancelled.length - max) : '_None._'
    )
    if (a.cancelled.length && !r.dryRun) {
      out.push(
        '_Cancelled seats stay billed and usable until their pending date, the start of the next billing cycle._'
      )
    }
  }
  if (a.unconfirmed.length) {
    const rows = a.unconfirmed
      .slice(0, max)
      .map((u) => [
        escapeText(u.login, 60),
        u.direction === 'assign' ? 'assign' : 'cancel',
        escapeText(u.why, 300)
      ])
    out.push(`### Accepted by GitHub, not confirmed (${formatNumber(a.unconfirmed.length)})`)
    out.push(
      '_GitHub accepted these changes, but reading them back failed; re-run to confirm them (safe to repeat)._\n\n' +
        table(['Login', 'Change', 'Why not confirmed'], rows) +
        more(a.unconfirmed.length - max)
    )
  }
  const p = r.plan
  if (p && (p.assignTeams.length || p.cancelTeams.length)) {
    const teams = [...p.assignTeams, ...p.cancelTeams].map((t) => escapeText(t, 60)).join(', ')
    out.push(`Teams ${r.dryRun ? 'that would be sent' : 'sent'}: ${teams}.`)
  }
  return out.join('\n\n')
}

function skipped(r: RunReport, max: number): string {
  // The protected list and the notices have their own sections; the rest (via team, failures) are listed here.
  const shown = new Set(r.protectedIdle.map((p) => p.login))
  // So do the seats whose signals disagree (the usage section).
  const list = r.skipped.filter(
    (s) =>
      s.failed ||
      s.subject.kind !== 'user' ||
      (!shown.has(s.subject.login) &&
        s.reason.kind !== 'grace' &&
        !(r.usage && s.reason.kind === 'signals-disagree'))
  )
  if (!list.length) return ''
  const sorted: Skip[] = [...list].sort((a, b) => Number(b.failed) - Number(a.failed))
  const rows = sorted
    .slice(0, max)
    .map((s) => [
      s.failed ? '❌' : '➖',
      subject(s.subject),
      escapeText(describeSkip(s, r.org), 300)
    ])
  const nFailed = list.filter((s) => s.failed).length
  return `### Skipped or not changed (${formatNumber(list.length)}${nFailed ? `, ${formatNumber(nFailed)} failed` : ''})\n\n${table(['', 'Login', 'Reason'], rows)}${more(sorted.length - max)}`
}

function idleTable(r: RunReport, max: number): string {
  const list = r.seats!.stats.idleList
  if (!list.length) {
    return `### Idle seats\n\n_No idle seats (idle: no activity for more than ${r.inactiveDays} days)._`
  }
  const usage = r.usage
  const rows = list
    .slice(0, max)
    .map(({ seat, days }) => [
      login(seat),
      formatDays(days),
      editorOf(seat),
      teamsOf(seat),
      ...(usage ? [interactionsCell(usage, seat)] : [])
    ])
  const headers = ['Login', 'Days since latest activity', 'Last editor', 'Team']
  if (usage) headers.push('Interactions (28 d)')
  return `### Idle seats (${formatNumber(list.length)}), longest idle first\n\n${table(headers, rows)}${more(list.length - max)}\n\n_GitHub keeps activity for 90 days: "> 90" means no activity GitHub still holds._`
}

function soonIdle(r: RunReport, max: number): string {
  const list = r.seats!.stats.soonIdle
  if (!list.length) return ''
  const rows = list.slice(0, max).map(({ seat, at }) => [login(seat), isoDay(at), teamsOf(seat)])
  return `### Turning idle within 7 days (${formatNumber(list.length)})\n\n${table(['Login', 'Idle from', 'Team'], rows)}${more(list.length - max)}`
}

function idleByTeam(r: RunReport, max: number): string {
  const teams = r.seats!.stats.byTeam.filter((t) => t.idle > 0 && t.name !== DIRECT)
  if (!teams.length) return ''
  const rows = teams
    .slice(0, max)
    .map((t) => [
      escapeText(t.name, 60),
      formatNumber(t.idle),
      `Remove idle members from team ${escapeText(t.name, 60)} to reclaim them`
    ])
  return `### Idle seats granted through teams\n\nThese cannot be cancelled per user; they are reclaimed by removing the user from the team.\n\n${table(['Team', 'Idle seats', 'How to reclaim'], rows)}${more(teams.length - max)}`
}

function breakdowns(r: RunReport, max: number): string {
  const s = r.seats!.stats
  if (!s.total) return ''
  const editors = table(
    ['Editor family', 'Seats', 'Idle'],
    s.byEditor.map((e) => [e.name, formatNumber(e.total), formatNumber(e.idle)])
  )
  const teams = table(
    ['Team', 'Seats', 'Idle'],
    s.byTeam
      .slice(0, max)
      .map((t) => [
        t.name === DIRECT ? '_direct (no team)_' : escapeText(t.name, 60),
        formatNumber(t.total),
        formatNumber(t.idle)
      ])
  )
  return `### By editor family\n\n${editors}\n\n### By team\n\n${teams}${more(s.byTeam.length - max)}`
}

function protectedList(r: RunReport, max: number): string {
  if (!r.protectedIdle.length) return ''
  const rows = r.protectedIdle
    .slice(0, max)
    .map((p) => [
      escapeText(p.login, 60),
      p.by.kind === 'exclude-users'
        ? 'in exclude-users'
        : `member of protected team ${escapeText(p.by.team, 60)}`
    ])
  return `### Protected, not reclaimed (${formatNumber(r.protectedIdle.length)})\n\n${table(['Login', 'Why'], rows)}${more(r.protectedIdle.length - max)}`
}

/** Why the step failed, first thing under the title. */
function errors(r: RunReport): string {
  return r.errors.map((e) => `> [!CAUTION]\n> ${escapeText(e, 2000)}`).join('\n\n')
}

function notes(r: RunReport, opts: SummaryOptions): string {
  const lines: string[] = []
  for (const w of r.warnings) lines.push(`> [!WARNING]\n> ${escapeText(w, 1000)}`)
  const when = new Date(r.now).toISOString().replace(/\.\d+Z$/, 'Z')
  const name = (p: string) => escapeText(p.split(/[\\/]/).pop() ?? '', 120)
  const files = opts.reportFiles
    ? ` Full lists: the report files (\`${name(opts.reportFiles.json)}\`, \`${name(opts.reportFiles.csv)}\`).`
    : ''
  lines.push(
    `<sub>As of ${when}; idle means no activity, authentication or new grant for more than ${r.inactiveDays} days. ${formatNumber(r.requests)} API request(s).${files}${isFailed(r) ? ' The step failed: see the reasons above.' : ''}</sub>`
  )
  return lines.join('\n\n')
}

/**
 * sync leads with its plan (the text its pull-request comment shows too); what was
 * sent follows, as read back. Other modes lead as before.
 */
function leadAndChanges(r: RunReport, max: number): [string, string] {
  if (r.mode !== 'sync') return [lead(r), changes(r, max)]
  const plan = renderPlan(r, { maxRows: max, rest: 'in the report file' })
  return [plan, r.applied?.sent ? changes(r, max) : '']
}

function render(r: RunReport, opts: SummaryOptions): string {
  const max = opts.maxRows
  const [first, done] = leadAndChanges(r, max)
  if (!r.seats) {
    return `${[title(r), errors(r), first, done, skipped(r, max), notes(r, opts)].filter(Boolean).join('\n\n')}\n`
  }
  const parts = [title(r), errors(r), first, headline(r.seats.stats), pie(r.seats.stats)]
  parts.push(done, enterpriseChanges(r, max), noticeSection(r, max))
  if (r.mode === 'audit') parts.push(protectedList(r, max), idleByTeam(r, max), soonIdle(r, max))
  parts.push(skipped(r, max), idleTable(r, max), usageSection(r, max))
  parts.push(breakdowns(r, Math.min(max, 100)), grantorSections(r, Math.min(max, 100)))
  parts.push(notes(r, opts))
  return `${parts.filter(Boolean).join('\n\n')}\n`
}

/** Renders with `maxRows`, shrinking the lists if the result would still be too big. */
export function renderSummary(report: RunReport, options: Partial<SummaryOptions> = {}): string {
  let maxRows = options.maxRows ?? 500
  for (;;) {
    const md = render(report, { ...options, maxRows })
    if (Buffer.byteLength(md) <= SUMMARY_BUDGET_BYTES || maxRows <= 10) return md
    maxRows = Math.floor(maxRows / 2)
  }
}
