// `users-file` is a path a repository's content controls: a committed symbolic
// link, a FIFO or a huge file must not make the action read (or print) what is
// outside the workspace. Through the runner's INPUT_* path, real files.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { json, mswServer, runAction, TOKEN, type ActionRun } from '../support/harness.js'

const { useFake } = mswServer()

const SECRET_LINES = [
  'DEPLOY_KEY=hunter2-0123456789',
  'ghp_0123456789abcdefghijABCDEFGHIJ0123',
  'root'
]

function expectRefused(r: ActionRun, gh: { requests: unknown[] }, says: RegExp) {
  expect(r.exitCode).toBe(1)
  expect(r.errors).toHaveLength(1)
  expect(r.errors[0]).toMatch(/^Input `users-file`: /)
  expect(r.errors[0]).toMatch(says)
  expect(gh.requests).toEqual([])
  expect(json(r.outputs['assigned-users'])).toEqual([])
}

/** Nothing of the target's content, nor its path, in anything the run printed or wrote. */
function expectNothingOf(r: ActionRun, secrets: string[]) {
  const everything = [r.stdout, r.summary, ...Object.values(r.outputs)].join('\n')
  for (const secret of secrets) expect(everything).not.toContain(secret)
}

describe('users-file: symbolic links are resolved and must stay inside the workspace', () => {
  it('a link to a file outside the workspace is refused, and none of its lines is shown', async () => {
    const gh = useFake()
    gh.addMember('acme', 'alice')
    const r = await runAction(
      { mode: 'assign', 'users-file': '.github/seats.txt' },
      {
        setup: ({ workspace, tempDir }) => {
          const outside = path.join(tempDir, 'outside-secrets.txt')
          writeFileSync(outside, SECRET_LINES.join('\n') + '\n')
          mkdirSync(path.join(workspace, '.github'))
          symlinkSync(outside, path.join(workspace, '.github/seats.txt'))
        }
      }
    )
    expectRefused(
      r,
      gh,
      /^Input `users-file`: got "\.github\/seats\.txt", which resolves through a symbolic link to a path outside the workspace .*; allowed: a regular file inside the workspace/
    )
    expectNothingOf(r, [...SECRET_LINES, 'outside-secrets'])
  })

  it('a link to /proc/self/environ is refused without reading it', async () => {
    const gh = useFake()
    const r = await runAction(
      { mode: 'revoke', 'users-file': 'seats.txt' },
      {
        setup: ({ workspace }) =>
          symlinkSync('/proc/self/environ', path.join(workspace, 'seats.txt'))
      }
    )
    expectRefused(r, gh, /resolves through a symbolic link to a path outside the workspace/)
    const environ = readFileSync('/proc/self/environ', 'latin1')
      .split('\0')
      .filter((entry) => entry.length > 12)
    expect(environ.length).toBeGreaterThan(0)
    expectNothingOf(r, [...environ, '/proc/', 'environ'])
  })

  it('a link to /dev/zero is refused at once (no endless read)', async () => {
    const gh = useFake()
    const started = Date.now()
    const r = await runAction(
      { mode: 'assign', 'users-file': 'seats.txt' },
      { setup: ({ workspace }) => symlinkSync('/dev/zero', path.join(workspace, 'seats.txt')) }
    )
    expectRefused(r, gh, /outside the workspace/)
    expect(Date.now() - started).toBeLessThan(5000)
    expectNothingOf(r, ['/dev/zero'])
  })

  it('a link through a linked folder that leaves the workspace is refused', async () => {
    const gh = useFake()
    const r = await runAction(
      { mode: 'assign', 'users-file': 'config/seats.txt' },
      {
        setup: ({ workspace, tempDir }) => {
          mkdirSync(path.join(tempDir, 'elsewhere'))
          writeFileSync(path.join(tempDir, 'elsewhere/seats.txt'), SECRET_LINES.join('\n'))
          symlinkSync(path.join(tempDir, 'elsewhere'), path.join(workspace, 'config'))
        }
      }
    )
    expectRefused(r, gh, /outside the workspace/)
    expectNothingOf(r, SECRET_LINES)
  })

  it('a link that stays inside the workspace is followed', async () => {
    const gh = useFake()
    gh.addMember('acme', 'alice')
    const r = await runAction(
      { mode: 'assign', 'users-file': 'seats.txt' },
      {
        workspaceFiles: { 'config/real-seats.txt': 'alice\n' },
        setup: ({ workspace }) =>
          symlinkSync('config/real-seats.txt', path.join(workspace, 'seats.txt'))
      }
    )
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(json(r.outputs['assigned-users'])).toEqual(['alice'])
  })

  it('a link loop is an error naming the path, not a crash', async () => {
    const gh = useFake()
    const r = await runAction(
      { mode: 'assign', 'users-file': 'a.txt' },
      {
        setup: ({ workspace }) => {
          symlinkSync('b.txt', path.join(workspace, 'a.txt'))
          symlinkSync('a.txt', path.join(workspace, 'b.txt'))
        }
      }
    )
    expectRefused(r, gh, /cannot read "a\.txt" \(ELOOP\)/)
  })
})

