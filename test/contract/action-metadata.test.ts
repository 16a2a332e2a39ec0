// action.yml against the SchemaStore schema for action metadata (through
// @action-validator/cli, which embeds that schema), plus the GitHub
// Marketplace rules that no schema knows and that otherwise only show up in
// the release form when publishing.
//
// The validator's schema predates `runs.using: node24` (it accepts node12,
// node16 and node20 only), so the schema check runs on a copy of action.yml
// with `node24` replaced by `node20`, and a separate test asserts that the real
// file says node24. A third test proves the substitution is still needed: when
// a newer validator accepts node24, it fails and says to drop the workaround.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const ROOT = path.resolve(import.meta.dirname, '../..')
const SOURCE = readFileSync(path.join(ROOT, 'action.yml'), 'utf8')
const action = parse(SOURCE) as {
  name?: string
  description?: string
  branding?: { icon?: string; color?: string }
  runs?: { using?: unknown }
}
const CLI = path.join(ROOT, 'node_modules', '@action-validator', 'cli', 'cli.mjs')

const dir = mkdtempSync(path.join(os.tmpdir(), 'action-metadata-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs the validator CLI on `text` as an action.yml; returns what it printed on failure. */
function validate(text: string): { ok: boolean; errors: string } {
  // The CLI tells actions from workflows by the file name, so it must be action.yml.
  const file = path.join(mkdtempSync(path.join(dir, 'v-')), 'action.yml')
  writeFileSync(file, text)
  try {
    execFileSync(process.execPath, [CLI, file], { stdio: 'pipe', encoding: 'utf8' })
    return { ok: true, errors: '' }
  } catch (error) {
    const e = error as { status?: number; stderr?: string; stdout?: string }
    return { ok: false, errors: `exit ${e.status}: ${e.stderr ?? ''}${e.stdout ?? ''}` }
  }
}

/** action.yml as the schema knows it: node24 is written as node20 (see the top). */
function forSchema(text: string): string {
  const replaced = text.replace(/^(\s+using:\s*['"]?)node24(['"]?\s*)$/m, '$1node20$2')
  if (replaced === text) throw new Error('action.yml has no `using: node24` line to substitute')
  return replaced
}

describe('action.yml against the SchemaStore schema (@action-validator/cli)', () => {
  it('is valid (with runs.using node24 read as node20)', () => {
    const result = validate(forSchema(SOURCE))
    expect(result.errors).toBe('')
    expect(result.ok).toBe(true)
  })

  it('runs on node24 (asserted here because the schema cannot)', () => {
    expect(action.runs?.using).toBe('node24')
  })

  it('still needs the node20 substitution: the schema rejects node24 and nothing else', () => {
    const result = validate(SOURCE)
    // If this fails because the file now validates as it is, the validator has
    // learned node24: validate action.yml directly and drop forSchema().
    expect(result.ok).toBe(false)
    const report = JSON.parse(result.errors.slice(result.errors.indexOf('{'))) as {
      errors: { path?: string }[]
    }
    expect(report.errors.map((e) => e.path)).toEqual(['/runs'])
    expect(result.errors).toContain('"/runs/using"')
  })

  it('the validator really checks: a bad branding color and a missing main fail', () => {
    const broken = forSchema(SOURCE)
      .replace(/^(\s+color:\s*).*$/m, '$1pink')
      .replace(/^\s+main:.*$/m, '')
    const result = validate(broken)
    expect(result.ok).toBe(false)
    expect(result.errors).toContain('/branding/color')
  })
})

// GitHub Marketplace ("Publishing actions in GitHub Marketplace" and
// "Metadata syntax for GitHub Actions", docs.github.com):
// - `name` must be unique: not an existing Marketplace action's name, not a
//   GitHub user or organization (unless it is the publisher), not a Marketplace
//   category, not a name GitHub reserves for its features. Only the release
//   form can tell for sure; we check what can be checked offline.
// - `description`: the release form refuses 125 characters or more ("Description
//   must be less than 125 characters"); this limit is not on docs.github.com but
//   is what the form enforces.
// - `branding.color`: white, black, yellow, blue, green, orange, red, purple or
//   gray-dark.
// - `branding.icon`: a Feather (v4.28.0) icon name, except brand icons and the
//   13 listed as omitted. The schema above holds the full list of supported
//   icons and rejects the others; the omitted ones are listed here as well.
// (The same page says the repository must hold no workflow files; actions that
// are listed today, actions/checkout among them, have many, so this is not
// enforced here.)
const MARKETPLACE = {
  descriptionBelow: 125,
  colors: ['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark'],
  omittedIcons: [
    'coffee',
    'columns',
    'divide-circle',
    'divide-square',
    'divide',
    'frown',
    'hexagon',
    'key',
    'meh',
    'mouse-pointer',
    'smile',
    'tool',
    'x-octagon'
  ],
  /** Names GitHub uses for itself and its features; a bare one is refused or confusing. */
  reserved: ['github', 'copilot', 'actions', 'github actions', 'github copilot', 'marketplace']
}

describe('action.yml meets the GitHub Marketplace rules', () => {
  const name = String(action.name ?? '')
  const description = String(action.description ?? '')

  it('has a name that can be unique', () => {
    expect(name.trim()).toBe(name)
    // Two words or more: a login (user or organization) has no spaces, so the
    // name cannot be one.
    expect(name).toMatch(/^\S+(\s\S+)+$/)
    expect(MARKETPLACE.reserved).not.toContain(name.toLowerCase())
    // House limit, not GitHub's (which documents none): short enough for the
    // Marketplace card and the Actions log header.
    expect(name.length).toBeLessThanOrEqual(40)
  })

  it(`has a one-line description of fewer than ${MARKETPLACE.descriptionBelow} characters`, () => {
    expect(description.trim().length).toBeGreaterThan(0)
    expect(description).not.toMatch(/\n/)
    expect(description.length).toBeLessThan(MARKETPLACE.descriptionBelow)
  })

  it('has a branding color GitHub accepts', () => {
    expect(MARKETPLACE.colors).toContain(action.branding?.color)
  })

  it('has a branding icon GitHub supports (a Feather icon, not an omitted one)', () => {
    const icon = String(action.branding?.icon ?? '')
    expect(icon).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    expect(MARKETPLACE.omittedIcons).not.toContain(icon)
    // Existence in GitHub's list of supported icons: the schema test above.
  })
})
