// `npm run local-action` keeps working: src/main.ts's run(), through
// @github/local-action, in report mode against the in-repo fake. A change to
// action.yml's inputs (a new expression default, say) or to how main.ts reads
// them shows up here rather than on a contributor's machine.
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../..')

describe('npm run local-action', () => {
  it('runs a report from source against the fake and exits 0', () => {
    // test/setup.ts points the proxy variables at a dead port for msw tests;
    // this child talks to the fake on loopback, as a developer's shell would.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(https?|no)_proxy$/i.test(k))
    )
    const out = execFileSync(
      process.execPath,
      [path.join(ROOT, 'scripts', 'local-action.mjs'), '--seats', '120'],
      { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }
    )
    expect(out).toContain('Running Action')
    expect(out).toContain('::set-output name=total-seats::120')
    expect(out).toContain('## Copilot seats: report, org acme') // the job summary
    expect(out).not.toMatch(/^::error/m)
    expect(out).toContain('local-action: the action succeeded.')
  }, 90_000)
})
