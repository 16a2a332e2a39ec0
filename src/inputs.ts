// The action's inputs: names and defaults exactly as in action.yml, validated
// with zod before the first request. Pure apart from the injected file access;
// the pieces live in src/inputs/.
import type { z } from 'zod'
import { InputError } from './errors.js'
import { parseNameList, type ParsedList } from './login-list.js'
import {
  fieldSchemas,
  normalizeApiUrl,
  parseRepo,
  type FieldName,
  type Notify,
  type RepoRef,
  type UsageMetrics
} from './inputs/fields.js'
import {
  APPLIES,
  EXPRESSION_DEFAULTS,
  INPUT_DEFAULTS,
  TARGET_MODES,
  type InputName,
  type Mode
} from './inputs/names.js'
import { listOf, listProblems, show, type Problem } from './inputs/problems.js'
import { checkUsersFilePath, readUsersFile, type FileAccess } from './inputs/users-file.js'

export { INPUT_DEFAULTS, INPUT_NAMES, MODES, type InputName, type Mode } from './inputs/names.js'
export { nodeFiles, USERS_FILE_MAX_BYTES, type FileAccess } from './inputs/users-file.js'
export { SEAT_COST_MAX, type Notify, type RepoRef, type UsageMetrics } from './inputs/fields.js'
export { EMU_SUFFIX_MAX } from './login-list.js'

/** Where GitHub's REST API is when neither the input nor the runner says. */
export const DEFAULT_API_URL = 'https://api.github.com'

export interface Config {
  mode: Mode
  token: string
  /** Lower-cased. */
  org: string
  /** Lower-cased enterprise slug; null: the org's seats. Applies to every mode. */
  enterprise: string | null
  /**
   * REST API base URL for everything the seat `token` does: `github-api-url`, else the
   * runner's GITHUB_API_URL, else https://api.github.com; no trailing slash.
   */
  githubApiUrl: string
  /**
   * The runner's GITHUB_API_URL (no trailing slash; https://api.github.com when unset):
   * where `notify-repo` and the pull request live, the only place `githubToken` is sent.
   */
  runnerApiUrl: string
  /** `users` ∪ `users-file`, lower-cased, duplicates merged. */
  users: string[]
  /** Team slugs, lower-cased; with `enterprise`, enterprise team slugs without the `ent:` prefix. */
  teams: string[]
  /** 1 to 90. */
  inactiveDays: number
  excludeUsers: string[]
  /** As `teams`. */
  excludeTeams: string[]
  reclaim: boolean
  dryRun: boolean
  maxCancellations: number
  maxAssignments: number
  /** null: price by plan. Otherwise 0 to 100,000 with at most 2 decimals. */
  seatCost: number | null
  jobSummary: boolean
  /** `auto`: use the usage report when GitHub serves it; `true`: required; `false`: not read. */
  usageMetrics: UsageMetrics
  /** `issue`: warn idle users in a tracking issue in `notifyRepo` (audit). */
  notify: Notify
  /** 2 to 60: days from a user's notice to the earliest reclaim. */
  graceDays: number
  /** `notify-repo`, else GITHUB_REPOSITORY; null when neither is set (only allowed with `notify: none`). */
  notifyRepo: RepoRef | null
  /** For the tracking issue and pull-request comments only; null when empty. */
  githubToken: string | null
  /** Comment the plan on the pull request (assign, revoke, sync). */
  prComment: boolean
}

/** What parseInputs needs from the runner, passed in so that it stays pure. */
export interface InputEnv {
  /** GITHUB_WORKSPACE: `users-file` is resolved inside it. */
  workspace: string
  /** GITHUB_REPOSITORY (`owner/name`): what `${{ github.repository }}` expands to; '' when unset. */
  repository: string
  /** GITHUB_API_URL: what `${{ github.api_url }}` expands to; '' when unset. */
  apiUrl: string
  /** The file system `users-file` is read from (`nodeFiles` in production). */
  files: FileAccess
}

type Values = { [K in FieldName]?: z.output<(typeof fieldSchemas)[K]> }
type ListName = 'users' | 'teams' | 'exclude-users' | 'exclude-teams'

const isExpressionDefault = (name: InputName) =>
  (EXPRESSION_DEFAULTS as readonly InputName[]).includes(name)

/**
 * Raw strings as the runner provides them (every input present, `''` when unset)
 * to a validated Config, or an InputError naming every bad input.
 *
 * `users-file` is opened only when `token` and `mode` are valid and the mode
 * takes targets: a run that cannot proceed (a fork's pull request without
 * secrets) reads no file. When it is read, its problems join the others in
 * the one InputError.
 */
