// report: the JSON and CSV report files, and the step outputs.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { OUTPUT_NAMES } from '../../src/render/outputs.js'
import { CSV_HEADER } from '../../src/render/report-files.js'
import { mswServer, runAction, TOKEN } from '../support/harness.js'
import { addSeats, daysAgo, NOW } from '../support/report-helpers.js'
import { useUsage } from '../support/usage-fixtures.js'

const { server, useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })

/** A small RFC 4180 parser (quoted cells, doubled quotes, CRLF inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let i = 0
  let quoted = false
  while (i < text.length) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i += 2
        continue
      }
      if (c === '"') quoted = false
      else cell += c
      i++
      continue
    }
    if (c === '"' && cell === '') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else {
      expect(c, `bare ${JSON.stringify(c)} outside quotes at ${i}`).not.toMatch(/["\r\n]/)
      cell += c
    }
    i++
  }
  expect(cell).toBe('')
  expect(row).toEqual([])
  return rows
}

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

describe('report: report files', () => {
  it('JSON { meta, seats, skipped } and an RFC 4180 CSV with neutralised formulas and UTC ISO dates', async () => {
    const gh = fake()
    gh.addSeat('acme', {
      login: 'alice',
      // written with an offset: 2026-11-20T02:00:00Z
      created_at: '2025-01-01T00:00:00+02:00',
      last_activity_at: '2026-11-19T20:00:00-06:00',
      last_authenticated_at: null,
      last_activity_editor: 'edit, "quoted"\r\nnext line'
    })
    const formulas = ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)']
    formulas.forEach((editor, i) =>
      gh.addSeat('acme', {
        login: `f${i}`,
        created_at: daysAgo(300),
        last_activity_at: daysAgo(50),
        last_activity_editor: editor,
        team: i === 0 ? '-team' : null
      })
    )
    gh.addSeat('acme', {
      login: 'pend',
      created_at: daysAgo(300),
      last_activity_at: daysAgo(2),
      pending_cancellation_date: '2026-12-01'
    })
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.exitCode).toBe(0)

    // the JSON report
    const report = r.reportJson!
    expect(Object.keys(report)).toEqual(['meta', 'seats', 'skipped'])
    expect(report.skipped).toEqual([])
    expect(report.meta).toMatchObject({
      mode: 'report',
      org: 'acme',
      enterprise: null,
      generated_at: '2026-11-23T12:00:00.000Z',
      inactive_days: 30,
      dry_run: false,
      complete: true,
      counts: {
        total: 6,
        active: 1,
        idle: 4,
        pending: 1,
        never_used: 0,
        no_activity_in_90_days: 0,
        rows: 6
      },
      estimated_idle_cost: 76
    })
    const alice = report.seats.find((s) => s.login === 'alice')!
    expect(alice).toMatchObject({
      status: 'active',
      latest_activity: '2026-11-20T02:00:00.000Z',
      last_activity_at: '2026-11-20T02:00:00.000Z',
      created_at: '2024-12-31T22:00:00.000Z',
      days_since: 3,
      editor: 'edit, "quoted"\r\nnext line',
      editor_family: 'other',
      teams: [],
      pending_cancellation_date: null
    })
    expect(report.seats.map((s) => s.login)).toEqual(['alice', 'f0', 'f1', 'f2', 'f3', 'pend'])

    // the CSV report
    const rows = parseCsv(r.reportCsv!)
    expect(rows[0]).toEqual([...CSV_HEADER])
    expect(rows[0]).toEqual([
      'login',
      'status',
      'latest_activity',
      'days_since',
      'activity_known',
      'editor',
      'team',
      'created',
      'pending_date'
    ])
    expect(rows).toHaveLength(7)
    for (const row of rows.slice(1)) {
      expect(row).toHaveLength(9)
      expect(row[2]).toMatch(ISO_UTC)
      expect(row[7]).toMatch(ISO_UTC)
    }
    expect(rows[1]).toEqual([
      'alice',
      'active',
      '2026-11-20T02:00:00.000Z',
      '3',
      'true',
      'edit, "quoted"\r\nnext line',
      '',
      '2024-12-31T22:00:00.000Z',
      ''
    ])
    expect(r.reportCsv).toContain('"edit, ""quoted""\r\nnext line"')
    // a spreadsheet must not run these: each gets a leading apostrophe
    expect(rows.slice(2, 6).map((row) => row[5])).toEqual(formulas.map((f) => `'${f}`))
    expect(rows[2]![6]).toBe("'-team")
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/)
    expect(rows[6]).toEqual([
      'pend',
      'pending',
      expect.stringMatching(ISO_UTC),
      '2',
      'true',
      '',
      '',
      expect.stringMatching(ISO_UTC),
      '2026-12-01'
    ])
  })

  it('report-json and report-csv are absolute paths under RUNNER_TEMP, unique per run', async () => {
    const gh = fake()
    addSeats(gh, 2)
    const a = await runAction({ mode: 'report' }, { now: NOW })
    const b = await runAction({ mode: 'report' }, { now: NOW })
    for (const r of [a, b]) {
      const temp = path.join(r.tempDir, 'runner-temp')
      for (const name of ['report-json', 'report-csv'] as const) {
        const file = r.outputs[name]!
        expect(path.isAbsolute(file)).toBe(true)
        expect(path.dirname(file)).toBe(temp)
      }
      expect(r.outputs['report-json']).toMatch(/\.json$/)
      expect(r.outputs['report-csv']).toMatch(/\.csv$/)
    }
    expect(path.basename(a.outputs['report-json']!)).not.toBe(
      path.basename(b.outputs['report-json']!)
    )
  })
})

describe('report: outputs', () => {
  it('every output of action.yml is set on success', async () => {
    const gh = fake()
    addSeats(gh, 4)
    useUsage(server, gh).setReport({ org: 'acme' })
    const r = await runAction({ mode: 'report', 'usage-metrics': 'auto' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(Object.keys(r.outputs).sort()).toEqual([...OUTPUT_NAMES].sort())
    for (const name of OUTPUT_NAMES) expect(r.outputs[name], name).not.toBe('')
  })

  it('every output is set on an input error too (counts 0, lists []) and nothing is sent', async () => {
    const gh = fake()
    addSeats(gh, 4)
    const r = await runAction({ mode: 'report', 'inactive-days': 'abc' }, { now: NOW })
    expect(r.exitCode).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(/inactive-days/)
    expect(r.errors[0]).toMatch(/"abc"/)
    expect(r.errors[0]).toMatch(/1 to 90/)
    expect(gh.requests).toEqual([])
    expect(Object.keys(r.outputs).sort()).toEqual([...OUTPUT_NAMES].sort())
    for (const name of [
      'total-seats',
      'active-seats',
      'idle-seats',
      'pending-seats',
      'seats-created',
      'seats-cancelled',
      'estimated-idle-cost'
    ]) {
      expect(r.outputs[name], name).toBe('0')
    }
    for (const name of ['idle-users', 'assigned-users', 'cancelled-users', 'skipped-users'])
      expect(r.outputs[name], name).toBe('[]')
    expect(r.stdout.split('\n').filter((l) => l.includes(TOKEN))).toEqual([`::add-mask::${TOKEN}`])
  })
})
