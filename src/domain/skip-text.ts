// The sentence a person reads for each skip, in the summary, the outputs and the
// report files. A requested target (assign, revoke) that is skipped is a
// failure and says how to fix it; a seat the run found (audit) says why it stays.
import {
  subjectName,
  type Protection,
  type SeatState,
  type Skip,
  type SkipReason
} from './outcome.js'
import { grantFix, grantList, grantName } from './grant-text.js'
import type { Grant } from './seat.js'

const protectionText = (p: Protection) =>
  p.kind === 'exclude-users' ? 'in exclude-users' : `member of protected team ${p.team}`

const stateText: Record<SeatState, string> = {
  'no-seat': 'no seat',
  pending: 'the seat pending cancellation',
  live: 'a seat held',
  'via-team': 'a seat granted through a team',
  active: 'the seat in use again (no longer idle)',
  'not-granted-here': 'no seat granted there any more'
}

const names = (m: readonly string[]) =>
  m.slice(0, 5).join(', ') + (m.length > 5 ? ` and ${m.length - 5} more` : '')
/** Each row with what removes it, for a person who must act on them. */
const fixes = (grants: readonly Grant[]) =>
  grants.length === 1
    ? grantFix(grants[0]!)
    : grants.map((g) => `for ${grantName(g)}, ${grantFix(g)}`).join('; ')

const past = (d: 'assign' | 'cancel') => (d === 'assign' ? 'assigned' : 'cancelled')

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)

function graceText(noticedAt: number | null, reclaimFrom: number | null): string {
  if (noticedAt === null)
    return 'idle, not noticed yet: a notice in the tracking issue comes first, and the seat is reclaimed `grace-days` after it at the earliest'
  const from = reclaimFrom === null ? '' : `; reclaimed on or after ${day(reclaimFrom)} unless used`
  return `idle, noticed on ${day(noticedAt)} in the tracking issue${from}`
}

function text(reason: SkipReason, requested: boolean, org: string, name: string): string {
  switch (reason.kind) {
    case 'holds-seat': {
      const team = reason.teams.length ? ` (granted via team ${reason.teams.join(', ')})` : ''
      return `already holds a seat${team}; not re-sent, so its grace period is kept`
    }
    case 'not-member':
      return `not a member of org ${org} (or their invitation is not accepted yet); not sent. Fix: invite them to the org first`
    case 'no-seat':
      return 'no seat'
    case 'already-pending':
      return `already pending cancellation until ${reason.date}`
    case 'protected':
      return requested
        ? `protected (${protectionText(reason.by)}); not cancelled`
        : `idle but protected (${protectionText(reason.by)})`
    case 'via-team': {
      const team = reason.teams.join(', ')
      return requested
        ? `seat granted via team ${team}; GitHub cannot cancel it per user. Fix: remove them from team ${team}, or revoke the team`
        : `idle, granted via team ${team}: remove them from team ${team} to reclaim it`
    }
    case 'no-assignee':
      return 'idle, but GitHub lists no assignee for this seat; it cannot be cancelled by login'
    case 'team-not-found':
      return `team "${name}" not found in org ${org}. Fix: use the team's slug, as in its URL`
    case 'team-empty':
      return 'the team has no members; not sent'
    case 'team-all-seated':
      return 'every member already holds a seat through this team; not re-sent'
    case 'team-no-seats':
      return 'no active seat is granted through this team; not sent'
    case 'team-protected':
      return `refused as a whole: revoking the team would cancel protected members (${names(reason.members)}). Fix: revoke the other members one by one, or change the protection`
    case 'unlisted-protected':
      return `not listed, but protected (${protectionText(reason.by)}); not cancelled`
    case 'unlisted-team-protected':
      return `grants seats but is not listed; not removed, because that would cancel protected members (${names(reason.members)}). Fix: list the team in \`teams\` to keep its seats, or change the protection`
    case 'granted-elsewhere':
      return requested
        ? `not granted by the enterprise directly, so the enterprise endpoint cannot cancel it; granted through ${grantList(reason.grants)}. Fix: ${fixes(reason.grants)}`
        : `idle, granted through ${grantList(reason.grants)}, which no per-user cancellation removes. To reclaim it: ${fixes(reason.grants)}`
    case 'org-granted':
      return `not listed, but holds access only through ${grantList(reason.grants)}; sync at enterprise scope does not change an org's rows. To remove it: ${fixes(reason.grants)}`
    case 'still-granted':
      return `the enterprise seat was cancelled, but access remains through ${grantList(reason.grants)}. Fix: ${fixes(reason.grants)}`
    case 'enterprise-team-not-found':
      return `enterprise team "${name}" not found. Fix: use the team's slug as in its URL (\`ent:\` prefix optional)`
    case 'changed':
      return `not ${past(reason.direction)}: checked just before sending, GitHub now shows ${stateText[reason.now]}; not sent`
    case 'write-failed':
      return `not ${past(reason.direction)}: ${reason.message}`
    case 'not-sent':
      return `not ${past(reason.direction)}: not sent, the run was cancelled`
    case 'unanswered':
      return `not confirmed: the run was cancelled before GitHub answered the request (it was sent), so GitHub may have ${past(reason.direction)} it. Fix: check the seat, or re-run to finish (safe to repeat)`
    case 'not-applied':
      return `not ${past(reason.direction)}: GitHub accepted the request but shows ${stateText[reason.shows]}`
    case 'grace':
      return graceText(reason.noticedAt, reason.reclaimFrom)
    case 'signals-disagree': {
      const latest =
        reason.latestActivity === null
          ? 'more than 90 days ago'
          : new Date(reason.latestActivity).toISOString().slice(0, 10)
      return `signals disagree: idle by the seats API (latest activity ${latest}), but the usage metrics report shows Copilot use on ${reason.activeDay}; not reclaimed`
    }
  }
}

export function describeSkip(skip: Skip, org: string): string {
  return text(skip.reason, skip.failed, org, subjectName(skip.subject))
}
