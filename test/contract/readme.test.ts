import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')

describe('README', () => {
  it('has the inputs and outputs tables of action.yml (node scripts/readme-tables.mjs)', () => {
    expect(() =>
      execFileSync(process.execPath, ['scripts/readme-tables.mjs', '--check'], {
        cwd: root,
        stdio: 'pipe'
      })
    ).not.toThrow()
  })

  it('names the two commands: install-and-demo, and the tests', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
    expect(readme).toContain('npm ci && npm run demo')
    expect(readme).toMatch(/^npm test\b/m)
  })
})
