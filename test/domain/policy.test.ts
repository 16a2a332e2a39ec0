// SPEC.md's pre-flight rule for writes: the org's Copilot settings decide whether
// GitHub would accept seat changes, and a refusal says what an owner changes where.
import { describe, expect, it } from 'vitest'
import { policyProblem, type CopilotSettings } from '../../src/domain/policy.js'

const settings = (s: Partial<CopilotSettings>): CopilotSettings => ({
  seatManagement: 'assign_selected',
  publicCodeSuggestions: 'block',
  planType: 'business',
  ...s
})
const WHERE = 'https://github.com/organizations/acme/settings/copilot'

describe('policyProblem', () => {
  it.each(['allow', 'block'])(
    'allows writes when seats are assigned to selected members and public code is %s',
    (publicCodeSuggestions) => {
      expect(policyProblem('acme', settings({ publicCodeSuggestions }))).toBeNull()
    }
  )

  it.each([
    [
      'assign_all',
      'Copilot is enabled for all members, so seats cannot be assigned or cancelled one by one'
    ],
    ['disabled', 'Copilot is disabled for the organization'],
    ['unconfigured', 'Copilot access has not been configured yet'],
    // a value GitHub may add later still refuses, with a general explanation
    ['assign_by_magic', 'seats cannot be managed per user']
  ])('refuses seat management "%s", saying what it means and where to fix it', (mode, meaning) => {
    expect(policyProblem('acme', settings({ seatManagement: mode }))).toBe(
      `Org "acme" has Copilot seat management set to "${mode}": ${meaning}. Fix: an org owner sets "Access" to "Selected members" at ${WHERE} (Access management), then re-run. Nothing was sent.`
    )
  })

  it('refuses while the public-code policy is unconfigured (GitHub rejects seat changes until it is set)', () => {
    expect(policyProblem('acme', settings({ publicCodeSuggestions: 'unconfigured' }))).toBe(
      `Org "acme" has not set the policy for Copilot suggestions matching public code, and GitHub refuses seat changes until it is set. Fix: an org owner chooses "Allowed" or "Blocked" under Policies at ${WHERE}, then re-run. Nothing was sent.`
    )
  })

  it('names the seat-management problem first when both are wrong', () => {
    expect(
      policyProblem(
        'acme',
        settings({ seatManagement: 'disabled', publicCodeSuggestions: 'unconfigured' })
      )
    ).toMatch(/^Org "acme" has Copilot seat management set to "disabled"/)
  })
})
