// What a run decided and did, as types: the targets of a change, why a target
// was skipped, the plan, what the writes achieved, and the whole report that
// the summary, outputs and files are rendered from. Pure data.
import type { Pricing, SeatStats } from './stats.js'
import type { Grant, Seat } from './seat.js'
import type { EnterpriseOutcome } from './enterprise-outcome.js'
import type { NotifyOutcome } from './notices.js'
import type { UsageReport } from './usage.js'

export type Mode = 'assign' | 'revoke' | 'sync' | 'audit' | 'report'

/** What a change is aimed at: a user, or a team (whose members the write affects). */
export type Subject = { kind: 'user'; login: string } | { kind: 'team'; slug: string }
export const userSubject = (login: string): Subject => ({ kind: 'user', login })
export const teamSubject = (slug: string): Subject => ({ kind: 'team', slug })

export type Protection = { kind: 'exclude-users' } | { kind: 'exclude-teams'; team: string }

/**
 * What GitHub showed for a login when the plan was confirmed or read back.
 * `not-granted-here`: the user holds rows, but none granted where the write goes (enterprise scope).
 */
export type SeatState = 'no-seat' | 'pending' | 'live' | 'via-team' | 'active' | 'not-granted-here'

export type SkipReason =
  | { kind: 'holds-seat'; teams: string[] }
  | { kind: 'not-member' }
  | { kind: 'no-seat' }
  | { kind: 'already-pending'; date: string }
  | { kind: 'protected'; by: Protection }
  | { kind: 'via-team'; teams: string[] }
  | { kind: 'no-assignee' }
  | { kind: 'team-not-found' }
  | { kind: 'team-empty' }
  | { kind: 'team-all-seated' }
  | { kind: 'team-no-seats' }
  | { kind: 'team-protected'; members: string[] }
  /** sync: a direct seat of a user not listed, kept because the user is protected. */
  | { kind: 'unlisted-protected'; by: Protection }
  /** sync: a team that grants seats but is not listed, kept because protected members hold them. */
  | { kind: 'unlisted-team-protected'; members: string[] }
  /** Enterprise scope: live rows that the write at hand cannot cancel (other grantors, teams). */
  | { kind: 'granted-elsewhere'; grants: Grant[] }
  /** sync at enterprise scope: a user not listed whose only live rows an org grants; never changed. */
  | { kind: 'org-granted'; grants: Grant[] }
  /** Enterprise scope, after the writes: a revoked user still holds access through these rows. */
  | { kind: 'still-granted'; grants: Grant[] }
  | { kind: 'enterprise-team-not-found' }
  /** Confirmed just before the write: GitHub no longer shows what the plan was made from. */
  | { kind: 'changed'; direction: Direction; now: SeatState }
  | { kind: 'write-failed'; direction: Direction; message: string }
  | { kind: 'not-sent'; direction: Direction }
  /** Sent, but the run was cancelled before GitHub answered: the change may or may not be made. */
  | { kind: 'unanswered'; direction: Direction }
  /** GitHub accepted the write, but reading the seat back shows it did not change. */
  | { kind: 'not-applied'; direction: Direction; shows: SeatState }
  /**
   * `notify: issue`: idle, but not noticed `grace-days` ago. `noticedAt` null: not noticed yet in
   * this idle period; `reclaimFrom` (epoch ms): the earliest reclaim the notice allows.
   */
  | { kind: 'grace'; noticedAt: number | null; reclaimFrom: number | null }
  /**
   * Idle by the seats API (latest activity: epoch ms, null when unknown, > 90 days), but the
   * usage report shows its holder active on `activeDay`, within `inactive-days`: not reclaimed.
   */
  | { kind: 'signals-disagree'; latestActivity: number | null; activeDay: string }

export type Direction = 'assign' | 'cancel'

export interface Skip {
  subject: Subject
  reason: SkipReason
  /** A requested change that could not be made: the step fails. */
  failed: boolean
}

export const skip = (subject: Subject, reason: SkipReason, failed: boolean): Skip => ({
  subject,
  reason,
  failed
})

export interface Change {
  login: string
  /** Team that grants the seat after an assign, if any. */
  team: string | null
  /** For cancellations: the date access ends as GitHub shows it (null in a dry run). */
  pendingDate: string | null
}

/** A login whose write GitHub accepted but whose new state could not be read back. */
export interface Unconfirmed {
  login: string
  direction: Direction
  why: string
}

export interface SeatPlan {
  assignUsers: string[]
  assignTeams: string[]
  cancelUsers: string[]
  cancelTeams: string[]
  /** Members each team write affects: created (assign) or moved to pending (cancel). */
  teamMembers: Map<string, string[]>
  /** Distinct logins whose seat the plan creates or restores (max-assignments counts these). */
  creates: string[]
  /** Distinct logins whose seat the plan moves to pending (max-cancellations counts these). */
  cancels: string[]
  /**
   * Logins that hold a seat through a team the plan removes and that the plan keeps seated
   * (assigned directly, or through a listed team sent again): read back like `creates`, but no
   * seat is created, so max-assignments does not count them (sync only).
   */
  keeps: string[]
  skipped: Skip[]
}

