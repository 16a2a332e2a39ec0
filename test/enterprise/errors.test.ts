// Refusals at enterprise scope, each with its cause and fix: GitHub App and
// fine-grained tokens on the reads (GitHub's docs: classic PAT only), a token
// whose user is not an owner, a billing manager writing, the preview endpoints
// answering 404, Copilot not enabled.
import { describe, expect, it } from 'vitest'
import { describeRequestError } from '../../src/github/errors.js'
import { classifyToken } from '../../src/github/token-kind.js'
import { mswServer, runAction, TOKEN } from '../support/harness.js'
import { writes } from '../support/audit-fixtures.js'
import { enterpriseWorld, NOW, rowsOf } from '../support/enterprise-fixtures.js'

const { useFake } = mswServer()
const APP = 'ghs_APPINSTALLATIONTOKEN0123456789abcdef'
const FINE = 'github_pat_11FINEGRAINED0123456789abcdef'
const OWNER = 'ghp_ENTERPRISEOWNER0123456789abcdef'
const BILLING = 'ghp_BILLINGMANAGER0123456789abcdef'

const world = () =>
  enterpriseWorld(
    useFake(
      {
        now: () => new Date(NOW),
        auth: {
          valid: [TOKEN],
          appTokens: [APP, FINE],
          enterpriseOwners: [OWNER],
          enterpriseBillingManagers: [BILLING]
        }
      },
      null
    )
  )

describe('enterprise errors at the HTTP boundary', () => {
  it.each([
    [APP, 'a GitHub App installation token'],
    [FINE, 'a fine-grained personal access token']
  ])(
    'a %s on the enterprise reads is named, with the classic PAT it needs',
    async (token, kind) => {
      world()
      const r = await runAction({ mode: 'report', enterprise: 'ent', token }, { now: NOW })
      expect(r.exitCode).toBe(1)
      expect(r.errors.join('\n')).toContain(
        `The token is ${kind}, which GitHub's enterprise Copilot reads of enterprise "ent" do not accept (403)`
      )
      expect(r.errors.join('\n')).toMatch(
        /need a classic personal access token\. Fix: pass a classic personal access token of an enterprise owner with manage_billing:copilot/
      )
      expect(r.stdout.replace(`::add-mask::${token}`, '')).not.toContain(token)
    }
  )

  it('a classic token whose user is not an enterprise owner is told what it must be', async () => {
    world()
    const r = await runAction({ mode: 'audit', enterprise: 'ent' }, { now: NOW })
    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(
      /The token may not read the Copilot seats of enterprise "ent" \(403\) while listing the Copilot seats of enterprise "ent".*Must be an enterprise owner or billing manager.*Fix: the token's user must be an owner of the enterprise \(or a billing manager, for report and audit\)/
    )
  })

  it('a billing manager can report, but a revoke’s write is refused with the owner it needs', async () => {
    const gh = world()
    const report = await runAction(
      { mode: 'report', enterprise: 'ent', token: BILLING },
      { now: NOW }
    )
    expect(report.errors).toEqual([])
    expect(report.exitCode).toBe(0)
    const r = await runAction(
      { mode: 'revoke', enterprise: 'ent', users: 'ent-only', token: BILLING },
      { now: NOW }
    )
    expect(writes(gh).map((w) => w.status)).toEqual([403])
    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(
      /ent-only: not cancelled: The token may not change the Copilot seats of enterprise "ent" \(403\).*Fix: the token's user must be an enterprise owner \(billing managers can only read\), with a classic personal access token that has manage_billing:copilot or admin:enterprise/
    )
    expect(rowsOf(gh, 'ent-only')).toEqual(['direct'])
  })

  it('the enterprise owner’s token works', async () => {
    const gh = world()
    const r = await runAction(
      { mode: 'revoke', enterprise: 'ent', users: 'ent-only', token: OWNER },
      { now: NOW }
    )
    expect(r.errors).toEqual([])
    expect(writes(gh).map((w) => w.status)).toEqual([200])
  })

  it('the preview write endpoint answering 404 is explained as such', async () => {
    const gh = world()
    gh.fault({
      method: 'DELETE',
      path: '/enterprises/ent/copilot/billing/selected_users',
      status: 404,
      times: Infinity
    })
    const r = await runAction(
      { mode: 'revoke', enterprise: 'ent', users: 'ent-only', token: OWNER },
      { now: NOW }
    )
    expect(r.exitCode).toBe(1)
    expect(r.errors.join('\n')).toMatch(
      /ent-only: not cancelled: GitHub refused "ent-only" alone \(404\).*or the enterprise seat endpoints \(public preview\) are not available to this enterprise/
    )
  })

  it('Copilot not enabled for the enterprise (422 on the per-user look-up)', async () => {
    const gh = world()
    gh.setEnterprisePolicy('ent', { seat_management_setting: 'disabled' })
    const r = await runAction(
      { mode: 'revoke', enterprise: 'ent', users: 'ent-only', token: OWNER },
      { now: NOW }
    )
    expect(r.exitCode).toBe(1)
    expect(writes(gh)).toEqual([])
    expect(r.errors.join('\n')).toMatch(
      /Copilot Business or Enterprise is not enabled for enterprise "ent" \(422\) while looking up the Copilot seat of "ent-only"/
    )
  })

  it('an unknown enterprise fails on page 1 of the listing, before any write', async () => {
    const gh = world()
    const r = await runAction(
      { mode: 'assign', enterprise: 'nope', users: 'newbie', token: OWNER },
      { now: NOW }
    )
    expect(r.exitCode).toBe(1)
    expect(writes(gh)).toEqual([])
    expect(r.errors.join('\n')).toMatch(
      /Enterprise "nope" was not found or is not visible to the token \(404\)/
    )
  })
})

