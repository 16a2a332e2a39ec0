// Reads GitHub's seat objects into the compact Seat of the domain. Seats are
// checked field by field instead of with a zod schema: a schema's parse copies
// each seat with its nested user and team objects, and at 100,000 seats those
// copies would be most of what the process allocates. GitHub adds fields over
// time; only the ones read here are checked.
import { NO_ASSIGNEE_KEY, type Grant, type Seat, type TeamKind } from '../domain/seat.js'

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

type Raw = Record<string, unknown>
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})$/

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A page of a seat listing as documented: `seats` an array, `total_seats` a count. */
export function isSeatsPage(data: unknown): data is { total_seats: number; seats: unknown[] } {
  if (!isObject(data) || !Array.isArray(data.seats)) return false
  const total = data.total_seats
  return typeof total === 'number' && Number.isInteger(total) && total >= 0
}

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
  if (Number.isNaN(ms)) {
    throw new SeatShapeError(
      field,
      `expected an ISO 8601 date-time, got ${JSON.stringify(v.slice(0, 40))}`
    )
  }
  return ms
}

function nested(raw: Raw, field: string): Raw | null {
  const v = raw[field]
  if (v === null || v === undefined) return null
  if (!isObject(v)) throw new SeatShapeError(field, 'expected an object')
  return v
}

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

// GitHub's `enterprise-team` schema has `group_id` and `organization_selection_type`; an org
// team's has neither (its `type` can be "enterprise" too, so that field does not tell them apart).
const isEnterpriseTeam = (team: Raw) => 'group_id' in team || 'organization_selection_type' in team

/** Enterprise team slugs carry GitHub's `ent:` prefix, so that an org team never shares one. */
const ENT_PREFIX = 'ent:'
const enterpriseSlug = (slug: string) => (slug.startsWith(ENT_PREFIX) ? slug : ENT_PREFIX + slug)

// A seat's one row, shared by every seat with the same grantor and pending date: a listing of
// 100,000 seats holds a few hundred of these, not 100,000. Found through nested maps rather than
// a key string, which would cost a string per seat. (The team names its kind: enterprise teams
// carry the `ent:` prefix, which no org team slug can.)
type RowCache = Map<string | null, Map<string | null, Map<string | null, readonly Grant[]>>>
const grantRows: RowCache = new Map()
let grantRowCount = 0
function grantRow(
  org: string | null,
  team: string | null,
  teamKind: TeamKind | null,
  pendingDate: string | null
): readonly Grant[] {
  let byTeam = grantRows.get(org)
  if (!byTeam)
    grantRows.set(org, (byTeam = new Map<string | null, Map<string | null, readonly Grant[]>>()))
  let byDate = byTeam.get(team)
  if (!byDate) byTeam.set(team, (byDate = new Map<string | null, readonly Grant[]>()))
  const seen = byDate.get(pendingDate)
  if (seen) return seen
  const row = Object.freeze([Object.freeze({ org, team, teamKind, pendingDate })])
  if (grantRowCount < 50_000) {
    byDate.set(pendingDate, row)
    grantRowCount++
  }
  return row
}

/**
 * Reads one API seat object; throws SeatShapeError naming the bad field.
 * `row` numbers the seat within its listing, which keys a seat without assignee.
 */
export function toSeat(raw: unknown, row = 0): Seat {
  if (!isObject(raw)) throw new SeatShapeError('seat', 'expected an object')
  const createdAt = timeOf(raw, 'created_at')
  if (createdAt === null) throw new SeatShapeError('created_at', 'missing')
  const assignee = nested(raw, 'assignee')
  const assigningTeam = nested(raw, 'assigning_team')
  const organization = nested(raw, 'organization')
  const login = assignee ? text(assignee, 'login', 'assignee.login') : null
  if (assignee && login === null) throw new SeatShapeError('assignee.login', 'missing')
  const id = assignee?.id
  const teamName = assigningTeam
    ? (text(assigningTeam, 'slug', 'assigning_team.slug') ??
      text(assigningTeam, 'name', 'assigning_team.name'))
    : null
  const teamKind: TeamKind | null =
    assigningTeam && teamName !== null
      ? isEnterpriseTeam(assigningTeam)
        ? 'enterprise'
        : 'org'
      : null
  const team =
    teamName === null
      ? null
      : intern(
          teamKind === 'enterprise'
            ? enterpriseSlug(teamName.toLowerCase())
            : teamName.toLowerCase()
        )
  const orgLogin = organization ? text(organization, 'login', 'organization.login') : null
  const org = orgLogin === null ? null : intern(orgLogin)
  const editor = text(raw, 'last_activity_editor')
  const pendingText = text(raw, 'pending_cancellation_date')
  const pending = pendingText ? intern(pendingText.slice(0, 10)) : null
  const plan = text(raw, 'plan_type')
  const key = login?.toLowerCase()
  return {
    login,
    key: key === undefined ? `${NO_ASSIGNEE_KEY}${row}` : key === login ? login : key,
    userId: typeof id === 'number' && Number.isSafeInteger(id) ? id : null,
    createdAt,
    lastActivityAt: timeOf(raw, 'last_activity_at'),
    lastAuthenticatedAt: timeOf(raw, 'last_authenticated_at'),
    editor: editor ? intern(editor.slice(0, EDITOR_MAX)) : null,
    pendingDate: pending,
    // Merging builds new arrays instead of adding to these, so a shared empty one is safe.
    teams: team ? [team] : NONE,
    orgs: org ? [org] : NONE,
    grants: grantRow(org, team, teamKind, pending),
    planType: plan === 'business' || plan === 'enterprise' || plan === 'unknown' ? plan : null
  }
}
