// report: the job summary, as raw markdown.
import { describe, expect, it } from 'vitest'
import { generateOrg } from '../../fake/index.js'
import { mswServer, runAction } from '../support/harness.js'
import { daysAgo, NOW } from '../support/report-helpers.js'

const { useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })

/** The markdown table right after a heading that starts with `heading`: rows as cells (header and rule dropped). */
function tableAfter(md: string, heading: string): string[][] {
  const lines = md.split('\n')
  const start = lines.findIndex((l) => l.startsWith(heading))
  expect(start, `heading ${heading}`).toBeGreaterThanOrEqual(0)
  const first = lines.findIndex((l, i) => i > start && l.startsWith('|'))
  const rows: string[][] = []
  for (let i = first + 2; i < lines.length && lines[i]!.startsWith('|'); i++)
    rows.push(cells(lines[i]!))
  return rows
}
const cells = (line: string) => line.slice(2, -2).split(' | ')

describe('report: job summary', () => {
  it('headline table, pie, idle table longest-idle-first, editor and team breakdowns', async () => {
    const gh = fake()
    const base = { created_at: daysAgo(500), last_authenticated_at: null }
    gh.addSeat('acme', {
      ...base,
      login: 'active1',
      last_activity_at: daysAgo(1),
      last_activity_editor: 'vscode/1.95.3/copilot/1.245.0',
      team: 'red'
    })
    gh.addSeat('acme', {
      ...base,
      login: 'active2',
      last_activity_at: daysAgo(2),
      last_activity_editor: 'JetBrains-IU/243.2/copilot-intellij/1.5'
    })
    gh.addSeat('acme', {
      ...base,
      login: 'idle40',
      last_activity_at: daysAgo(40),
      last_activity_editor: 'vim/9.1/copilot.vim/1.41.0',
      team: 'red'
    })
    gh.addSeat('acme', {
      ...base,
      login: 'idle100',
      last_activity_at: daysAgo(100),
      last_activity_editor: 'Xcode/16.1/copilot-xcode/0.30'
    })
    gh.addSeat('acme', {
      ...base,
      login: 'idle70',
      last_activity_at: daysAgo(70),
      last_activity_editor: 'copilot-cli/1.0.0',
      team: 'blue'
    })
    gh.addSeat('acme', { ...base, login: 'never', last_activity_at: null, created_at: daysAgo(45) })
    gh.addSeat('acme', {
      ...base,
      login: 'pend',
      last_activity_at: daysAgo(3),
      pending_cancellation_date: '2026-12-01'
    })
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    const md = r.summary

    expect(md).toContain('## Copilot seats: report, org acme')
    expect(tableAfter(md, '## Copilot seats')).toEqual([
      ['Total seats', '7'],
      ['Active', '2'],
      ['Idle', '4'],
      ['Pending cancellation', '1'],
      ['Never used (granted within 90 days)', '1'],
      ['No activity in 90 days (older seats)', '1'],
      ['Idle share', '57.1%'],
      ['Estimated monthly idle cost', '76 USD']
    ])
    expect(md).toContain(
      [
        '```mermaid',
        'pie showData',
        '  title Copilot seats',
        '  "Active" : 2',
        '  "Idle" : 4',
        '  "Pending cancellation" : 1',
        '```'
      ].join('\n')
    )

    // idle100's activity is past GitHub's 90 days: it comes back null (with its editor), so
    // the seat (granted 500 days ago) is "> 90" and sorts as the longest idle.
    expect(tableAfter(md, '### Idle seats (4)')).toEqual([
      ['idle100', '&gt; 90', '—', '—'],
      ['idle70', '70', 'copilot-cli/1.0.0 (CLI)', 'blue'],
      ['never', '45', '—', '—'],
      ['idle40', '40', 'vim/9.1/copilot.vim/1.41.0 (vim/neovim)', 'red']
    ])
    expect(tableAfter(md, '### By editor family')).toEqual([
      ['VS Code', '1', '0'],
      ['JetBrains', '1', '0'],
      ['vim/neovim', '1', '1'],
      ['CLI', '1', '1'],
      ['none', '3', '2']
    ])
    expect(tableAfter(md, '### By team')).toEqual([
      ['_direct (no team)_', '4', '2'],
      ['red', '2', '1'],
      ['blue', '1', '1']
    ])
  })

  it('API strings cannot break a table or inject markup', async () => {
    const gh = fake()
    const evil = 'x|y <script>alert(1)</script> **b** [x](y) `c` #h'
    gh.addSeat('acme', {
      login: 'mona',
      created_at: daysAgo(500),
      last_activity_at: daysAgo(90),
      last_activity_editor: evil,
      team: 'te|am<script>**[x](y)'
    })
    gh.addSeat('acme', {
      login: 'hubot',
      created_at: daysAgo(500),
      last_activity_at: daysAgo(80),
      last_activity_editor: '|||'
    })
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    const md = r.summary
    expect(md).not.toMatch(/<script/i)
    expect(md).not.toContain('</script>')
    expect(md).not.toContain('**b**')
    expect(md).not.toContain('[x](y)')
    expect(md).not.toContain('`c`')
    expect(md).not.toContain('x|y')
    expect(md).not.toContain('te|am')
    // every table line keeps its column count: each cell separator is " | " from the renderer, no stray pipes
    for (const line of md.split('\n').filter((l) => l.startsWith('|'))) {
      expect(line.endsWith(' |'), line).toBe(true)
      const inner = line.slice(2, -2)
      expect(inner.replace(/ \| /g, ''), line).not.toContain('|')
    }
    const idle = tableAfter(md, '### Idle seats (2)')
    expect(idle.map((row) => row.length)).toEqual([4, 4])
    expect(idle[0]![0]).toBe('mona')
    expect(idle[0]![2]).toContain('&#124;')
    expect(idle[0]![2]).toContain('&#60;script&#62;')
    expect(idle[0]![3]).toBe('te&#124;am&#60;script&#62;&#42;&#42;&#91;x&#93;&#40;y&#41;')
  })

  it('caps long lists with "N more in the report file"', async () => {
    const gh = fake()
    for (let i = 0; i < 620; i++) {
      gh.addSeat('acme', {
        login: `idle-${String(i).padStart(4, '0')}`,
        created_at: daysAgo(900),
        last_activity_at: daysAgo(31 + i),
        team: `t-${String(i % 150).padStart(3, '0')}`
      })
    }
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    const idle = tableAfter(r.summary, '### Idle seats (620)')
    expect(idle).toHaveLength(500)
    // Activity more than 90 days ago is gone (null): those seats lead, oldest grant then login first.
    expect(idle[0]!.slice(0, 2)).toEqual(['idle-0060', '&gt; 90'])
    expect(idle[499]!.slice(0, 2)).toEqual(['idle-0559', '&gt; 90'])
    expect(r.summary).toContain('_…and 120 more in the report file._')
    const teams = tableAfter(r.summary, '### By team')
    expect(teams).toHaveLength(100)
    expect(r.summary).toContain('_…and 50 more in the report file._')
    expect(r.reportJson!.seats).toHaveLength(620)
  })

  it('stays under 1 MiB at 100,000 seats', async () => {
    const gh = fake()
    generateOrg(gh, { org: 'acme', seats: 100_000, seed: 3, now: new Date(NOW) })
    // this case is about size, not pacing: give the limiter room so 1,000 pages do not wait a minute
    const r = await runAction(
      { mode: 'report' },
      {
        now: NOW,
        limiter: { pointsPerMinute: 1e7, requestSecondsPerMinute: 1e7, maxConcurrent: 20 }
      }
    )
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(r.outputs['total-seats']).toBe('100000')
    expect(gh.requests).toHaveLength(1001) // 1,000 pages and page 1 again
    const bytes = Buffer.byteLength(r.summary)
    expect(bytes).toBeLessThan(1024 * 1024)
    expect(r.summary).toContain('| Total seats | 100,000 |')
    expect(r.summary).toMatch(/more in the report file/)
    expect(r.summary).toContain('```mermaid')
  }, 120_000)
})
