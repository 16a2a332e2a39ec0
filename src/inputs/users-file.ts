// `users-file`: a seat list committed to the repository. It is read only from
// inside the workspace as it really is on disk (symbolic links resolved), only
// if it is a regular file of at most 5 MB, only as UTF-8, and its lines are
// never echoed: a link to a runner file (/proc/self/environ, ~/.ssh/...) must
// not end up in the log.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync
} from 'node:fs'
import path from 'node:path'
import { parseLoginFile } from '../login-list.js'
import { listProblems, show, type Problem } from './problems.js'

/** The largest `users-file` read: 5 MB (a million logins fit in far less). */
export const USERS_FILE_MAX_BYTES = 5 * 1024 * 1024

export interface FileStat {
  kind: 'file' | 'directory' | 'other'
  size: number
}

/** The file system as `users-file` needs it; `nodeFiles` in production. */
export interface FileAccess {
  /** The path with every symbolic link resolved (fs.realpathSync). */
  realpath(p: string): string
  /** Type and size of a path, not following a final symbolic link. */
  stat(p: string): FileStat
  /**
   * At most `maxBytes` bytes from the start of the regular file `p`, however
   * large it is or grows. Never blocks on a FIFO; throws (code ENOTREG) if `p`
   * is not a regular file once opened.
   */
  read(p: string, maxBytes: number): Uint8Array
}

const errno = (code: string, message: string) => Object.assign(new Error(message), { code })

export const nodeFiles: FileAccess = {
  realpath: (p) => realpathSync(p),
  stat: (p) => {
    const s = lstatSync(p)
    return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size }
  },
  read: (p, maxBytes) => {
    // O_NONBLOCK: opening a FIFO swapped in after the check must not hang the step.
    // O_NOFOLLOW: nor may a symbolic link swapped in for the file be followed.
    const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0)
    const fd = openSync(p, flags)
    try {
      if (!fstatSync(fd).isFile()) throw errno('ENOTREG', `${p} is not a regular file`)
      const chunks: Buffer[] = []
      let total = 0
      while (total < maxBytes) {
        const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes - total))
        const n = readSync(fd, chunk, 0, chunk.length, null)
        if (n === 0) break
        chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n))
        total += n
      }
      return Buffer.concat(chunks, total)
    } finally {
      closeSync(fd)
    }
  }
}

/** True when `p` is strictly inside `root` (both absolute, same resolution). */
function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p)
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel)
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'unknown error'

const EXAMPLE = 'e.g. .github/copilot-seats.txt'

/**
 * The check that needs no file system: the path, as written, stays inside the
 * workspace. `..foo` is a name; only `..` segments that leave the workspace are refused.
 */
export function checkUsersFilePath(given: string, workspace: string): Problem | null {
  const root = path.resolve(workspace)
  return isInside(root, path.resolve(root, given))
    ? null
    : {
        input: 'users-file',
        message: `got ${show(given)}, which is outside the workspace ${root}; allowed: a path inside the workspace, relative to the repository root, ${EXAMPLE}`
      }
}

function cannotRead(given: string, code: string): string {
  const fix =
    code === 'ENOENT'
      ? 'no such file: check the path is relative to the repository root and that actions/checkout ran before this step'
      : code === 'ENOTDIR'
        ? 'a folder on its path is a file'
        : code === 'ELOOP'
          ? 'its symbolic links form a loop'
          : 'it cannot be read; check its permissions'
  return `cannot read ${show(given)} (${code}): ${fix}`
}

/** Bytes to text, or why they are not UTF-8 text. */
function decode(bytes: Uint8Array, given: string): { text: string } | { problem: string } {
  const utf16Bom =
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  if (utf16Bom || bytes.includes(0)) {
    return {
      problem: `${show(given)} is UTF-16 text or binary (${utf16Bom ? 'a UTF-16 byte-order mark' : 'it contains NUL bytes'}); save it as UTF-8`
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes)
    const at = lossy.indexOf('\uFFFD')
    const line = lossy.slice(0, Math.max(at, 0)).split(/\r?\n|\r/).length
    return {
      problem: `${show(given)} is not UTF-8 text (line ${line} has bytes that are not UTF-8, as in Latin-1 or Windows-1252); save it as UTF-8`
    }
  }
}

/**
 * The logins of `users-file`, or problems that name the file as given (never
 * the target of a link) and at most a line number and a short excerpt of a line.
 */
export function readUsersFile(
  given: string,
  env: { workspace: string; files: FileAccess }
): { names: string[]; problems: Problem[] } {
  const fail = (message: string) => ({
    names: [],
    problems: [{ input: 'users-file' as const, message }]
  })
  const lexical = checkUsersFilePath(given, env.workspace)
  if (lexical) return { names: [], problems: [lexical] }

  const workspace = path.resolve(env.workspace)
  let realWorkspace: string
  try {
    realWorkspace = env.files.realpath(workspace)
  } catch (error) {
    return fail(
      `cannot read the workspace ${workspace} (GITHUB_WORKSPACE, ${codeOf(error)}): run actions/checkout before this step`
    )
  }
  let real: string
  try {
    real = env.files.realpath(path.resolve(workspace, given))
  } catch (error) {
    return fail(cannotRead(given, codeOf(error)))
  }
  if (!isInside(realWorkspace, real)) {
    return fail(
      `got ${show(given)}, which resolves through a symbolic link to a path outside the workspace ${workspace}; allowed: a regular file inside the workspace, ${EXAMPLE}`
    )
  }

  let stat: FileStat
  try {
    stat = env.files.stat(real)
  } catch (error) {
    return fail(cannotRead(given, codeOf(error)))
  }
  if (stat.kind === 'directory')
    return fail(`${show(given)} is a directory, not a file; name the file that lists the logins`)
  if (stat.kind !== 'file') return fail(notRegular(given))
  const limit = `the limit is 5 MB (${USERS_FILE_MAX_BYTES.toLocaleString('en-US')} bytes)`
  if (stat.size > USERS_FILE_MAX_BYTES)
    return fail(`${show(given)} is ${stat.size.toLocaleString('en-US')} bytes; ${limit}`)

  let bytes: Uint8Array
  try {
    bytes = env.files.read(real, USERS_FILE_MAX_BYTES + 1)
  } catch (error) {
    const code = codeOf(error)
    return fail(code === 'ENOTREG' ? notRegular(given) : cannotRead(given, code))
  }
  if (bytes.length > USERS_FILE_MAX_BYTES)
    return fail(`${show(given)} is larger than 5 MB while it is read; ${limit}`)

  const decoded = decode(bytes, given)
  if ('problem' in decoded) return fail(decoded.problem)
  const parsed = parseLoginFile(decoded.text)
  return { names: parsed.names, problems: listProblems('users-file', parsed, given) }
}

const notRegular = (given: string) =>
  `${show(given)} is not a regular file (a device, FIFO or socket); name a text file in the repository`
