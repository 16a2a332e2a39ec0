// The release process: CHANGELOG.md's shape, the script that turns a version's
// section into release notes, and the invariants of release.yml that a casual
// edit could break (the tag pattern must not match the major tag it moves).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { notesFor } from '../../scripts/changelog-notes.mjs'

const ROOT = path.resolve(import.meta.dirname, '../..')
const SCRIPT = path.join(ROOT, 'scripts', 'changelog-notes.mjs')

const SAMPLE = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '### Added',
  '- next thing',
  '',
  '## [1.2.0] - 2027-02-01',
  '',
  '### Added',
  '- `sync` mode',
  '',
  '### Fixed',
  '- a bug',
  '',
  '## [1.1.10] - 2027-01-15',
  '- old fix',
  '',
  '## [1.1.1] - 2027-01-10',
  '- oldest',
  '',
  '## [1.0.0] - 2027-01-01',
  '',
  '[Unreleased]: https://example.invalid/compare/v1.2.0...HEAD',
  '[1.2.0]: https://example.invalid/compare/v1.1.10...v1.2.0'
].join('\n')

describe('scripts/changelog-notes.mjs', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'changelog-notes-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('returns the section of the version, without its heading, up to the next one', () => {
    expect(notesFor(SAMPLE, 'v1.2.0')).toBe('### Added\n- `sync` mode\n\n### Fixed\n- a bug\n')
    expect(notesFor(SAMPLE, '1.2.0')).toBe(notesFor(SAMPLE, 'v1.2.0'))
  })

  it('matches the whole version (1.1.1 is not 1.1.10) and stops at link definitions', () => {
    expect(notesFor(SAMPLE, 'v1.1.1')).toBe('- oldest\n')
    expect(notesFor(SAMPLE, 'v1.1.10')).toBe('- old fix\n')
  })

  it('refuses a missing or empty section, and a tag that is not a version', () => {
    expect(() => notesFor(SAMPLE, 'v9.9.9')).toThrow('no "## [9.9.9]" section')
    expect(() => notesFor(SAMPLE, 'v1.0.0')).toThrow('section of CHANGELOG.md is empty')
    expect(() => notesFor(SAMPLE, 'v1')).toThrow('not a version like v1.2.3')
    expect(() => notesFor(SAMPLE, 'Unreleased')).toThrow('not a version')
  })

  it('accepts CRLF files and headings without brackets or date', () => {
    expect(notesFor('## 2.0.0\r\n- crlf\r\n', 'v2.0.0')).toBe('- crlf\n')
  })

  it('prints the notes from the command line, and exits 1 naming the problem', () => {
    const file = path.join(dir, 'CHANGELOG.md')
    writeFileSync(file, SAMPLE)
    const out = execFileSync(process.execPath, [SCRIPT, 'v1.1.1', file], { encoding: 'utf8' })
    expect(out).toBe('- oldest\n')
    let failure: { status?: number; stderr?: string } = {}
    try {
      execFileSync(process.execPath, [SCRIPT, 'v3.0.0', file], { stdio: 'pipe', encoding: 'utf8' })
    } catch (error) {
      failure = error as typeof failure
    }
    expect(failure.status).toBe(1)
    expect(failure.stderr).toContain('no "## [3.0.0]" section')
  })
})

describe('CHANGELOG.md', () => {
  const text = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8')
  const headings = text.split('\n').filter((l) => /^##\s/.test(l))

  it('starts with an [Unreleased] section (Keep a Changelog)', () => {
    expect(text.startsWith('# Changelog\n')).toBe(true)
    expect(headings[0]).toBe('## [Unreleased]')
  })

  it('has release headings "## [X.Y.Z] - YYYY-MM-DD", newest first, each with notes', () => {
    const versions = headings.slice(1).map((h) => {
      const m = /^## \[(\d+)\.(\d+)\.(\d+)\] - \d{4}-\d{2}-\d{2}$/.exec(h)
      expect(m, h).not.toBeNull()
      return m!.slice(1).map(Number)
    })
    for (let i = 1; i < versions.length; i++) {
      const [a, b] = [versions[i - 1]!, versions[i]!]
      const newer = a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!
      expect(newer, `${headings[i]} then ${headings[i + 1]}`).toBeGreaterThan(0)
    }
    for (const v of versions) expect(() => notesFor(text, v.join('.'))).not.toThrow()
  })
})

/** GitHub's filter-pattern syntax for branches and tags, the subset release.yml may use. */
function filterToRegExp(pattern: string): RegExp {
  let re = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '[') {
      const end = pattern.indexOf(']', i)
      re += pattern.slice(i, end + 1)
      i = end
    } else if (c === '*') re += pattern[i + 1] === '*' ? (i++, '.*') : '[^/]*'
    else if (c === '+' || c === '?') re += c
    else re += c.replace(/[.^$(){}|\\]/g, '\\$&')
  }
  return new RegExp(`^${re}$`)
}

describe('.github/workflows/release.yml', () => {
  const workflow = parse(
    readFileSync(path.join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8')
  ) as {
    on: { push?: { tags?: string[]; branches?: unknown } }
    permissions: unknown
    jobs: Record<string, { permissions?: Record<string, string>; steps?: { run?: string }[] }>
  }
  const tags = workflow.on.push?.tags ?? []

  it('runs on version tags only, never on the major tag it moves (no re-trigger)', () => {
    expect(Object.keys(workflow.on)).toEqual(['push'])
    expect(workflow.on.push?.branches).toBeUndefined()
    expect(tags.length).toBeGreaterThan(0)
    const matches = (tag: string) => tags.some((t) => filterToRegExp(t).test(tag))
    for (const tag of ['v1.0.0', 'v1.2.3', 'v10.20.30']) expect(matches(tag), tag).toBe(true)
    for (const tag of ['v1', 'v2', 'v1.2', 'v1.2.3-rc.1', 'x1.2.3', 'latest'])
      expect(matches(tag), tag).toBe(false)
  })

  it('grants nothing at the top and writes only in the job that publishes', () => {
    expect(workflow.permissions).toEqual({})
    const writers = Object.entries(workflow.jobs)
      .filter(([, job]) => Object.values(job.permissions ?? {}).includes('write'))
      .map(([name]) => name)
    expect(writers).toEqual(['publish'])
  })

  it('publishes the notes of CHANGELOG.md and moves the major tag', () => {
    const scripts = Object.values(workflow.jobs)
      .flatMap((job) => job.steps ?? [])
      .map((s) => s.run ?? '')
      .join('\n')
    expect(scripts).toContain('scripts/changelog-notes.mjs')
    expect(scripts).toContain('git status --porcelain dist/')
    expect(scripts).toMatch(/git push --force origin "refs\/tags\/\$\{?MAJOR\}?"/)
  })
})
