// report: listing every seat page by page, at the HTTP boundary.
import { describe, expect, it } from 'vitest'
import { json, mswServer, runAction } from '../support/harness.js'
import {
  addSeats,
  csvRows,
  daysAgo,
  listingRequests,
  NOW,
  page
} from '../support/report-helpers.js'

const { useFake } = mswServer()
const fake = () => useFake({ now: () => new Date(NOW) })

describe('report: listing', () => {
  it.each([
    [0, 1],
    [1, 1],
    [100, 1],
    [101, 2],
    [250, 3]
  ])(
    '%i seats: %i page request(s) and, past one page, page 1 again to check nothing moved',
    async (n, pages) => {
      const gh = fake()
      const logins = addSeats(gh, n)
      const r = await runAction({ mode: 'report' }, { now: NOW })
      expect(r.errors).toEqual([])
      expect(r.exitCode).toBe(0)
      expect(r.warnings).toEqual([])
      const reads = Array.from({ length: pages }, (_, i) => page(i + 1))
      expect(listingRequests(gh)).toEqual(pages > 1 ? [...reads, page(1)] : reads)
      // report mode reads nothing else: every seat has a plan, so no org details are needed
      expect(gh.requests).toHaveLength(pages > 1 ? pages + 1 : pages)
      const idle = logins.filter((_, i) => i % 2 === 1)
      expect(r.outputs).toMatchObject({
        'total-seats': String(n),
        'active-seats': String(n - idle.length),
        'idle-seats': String(idle.length),
        'pending-seats': '0',
        'seats-created': '0',
        'seats-cancelled': '0',
        'assigned-users': '[]',
        'cancelled-users': '[]',
        'skipped-users': '[]',
        'estimated-idle-cost': String(idle.length * 19)
      })
      // every idle seat is 60 days idle: ties are ordered by login
      expect(json(r.outputs['idle-users'])).toEqual(idle)
      expect(r.reportJson!.seats.map((s) => s.login)).toEqual(logins)
      expect(r.reportJson!.meta).toMatchObject({ counts: { total: n, rows: n, idle: idle.length } })
      expect(csvRows(r.reportCsv!).map((row) => row[0])).toEqual(logins)
      if (n === 0) expect(r.summary).toContain('_No idle seats')
      else expect(r.summary).toContain(`| Total seats | ${n} |`)
    }
  )

  it('orders rows by login, case-insensitively, whatever order GitHub lists them in', async () => {
    const gh = fake()
    for (const login of ['zoe', 'Bob', 'alice', 'Carol', 'bea'])
      gh.addSeat('acme', { login, created_at: daysAgo(300), last_activity_at: daysAgo(100) })
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    const order = ['alice', 'bea', 'Bob', 'Carol', 'zoe']
    expect(r.reportJson!.seats.map((s) => s.login)).toEqual(order)
    expect(csvRows(r.reportCsv!).map((row) => row[0])).toEqual(order)
    expect(json(r.outputs['idle-users'])).toEqual(order)
  })

  it('counts seats with assignee: null and shows them as "(no assignee)", never in idle-users', async () => {
    const gh = fake()
    addSeats(gh, 3)
    gh.addSeat('acme', { login: null, created_at: daysAgo(200), last_activity_at: null })
    gh.addSeat('acme', { login: null, created_at: daysAgo(2), last_activity_at: null })
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(r.outputs).toMatchObject({ 'total-seats': '5', 'idle-seats': '2', 'active-seats': '3' })
    // idle-users feeds other steps' `users:`: a seat without a login is not in it
    expect(json(r.outputs['idle-users'])).toEqual(['u001'])
    // parentheses are entity-escaped like every API-derived string; it renders as "(no assignee)".
    // Granted 200 days ago with no activity: GitHub keeps 90 days, so "> 90", never "200".
    expect(r.summary).toContain('| &#40;no assignee&#41; | &gt; 90 |')
    expect(r.summary).toContain('| Never used (granted within 90 days) | 1 |')
    expect(r.summary).toContain('| No activity in 90 days (older seats) | 1 |')
    expect(r.reportJson!.seats.map((s) => s.login)).toEqual(['u000', 'u001', 'u002', null, null])
    expect(csvRows(r.reportCsv!).map((row) => row[0])).toEqual(['u000', 'u001', 'u002', '', ''])
  })

  it('a seat removed and one added while the pages are read: re-read once, exact numbers, no duplicates or gaps', async () => {
    const gh = fake()
    const logins = addSeats(gh, 250)
    const fired = { removed: false, added: false }
    gh.onRequest((req, g) => {
      if (req.path !== '/orgs/acme/copilot/billing/seats') return
      // the seat removed is on page 1, already read: every later row moves up one place
      if (req.query.page === '2' && !fired.removed) {
        fired.removed = true
        g.removeSeat('acme', 'u010')
      }
      if (req.query.page === '3' && !fired.added) {
        fired.added = true
        g.addSeat('acme', { login: 'zz-new', created_at: daysAgo(1) })
      }
    })
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toEqual([])
    expect(fired).toEqual({ removed: true, added: true })
    // one read of 3 pages, then one re-read of 3 pages, whose page 1 is checked once more
    expect(listingRequests(gh)).toEqual([
      page(1),
      page(2),
      page(3),
      page(1),
      page(2),
      page(3),
      page(1)
    ])
    const expected = [...logins.filter((l) => l !== 'u010'), 'zz-new']
    const seen = r.reportJson!.seats.map((s) => s.login)
    expect(seen).toEqual(expected)
    expect(new Set(seen).size).toBe(seen.length)
    expect(r.outputs['total-seats']).toBe('250')
    expect(r.reportJson!.meta).toMatchObject({ counts: { total: 250, rows: 250 } })
  })

  it('a seat added while page 2 is read: re-read once, the new seat counted once', async () => {
    const gh = fake()
    const logins = addSeats(gh, 150)
    let added = false
    gh.onRequest((req, g) => {
      if (req.path === '/orgs/acme/copilot/billing/seats' && req.query.page === '2' && !added) {
        added = true
        g.addSeat('acme', { login: 'a-late', created_at: daysAgo(1) })
      }
    })
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toEqual([])
    expect(listingRequests(gh)).toEqual([page(1), page(2), page(1), page(2), page(1)])
    expect(r.reportJson!.seats.map((s) => s.login)).toEqual(['a-late', ...logins])
    expect(r.outputs['total-seats']).toBe('151')
  })

  it('a seat removed from page 1 and one added, both while page 2 is read (counts unchanged): page 1 read again shows it, one re-read', async () => {
    const gh = fake()
    const logins = addSeats(gh, 200)
    let fired = false
    gh.onRequest((req, g) => {
      if (req.path === '/orgs/acme/copilot/billing/seats' && req.query.page === '2' && !fired) {
        fired = true
        g.removeSeat('acme', 'u005')
        g.addSeat('acme', { login: 'zz-new', created_at: daysAgo(1) })
      }
    })
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.exitCode).toBe(0)
    expect(r.warnings).toEqual([])
    // total_seats and the row count are unchanged; only the re-check of page 1 shows the shift
    expect(listingRequests(gh)).toEqual([page(1), page(2), page(1), page(1), page(2), page(1)])
    const seen = r.reportJson!.seats.map((s) => s.login)
    expect(seen).toEqual([...logins.filter((l) => l !== 'u005'), 'zz-new'])
    expect(r.outputs['total-seats']).toBe('200')
  })

  it('a listing that keeps changing: read twice, then a warning that counts may be off', async () => {
    const gh = fake()
    addSeats(gh, 150)
    let n = 0
    gh.onRequest((req, g) => {
      if (req.path === '/orgs/acme/copilot/billing/seats' && req.query.page === '2')
        g.addSeat('acme', { login: `late-${n++}`, created_at: daysAgo(1) })
    })
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(listingRequests(gh)).toEqual([page(1), page(2), page(1), page(2)])
    expect(r.warnings).toHaveLength(1)
    expect(r.warnings[0]).toMatch(/changed while it was being read/)
    expect(r.warnings[0]).toMatch(/counts may be off by about 1 seat/)
    expect(r.summary).toContain('counts may be off')
    const seen = r.reportJson!.seats.map((s) => s.login)
    expect(new Set(seen).size).toBe(seen.length)
  })
})