describe('enterprise error messages (unit)', () => {
  const ctx = {
    doing: 'cancelling seats for 1 user in enterprise "ent"',
    scope: 'enterprise-write' as const,
    enterprise: 'ent'
  }
  const forbidden = {
    status: 403,
    message: 'Resource not accessible by integration',
    response: { headers: {} }
  }

  it('a GitHub App refused a write is told the enterprise permission it needs', () => {
    const text = describeRequestError(forbidden, { ...ctx, tokenKind: 'app-installation' })
    expect(text).toMatch(
      /^The token \(a GitHub App installation token\) may not change the Copilot seats of enterprise "ent" \(403\)/
    )
    expect(text).toContain(
      '"Enterprise Copilot license management" (read and write, available since 2026-11-10)'
    )
  })

  it('a 422 on an enterprise write is the enterprise’s Copilot settings', () => {
    const text = describeRequestError({ status: 422, message: 'x', response: { headers: {} } }, ctx)
    expect(text).toMatch(
      /GitHub refused the change under enterprise "ent"'s Copilot settings \(422\)/
    )
  })

  it('a 404 on an enterprise write names the public preview', () => {
    const text = describeRequestError(
      { status: 404, message: 'Not Found', response: { headers: {} } },
      ctx
    )
    expect(text).toMatch(/The enterprise seat endpoints are in public preview/)
  })

  it('a rate limit at enterprise scope is still a rate limit, not a permission problem', () => {
    const text = describeRequestError(
      {
        status: 403,
        message: 'API rate limit exceeded',
        response: { headers: { 'x-ratelimit-remaining': '0' } }
      },
      { ...ctx, tokenKind: 'app-installation' }
    )
    expect(text).toMatch(/primary rate limit/)
  })

  it('tells token kinds by GitHub’s prefixes', () => {
    expect(['ghp_x', 'github_pat_x', 'ghs_x', 'ghu_x', 'gho_x', 'x'].map(classifyToken)).toEqual([
      'classic',
      'fine-grained',
      'app-installation',
      'app-user',
      'oauth',
      'unknown'
    ])
  })
})