export const emptyPlan = (): SeatPlan => ({
  assignUsers: [],
  assignTeams: [],
  cancelUsers: [],
  cancelTeams: [],
  teamMembers: new Map(),
  creates: [],
  cancels: [],
  keeps: [],
  skipped: []
})

export const planSendsNothing = (p: SeatPlan): boolean =>
  !p.assignUsers.length && !p.assignTeams.length && !p.cancelUsers.length && !p.cancelTeams.length

/** What a plan does to the monthly bill, priced like the report (`seat-cost`, else by plan). */
export interface BillingEffect {
  /** Monthly price of the seats the plan creates. */
  created: number
  /** Monthly price of the pending seats the plan restores. */
  restored: number
  /** Monthly price of the seats the plan sets to pending cancellation. */
  cancelled: number
  /** created + restored − cancelled: the change per month once the cancellations take effect. */
  net: number
  /** Seats priced as Copilot Business because no plan was known for them. */
  fallback: number
}

/** A plan in a reviewer's terms: who gains, regains, keeps or loses a seat, and the bill. */
export interface PlanDigest {
  /** Logins without a seat that the plan gives one (directly or through a team). */
  adds: string[]
  /** Logins whose seat is pending cancellation that the plan assigns again. */
  restores: string[]
  /** Logins whose seat the plan sets to pending cancellation (per user or through a team). */
  cancels: string[]
  /** Logins moved off a removed team onto a direct or listed-team grant: no billing change. */
  keeps: string[]
  /**
   * Of `cancels`, logins who keep access through a row the plan does not cancel (an org's, at
   * enterprise scope): their seat stays on the bill, so it is not priced as cancelled.
   */
  heldElsewhere: string[]
  /** Team writes, each with the number of members whose seat it creates or cancels. */
  assignTeams: { slug: string; members: number }[]
  removeTeams: { slug: string; members: number }[]
  billing: BillingEffect
}

/** What carrying out a plan achieved. */
export interface Applied {
  /** A breaker tripped: nothing was sent. */
  breaker: string | null
  /** Real writes were sent (false in a dry run, after a breaker, or with nothing to send). */
  sent: boolean
  /** As read back (or, in a dry run, what would change). */
  assigned: Change[]
  cancelled: Change[]
  unconfirmed: Unconfirmed[]
  /** What GitHub reported (`seats_created`, `seats_cancelled`). */
  seatsCreated: number
  seatsCancelled: number
  /** Removed by confirmation, failed writes, changes GitHub did not make. */
  skipped: Skip[]
}

/** The seats a run looked at: all of them (report, audit) or the targets' (assign, revoke). */
export interface SeatSet {
  seats: Seat[]
  stats: SeatStats
  /** Rows the listing had (more than seats for an enterprise); null when no listing was read. */
  rows: number | null
  /** True for a full listing; false for the seats of the targets. */
  all: boolean
}

export interface RunReport {
  mode: Mode
  org: string
  enterprise: string | null
  dryRun: boolean
  reclaim: boolean
  inactiveDays: number
  now: number
  pricing: Pricing
  /** null when the run stopped before reading any seat. */
  seats: SeatSet | null
  plan: SeatPlan | null
  /** The plan as a reviewer reads it (modes that write); absent for read modes. */
  digest?: PlanDigest | null
  applied: Applied | null
  /** Every skip of the run: the plan's, then confirmation's and the writes'. */
  skipped: Skip[]
  /** Audit: idle seats that protections kept. */
  protectedIdle: { login: string; by: Protection }[]
  /** Audit with `notify: issue`: the tracking issue and its notices. */
  notify?: NotifyOutcome
  /** Report and audit: GitHub's usage metrics report joined to the seats; null or absent when none was read. */
  usage?: UsageReport | null
  requests: number
  errors: string[]
  warnings: string[]
  interrupted: boolean
  complete: boolean
  /** Enterprise-scope writes: what was cancelled where, and who still holds access and why. */
  enterpriseOutcome?: EnterpriseOutcome
}

export function isFailed(report: RunReport): boolean {
  return (
    report.interrupted ||
    report.errors.length > 0 ||
    report.skipped.some((s) => s.failed) ||
    (report.applied?.unconfirmed.length ?? 0) > 0
  )
}

export const subjectName = (s: Subject): string => (s.kind === 'user' ? s.login : s.slug)

/** What a mode returns; the entry point adds what only it knows (requests, cancellation). */
export type ModeResult = Pick<
  RunReport,
  | 'seats'
  | 'pricing'
  | 'plan'
  | 'digest'
  | 'applied'
  | 'skipped'
  | 'protectedIdle'
  | 'usage'
  | 'errors'
  | 'warnings'
  | 'notify'
  | 'enterpriseOutcome'
>

/** A run that read the seats and wrote nothing: report, and audit when a signal it needs is missing. */
export function readOnlyResult(
  seats: SeatSet,
  pricing: Pricing,
  rest: Pick<ModeResult, 'usage' | 'errors' | 'warnings'>
): ModeResult {
  return { seats, pricing, plan: null, applied: null, skipped: [], protectedIdle: [], ...rest }
}
