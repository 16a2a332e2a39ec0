// Messages for refusals at enterprise scope. GitHub's docs say the enterprise
// Copilot reads (the seat listing, one user's seats, enterprise teams) need a
// classic personal access token of an enterprise owner (or billing manager, for
// the seat reads); GitHub App and fine-grained tokens get a 403 there, though
// the OpenAPI description marks the endpoints enabled for Apps. Since
// 2026-11-10 an App with "Enterprise Copilot license management" can write.
import type { RequestContext } from './errors.js'
import { isAppLike, tokenKindName } from './token-kind.js'

/** What an enterprise token needs, for the fixes below. */
export const ENTERPRISE_TOKEN_HELP =
  'a classic personal access token of an enterprise owner with manage_billing:copilot (or read:enterprise for report and audit; admin:enterprise also allows the writes); a billing manager may run report and audit'

function readForbidden(ctx: RequestContext, where: string, said: string): string {
  const ent = ctx.enterprise ? ` of enterprise "${ctx.enterprise}"` : ''
  if (isAppLike(ctx.tokenKind)) {
    return `The token is ${tokenKindName[ctx.tokenKind!]}, which GitHub's enterprise Copilot reads${ent} do not accept (403) ${where}.${said} GitHub's docs say the enterprise seat listing, one user's seats and the enterprise teams need a classic personal access token. Fix: pass ${ENTERPRISE_TOKEN_HELP}.`
  }
  return `The token may not read the Copilot seats${ent} (403) ${where}.${said} Fix: the token's user must be an owner of the enterprise (or a billing manager, for report and audit), and the token ${ENTERPRISE_TOKEN_HELP.replace(/^a /, 'must be a ')}. GitHub App and fine-grained tokens are not accepted for these reads.`
}

function writeForbidden(ctx: RequestContext, where: string, said: string): string {
  const ent = ctx.enterprise ? ` of enterprise "${ctx.enterprise}"` : ''
  if (isAppLike(ctx.tokenKind)) {
    return `The token (${tokenKindName[ctx.tokenKind!]}) may not change the Copilot seats${ent} (403) ${where}.${said} Fix: a GitHub App needs the enterprise permission "Enterprise Copilot license management" (read and write, available since 2026-11-10) on an installation on the enterprise; the reads this action makes first still need ${ENTERPRISE_TOKEN_HELP}.`
  }
  return `The token may not change the Copilot seats${ent} (403) ${where}.${said} Fix: the token's user must be an enterprise owner (billing managers can only read), with a classic personal access token that has manage_billing:copilot or admin:enterprise.`
}

/**
 * The message for a refusal at enterprise scope, or null to use the general
 * one (rate limits, 401, 5xx and 404s are decided there).
 */
export function enterpriseProblem(
  status: number,
  ctx: RequestContext,
  where: string,
  said: string
): string | null {
  if (ctx.scope !== 'enterprise' && ctx.scope !== 'enterprise-write') return null
  const write = ctx.scope === 'enterprise-write'
  if (status === 403)
    return write ? writeForbidden(ctx, where, said) : readForbidden(ctx, where, said)
  if (status === 422) {
    return write
      ? `GitHub refused the change under enterprise "${ctx.enterprise}"'s Copilot settings (422) ${where}.${said} Fix: in the enterprise's Settings > Policies > Copilot, an owner enables Copilot for selected members (not all members), sets up billing and sets the suggestions-matching-public-code policy.`
      : `Copilot Business or Enterprise is not enabled for enterprise "${ctx.enterprise}" (422) ${where}.${said} Fix: an enterprise owner enables Copilot in the enterprise's Settings > Policies > Copilot.`
  }
  return null
}

/** A 404 on an enterprise write: the endpoints are a public preview. */
export function enterpriseWriteNotFound(ctx: RequestContext, where: string, said: string): string {
  return `GitHub answered 404 (Not Found) ${where}.${said} The enterprise seat endpoints are in public preview: they may not be available to enterprise "${ctx.enterprise}" or to this token, or the \`enterprise\` slug is wrong. Fix: check \`enterprise\`; if it is right, manage these seats per organization (\`org\`, one run per org) until GitHub offers the endpoints to the enterprise.`
}
