// The README's per-org matrix example ends with a short script that merges the
// orgs' report files into one enterprise summary. It is run here, as shown, on
// report files this action wrote: the files must carry what it needs.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, it } from 'vitest'
import { mswServer, runAction } from '../support/harness.js'
import { NOW, usedSeat } from '../support/audit-fixtures.js'

const { useFake } = mswServer()
const README = path.resolve(import.meta.dirname, '../../README.md')

/** The script between `node --input-type=module <<'EOF'` and its `EOF`, as the shell gets it. */
function mergeScript(): string {
  const lines = readFileSync(README, 'utf8').split('\n')
  const start = lines.findIndex((l) => l.trim() === "node --input-type=module <<'EOF'")
  expect(start, 'the merge script in README.md').toBeGreaterThan(0)
  const indent = lines[start]!.length - lines[start]!.trimStart().length
  const end = lines.findIndex((l, i) => i > start && l.trim() === 'EOF')
  return lines
    .slice(start + 1, end)
    .map((l) => l.slice(indent))
    .join('\n')
}

it("the README's merge script turns per-org report files into one enterprise summary", async () => {
  const gh = useFake({ now: () => new Date(NOW) }, null)
  gh.addOrg('o1')
  gh.addOrg('o2')
  gh.addSeat('o1', usedSeat('alice', 60)) // idle in o1, active in o2: not idle everywhere
  gh.addSeat('o2', usedSeat('alice', 2))
  gh.addSeat('o1', usedSeat('bob', 1))
  gh.addSeat('o2', usedSeat('carol', 50)) // idle everywhere
  gh.addSeat('o2', usedSeat('dave', 200)) // no activity GitHub still holds: idle, "> 90"
  gh.addSeat('o2', usedSeat('erin', 70, { pending_cancellation_date: '2026-07-01' }))

  const dir = mkdtempSync(path.join(os.tmpdir(), 'copilot-seats-merge-'))
  mkdirSync(path.join(dir, 'reports'))
  for (const org of ['o1', 'o2']) {
    const r = await runAction({ mode: 'audit', org }, { now: NOW })
    expect(r.exitCode).toBe(0)
    copyFileSync(r.outputs['report-json']!, path.join(dir, 'reports', `${org}.json`))
  }
  const summary = path.join(dir, 'summary.md')
  writeFileSync(summary, '')
  execFileSync(process.execPath, ['--input-type=module'], {
    cwd: dir,
    input: mergeScript(),
    env: { PATH: process.env.PATH ?? '', GITHUB_STEP_SUMMARY: summary }
  })
  const text = readFileSync(summary, 'utf8')
  expect(text).toContain('## Copilot seats: the enterprise, merged from each organization')
  expect(text).toContain(
    '5 people hold a seat in 2 orgs. Idle in every org where they hold one: **2**.'
  )
  expect(text).toContain('| o1 | 2 | 1 | 0 | ok |')
  expect(text).toContain('| o2 | 4 | 2 | 0 | ok |')
  // Longest idle first; alice (active in o2) and erin (pending) are not listed.
  expect(text).toMatch(/\| dave \| > 90 \| o2 \|\n\| carol \| 50 \| o2 \|\n$/)
  expect(text).not.toMatch(/\| alice \|/)
})
