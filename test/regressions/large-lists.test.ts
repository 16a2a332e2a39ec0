// Issue 10, item 5: no stack overflow above ~125,000 entries. Before the fix the modes
// spread the plan's skips into one call (`result.skipped.push(...plan.skipped)` in
// src/modes/audit.ts), which throws RangeError ("Maximum call stack size exceeded") once the
// arguments outgrow the stack: an audit with reclaim of an org with 140,000 idle seats granted
// through teams (each one a skip) crashed. Run through the whole action (msw serving 1,400
// pages) that took ~20 s here, so this test runs the same planner and renderer path in
// process, without HTTP, in a few seconds.
import path from 'node:path'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { RunReport } from '../../src/domain/outcome.js'
import { planReclaim } from '../../src/domain/plan.js'
import { computeStats } from '../../src/domain/stats.js'
import { buildOutputs } from '../../src/render/outputs.js'
import { reportFileNames, writeReportFiles } from '../../src/render/report-files.js'
import { renderSummary } from '../../src/render/summary.js'
import { runTempDir } from '../support/harness.js'
import { DAY, NOW, seat } from '../support/report-seat.js'

const SEATS = 140_000

describe('Issue 10: no stack overflow above ~125,000 entries', () => {
  it('planReclaim over 140,000 idle seats granted through teams, then the summary, the outputs and the report files', async () => {
    const seats = Array.from({ length: SEATS }, (_, i) =>
      seat({
        login: `user${String(i).padStart(6, '0')}`,
        createdAt: NOW - 400 * DAY, // no activity in 90 days: idle
        teams: [`team-${i % 50}`]
      })
    )
    const plan = planReclaim({ seats, now: NOW, inactiveDays: 30, protectedBy: () => null })
    expect(plan.cancelUsers).toEqual([])
    expect(plan.skipped).toHaveLength(SEATS)

    const pricing = { seatCost: null, orgPlan: null }
    const report: RunReport = {
      mode: 'audit',
      org: 'acme',
      enterprise: null,
      dryRun: false,
      reclaim: true,
      inactiveDays: 30,
      now: NOW,
      pricing,
      seats: { seats, stats: computeStats(seats, NOW, 30, pricing), rows: SEATS, all: true },
      plan,
      applied: null,
      // As the audit mode combines them: the plan's skips, then confirmation's and the writes'.
      skipped: plan.skipped.concat([]),
      protectedIdle: [],
      requests: 1402,
      errors: [],
      warnings: [],
      interrupted: false,
      complete: true
    }

    const summary = renderSummary(report)
    expect(summary).toContain('### Idle seats (140,000), longest idle first')
    expect(summary).toMatch(/_…and 1(39|40),\d{3} more in the report file\._/)
    expect(Buffer.byteLength(summary)).toBeLessThan(1024 * 1024)

    const files = reportFileNames(runTempDir('copilot-seats-large-'), 'audit', { id: '1' })
    const outputs = buildOutputs(report, files)
    expect(outputs['idle-seats']).toBe(String(SEATS))
    expect(JSON.parse(outputs['idle-users'])).toHaveLength(1000)
    expect(JSON.parse(outputs['skipped-users'])).toHaveLength(1000)

    await writeReportFiles(report, files)
    const written = JSON.parse(readFileSync(files.json, 'utf8')) as {
      seats: unknown[]
      skipped: { kind: string }[]
    }
    expect(written.seats).toHaveLength(SEATS)
    expect(written.skipped).toHaveLength(SEATS)
    expect(written.skipped.every((k) => k.kind === 'via-team')).toBe(true)
    expect(readFileSync(files.csv, 'utf8').split('\r\n')).toHaveLength(SEATS + 2)
    expect(path.isAbsolute(files.json)).toBe(true)
  })
})
