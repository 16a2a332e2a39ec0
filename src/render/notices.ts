// `notify: issue` in the job summary and the JSON report: the tracking issue,
// who this run noticed (or would, in a dry run), who is under an earlier notice
// and who is left for the next run. Pure.
import type { NoticedUser, NotifyOutcome } from '../domain/notices.js'
import type { RunReport } from '../domain/outcome.js'
import { escapeText, formatNumber, isoDay, table } from './markdown.js'

const people = (n: number) => `${formatNumber(n)} user${n === 1 ? '' : 's'}`
const dayOr = (ms: number | null, none: string) => (ms === null ? none : isoDay(ms))
const more = (n: number) =>
  n > 0 ? `\n\n_…and ${formatNumber(n)} more in the report file (\`meta.notify\`)._` : ''

function users(list: readonly NoticedUser[], max: number, reclaim: boolean, noticed: boolean) {
  const head = ['Login', 'Latest activity']
  if (noticed) head.push('Noticed')
  if (reclaim) head.push('Reclaimed on or after')
  const rows = list.slice(0, max).map((u) => {
    const cells = [escapeText(u.login, 60), dayOr(u.idleSince, 'more than 90 days ago')]
    if (noticed) cells.push(dayOr(u.noticedAt, '—'))
    if (reclaim) cells.push(dayOr(u.reclaimFrom, '—'))
    return cells
  })
  return table(head, rows) + more(list.length - max)
}

export function noticeSection(r: RunReport, max: number): string {
  const n = r.notify
  if (!n) return ''
  const where = n.issue
    ? `[${escapeText(n.repo, 140)}#${n.issue.number}](${encodeURI(n.issue.url)})`
    : `\`${escapeText(n.repo, 140)}\``
  const out = [`### Notices in the tracking issue (${where})`]
  const points: string[] = []
  if (r.dryRun) {
    points.push(
      n.noticed.length
        ? `Would notice **${people(n.noticed.length)}** in ${formatNumber(n.comments)} comment(s)${n.opened ? ', in a tracking issue it would open' : ''}. Nothing was posted (dry run).`
        : 'Would post no notice: every idle user is under notice already, or nobody is idle.'
    )
  } else {
    if (n.opened) points.push('Opened the tracking issue.')
    points.push(
      n.noticed.length
        ? `Noticed **${people(n.noticed.length)}** in ${formatNumber(n.comments)} comment(s) (at most 50 mentions each).`
        : 'Posted no notice: every idle user is under notice already, or nobody is idle.'
    )
  }
  if (n.underNotice.length) {
    const next = r.reclaim ? n.underNotice.find((u) => u.reclaimFrom !== null)?.reclaimFrom : null
    points.push(
      `**${people(n.underNotice.length)}** under an earlier notice, still idle${next ? `: the next reclaim is on or after ${isoDay(next)}` : ''}.`
    )
  }
  const waiting = r.skipped.filter((s) => s.reason.kind === 'grace').length
  if (waiting) {
    points.push(
      `**${people(waiting)}** idle but not reclaimed yet: a seat is reclaimed only when its user was noticed at least \`grace-days\` ago and is still idle.`
    )
  }
  if (n.deferred) {
    points.push(
      `**${people(n.deferred)}** left for the next run: one run posts at most 100 notice comments (5,000 users), within GitHub's limit on new content.`
    )
  }
  if (!r.reclaim)
    points.push('`reclaim` is off: the notices promise no date, and no seat is reclaimed.')
  out.push(points.map((p) => `- ${p}`).join('\n'))
  if (n.noticed.length) {
    out.push(
      `#### ${r.dryRun ? 'Would notice' : 'Noticed by this run'} (${formatNumber(n.noticed.length)})`,
      users(n.noticed, max, r.reclaim, false)
    )
  }
  if (n.underNotice.length) {
    out.push(
      `#### Under an earlier notice (${formatNumber(n.underNotice.length)})`,
      users(n.underNotice, max, r.reclaim, true)
    )
  }
  return out.join('\n\n')
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
const userJson = (u: NoticedUser) => ({
  login: u.login,
  latest_activity: iso(u.idleSince),
  noticed_at: iso(u.noticedAt),
  reclaim_from: iso(u.reclaimFrom)
})

/** `meta.notify` of the JSON report: every user, where the summary and the issue are capped. */
export function noticeMeta(n: NotifyOutcome) {
  return {
    repo: n.repo,
    issue: n.issue,
    opened: n.opened,
    comments: n.comments,
    deferred: n.deferred,
    noticed: n.noticed.map(userJson),
    under_notice: n.underNotice.map(userJson)
  }
}
