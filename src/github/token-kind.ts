// What kind of token the action was given, told by GitHub's documented token
// prefixes. Only the kind is kept, never the token: error messages at
// enterprise scope name it, because GitHub's enterprise Copilot reads refuse
// GitHub App and fine-grained tokens with the same 403 a missing scope gets.
export type TokenKind =
  'classic' | 'fine-grained' | 'app-installation' | 'app-user' | 'oauth' | 'unknown'

export function classifyToken(token: string): TokenKind {
  if (token.startsWith('ghp_')) return 'classic'
  if (token.startsWith('github_pat_')) return 'fine-grained'
  // Installation tokens, the workflow's GITHUB_TOKEN among them.
  if (token.startsWith('ghs_')) return 'app-installation'
  if (token.startsWith('ghu_')) return 'app-user'
  if (token.startsWith('gho_')) return 'oauth'
  return 'unknown'
}

/** GitHub App and fine-grained tokens: what the enterprise Copilot reads do not accept. */
export const isAppLike = (kind: TokenKind | undefined): boolean =>
  kind === 'fine-grained' || kind === 'app-installation' || kind === 'app-user'

export const tokenKindName: Record<TokenKind, string> = {
  classic: 'a classic personal access token',
  'fine-grained': 'a fine-grained personal access token',
  'app-installation': 'a GitHub App installation token',
  'app-user': 'a GitHub App user token',
  oauth: 'an OAuth token',
  unknown: 'a token of unknown kind'
}
