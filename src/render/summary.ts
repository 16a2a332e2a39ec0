// The job summary a person reads in the Actions UI. Pure: result in, markdown
// out. Every list is capped and every API string escaped, and the whole stays
// under GitHub's 1 MiB limit for any org size.
import { displayLogin, type Seat } from '../domain/seat.js'
import { DIRECT, type SeatStats } from '../domain/stats.js'
import { editorFamily } from '../domain/editor.js'
import { failed, type RunResult } from '../modes/result.js'
import { escapeText, formatMoney, formatNumber, isoDay, table } from './markdown.js'

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

function headline(r: RunResult): string {
  const s = r.stats
  const share = s.total ? `${formatNumber(Math.round((s.idle / s.total) * 1000) / 10)}%` : '0%'
  const rows = [
    ['Total seats', formatNumber(s.total)],
    ['Active', formatNumber(s.active)],
    ['Idle', formatNumber(s.idle)],
    ['Pending cancellation', formatNumber(s.pending)],
    ['Never used', formatNumber(s.neverUsed)],
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

function title(r: RunResult): string {
  const scope = r.enterprise ? `enterprise ${escapeText(r.enterprise)}` : `org ${escapeText(r.org)}`
  const mode = r.mode === 'audit' && r.reclaim ? 'audit (reclaim)' : r.mode
  const flags = [
    r.dryRun ? '**dry run: nothing was changed**' : '',
    r.interrupted ? '**cancelled before it finished**' : ''
  ].filter(Boolean)
  return `## Copilot seats: ${mode}, ${scope}${flags.length ? `\n\n${flags.join(' · ')}` : ''}`
}

/** A read mode that stopped before listing the seats: its zero counts mean nothing. */
const seatsUnread = (r: RunResult) => (r.mode === 'audit' || r.mode === 'report') && r.rows === null

function lead(r: RunResult): string {
  const s = r.stats
  if (seatsUnread(r))
    return '**The seats were not read**: the run stopped before listing them (see the error above).'
  // After a reclaim the seats are counted as read back: the reclaimed ones are pending, no longer idle.
  const still = r.mode === 'audit' && r.reclaim && !r.dryRun && r.cancelled.length > 0
  const idle = `**${formatNumber(s.idle)} ${still ? `seat${s.idle === 1 ? '' : 's'} still idle` : `idle seat${s.idle === 1 ? '' : 's'}`}** (no activity for more than ${r.inactiveDays} days), about **${formatMoney(s.estimatedIdleCost)} a month**.`
  if (r.mode === 'report') return idle
  if (r.mode === 'audit') {
    const points = auditPoints(r)
    return points.length ? `${idle}\n\n${points.map((p) => `- ${p}`).join('\n')}` : idle
  }
  const verb = r.mode === 'assign' ? 'assigned' : 'cancelled'
  const n = (r.mode === 'assign' ? r.assigned : r.cancelled).length
  return r.dryRun
    ? `Would have ${verb} **${formatNumber(n)}** seat(s).`
    : `${verb[0]!.toUpperCase()}${verb.slice(1)} **${formatNumber(n)}** seat(s), as GitHub shows them now.`
}

/** The audit at a glance, in the order a reader needs it: reclaimed, protected, via team, soon idle. */
function auditPoints(r: RunResult): string[] {
  const count = (n: number, what: string) => `${formatNumber(n)} ${what}${n === 1 ? '' : 's'}`
  const out: string[] = []
  if (r.reclaim) {
    const planned = r.planned?.cancels.length ?? 0
    const dates = [
      ...new Set(r.cancelled.map((c) => c.pendingDate).filter((d): d is string => !!d))
    ].sort()
    if (r.cancelled.length && r.dryRun)
      out.push(`Would reclaim **${count(r.cancelled.length, 'seat')}**.`)
    else if (r.cancelled.length)
      out.push(
        `Reclaimed **${count(r.cancelled.length, 'seat')}**${dates.length ? `: pending cancellation, still billed and usable until ${dates.map((d) => escapeText(d)).join(', ')}` : ''}.`
      )
    else if (planned)
      out.push(
        `**${count(planned, 'idle seat')}** could be reclaimed, but none was (see the error above).`
      )
    else out.push('Nothing to reclaim.')
  }
  if (r.protectedUsers.length)
    out.push(
      `**${count(r.protectedUsers.length, 'idle seat')}** protected by \`exclude-users\` or \`exclude-teams\`, not reclaimed.`
    )
  const teams = r.stats.byTeam.filter((t) => t.idle > 0 && t.name !== DIRECT)
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
  const soon = r.stats.soonIdle.length
  if (soon) out.push(`**${count(soon, 'seat')}** turn${soon === 1 ? 's' : ''} idle within 7 days.`)
  return out
}

/** A real run that planned writes but sent none (a breaker tripped, or it stopped first): show the plan. */
function unsentPlan(r: RunResult, max: number): string | null {
  const p = r.planned
  if (!p || r.dryRun || r.writesSent) return null
  const logins = [...p.creates, ...p.cancels]
  const teams = [...p.assignTeams, ...p.cancelTeams]
  if (!logins.length && !teams.length) return null
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

function changes(r: RunResult, max: number): string {
  const unsent = unsentPlan(r, max)
  if (unsent) return unsent
  const out: string[] = []
  const would = r.dryRun ? 'Would ' : ''
  if (r.assigned.length || r.mode === 'assign') {
    const rows = r.assigned
      .slice(0, max)
      .map((c) => [
        escapeText(c.login, 60),
        c.team ? escapeText(c.team, 60) : r.dryRun ? '' : 'direct'
      ])
    out.push(`### ${would}${r.dryRun ? 'assign' : 'Assigned'} (${formatNumber(r.assigned.length)})`)
    out.push(
      rows.length
        ? table(['Login', 'Granted via'], rows) + more(r.assigned.length - max)
        : '_None._'
    )
  }
  if (r.cancelled.length || r.mode === 'revoke' || (r.mode === 'audit' && r.reclaim)) {
    const rows = r.cancelled
      .slice(0, max)
      .map((c) => [
        escapeText(c.login, 60),
        c.pendingDate
          ? `pending until ${escapeText(c.pendingDate)}`
          : r.dryRun
            ? 'would be set to pending'
            : 'accepted (not read back)'
      ])
    out.push(
      `### ${would}${r.dryRun ? 'cancel' : 'Cancelled'} (${formatNumber(r.cancelled.length)})`
    )
    out.push(
      rows.length ? table(['Login', 'State'], rows) + more(r.cancelled.length - max) : '_None._'
    )
    if (r.cancelled.length && !r.dryRun)
      out.push(
        '_Cancelled seats stay billed and usable until their pending date, the start of the next billing cycle._'
      )
  }
  if (r.planned && (r.planned.assignTeams.length || r.planned.cancelTeams.length)) {
    const teams = [...r.planned.assignTeams, ...r.planned.cancelTeams]
      .map((t) => escapeText(t, 60))
      .join(', ')
    out.push(`Teams ${r.dryRun ? 'that would be sent' : 'sent'}: ${teams}.`)
  }
  return out.join('\n\n')
}

function skipped(r: RunResult, max: number): string {
  // The protected list has its own section; the rest (via team, failures) are listed here.
  const shown = new Set(r.protectedUsers.map((p) => p.login))
  const list = r.skipped.filter((s) => s.failed || !shown.has(s.login))
  if (!list.length) return ''
  const sorted = [...list].sort((a, b) => Number(b.failed) - Number(a.failed))
  const rows = sorted
    .slice(0, max)
    .map((s) => [s.failed ? '❌' : '➖', escapeText(s.login, 70), escapeText(s.reason, 300)])
  const nFailed = list.filter((s) => s.failed).length
  return `### Skipped or not changed (${formatNumber(list.length)}${nFailed ? `, ${formatNumber(nFailed)} failed` : ''})\n\n${table(['', 'Login', 'Reason'], rows)}${more(sorted.length - max)}`
}

function idleTable(r: RunResult, max: number): string {
  const list = r.stats.idleList
  if (!list.length)
    return `### Idle seats\n\n_No idle seats (idle: no activity for more than ${r.inactiveDays} days)._`
  const rows = list
    .slice(0, max)
    .map(({ seat, days }) => [login(seat), formatNumber(days), editorOf(seat), teamsOf(seat)])
  return `### Idle seats (${formatNumber(list.length)}), longest idle first\n\n${table(['Login', 'Days since latest activity', 'Last editor', 'Team'], rows)}${more(list.length - max)}`
}

function soonIdle(r: RunResult, max: number): string {
  const list = r.stats.soonIdle
  if (!list.length) return ''
  const rows = list.slice(0, max).map(({ seat, at }) => [login(seat), isoDay(at), teamsOf(seat)])
  return `### Turning idle within 7 days (${formatNumber(list.length)})\n\n${table(['Login', 'Idle from', 'Team'], rows)}${more(list.length - max)}`
}

function idleByTeam(r: RunResult, max: number): string {
  const teams = r.stats.byTeam.filter((t) => t.idle > 0 && t.name !== DIRECT)
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

function breakdowns(r: RunResult, max: number): string {
  const s = r.stats
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

function protectedList(r: RunResult, max: number): string {
  if (!r.protectedUsers.length) return ''
  const rows = r.protectedUsers
    .slice(0, max)
    .map((p) => [escapeText(p.login, 60), escapeText(p.reason, 200)])
  return `### Protected, not reclaimed (${formatNumber(r.protectedUsers.length)})\n\n${table(['Login', 'Why'], rows)}${more(r.protectedUsers.length - max)}`
}

/** Why the step failed, first thing under the title. */
function errors(r: RunResult): string {
  return r.errors.map((e) => `> [!CAUTION]\n> ${escapeText(e, 2000)}`).join('\n\n')
}

function notes(r: RunResult, opts: SummaryOptions): string {
  const lines: string[] = []
  for (const w of r.warnings) lines.push(`> [!WARNING]\n> ${escapeText(w, 1000)}`)
  const when = new Date(r.now).toISOString().replace(/\.\d+Z$/, 'Z')
  const files = opts.reportFiles
    ? ` Full lists: the report files (\`${escapeText(opts.reportFiles.json.split(/[\\/]/).pop() ?? '', 120)}\`, \`${escapeText(opts.reportFiles.csv.split(/[\\/]/).pop() ?? '', 120)}\`).`
    : ''
  lines.push(
    `<sub>As of ${when}; idle means no activity, authentication or new grant for more than ${r.inactiveDays} days. ${formatNumber(r.requests)} API request(s).${files}${failed(r) ? ' The step failed: see the reasons above.' : ''}</sub>`
  )
  return lines.join('\n\n')
}

function render(r: RunResult, opts: SummaryOptions): string {
  const max = opts.maxRows
  if (seatsUnread(r))
    return `${[title(r), errors(r), lead(r), skipped(r, max), notes(r, opts)].filter(Boolean).join('\n\n')}\n`
  const parts = [title(r), errors(r), lead(r), headline(r), pie(r.stats)]
  const writes = r.mode === 'assign' || r.mode === 'revoke' || (r.mode === 'audit' && r.reclaim)
  if (writes) parts.push(changes(r, max))
  if (r.mode === 'audit') parts.push(protectedList(r, max), idleByTeam(r, max), soonIdle(r, max))
  parts.push(skipped(r, max), idleTable(r, max))
  parts.push(breakdowns(r, Math.min(max, 100)), notes(r, opts))
  return `${parts.filter(Boolean).join('\n\n')}\n`
}

/** Renders with `maxRows`, shrinking the lists if the result would still be too big. */
export function renderSummary(result: RunResult, options: Partial<SummaryOptions> = {}): string {
  let maxRows = options.maxRows ?? 500
  for (;;) {
    const md = render(result, { ...options, maxRows })
    if (Buffer.byteLength(md) <= SUMMARY_BUDGET_BYTES || maxRows <= 10) return md
    maxRows = Math.floor(maxRows / 2)
  }
}
