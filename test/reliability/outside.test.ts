// Text from outside the action: names reach URL paths intact, strings from the
// API cannot inject markup into the job summary, and CSV cells cannot start a
// spreadsheet formula.
import { describe, expect, it } from 'vitest'
import { json, mswServer, runAction } from '../support/harness.js'

const { useFake } = mswServer()

const DAY = 86_400_000
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString()

describe('names in request paths', () => {
  it('a team slug with "." and "_" is looked up and assigned as is', async () => {
    const gh = useFake()
    gh.addTeam('acme', 'web.platform_team', { name: 'Web Platform', members: ['alice', 'bob'] })
    gh.addMember('acme', 'alice')
    gh.addMember('acme', 'bob')
    const r = await runAction({ mode: 'assign', teams: 'Web.Platform_Team' })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    const lines = gh.requests.map((q) => `${q.method} ${q.path}`)
    expect(lines).toContain('GET /orgs/acme/teams/web.platform_team')
    expect(lines).toContain('GET /orgs/acme/teams/web.platform_team/members')
    expect(gh.requests.filter((q) => q.method === 'POST').map((q) => q.body)).toEqual([
      { selected_teams: ['web.platform_team'] }
    ])
    expect(gh.seat('acme', 'alice')?.assigning_team?.slug).toBe('web.platform_team')
    expect(json<string[]>(r.outputs['assigned-users']).sort()).toEqual(['alice', 'bob'])
  })

  it('an EMU login reaches its path segment intact (revoke mona_acme)', async () => {
    const gh = useFake()
    gh.addSeat('acme', { login: 'mona_acme', created_at: ago(100), last_activity_at: ago(1) })
    const r = await runAction({ mode: 'revoke', users: 'Mona_Acme' })
    expect(r.exitCode).toBe(0)
    expect(gh.requests.map((q) => `${q.method} ${q.path}`)).toContain(
      'GET /orgs/acme/members/mona_acme/copilot'
    )
    expect(gh.seat('acme', 'mona_acme')?.pending_cancellation_date).not.toBeNull()
  })
})

describe('strings from the API in the job summary', () => {
  const hostile = {
    img: '<img src=x onerror=alert(1)>',
    pipe: 'jetbrains|IU|2024',
    tick: 'vim`rm -rf`',
    mention: '@octo-org/owners please look',
    newline: 'vscode/1.0\n| injected | row |\n# heading',
    link: '[click](https://evil.example)'
  }

  it('escapes editor and team strings: no HTML, no table breaks, no mentions, no new lines', async () => {
    const gh = useFake()
    let i = 0
    for (const editor of Object.values(hostile)) {
      gh.addSeat('acme', {
        login: `idle${i++}`,
        created_at: ago(300),
        // idle, and within the 90 days GitHub keeps the activity (and its editor)
        last_activity_at: ago(40 + i),
        last_activity_editor: editor
      })
    }
    gh.addSeat('acme', {
      login: 'teamed',
      created_at: ago(300),
      last_activity_at: ago(60),
      team: 'x|y`@here<b>'
    })
    const r = await runAction({ mode: 'audit' })
    expect(r.exitCode).toBe(0)
    const s = r.summary
    expect(s).not.toContain('<img')
    expect(s).not.toContain('<b>')
    expect(s).not.toMatch(/@octo-org|@here/)
    expect(s).not.toContain('`rm')
    expect(s).not.toContain('[click](')
    expect(s).not.toMatch(/^\| injected/m)
    expect(s).not.toMatch(/^# heading/m)
    // The text is still there, as entities a person reads as the original.
    expect(s).toContain('&#60;img src=x onerror=alert&#40;1&#41;&#62;')
    // "@" becomes an entity followed by an invisible zero-width space, which stays after the
    // entity is decoded: no mention (nor an e-mail autolink) can start there.
    expect(s).toContain('&#64;\u200bocto-org/owners')
    // Every table row has as many cells as its header: no `|` from the API split a cell.
    const blocks = s.split(/\n\n+/).filter((b) => b.startsWith('| '))
    expect(blocks.length).toBeGreaterThan(0)
    for (const block of blocks) {
      const [header, ...rows] = block.split('\n')
      const cells = (line: string) => line.split('|').length
      for (const row of rows) expect(cells(row), row).toBe(cells(header!))
    }
    // The idle list shows each of the six idle seats with a hostile editor on one table line.
    expect(s.match(/^\| idle\d /gm)).toHaveLength(6)
    expect(s).toMatch(/^\| teamed \|/m)
  })

  it('escapes text GitHub sends back in an error message', async () => {
    const gh = useFake()
    gh.addSeat('acme', { login: 'carol', created_at: ago(100), last_activity_at: ago(1) })
    gh.fault({
      method: 'DELETE',
      path: '/orgs/acme/copilot/billing/selected_users',
      status: 422,
      times: Infinity,
      body: {
        message: 'refused | <script>alert(1)</script> @admins `x`',
        documentation_url: 'https://docs.github.com/rest'
      }
    })
    const r = await runAction({ mode: 'revoke', users: 'carol' })
    expect(r.exitCode).toBe(1)
    expect(r.summary).toContain('carol')
    expect(r.summary).not.toMatch(/<script|@admins|`x`/)
    expect(r.summary).not.toMatch(/refused \| /)
  })
})

describe('CSV report', () => {
  it('no cell from the API starts a formula', async () => {
    const gh = useFake()
    const editors = [
      '=HYPERLINK("https://evil.example","x")',
      '+cmd|/C calc',
      '-1+1',
      '@SUM(A1:A9)',
      '\t=1+1',
      'vscode/1.0'
    ]
    editors.forEach((editor, i) =>
      gh.addSeat('acme', {
        login: `user${i}`,
        created_at: ago(300),
        last_activity_at: ago(1),
        last_activity_editor: editor
      })
    )
    gh.addSeat('acme', {
      login: 'teamed',
      created_at: ago(300),
      last_activity_at: ago(1),
      team: '=cmd'
    })
    const r = await runAction({ mode: 'report' })
    expect(r.exitCode).toBe(0)
    const csv = r.reportCsv!
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[0]).toBe(
      'login,status,latest_activity,days_since,activity_known,editor,team,created,pending_date'
    )
    expect(lines).toHaveLength(1 + editors.length + 1)
    // Parse RFC 4180 cells: quoted cells may hold commas and doubled quotes.
    const cellsOf = (line: string) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)]
        .map((m) => m[1]!)
        .slice(0, 9)
        .map((c) => (c.startsWith('"') ? c.slice(1, -1).replace(/""/g, '"') : c))
    for (const line of lines.slice(1)) {
      for (const cell of cellsOf(line)) expect(cell, line).not.toMatch(/^[=+\-@\t\r]/)
    }
    const byLogin = new Map(lines.slice(1).map((l) => [cellsOf(l)[0], cellsOf(l)]))
    expect(byLogin.get('user0')![5]).toBe(`'=HYPERLINK("https://evil.example","x")`)
    expect(byLogin.get('user1')![5]).toBe(`'+cmd|/C calc`)
    expect(byLogin.get('user3')![5]).toBe(`'@SUM(A1:A9)`)
    expect(byLogin.get('user5')![5]).toBe('vscode/1.0')
    expect(byLogin.get('teamed')![6]).toBe(`'=cmd`)
  })
})
