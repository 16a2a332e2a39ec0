// The job summary's usage section: GitHub's 28-day usage metrics report next to
// the seats. The report's window stands next to every number (it is GitHub's
// data about the past, not the run's `now`). Pure markdown, capped and escaped
// like the rest of the summary.
import { daysSince, statusOf } from '../domain/activity.js'
import type { RunReport } from '../domain/outcome.js'
import { displayLogin, type Seat } from '../domain/seat.js'
import { summarizeUsage } from '../domain/usage-stats.js'
import type { UsageFeature } from '../domain/usage-row.js'
import type { UsageReport } from '../domain/usage.js'
import { escapeText, formatDays, formatNumber, isoDay, table } from './markdown.js'

const FEATURE_NAMES: Record<UsageFeature, string> = {
  completions: 'Code completions',
  chat: 'Chat (panel and inline)',
  agent: 'Agent (agent mode, agent edits)',
  cli: 'Copilot CLI',
  'code-review': 'Copilot code review'
}

const more = (n: number) => (n > 0 ? `\n\n_…and ${formatNumber(n)} more in the report file._` : '')
const share = (n: number, of: number) =>
  of ? `${formatNumber(Math.round((n / of) * 1000) / 10)}%` : '—'
const login = (s: Seat) => escapeText(displayLogin(s), 60)
const teamsOf = (s: Seat) =>
  s.teams.length ? s.teams.map((t) => escapeText(t, 60)).join(', ') : '—'

/** The window, as the section's headings show it. */
export const usageWindow = (u: UsageReport) => `${escapeText(u.startDay)} – ${escapeText(u.endDay)}`

/** The idle table's "Interactions (28 d)" cell. */
export function interactionsCell(u: UsageReport, seat: Seat): string {
  const i = u.index.get(seat.key)
  return i === undefined ? '—' : formatNumber(u.interactions[i]!)
}

export function usageSection(r: RunReport, max: number): string {
  const u = r.usage
  if (!u || !r.seats) return ''
  const s = summarizeUsage(u, r.seats.seats, r.now, r.inactiveDays)
  const window = usageWindow(u)
  const parts: string[] = [
    `### Copilot usage, ${window}`,
    `_GitHub's usage metrics report of the ${u.scope === 'enterprise' ? 'enterprise' : 'organization'} for the 28 days ${window} (UTC days; GitHub's data can lag by up to three days), joined to the seats by user id, else login. A day is active when the report shows any Copilot use that day. Seat holders: seats not pending cancellation._`
  ]
  const noActive = s.holders - s.active
  const rows: string[][] = [
    ['Seat holders', formatNumber(s.holders), ''],
    ['With at least one active day', formatNumber(s.active), share(s.active, s.holders)],
    [
      'No active day, seat idle by the seats API',
      formatNumber(s.noActiveDay.idle),
      share(s.noActiveDay.idle, s.holders)
    ],
    [
      'No active day, seat not idle',
      formatNumber(s.noActiveDay.notIdle),
      share(s.noActiveDay.notIdle, s.holders)
    ],
    ['Interactions (prompts) of seat holders', formatNumber(s.interactions), ''],
    [
      'Users in the report without a seat here',
      `${formatNumber(u.withoutSeat.users)} (${formatNumber(u.withoutSeat.active)} with an active day)`,
      ''
    ]
  ]
  parts.push(table(['', 'Count', 'Share of seat holders'], rows))
  if (s.holders) {
    parts.push(
      [
        '```mermaid',
        'pie showData',
        `  title Seat holders by use, ${u.startDay} to ${u.endDay}`,
        `  "Active in the report" : ${s.active}`,
        `  "No active day, seat not idle" : ${s.noActiveDay.notIdle}`,
        `  "No active day, idle seat" : ${s.noActiveDay.idle}`,
        '```'
      ].join('\n')
    )
  }
  parts.push(
    `#### Feature adoption, ${window}\n\n${table(
      ['Feature', 'Seat holders who used it', 'Share of seat holders'],
      s.features.map((f) => [
        FEATURE_NAMES[f.feature],
        formatNumber(f.holders),
        share(f.holders, s.holders)
      ])
    )}`
  )
  if (s.ides.length) {
    const ides = s.ides.slice(0, Math.min(max, 30))
    parts.push(
      `#### IDEs, ${window}\n\n${table(
        ['IDE (as GitHub names it)', 'Seat holders who used it', 'Share of seat holders'],
        ides.map((i) => [
          escapeText(i.name, 60),
          formatNumber(i.holders),
          share(i.holders, s.holders)
        ])
      )}${s.ides.length > ides.length ? `\n\n_…and ${formatNumber(s.ides.length - ides.length)} more._` : ''}`
    )
  }
  if (s.credits) {
    const others = u.withoutSeat.credits
      ? ` Users without a seat here used ${formatNumber(u.withoutSeat.credits)} more.`
      : ''
    const top = s.credits.top.length
      ? `\n\n${table(
          ['Login', 'AI credits', 'Active days'],
          s.credits.top.map((t) => [
            escapeText(t.login, 60),
            formatNumber(t.credits),
            formatNumber(t.activeDays)
          ])
        )}`
      : ''
    parts.push(
      `#### AI credits, ${window}\n\nSeat holders used **${formatNumber(s.credits.total)}** AI credits.${others}${top ? ` The ${formatNumber(s.credits.top.length)} biggest users:` : ''}${top}`
    )
  }
  if (s.disagree.length) {
    const list = s.disagree
      .slice(0, max)
      .map((d) => [
        login(d.seat),
        d.latestActivity === null ? 'more than 90 days ago' : isoDay(d.latestActivity),
        escapeText(d.activeDay),
        interactionsCell(u, d.seat)
      ])
    parts.push(
      `#### Signals disagree: idle by the seats API, active in the report (${formatNumber(s.disagree.length)})\n\n_The seats API shows no activity for more than ${r.inactiveDays} days, but the usage report shows Copilot use within them. These seats are never reclaimed while the two disagree._\n\n${table(
        [
          'Login',
          'Latest activity (seats API)',
          'Last active day (usage report)',
          'Interactions (28 d)'
        ],
        list
      )}${more(s.disagree.length - max)}`
    )
  }
  const none = s.noActiveDayList
  if (none.length) {
    const list = none.slice(0, max).map((seat) => {
      const status = statusOf(seat, r.now, r.inactiveDays)
      return [login(seat), status, formatDays(daysSince(seat, r.now)), teamsOf(seat)]
    })
    parts.push(
      `#### Seat holders with no active day, ${window} (${formatNumber(noActive)})\n\n${table(
        ['Login', 'Seat (seats API)', 'Days since latest activity', 'Team'],
        list
      )}${more(none.length - max)}`
    )
  }
  return parts.join('\n\n')
}