describe('report: a seat GitHub sends in a shape this action cannot read', () => {
  it.each([
    ['created_at missing', { created_at: undefined }, /created_at: missing/],
    [
      'created_at not a date-time',
      { created_at: 'yesterday' },
      /created_at: expected an ISO 8601 date-time, got "yesterday"/
    ],
    [
      'last_activity_at a number',
      { last_activity_at: 12 },
      /last_activity_at: expected a string, got number/
    ],
    ['assignee without login', { assignee: { id: 1 } }, /assignee\.login: missing/]
  ])('%s: one clear error naming the field, no stack trace', async (_name, patch, says) => {
    const gh = fake()
    addSeats(gh, 3)
    const raw = JSON.stringify({
      total_seats: 1,
      seats: [{ created_at: '2026-01-01T00:00:00Z', assignee: { login: 'x' }, ...patch }]
    })
    gh.fault({
      path: '/orgs/acme/copilot/billing/seats',
      status: 200,
      body: JSON.parse(raw),
      times: Infinity
    })
    const r = await runAction({ mode: 'report' }, { now: NOW })
    expect(r.exitCode).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(says)
    expect(r.errors[0]).toMatch(/cannot read .* Fix: re-run/)
    expect(r.stdout).not.toMatch(/\n\s+at /)
  })
})
