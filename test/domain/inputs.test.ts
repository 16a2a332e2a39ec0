// parseInputs as a pure function: raw strings and the runner's values in, a
// typed Config (or one InputError) out; the file system only through `files`.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { InputError } from '../../src/errors.js'
import {
  INPUT_DEFAULTS,
  nodeFiles,
  parseInputs,
  USERS_FILE_MAX_BYTES,
  type Config,
  type FileAccess,
  type InputEnv,
  type InputName
} from '../../src/inputs.js'

const TOKEN = 'ghp_unit'

/** Every input as the runner passes it, expression defaults unexpanded unless given. */
function raw(given: Partial<Record<InputName, string>>): Record<InputName, string> {
  return { ...INPUT_DEFAULTS, org: 'acme', token: TOKEN, ...given }
}

/** A file system that must not be touched. */
const untouchable: FileAccess = {
  realpath: () => expect.fail('realpath called'),
  stat: () => expect.fail('stat called'),
  read: () => expect.fail('read called')
}

function env(over: Partial<InputEnv> = {}): InputEnv {
  return {
    workspace: '/ws',
    repository: 'acme/seats',
    apiUrl: 'https://api.github.com',
    files: untouchable,
    ...over
  }
}

function problemsOf(fn: () => unknown): { input: string; message: string }[] {
  try {
    fn()
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
  return expect.fail('no InputError')
}

/** A recording FileAccess over an in-memory file. */
function memoryFiles(files: Record<string, { size?: number; bytes: Uint8Array }>) {
  const calls: string[] = []
  const access: FileAccess = {
    realpath: (p) => {
      calls.push(`realpath ${p}`)
      if (p === '/ws' || files[p]) return p
      throw Object.assign(new Error('no'), { code: 'ENOENT' })
    },
    stat: (p) => {
      calls.push(`stat ${p}`)
      const f = files[p]!
      return { kind: 'file', size: f.size ?? f.bytes.length }
    },
    read: (p, max) => {
      calls.push(`read ${p} ${max}`)
      return files[p]!.bytes.subarray(0, max)
    }
  }
  return { access, calls }
}

describe('parseInputs: the Config', () => {
  it('every default, typed', () => {
    const config: Config = parseInputs(raw({ mode: 'report' }), env())
    expect(config).toEqual({
      mode: 'report',
      token: TOKEN,
      org: 'acme',
      enterprise: null,
      githubApiUrl: 'https://api.github.com',
      runnerApiUrl: 'https://api.github.com',
      users: [],
      teams: [],
      inactiveDays: 30,
      excludeUsers: [],
      excludeTeams: [],
      reclaim: false,
      dryRun: false,
      maxCancellations: 100,
      maxAssignments: 100,
      seatCost: null,
      jobSummary: true,
      usageMetrics: 'auto',
      notify: 'none',
      graceDays: 7,
      notifyRepo: { owner: 'acme', name: 'seats' },
      githubToken: null,
      prComment: false
    } satisfies Config)
  })

  it('the new inputs, set', () => {
    const config = parseInputs(
      raw({
        mode: 'audit',
        'github-api-url': 'https://api.acme.ghe.com/',
        'usage-metrics': 'TRUE',
        notify: 'issue',
        'grace-days': '14',
        'notify-repo': 'acme/copilot-notices',
        'github-token': 'ghs_abc',
        enterprise: 'Acme-Corp',
        reclaim: 'true',
        'exclude-teams': 'ent:Leads',
        'seat-cost': '39.50'
      }),
      env({ apiUrl: 'https://api.github.com/' })
    )
    expect(config).toMatchObject({
      githubApiUrl: 'https://api.acme.ghe.com',
      runnerApiUrl: 'https://api.github.com',
      usageMetrics: 'true',
      notify: 'issue',
      graceDays: 14,
      notifyRepo: { owner: 'acme', name: 'copilot-notices' },
      githubToken: 'ghs_abc',
      enterprise: 'acme-corp',
      reclaim: true,
      excludeTeams: ['leads'],
      seatCost: 39.5
    })
    expect(
      parseInputs(raw({ mode: 'sync', users: 'a', 'pr-comment': 'True' }), env())
    ).toMatchObject({ mode: 'sync', prComment: true })
  })

  it('github-api-url: the input, else the runner, else api.github.com; trailing slashes dropped', () => {
    const url = (given: string, runner: string) =>
      parseInputs(raw({ mode: 'report', 'github-api-url': given }), env({ apiUrl: runner }))
        .githubApiUrl
    expect(url('${{ github.api_url }}', 'https://api.x.ghe.com/')).toBe('https://api.x.ghe.com')
    expect(url('', 'https://api.x.ghe.com')).toBe('https://api.x.ghe.com')
    expect(url('', '')).toBe('https://api.github.com')
    expect(url('http://127.0.0.1:8080/api///', '')).toBe('http://127.0.0.1:8080/api')
    expect(url('HTTPS://API.GITHUB.COM/', '')).toBe('https://api.github.com')
  })

  it('an unexpanded expression default is unset; github-token is never an error', () => {
    const config = parseInputs(raw({ mode: 'audit', notify: 'issue' }), env())
    expect(config.notifyRepo).toEqual({ owner: 'acme', name: 'seats' })
    expect(config.githubToken).toBeNull()
    expect(
      parseInputs(raw({ mode: 'report', 'github-token': ' \n' }), env()).githubToken
    ).toBeNull()
    expect(parseInputs(raw({ mode: 'report', 'github-token': '{"x":1}' }), env()).githubToken).toBe(
      '{"x":1}'
    )
  })

  it('notify-repo equal to GITHUB_REPOSITORY counts as its default outside audit', () => {
    expect(() =>
      parseInputs(raw({ mode: 'report', 'notify-repo': 'ACME/seats' }), env())
    ).not.toThrow()
    expect(
      problemsOf(() => parseInputs(raw({ mode: 'report', 'notify-repo': 'acme/x' }), env()))
    ).toEqual([{ input: 'notify-repo', message: expect.stringContaining('does not apply') }])
  })

  it("booleans: exactly getBooleanInput's six spellings, for every boolean input", () => {
    for (const name of ['reclaim', 'dry-run', 'job-summary', 'pr-comment'] as const) {
      const mode = name === 'reclaim' ? 'audit' : name === 'pr-comment' ? 'assign' : 'report'
      const base = mode === 'assign' ? { users: 'a' } : {}
      for (const v of ['true', 'True', 'TRUE', 'false', 'False', 'FALSE'])
        expect(
          () => parseInputs(raw({ mode, ...base, [name]: v }), env()),
          `${name}=${v}`
        ).not.toThrow()
      for (const v of ['tRUE', 'yes', 'on', '1', 'y', 'FaLsE'])
        expect(
          problemsOf(() => parseInputs(raw({ mode, ...base, [name]: v }), env())),
          v
        ).toEqual([
          { input: name, message: expect.stringMatching(/true, True, TRUE, false, False or FALSE/) }
        ])
    }
  })

  it('seat-cost: finite, at most 100,000, at most 2 decimals', () => {
    const cost = (v: string) => parseInputs(raw({ mode: 'report', 'seat-cost': v }), env()).seatCost
    expect(cost('0')).toBe(0)
    expect(cost('100000')).toBe(100000)
    expect(cost('100000.00')).toBe(100000)
    expect(cost('19.99')).toBe(19.99)
    for (const bad of ['9'.repeat(400), '100000.01', '1.234', '1e3', 'Infinity', '.5', '5.'])
      expect(problemsOf(() => cost(bad))[0]?.message, bad).toMatch(/at most 2 decimals/)
  })
})

describe('parseInputs: users-file is read last, and only when the run could proceed', () => {
  const seats = { '/ws/seats.txt': { bytes: Buffer.from('alice\nbad!\n') } }

  it('an empty token, an invalid mode or a mode without targets: the file system is not touched', () => {
    for (const given of [
      { mode: 'assign', token: '' },
      { mode: 'assing' },
      { mode: '' },
      { mode: 'audit' }
    ]) {
      const { access, calls } = memoryFiles(seats)
      const problems = problemsOf(() =>
        parseInputs(raw({ ...given, 'users-file': 'seats.txt' }), env({ files: access }))
      )
      expect(calls, JSON.stringify(given)).toEqual([])
      expect(JSON.stringify(problems)).not.toMatch(/line \d/)
      expect(JSON.stringify(problems)).not.toContain('bad!')
    }
  })

  it('with a valid token and mode it is read, at most 5 MB + 1 byte, and its problems join the rest', () => {
    const { access, calls } = memoryFiles(seats)
    const problems = problemsOf(() =>
      parseInputs(
        raw({ mode: 'assign', 'users-file': 'seats.txt', 'inactive-days': '0' }),
        env({ files: access })
      )
    )
    expect(calls).toEqual([
      'realpath /ws',
      'realpath /ws/seats.txt',
      'stat /ws/seats.txt',
      `read /ws/seats.txt ${USERS_FILE_MAX_BYTES + 1}`
    ])
    expect(problems.map((p) => p.input)).toEqual(['inactive-days', 'users-file'])
  })

  it('a file that grows past 5 MB while it is read is refused', () => {
    const { access } = memoryFiles({
      '/ws/seats.txt': { size: 10, bytes: Buffer.alloc(USERS_FILE_MAX_BYTES + 100, 'a') }
    })
    expect(
      problemsOf(() =>
        parseInputs(raw({ mode: 'assign', 'users-file': 'seats.txt' }), env({ files: access }))
      )
    ).toEqual([
      {
        input: 'users-file',
        message:
          '"seats.txt" is larger than 5 MB while it is read; the limit is 5 MB (5,242,880 bytes)'
      }
    ])
  })

  it('an absolute path inside the workspace is fine; `..foo` is a name, not a way out', () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'copilot-seats-inputs-'))
    mkdirSync(path.join(ws, '..dir'))
    writeFileSync(path.join(ws, '..dir/..seats'), 'alice\n')
    const read = (file: string) =>
      parseInputs(
        raw({ mode: 'assign', 'users-file': file }),
        env({ workspace: ws, files: nodeFiles })
      ).users
    expect(read('..dir/..seats')).toEqual(['alice'])
    expect(read(path.join(ws, '..dir/..seats'))).toEqual(['alice'])
    expect(read('./..dir/../..dir/..seats')).toEqual(['alice'])
    expect(problemsOf(() => read('..dir/../../x'))[0]?.message).toMatch(/outside the workspace/)
  })
})
