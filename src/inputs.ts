// The action's inputs: names and defaults exactly as in action.yml, validated
// with zod before the first request. Pure apart from the injected file reader.
import path from 'node:path'
import { z } from 'zod'
import { InputError } from './errors.js'
import { parseLoginFile, parseNameList, type ListProblem } from './login-list.js'

export const MODES = ['assign', 'revoke', 'audit', 'report'] as const
export type Mode = (typeof MODES)[number]

/** Every input of action.yml with its default as the runner passes it. */
export const INPUT_DEFAULTS = {
  mode: '',
  token: '',
  org: '${{ github.repository_owner }}',
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
  'job-summary': 'true'
} as const
export type InputName = keyof typeof INPUT_DEFAULTS
export const INPUT_NAMES = Object.keys(INPUT_DEFAULTS) as InputName[]

export interface Config {
  mode: Mode
  token: string
  org: string
  enterprise: string | null
  /** `users` ∪ `users-file`, lower-cased, duplicates merged. */
  users: string[]
  teams: string[]
  inactiveDays: number
  excludeUsers: string[]
  excludeTeams: string[]
  reclaim: boolean
  dryRun: boolean
  maxCancellations: number
  maxAssignments: number
  /** null: price by plan. */
  seatCost: number | null
  jobSummary: boolean
}

export interface InputEnv {
  /** GITHUB_WORKSPACE: `users-file` is resolved inside it. */
  workspace: string
  readFile: (absolutePath: string) => string
}

const show = (v: string) => JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v)

// Exactly core.getBooleanInput's YAML 1.2 core-schema spellings.
const BOOL = ['true', 'True', 'TRUE', 'false', 'False', 'FALSE'] as const
const bool = z
  .string()
  .refine((v): v is (typeof BOOL)[number] => (BOOL as readonly string[]).includes(v), {
    error: (i) => `got ${show(String(i.input))}; allowed: true, True, TRUE, false, False or FALSE`
  })
  .transform((v) => v.toLowerCase() === 'true')

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, {
      error: (i) => `got ${show(String(i.input))}; allowed: a whole number from ${min} to ${max}`
    })
    .transform(Number)
    .refine((n) => n >= min && n <= max, {
      error: (i) => `got ${String(i.input)}; allowed: a whole number from ${min} to ${max}`
    })

const seatCost = z
  .string()
  .refine((v) => v === '' || /^\d+(\.\d+)?$/.test(v), {
    error: (i) =>
      `got ${show(String(i.input))}; allowed: empty (price by plan) or a number such as 19 or 39.5`
  })
  .transform((v) => (v === '' ? null : Number(v)))

const slug = (what: string) =>
  z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/, {
    error: (i) => `got ${show(String(i.input))}; allowed: ${what}`
  })

const fieldSchemas = {
  mode: z.enum(MODES, {
    error: (i) => `got ${show(String(i.input))}; allowed: assign, revoke, audit or report`
  }),
  token: z.string().min(1, {
    error:
      'is empty; allowed: a PAT (classic: manage_billing:copilot and read:org) or a GitHub App token with "GitHub Copilot Business" and "Members" permissions. GITHUB_TOKEN cannot manage Copilot seats.'
  }),
  org: slug('an organization login (letters, digits, single inner hyphens)').transform((s) =>
    s.toLowerCase()
  ),
  enterprise: z
    .string()
    .regex(/^$|^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,59}$/, {
      error: (i) =>
        `got ${show(String(i.input))}; allowed: empty or an enterprise slug (letters, digits, hyphens)`
    })
    .transform((s) => (s === '' ? null : s.toLowerCase())),
  'inactive-days': int(1, 3650),
  reclaim: bool,
  'dry-run': bool,
  'max-cancellations': int(0, 1_000_000),
  'max-assignments': int(0, 1_000_000),
  'seat-cost': seatCost,
  'job-summary': bool
} satisfies Partial<Record<InputName, z.ZodType>>

type Problem = { input: InputName; message: string }

function listProblems(input: InputName, problems: ListProblem[], file?: string): Problem[] {
  return problems.slice(0, 5).map((p) => ({
    input,
    message:
      (p.line !== undefined ? `line ${p.line} of ${file}: ` : '') +
      `${show(p.value)} is ${p.reason}` +
      (problems.length > 5 ? ` (and ${problems.length - 5} more)` : '')
  }))
}

function readUsersFile(relative: string, env: InputEnv): { names: string[]; problems: Problem[] } {
  const input = 'users-file'
  const workspace = path.resolve(env.workspace)
  const absolute = path.resolve(workspace, relative)
  const inside = path.relative(workspace, absolute)
  if (path.isAbsolute(relative) || inside.startsWith('..') || path.isAbsolute(inside)) {
    return {
      names: [],
      problems: [
        {
          input,
          message: `got ${show(relative)}, which is outside the workspace ${workspace}; allowed: a path relative to the repository root, e.g. .github/copilot-seats.txt`
        }
      ]
    }
  }
  let content: string
  try {
    content = env.readFile(absolute)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    const fix =
      code === 'ENOENT'
        ? 'no such file: check the path is relative to the repository root and that actions/checkout ran before this step'
        : code === 'EISDIR'
          ? 'it is a directory; name a file'
          : 'it cannot be read; check its permissions'
    return {
      names: [],
      problems: [{ input, message: `cannot read ${show(relative)} (${code}): ${fix}` }]
    }
  }
  const parsed = parseLoginFile(content)
  return { names: parsed.names, problems: listProblems(input, parsed.problems, relative) }
}