export function parseInputs(raw: Partial<Record<InputName, string>>, env: InputEnv): Config {
  const runnerApiUrl = normalizeApiUrl(env.apiUrl.trim()) ?? DEFAULT_API_URL
  /** The value as given; '' when unset (an unexpanded expression default counts as unset). */
  const given = (name: InputName) => {
    const v = (raw[name] ?? '').trim()
    return isExpressionDefault(name) && v === INPUT_DEFAULTS[name] ? '' : v
  }
  /** What an unset input stands for. */
  const fallback = (name: InputName): string => {
    switch (name) {
      case 'org':
      case 'github-token':
        return ''
      case 'github-api-url':
        return runnerApiUrl
      case 'notify-repo':
        // Only a well-formed GITHUB_REPOSITORY stands in; anything else counts as unset.
        return parseRepo(env.repository.trim()) ? env.repository.trim() : ''
      default:
        return INPUT_DEFAULTS[name]
    }
  }
  const effective = (name: InputName) => given(name) || fallback(name)

  const problems: Problem[] = []
  const values: Values = {}
  for (const name of Object.keys(fieldSchemas) as FieldName[]) {
    const result = fieldSchemas[name].safeParse(effective(name))
    if (result.success) (values as Record<FieldName, unknown>)[name] = result.data
    else problems.push({ input: name, message: result.error.issues[0]?.message ?? 'invalid' })
  }

  const enterpriseTeams = effective('enterprise') !== ''
  const lists = {} as Record<ListName, ParsedList>
  for (const name of ['users', 'teams', 'exclude-users', 'exclude-teams'] as const) {
    lists[name] = parseNameList(effective(name), name.endsWith('teams') ? 'team' : 'login', {
      enterpriseTeams
    })
    problems.push(...listProblems(name, lists[name]))
  }

  const mode = values.mode
  if (mode) {
    for (const [name, modes] of Object.entries(APPLIES) as [InputName, readonly Mode[]][]) {
      if (!modes.includes(mode) && !isDefault(name, given(name), fallback(name))) {
        problems.push({
          input: name,
          message: `is set to ${show(raw[name] ?? '')} but does not apply to mode \`${mode}\` (it applies to ${listOf(modes)}); remove it or change the mode`
        })
      }
    }
  }
  if (mode === 'audit' && values.notify === 'issue' && values['notify-repo'] === null) {
    problems.push({
      input: 'notify-repo',
      message:
        'is empty and GITHUB_REPOSITORY is not an owner/name; `notify: issue` needs the owner/name of the repository that holds the tracking issue: set `notify-repo: owner/name`, or use `notify: none`'
    })
  }
  const both = lists.teams.names.filter((t) => lists['exclude-teams'].names.includes(t))
  if (both.length) {
    problems.push({
      input: 'exclude-teams',
      message: `${both.map((t) => show(t)).join(', ')} is both in \`teams\` and \`exclude-teams\`; a team cannot be targeted and protected at once`
    })
  }

  // users-file last, and only once the run could go ahead without it.
  const usersFile = given('users-file')
  const takesTargets = mode !== undefined && TARGET_MODES.includes(mode)
  const canRead = takesTargets && values.token !== undefined
  let fromFile: string[] = []
  if (usersFile && takesTargets) {
    if (canRead) {
      const read = readUsersFile(usersFile, env)
      fromFile = read.names
      problems.push(...read.problems)
    } else {
      const lexical = checkUsersFilePath(usersFile, env.workspace)
      if (lexical) problems.push(lexical)
    }
  }

  const users = [...new Set([...lists.users.names, ...fromFile])]
  // A bad `users`, `teams` or `users-file` is already reported; "no target" on top of it would mislead.
  const badTarget = problems.some(
    (p) => p.input === 'users' || p.input === 'teams' || p.input === 'users-file'
  )
  const fileUnread = usersFile !== '' && !canRead
  if (takesTargets && !users.length && !lists.teams.names.length && !badTarget && !fileUnread) {
    problems.push({
      input: usersFile ? 'users-file' : 'users',
      message:
        (usersFile
          ? `${show(usersFile)} lists no logins and \`users\` and \`teams\` are empty: mode \`${mode}\` needs at least one target`
          : `mode \`${mode}\` needs at least one target: set \`users\`, \`users-file\` or \`teams\``) +
        (mode === 'sync'
          ? ' (an empty desired state would cancel every seat, so it is refused)'
          : '')
    })
  }
  if (problems.length) throw new InputError(problems)

  const v = values as Required<Values>
  return {
    mode: v.mode,
    token: v.token,
    org: v.org,
    enterprise: v.enterprise,
    githubApiUrl: v['github-api-url'],
    runnerApiUrl,
    users,
    teams: lists.teams.names,
    inactiveDays: v['inactive-days'],
    excludeUsers: lists['exclude-users'].names,
    excludeTeams: lists['exclude-teams'].names,
    reclaim: v.reclaim,
    dryRun: v['dry-run'],
    maxCancellations: v['max-cancellations'],
    maxAssignments: v['max-assignments'],
    seatCost: v['seat-cost'],
    jobSummary: v['job-summary'],
    usageMetrics: v['usage-metrics'],
    notify: v.notify,
    graceDays: v['grace-days'],
    notifyRepo: v['notify-repo'],
    githubToken: given('github-token') || null,
    prComment: v['pr-comment']
  }
}

/**
 * Whether an input keeps its default: unset, the default as written, what the
 * runner expands an expression default to (`notify-repo` = GITHUB_REPOSITORY),
 * or a value that parses to the default's (`FALSE`, `0100`).
 */
function isDefault(name: InputName, given: string, fallback: string): boolean {
  if (given === '' || given === INPUT_DEFAULTS[name]) return true
  if (isExpressionDefault(name)) return given.toLowerCase() === fallback.toLowerCase()
  const schema = (fieldSchemas as Partial<Record<InputName, (typeof fieldSchemas)[FieldName]>>)[
    name
  ]
  if (!schema) return false
  const a = schema.safeParse(given)
  const b = schema.safeParse(INPUT_DEFAULTS[name])
  return a.success && b.success && a.data === b.data
}