describe('users-file: only a regular file is read', () => {
  it('a FIFO is refused without opening it (opening would block the step)', async () => {
    const gh = useFake()
    const r = await runAction(
      { mode: 'assign', 'users-file': 'seats.fifo' },
      {
        setup: ({ workspace }) => execFileSync('mkfifo', [path.join(workspace, 'seats.fifo')])
      }
    )
    expectRefused(r, gh, /"seats\.fifo" is not a regular file \(a device, FIFO or socket\)/)
  })

  it('a directory is refused', async () => {
    const gh = useFake()
    const r = await runAction(
      { mode: 'sync', 'users-file': '.github' },
      { workspaceFiles: { '.github/seats.txt': 'alice\n' } }
    )
    expectRefused(r, gh, /"\.github" is a directory, not a file/)
  })

  it('exactly 5 MB is read', async () => {
    const gh = useFake()
    gh.addMember('acme', 'alice')
    gh.addSeat('acme', { login: 'alice', created_at: '2026-01-01T00:00:00Z' })
    const line = 'alice # ' + 'x'.repeat(1014) + '\n' // 1 KiB
    const r = await runAction(
      { mode: 'assign', 'users-file': 'seats.txt' },
      { workspaceFiles: { 'seats.txt': line.repeat(5 * 1024) } }
    )
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
  })
})

describe('users-file: names that look odd but are inside the workspace', () => {
  it('a file whose name starts with two dots ("..seats.txt") is read', async () => {
    const gh = useFake()
    gh.addMember('acme', 'alice')
    const r = await runAction(
      { mode: 'assign', 'users-file': '..seats.txt' },
      { workspaceFiles: { '..seats.txt': 'alice\n' } }
    )
    expect(r.errors).toEqual([])
    expect(json(r.outputs['assigned-users'])).toEqual(['alice'])
  })

  it('a folder named "..config" is a folder, not a way out', async () => {
    const gh = useFake()
    gh.addMember('acme', 'alice')
    const r = await runAction(
      { mode: 'assign', 'users-file': '..config/seats.txt' },
      { workspaceFiles: { '..config/seats.txt': 'alice\n' } }
    )
    expect(r.errors).toEqual([])
    expect(json(r.outputs['assigned-users'])).toEqual(['alice'])
  })
})

describe('users-file: validated after everything else, read only when the run could proceed', () => {
  const badFile = { 'seats.txt': 'alice\nbad!name\n' }

  it('an empty token (a fork without secrets) reports the token only: the file is not read', async () => {
    const gh = useFake()
    const r = await runAction(
      { mode: 'assign', token: '', 'users-file': 'seats.txt' },
      { workspaceFiles: badFile }
    )
    expect(r.exitCode).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(/^Input `token`: is empty/)
    expect(r.errors[0]).not.toMatch(/users-file|line 2|bad!name/)
    expect(gh.requests).toEqual([])
  })

  it('an empty token with a link to /dev/zero: the token error only, at once', async () => {
    const gh = useFake()
    const r = await runAction(
      { mode: 'sync', token: '', 'users-file': 'seats.txt' },
      { setup: ({ workspace }) => symlinkSync('/dev/zero', path.join(workspace, 'seats.txt')) }
    )
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(/^Input `token`: /)
    expect(gh.requests).toEqual([])
  })

  it('an invalid mode reports the mode only: the file is not read', async () => {
    const gh = useFake()
    const r = await runAction(
      { mode: 'assing', 'users-file': 'seats.txt' },
      { workspaceFiles: badFile }
    )
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(/^Input `mode`: got "assing"/)
    expect(gh.requests).toEqual([])
  })

  it('a path that leaves the workspace is still reported with the token error (no file is touched)', async () => {
    const gh = useFake()
    const r = await runAction({ mode: 'assign', token: '', 'users-file': '../seats.txt' })
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(/^2 inputs are invalid:/)
    expect(r.errors[0]).toMatch(/- `token`: is empty/)
    expect(r.errors[0]).toMatch(
      /- `users-file`: got "\.\.\/seats\.txt", which is outside the workspace/
    )
    expect(gh.requests).toEqual([])
  })

  it('with a valid token and mode, the file problems join the others in one error', async () => {
    const gh = useFake()
    const r = await runAction(
      { mode: 'assign', 'users-file': 'seats.txt', 'inactive-days': '120', 'seat-cost': 'x' },
      { workspaceFiles: badFile }
    )
    expect(r.exitCode).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(/^3 inputs are invalid:/)
    expect(r.errors[0]).toMatch(/- `inactive-days`: got 120;/)
    expect(r.errors[0]).toMatch(/- `seat-cost`: got "x"/)
    expect(r.errors[0]).toMatch(
      /- `users-file`: line 2 of seats\.txt: "bad!name" is not a GitHub login/
    )
    expect(gh.requests).toEqual([])
    expect(r.stdout.split('\n').filter((l) => l.includes(TOKEN))).toEqual([`::add-mask::${TOKEN}`])
  })

  it('many bad lines: five are named, then how many more', async () => {
    const gh = useFake()
    const lines = Array.from({ length: 30 }, (_, i) => `user${i}--x`).join('\n')
    const r = await runAction(
      { mode: 'assign', 'users-file': 'seats.txt' },
      { workspaceFiles: { 'seats.txt': lines } }
    )
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(
      /^Input `users-file`: line 1 of seats\.txt: "user0--x" has a double hyphen; line 2 of .*; line 5 of seats\.txt: "user4--x" has a double hyphen \(and 25 more\)$/
    )
    expect(gh.requests).toEqual([])
  })
})
