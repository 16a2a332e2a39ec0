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

const timestamp = z.iso.datetime({ offset: true, local: false })
const nullableTime = timestamp.nullish()

// Loose: GitHub adds fields over time; only what is read here is checked.
const SeatSchema = z.looseObject({
  created_at: timestamp,
  pending_cancellation_date: z.string().nullish(),
  last_activity_at: nullableTime,
  last_activity_editor: z.string().nullish(),
  last_authenticated_at: nullableTime,
  plan_type: z.string().nullish(),
  assignee: z.looseObject({ login: z.string() }).nullish(),
  assigning_team: z.looseObject({ slug: z.string().optional(), name: z.string().optional() }).nullish(),
  organization: z.looseObject({ login: z.string() }).nullish()
})

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

function time(value: string | null | undefined): number | null {
  if (value == null) return null
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}

/** Parses one API seat object; throws a zod error naming the bad field. */
export function toSeat(raw: unknown): Seat {
  const s = SeatSchema.parse(raw)
  const login = s.assignee?.login ?? null
  const team = s.assigning_team ? (s.assigning_team.slug ?? s.assigning_team.name ?? null) : null
  const org = s.organization?.login ?? null
  const plan = s.plan_type
  const key = login?.toLowerCase()
  return {
    login,
    key: key === undefined ? `~no-assignee/${org ?? ''}/${team ?? ''}/${s.created_at}` : key === login ? login : key,
    createdAt: Date.parse(s.created_at),
    lastActivityAt: time(s.last_activity_at),
    lastAuthenticatedAt: time(s.last_authenticated_at),
    editor: s.last_activity_editor ? intern(s.last_activity_editor.slice(0, EDITOR_MAX)) : null,
    pendingDate: s.pending_cancellation_date ? intern(s.pending_cancellation_date.slice(0, 10)) : null,
    // Merging (enterprise) copies these arrays before adding to them; a shared empty one is safe.
    teams: team ? [intern(team.toLowerCase())] : NONE,
    orgs: org ? [intern(org)] : NONE,
    planType: plan === 'business' ? 'business' : plan === 'enterprise' ? 'enterprise' : plan === 'unknown' ? 'unknown' : null
  }
}

export const displayLogin = (seat: Pick<Seat, 'login'>): string => seat.login ?? '(no assignee)'

/** Orders seats by login, case-insensitively; seats without an assignee last. */
export function compareSeats(a: Seat, b: Seat): number {
  if ((a.login === null) !== (b.login === null)) return a.login === null ? 1 : -1
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0
}
