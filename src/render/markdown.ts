// Escaping for text from the API (logins, team names, editor strings, GitHub's
// messages) placed in the job summary or a comment: it must not break a table,
// start markup, inject HTML, mention anyone or become a link.

// Markdown emphasis, links, tables, HTML, math ($), mentions (@) and entities (&).
const SPECIAL = /[\\`*_{}[\]()<>#+!|&~"$@]/g
// What GitHub's autolinker starts a link at: a scheme's "://", "www." and the "@" of an address.
const AUTOLINK = /(:)(?=\/\/)|(www)(?=\.)|(@)/gi
const ZWSP = '\u200b'

// Control characters (new lines among them) would end a table row or a line of markup.
// eslint-disable-next-line no-control-regex
const flatten = (value: string) => value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()

function cut(value: string, max: number): string {
  const flat = flatten(value)
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/**
 * Inline text: every markdown or HTML special character as an entity, one line,
 * bounded. An invisible zero-width space breaks what the autolinker would link
 * (entities are decoded before it looks), so `https://x` and `www.x` stay text.
 */
export function escapeText(value: string, max = 100): string {
  return cut(value, max)
    .replace(AUTOLINK, (m) => m + ZWSP)
    .replace(SPECIAL, (c) => `&#${c.charCodeAt(0)};`)
}

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n')
}

export function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 })
}

export function formatMoney(n: number): string {
  return `${formatNumber(n)} USD`
}

/** Days since the latest activity; GitHub keeps 90 days, so an unknown or longer time is "> 90". */
export function formatDays(days: number | null): string {
  return days === null ? '&gt; 90' : formatNumber(days)
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}
