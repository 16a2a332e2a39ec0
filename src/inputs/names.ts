// The action's inputs as action.yml declares them: names, defaults as the
// runner passes them, and the modes each one applies to.

export const MODES = ['assign', 'revoke', 'sync', 'audit', 'report'] as const
export type Mode = (typeof MODES)[number]

/** Every input of action.yml with its default as written there. */
export const INPUT_DEFAULTS = {
  mode: '',
  token: '',
  org: '${{ github.repository_owner }}',
  'github-api-url': '${{ github.api_url }}',
  enterprise: '',
  users: '',
  'users-file': '',
  teams: '',
  'inactive-days': '30',
  'exclude-users': '',
  'exclude-teams': '',
  reclaim: 'false',
  'dry-run': 'false',
  'max-cancellations': '100',
  'max-assignments': '100',
  'seat-cost': '',
  'job-summary': 'true',
  'usage-metrics': 'auto',
  notify: 'none',
  'grace-days': '7',
  'notify-repo': '${{ github.repository }}',
  'github-token': '${{ github.token }}',
  'pr-comment': 'false'
} as const
export type InputName = keyof typeof INPUT_DEFAULTS
export const INPUT_NAMES = Object.keys(INPUT_DEFAULTS) as InputName[]

/**
 * Inputs whose default is an expression the runner expands. Outside a runner
 * (the expression passed as is) they count as unset.
 */
export const EXPRESSION_DEFAULTS = [
  'org',
  'github-api-url',
  'notify-repo',
  'github-token'
] as const satisfies readonly InputName[]

/**
 * Modes each input applies to; in any other mode it must keep its default.
 * Inputs not listed (mode, token, org, enterprise, github-api-url, github-token,
 * inactive-days, dry-run, seat-cost, job-summary) apply to every mode.
 */
export const APPLIES: Partial<Record<InputName, readonly Mode[]>> = {
  users: ['assign', 'revoke', 'sync'],
  'users-file': ['assign', 'revoke', 'sync'],
  teams: ['assign', 'revoke', 'sync'],
  reclaim: ['audit'],
  notify: ['audit'],
  'grace-days': ['audit'],
  'notify-repo': ['audit'],
  'exclude-users': ['revoke', 'sync', 'audit'],
  'exclude-teams': ['revoke', 'sync', 'audit'],
  'max-cancellations': ['revoke', 'sync', 'audit'],
  'max-assignments': ['assign', 'sync'],
  'usage-metrics': ['report', 'audit'],
  'pr-comment': ['assign', 'revoke', 'sync']
}

/** Modes that take targets (`users`, `users-file`, `teams`); at least one is required. */
export const TARGET_MODES = APPLIES.users!
