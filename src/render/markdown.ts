// Escaping for text from the API (logins, team names, editor strings) placed
// in the job summary: it must not break a table, start markup or inject HTML.

// Markdown emphasis, links, tables, HTML, math ($), mentions (@) and entities (&).
const SPECIAL = /[\\`*_{}[\]()<>#+!|&~"$@]/g

/** Inline text: every markdown or HTML special character as an entity, one line, bounded. */
export function escapeText(value: string, max = 100): string {
  const flat = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
  return cut.replace(SPECIAL, (c) => `&#${c.charCodeAt(0)};`)
}

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n')
}

export function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 })
}

export function formatMoney(n: number): string {
  return `${n.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} USD`
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}
