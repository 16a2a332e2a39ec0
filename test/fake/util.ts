// Shared helpers for the fake's own tests.
export const NOW = new Date('2026-11-23T12:00:00Z')

export interface Res {
  status: number
  headers: Headers
  json: any
  text: string
}

export function client(base: string, token: string | null = 'tok') {
  return async function call(
    method: string,
    path: string,
    body?: unknown,
    init: RequestInit = {}
  ): Promise<Res> {
    const headers: Record<string, string> = { accept: 'application/vnd.github+json' }
    if (token) headers.authorization = `token ${token}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    const r = await fetch(base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      ...init
    })
    const text = await r.text()
    let json: any
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    return { status: r.status, headers: r.headers, json, text }
  }
}

/** Parses a Link header into { rel: url }, asserting GitHub's `<url>; rel="x"` shape. */
export function parseLink(link: string | null): Record<string, string> {
  const out: Record<string, string> = {}
  if (!link) return out
  for (const part of link.split(', ')) {
    const m = /^<([^<>]+)>; rel="(\w+)"$/.exec(part)
    if (!m) throw new Error(`bad link part: ${part}`)
    out[m[2]!] = m[1]!
  }
  return out
}

export function relOrder(link: string | null): string[] {
  return link ? [...link.matchAll(/rel="(\w+)"/g)].map((m) => m[1]!) : []
}
