// What reclaim decides the same way at both scopes, org (planReclaim) and
// enterprise (planEnterpriseReclaim), before a seat's grants are looked at.
// The scopes then differ in which grants a per-user write can cancel. Pure.
import { latestActivity, statusOf } from './activity.js'
import { skip, userSubject, type Skip } from './outcome.js'
import type { ProtectionLookup } from './plan.js'
import { hasAssignee, type Seat } from './seat.js'
import { disagreement, type LastActiveDay } from './usage-guard.js'

export interface ReclaimInput {
  seats: readonly Seat[]
  now: number
  inactiveDays: number
  protectedBy: ProtectionLookup
  /** The usage report's last active day per seat, when the report was read. */
  lastActiveDay?: LastActiveDay
}

/**
 * The idle seats with a login (one without has no login to cancel by, and is
 * only listed), in listing order, each with the skip that keeps it: the usage
 * report shows its holder active within `inactive-days` (the signals disagree),
 * or it is protected. `kept` is null for a seat its grants decide.
 */
export function reclaimCandidates(
  input: ReclaimInput
): { seat: Seat & { login: string }; kept: Skip | null }[] {
  const out: { seat: Seat & { login: string }; kept: Skip | null }[] = []
  for (const seat of input.seats) {
    if (statusOf(seat, input.now, input.inactiveDays) !== 'idle') continue
    if (!hasAssignee(seat)) continue // listed as idle; it has no login to cancel by
    const subject = userSubject(seat.key)
    const day = input.lastActiveDay
      ? disagreement(seat, input.lastActiveDay(seat), input.now, input.inactiveDays)
      : null
    let kept: Skip | null = null
    if (day !== null) {
      const latest = latestActivity(seat, input.now)
      kept = skip(
        subject,
        { kind: 'signals-disagree', latestActivity: latest, activeDay: day },
        false
      )
    } else {
      const protection = input.protectedBy(seat.key)
      if (protection) kept = skip(subject, { kind: 'protected', by: protection }, false)
    }
    out.push({ seat, kept })
  }
  return out
}
