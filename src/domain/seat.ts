// The seat model: only the fields the modes need, parsed from the API's seat
// objects so that 100,000 seats stay small. Pure.
import { z } from 'zod'

export type PlanType = 'business' | 'enterprise' | 'unknown'

export interface Seat {
  /** As GitHub spells it; null when the API returns `assignee: null`. */
  login: string | null
  /** Lower-cased login (or a synthetic key for seats without assignee): unique per listing. */
  key: string
  createdAt: number
  lastActivityAt: number | null
  lastAuthenticatedAt: number | null
  editor: string | null
  /** `YYYY-MM-DD`; set while the seat is pending cancellation. */
  pendingDate: string | null
  /** Slugs of the teams granting the seat (one per org row; several after an enterprise merge). */
  teams: string[]
  /** Granting organizations (enterprise listings only). */
  orgs: string[]
  planType: PlanType | null
}

/** A seat object GitHub sent that this action cannot read; names the field. */
export class SeatShapeError extends Error {
  constructor(
    readonly field: string,
    problem: string
  ) {
    super(`${field}: ${problem}`)
    this.name = 'SeatShapeError'
  }
}

// Seats are checked field by field instead of with a zod schema: a schema's
// parse copies each seat with its nested user and team objects, and at 100,000
// seats those copies are most of what the process allocates. GitHub adds fields
// over time; only the ones read here are checked.
type Raw = Record<string, unknown>
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})$/

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v)

function text(raw: Raw, field: string, path = field): string | null {
  const v = raw[field]
  if (v === null || v === undefined) return null
  if (typeof v !== 'string') throw new SeatShapeError(path, `expected a string, got ${typeof v}`)
  return v
}

function timeOf(raw: Raw, field: string): number | null {
  const v = text(raw, field)
  if (v === null) return null
  const ms = ISO_TIME.test(v) ? Date.parse(v) : NaN
  if (Number.isNaN(ms))
    throw new SeatShapeError(
      field,
      `expected an ISO 8601 date-time, got ${JSON.stringify(v.slice(0, 40))}`
    )
  return ms
}

function nested(raw: Raw, field: string): Raw | null {
  const v = raw[field]
  if (v === null || v === undefined) return null
  if (!isObject(v)) throw new SeatShapeError(field, 'expected an object')
  return v
}

export const SeatsPageSchema = z.looseObject({
  total_seats: z.number().int().nonnegative().optional(),
  seats: z.array(z.unknown()).optional()
})

const EDITOR_MAX = 120
const NONE: string[] = []

// Editors, teams, orgs and dates repeat across seats; JSON.parse makes a copy of
// each for every seat. One shared copy keeps 100,000 seats small.
const interned = new Map<string, string>()
function intern(value: string): string {
  const seen = interned.get(value)
  if (seen !== undefined) return seen
  if (interned.size < 50_000) interned.set(value, value)
  return value
}

/** Reads one API seat object; throws SeatShapeError naming the bad field. */
export function toSeat(raw: unknown): Seat {
  if (!isObject(raw)) throw new SeatShapeError('seat', 'expected an object')
  const createdAt = timeOf(raw, 'created_at')
  if (createdAt === null) throw new SeatShapeError('created_at', 'missing')
  const assignee = nested(raw, 'assignee')
  const assigningTeam = nested(raw, 'assigning_team')
  const organization = nested(raw, 'organization')
  const login = assignee ? text(assignee, 'login', 'assignee.login') : null
  if (assignee && login === null) throw new SeatShapeError('assignee.login', 'missing')
  const team = assigningTeam
    ? (text(assigningTeam, 'slug', 'assigning_team.slug') ??
      text(assigningTeam, 'name', 'assigning_team.name'))
    : null
  const org = organization ? text(organization, 'login', 'organization.login') : null
  const editor = text(raw, 'last_activity_editor')
  const pending = text(raw, 'pending_cancellation_date')
  const plan = text(raw, 'plan_type')
  const key = login?.toLowerCase()
  return {
    login,
    key:
      key === undefined
        ? `~no-assignee/${org ?? ''}/${team ?? ''}/${createdAt}`
        : key === login
          ? login
          : key,
    createdAt,
    lastActivityAt: timeOf(raw, 'last_activity_at'),
    lastAuthenticatedAt: timeOf(raw, 'last_authenticated_at'),
    editor: editor ? intern(editor.slice(0, EDITOR_MAX)) : null,
    pendingDate: pending ? intern(pending.slice(0, 10)) : null,
    // Merging (enterprise) builds new arrays instead of adding to these, so a shared empty one is safe.
    teams: team ? [intern(team.toLowerCase())] : NONE,
    orgs: org ? [intern(org)] : NONE,
    planType:
      plan === 'business'
        ? 'business'
        : plan === 'enterprise'
          ? 'enterprise'
          : plan === 'unknown'
            ? 'unknown'
            : null
  }
}

export const displayLogin = (seat: Pick<Seat, 'login'>): string => seat.login ?? '(no assignee)'

/** Orders seats by login, case-insensitively; seats without an assignee last. */
export function compareSeats(a: Seat, b: Seat): number {
  if ((a.login === null) !== (b.login === null)) return a.login === null ? 1 : -1
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0
}