/** Modes each input applies to; elsewhere it must keep its default. */
const APPLIES: Partial<Record<InputName, readonly Mode[]>> = {
  users: ['assign', 'revoke'],
  'users-file': ['assign', 'revoke'],
  teams: ['assign', 'revoke'],
  reclaim: ['audit'],
  'exclude-users': ['revoke', 'audit'],
  'exclude-teams': ['revoke', 'audit'],
  'max-cancellations': ['revoke', 'audit'],
  'max-assignments': ['assign'],
  enterprise: ['report', 'audit']
}

/**
 * Raw strings as the runner provides them (every input present, `''` when unset)
 * to a validated Config, or an InputError naming every bad input.
 */
export function parseInputs(raw: Partial<Record<InputName, string>>, env: InputEnv): Config {
  const get = (name: InputName) => (raw[name] ?? '').trim() || defaultOf(name)
  const problems: Problem[] = []
  const values: Record<string, unknown> = {}
  for (const [name, schema] of Object.entries(fieldSchemas) as [InputName, z.ZodType][]) {
    const result = schema.safeParse(get(name))
    if (result.success) values[name] = result.data
    else problems.push({ input: name, message: result.error.issues[0]?.message ?? 'invalid' })
  }

  const lists = {} as Record<'users' | 'teams' | 'exclude-users' | 'exclude-teams', string[]>
  for (const name of ['users', 'teams', 'exclude-users', 'exclude-teams'] as const) {
    const parsed = parseNameList(get(name), name.endsWith('teams') ? 'team' : 'login')
    lists[name] = parsed.names
    problems.push(...listProblems(name, parsed.problems))
  }
  const usersFile = get('users-file')
  const fromFile = usersFile ? readUsersFile(usersFile, env) : { names: [], problems: [] }
  problems.push(...fromFile.problems)

  const mode = values.mode as Mode | undefined
  if (mode) {
    for (const [name, modes] of Object.entries(APPLIES) as [InputName, readonly Mode[]][]) {
      if (!modes.includes(mode) && !isDefault(name, raw[name])) {
        problems.push({
          input: name,
          message: `is set to ${show(raw[name] ?? '')} but does not apply to mode \`${mode}\` (it applies to ${modes.join(' and ')}); remove it or change the mode`
        })
      }
    }
    // An invalid `users`/`teams` entry is already reported; "no target" on top of it would mislead.
    const badTarget = problems.some((p) => p.input === 'users' || p.input === 'teams')
    if (
      (mode === 'assign' || mode === 'revoke') &&
      !lists.users.length &&
      !lists.teams.length &&
      !usersFile &&
      !badTarget
    ) {
      problems.push({
        input: 'users',
        message: `mode \`${mode}\` needs at least one target: set \`users\`, \`users-file\` or \`teams\``
      })
    }
    if (mode === 'audit' && values.reclaim === true && values.enterprise) {
      problems.push({
        input: 'reclaim',
        message:
          'cannot be true with `enterprise`: reclaiming at enterprise scope is not supported; reclaim per organization with `org` instead'
      })
    }
  }
  const both = lists.teams.filter((t) => lists['exclude-teams'].includes(t))
  if (both.length) {
    problems.push({
      input: 'exclude-teams',
      message: `${both.map((t) => show(t)).join(', ')} is both in \`teams\` and \`exclude-teams\`; a team cannot be targeted and protected at once`
    })
  }
  if (problems.length) throw new InputError(problems)

  return {
    mode: values.mode as Mode,
    token: values.token as string,
    org: values.org as string,
    enterprise: values.enterprise as string | null,
    users: [...new Set([...lists.users, ...fromFile.names])],
    teams: lists.teams,
    inactiveDays: values['inactive-days'] as number,
    excludeUsers: lists['exclude-users'],
    excludeTeams: lists['exclude-teams'],
    reclaim: values.reclaim as boolean,
    dryRun: values['dry-run'] as boolean,
    maxCancellations: values['max-cancellations'] as number,
    maxAssignments: values['max-assignments'] as number,
    seatCost: values['seat-cost'] as number | null,
    jobSummary: values['job-summary'] as boolean
  }
}

function defaultOf(name: InputName): string {
  // The org default is an expression the runner expands; unexpanded it means "unset".
  return name === 'org' ? '' : INPUT_DEFAULTS[name]
}

/** Compares the parsed value with the default's, so `FALSE` and `0100` count as defaults. */
function isDefault(name: InputName, value: string | undefined): boolean {
  const v = (value ?? '').trim()
  if (v === '' || v === INPUT_DEFAULTS[name]) return true
  const schema = (fieldSchemas as Partial<Record<InputName, z.ZodType>>)[name]
  if (!schema) return false
  const a = schema.safeParse(v)
  const b = schema.safeParse(INPUT_DEFAULTS[name])
  return a.success && b.success && a.data === b.data
}
