// The pull-request comment: the plan (or outcome) a reviewer reads before
// merging, in the same words as the job summary, found again by later runs
// through a hidden marker. Pure: a run report in, markdown out, always below
// GitHub's 65,536-character limit for a comment.
import { isFailed, type RunReport, type Skip } from '../domain/outcome.js'
import { describeSkip } from '../domain/skip-text.js'
import { escapeText, formatNumber, table } from './markdown.js'
import { renderPlan } from './plan.js'

/** GitHub refuses a comment body over 65,536 characters; stay well below it. */
export const COMMENT_BUDGET_CHARS = 60_000

export interface CommentOptions {
  /** The run's page, where the job summary is; null when the runner did not say. */
  runUrl: string | null
  /** Logins per list before "…and N more" (shrunk until the comment fits). */
  maxRows?: number
}

/**
 * The hidden line a later run finds its comment by: one comment per org or
 * enterprise and mode, so several jobs on one pull request each keep their own.
 */
export function commentMarker(r: Pick<RunReport, 'org' | 'enterprise' | 'mode'>): string {
  const scope = r.enterprise ? `enterprise=${r.enterprise}` : `org=${r.org}`
  return `<!-- copilot-seats:pr-comment ${scope} mode=${r.mode} -->`
}

const chars = (text: string) => [...text].length

function outcome(r: RunReport): string {
  const a = r.applied
  if (!a || r.dryRun || !a.sent) return ''
  const dates = [...new Set(a.cancelled.map((c) => c.pendingDate).filter(Boolean))].sort()
  const parts = [
    `assigned **${formatNumber(a.assigned.length)}**`,
    `cancelled **${formatNumber(a.cancelled.length)}**${dates.length ? ` (pending until ${dates.map((d) => escapeText(d!)).join(', ')})` : ''}`
  ]
  if (a.unconfirmed.length)
    parts.push(`accepted but not confirmed **${formatNumber(a.unconfirmed.length)}**`)
  return `**Done**, as GitHub shows it now: ${parts.join(', ')}.`
}

function attention(r: RunReport, max: number, rest: string): string {
  const failed = r.skipped.filter((s) => s.failed)
  const others = r.skipped.length - failed.length
  const out: string[] = []
  if (failed.length) {
    const name = (s: Skip) =>
      s.subject.kind === 'user'
        ? escapeText(s.subject.login, 60)
        : `team ${escapeText(s.subject.slug, 60)}`
    const rows = failed.slice(0, max).map((s) => [name(s), escapeText(describeSkip(s, r.org), 300)])
    out.push(
      `### Needs attention (${formatNumber(failed.length)})\n\n${table(['Target', 'Why'], rows)}` +
        (failed.length > max ? `\n\n_…and ${formatNumber(failed.length - max)} more ${rest}._` : '')
    )
  }
  if (others)
    out.push(
      `${formatNumber(others)} other target(s) needed no change or were skipped (see the job summary).`
    )
  return out.join('\n\n')
}

function render(r: RunReport, opts: CommentOptions, max: number): string {
  const scope = r.enterprise ? `enterprise ${escapeText(r.enterprise)}` : `org ${escapeText(r.org)}`
  const flags = [
    r.dryRun ? 'dry run: nothing was changed' : '',
    r.interrupted ? 'cancelled before it finished' : ''
  ]
    .filter(Boolean)
    .join(' · ')
  const link = opts.runUrl ? `[job summary](${opts.runUrl})` : 'job summary'
  const rest = `in the ${link}`
  const errors = r.errors
    .slice(0, 3)
    .map((e) => `> [!CAUTION]\n> ${escapeText(e, 1000)}`)
    .join('\n\n')
  const status = isFailed(r)
    ? `❌ **The step failed**${errors ? ':' : '.'}`
    : '✅ **The step passed.**'
  const parts = [
    commentMarker(r),
    `## Copilot seats: ${r.mode}, ${scope}${flags ? ` (${flags})` : ''}`,
    status,
    errors,
    renderPlan(r, { maxRows: max, rest }),
    outcome(r),
    attention(r, max, rest),
    `<sub>Full plan, every seat and the report files: the ${link}. As of ${new Date(r.now).toISOString().replace(/\.\d+Z$/, 'Z')}; later runs update this comment.</sub>`
  ]
  return `${parts.filter(Boolean).join('\n\n')}\n`
}

export function renderPullRequestComment(r: RunReport, opts: CommentOptions): string {
  let max = opts.maxRows ?? 200
  for (;;) {
    const body = render(r, opts, max)
    if (chars(body) <= COMMENT_BUDGET_CHARS) return body
    if (max > 5) {
      max = Math.floor(max / 2)
      continue
    }
    // Still too long (very long errors): cut, keeping the marker and the way to the rest.
    const tail = `\n\n_…cut to fit a comment: the full text is in the ${opts.runUrl ? `[job summary](${opts.runUrl})` : 'job summary'}._\n`
    return [...body].slice(0, COMMENT_BUDGET_CHARS - chars(tail)).join('') + tail
  }
}
