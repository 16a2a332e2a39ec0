// The org's Copilot settings and SPEC.md's pre-flight rule for writes, with the
// text that explains a refusal and where an owner changes the setting. Pure.
import type { PlanType } from './seat.js'

export interface CopilotSettings {
  seatManagement: string
  publicCodeSuggestions: string
  planType: PlanType | null
}

const MEANING: Readonly<Record<string, string>> = {
  assign_all:
    'Copilot is enabled for all members, so seats cannot be assigned or cancelled one by one',
  disabled: 'Copilot is disabled for the organization',
  unconfigured: 'Copilot access has not been configured yet'
}

/** Why GitHub would refuse seat writes in `org`, or null when they are allowed. */
export function policyProblem(org: string, s: CopilotSettings): string | null {
  const where = `https://github.com/organizations/${org}/settings/copilot`
  if (s.seatManagement !== 'assign_selected') {
    return `Org "${org}" has Copilot seat management set to "${s.seatManagement}": ${Object.hasOwn(MEANING, s.seatManagement) ? MEANING[s.seatManagement] : 'seats cannot be managed per user'}. Fix: an org owner sets "Access" to "Selected members" at ${where} (Access management), then re-run. Nothing was sent.`
  }
  if (s.publicCodeSuggestions === 'unconfigured') {
    return `Org "${org}" has not set the policy for Copilot suggestions matching public code, and GitHub refuses seat changes until it is set. Fix: an org owner chooses "Allowed" or "Blocked" under Policies at ${where}, then re-run. Nothing was sent.`
  }
  return null
}
