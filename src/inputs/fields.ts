// zod schemas of the single-value inputs: a trimmed string in (the default
// already filled in), a typed value or one message out.
import { z } from 'zod'
import { MODES } from './names.js'
import { show } from './problems.js'

// Exactly core.getBooleanInput's YAML 1.2 core-schema spellings.
const BOOL = ['true', 'True', 'TRUE', 'false', 'False', 'FALSE'] as const
const isBool = (v: string): v is (typeof BOOL)[number] => (BOOL as readonly string[]).includes(v)
const bool = z
  .string()
  .refine(isBool, {
    error: (i) => `got ${show(String(i.input))}; allowed: true, True, TRUE, false, False or FALSE`
  })
  .transform((v) => v.toLowerCase() === 'true')

/** A string of digits as an error quotes it: as is, or its start and length when long. */
const digits = (v: string) => (v.length > 20 ? `${v.slice(0, 17)}... (${v.length} digits)` : v)

const int = (min: number, max: number, why = '') =>
  z
    .string()
    .regex(/^\d+$/, {
      error: (i) => `got ${show(String(i.input))}; allowed: a whole number from ${min} to ${max}`
    })
    .refine((v) => Number(v) >= min, {
      abort: true,
      error: (i) => `got ${digits(String(i.input))}; allowed: a whole number from ${min} to ${max}`
    })
    .refine((v) => Number(v) <= max, {
      error: (i) =>
        `got ${digits(String(i.input))}; allowed: a whole number from ${min} to ${max}${why}`
    })
    .transform(Number)

/** The highest `seat-cost` accepted: a seat's monthly price, not a typo's 400 digits. */
export const SEAT_COST_MAX = 100_000
const SEAT_COST_ALLOWED = `empty (price by plan) or a number from 0 to ${SEAT_COST_MAX} with at most 2 decimals, such as 19 or 39.5`
const seatCost = z
  .string()
  .refine((v) => v === '' || (/^\d+(\.\d{1,2})?$/.test(v) && Number(v) <= SEAT_COST_MAX), {
    error: (i) => `got ${show(String(i.input))}; allowed: ${SEAT_COST_ALLOWED}`
  })
  .transform((v) => (v === '' ? null : Number(v)))

const SLUG = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/
const ENTERPRISE_SLUG = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,59}$/

/** GitHub's 90-day activity retention (SPEC, Definitions): why `inactive-days` stops at 90. */
export const RETENTION_DAYS = 90
const RETENTION_WHY = `. GitHub keeps a seat's activity for ${RETENTION_DAYS} days only (last_activity_at becomes null after ${RETENTION_DAYS} days without activity), so a longer idle period cannot be measured`

export type UsageMetrics = 'auto' | 'true' | 'false'
export const NOTIFY = ['none', 'issue'] as const
export type Notify = (typeof NOTIFY)[number]

export interface RepoRef {
  owner: string
  name: string
}

const REPO = /^([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})\/([A-Za-z0-9._-]{1,100})$/

/** `owner/name`, or null when it is not one. */
export function parseRepo(value: string): RepoRef | null {
  const m = REPO.exec(value)
  if (!m || m[2] === '.' || m[2] === '..') return null
  return { owner: m[1]!, name: m[2]! }
}

/**
 * An absolute http(s) URL without credentials, query or fragment, with its
 * trailing slashes removed (`https://api.github.com/` would make `//orgs/...`
 * requests); null when it is not one.
 */
export function normalizeApiUrl(value: string): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  if (url.username || url.password || url.search || url.hash) return null
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

export const fieldSchemas = {
  mode: z.enum(MODES, {
    error: (i) => `got ${show(String(i.input))}; allowed: assign, revoke, sync, audit or report`
  }),
  token: z.string().min(1, {
    error:
      'is empty; allowed: a PAT (classic: manage_billing:copilot and read:org) or a GitHub App token with "GitHub Copilot Business" and "Members" permissions. GITHUB_TOKEN cannot manage Copilot seats.'
  }),
  org: z
    .string()
    .regex(SLUG, {
      error: (i) =>
        `got ${show(String(i.input))}; allowed: an organization login (letters, digits, single inner hyphens)`
    })
    .transform((s) => s.toLowerCase()),
  'github-api-url': z
    .string()
    .refine((v) => normalizeApiUrl(v) !== null, {
      error: (i) => {
        const v = String(i.input)
        // A URL with a user, password or query may carry a secret: never quote it.
        const given = /[@?]/.test(v) ? 'a URL with a user name, password or query' : show(v)
        return `got ${given}; allowed: an absolute http(s) URL of the REST API without user, query or fragment, e.g. https://api.github.com or https://api.SUBDOMAIN.ghe.com`
      }
    })
    .transform((v) => normalizeApiUrl(v)!),
  enterprise: z
    .string()
    .refine((v) => v === '' || ENTERPRISE_SLUG.test(v), {
      error: (i) =>
        `got ${show(String(i.input))}; allowed: empty or an enterprise slug (letters, digits, hyphens)`
    })
    .transform((s) => (s === '' ? null : s.toLowerCase())),
  'inactive-days': int(1, RETENTION_DAYS, RETENTION_WHY),
  reclaim: bool,
  'dry-run': bool,
  'max-cancellations': int(0, 1_000_000),
  'max-assignments': int(0, 1_000_000),
  'seat-cost': seatCost,
  'job-summary': bool,
  'usage-metrics': z
    .string()
    .refine((v) => v === 'auto' || isBool(v), {
      error: (i) =>
        `got ${show(String(i.input))}; allowed: auto, true or false (true and false spelled as for booleans: true, True, TRUE, false, False, FALSE)`
    })
    .transform((v): UsageMetrics =>
      v === 'auto' ? 'auto' : v.toLowerCase() === 'true' ? 'true' : 'false'
    ),
  notify: z.enum(NOTIFY, {
    error: (i) => `got ${show(String(i.input))}; allowed: none or issue`
  }),
  'grace-days': int(2, 60),
  'notify-repo': z
    .string()
    .refine((v) => v === '' || parseRepo(v) !== null, {
      error: (i) =>
        `got ${show(String(i.input))}; allowed: the owner/name of a repository, e.g. octo-org/copilot-seats`
    })
    .transform((v) => (v === '' ? null : parseRepo(v))),
  'pr-comment': bool
} as const
export type FieldName = keyof typeof fieldSchemas
