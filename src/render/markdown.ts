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

/**
 * What `n.toLocaleString('en-US', { maximumFractionDigits: 2 })` writes (ICU
 * rounds the shortest decimal form half away from zero), without Intl: the first
 * Intl number format loads ICU data, 25-50 ms of a cold start.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21)
    return n.toLocaleString('en-US', { maximumFractionDigits: 2 })
  const text = String(Math.abs(n))
  let [whole = '0', fraction = ''] = text.includes('e') ? ['0', ''] : text.split('.')
  if (fraction.length > 2) {
    const up = fraction.charCodeAt(2) >= 53 // '5'
    fraction = fraction.slice(0, 2)
    if (up) {
      const digits = (BigInt(whole + fraction) + 1n).toString().padStart(3, '0')
      whole = digits.slice(0, -2)
      fraction = digits.slice(-2)
    }
  }
  fraction = fraction.replace(/0+$/, '')
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',')
  const sign = n < 0 || Object.is(n, -0) ? '-' : ''
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`
}

export function formatMoney(n: number): string {
  return `${formatNumber(n)} USD`
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}
