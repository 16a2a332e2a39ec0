// Listings that shift between pages: GitHub pages by offset, so a seat removed from an earlier page
// while a reader walks pages 1..N moves a row it has not read yet onto a page it already read.
import { beforeEach, describe, expect, it } from 'vitest'
import { FakeGitHub, type ListingPage } from '../../fake/index.js'
import { NOW, parseLink } from './util.js'

let clock: Date
let gh: FakeGitHub

async function get(g: FakeGitHub, url: string) {
  const r = await g.handle({ method: 'GET', url, headers: { authorization: 'token t' } })
  if (!('status' in r)) throw new Error('no response')
  return { status: r.status, headers: r.headers, json: JSON.parse(r.body) }
}

const rowKey = (s: any) =>
  `${s.organization ? s.organization.login + '/' : ''}${s.assignee?.login ?? '(none)'}`

/** Reads pages 1..N, N taken from page 1's Link (rel="last"), as a reader that trusts it would. */
async function walk(g: FakeGitHub, path: string, perPage: number) {
  const first = await get(g, `${path}?per_page=${perPage}`)
  const last = parseLink(first.headers.link ?? null).last
  const n = last ? Number(new URL(last).searchParams.get('page')) : 1
  const rows: any[] = [...first.json.seats]
  const totals: number[] = [first.json.total_seats]
  for (let page = 2; page <= n; page++) {
    const r = await get(g, `${path}?per_page=${perPage}&page=${page}`)
    expect(r.status).toBe(200)
    rows.push(...r.json.seats)
    totals.push(r.json.total_seats)
  }
  return { keys: rows.map(rowKey), totals, pages: n }
}

/** Rows the listing holds now that the walk did not see, and rows it saw that are gone. */
function diff(read: string[], now: string[]) {
  return {
    missed: now.filter((k) => !read.includes(k)),
    stale: read.filter((k) => !now.includes(k))
  }
}

beforeEach(() => {
  clock = new Date(NOW)
  gh = new FakeGitHub({ now: () => clock })
  gh.addOrg('acme')
  for (let i = 1; i <= 250; i++) gh.addSeat('acme', { login: `u${i}` })
})

describe('onListingPage', () => {
  it('runs just before each page is computed, with scope, canonical name, page and perPage', async () => {
    const seen: ListingPage[] = []
    const off = gh.onListingPage((p, g) => {
      seen.push(p)
      expect(g).toBe(gh)
    })
    await get(gh, '/orgs/ACME/copilot/billing/seats')
    await get(gh, '/orgs/acme/copilot/billing/seats?per_page=500&page=2')
    await get(gh, '/orgs/acme/copilot/billing/seats?per_page=7&page=0')
    gh.addEnterprise('Ent', { orgs: ['acme'] })
    await get(gh, '/enterprises/ent/copilot/billing/seats?page=3')
    // other routes do not call it
    await get(gh, '/orgs/acme/members')
    await get(gh, '/orgs/acme/members/u1/copilot')
    expect(seen).toEqual([
      { scope: 'org', name: 'acme', page: 1, perPage: 50 },
      { scope: 'org', name: 'acme', page: 2, perPage: 100 },
      { scope: 'org', name: 'acme', page: 1, perPage: 7 },
      { scope: 'enterprise', name: 'Ent', page: 3, perPage: 50 }
    ])
    off()
    await get(gh, '/orgs/acme/copilot/billing/seats')
    expect(seen).toHaveLength(4)
  })

  it('what the hook changes is already in the page it precedes (total_seats, rows, Link)', async () => {
    gh.onListingPage((p, g) => {
      if (p.page === 1) for (let i = 1; i <= 50; i++) g.addSeat('acme', { login: `late${i}` })
    })
    const r = await get(gh, '/orgs/acme/copilot/billing/seats?per_page=100')
    expect(r.json.total_seats).toBe(300)
    expect(parseLink(r.headers.link ?? null).last).toMatch(/page=3$/)
  })

  it('is not called for a faulted or refused attempt; a retried page calls it again', async () => {
    const pages: number[] = []
    gh.onListingPage((p) => pages.push(p.page))
    gh.fault({ path: '/orgs/acme/copilot/billing/seats', status: 502 })
    expect((await get(gh, '/orgs/acme/copilot/billing/seats?page=2')).status).toBe(502)
    expect((await get(gh, '/orgs/acme/copilot/billing/seats?page=2')).status).toBe(200)
    expect((await get(gh, '/orgs/acme/copilot/billing/seats?page=2')).status).toBe(200)
    expect(pages).toEqual([2, 2])
  })
})

describe('shiftListingOnce', () => {
  it('a reader walking pages 1..N misses exactly the row that shifted to an earlier page', async () => {
    gh.shiftListingOnce({ org: 'acme', beforePage: 3, remove: ['u150'], add: ['zz-new'] })
    const w = await walk(gh, '/orgs/acme/copilot/billing/seats', 100)
    expect(w.pages).toBe(3)
    expect(w.totals).toEqual([250, 250, 250]) // one removed, one added before page 3
    expect(gh.seat('acme', 'u150')).toBeUndefined()
    expect(gh.members('acme')).toContain('u150') // the seat goes, the membership stays
    const now = gh.seats('acme').map(rowKey)
    expect(now.at(-1)).toBe('zz-new') // a new seat goes to the end
    expect(diff(w.keys, now)).toEqual({ missed: ['u201'], stale: ['u150'] })
    expect(w.keys).toHaveLength(250)
    expect(new Set(w.keys).size).toBe(250)

    // once: a second walk sees the org as it is now
    const again = await walk(gh, '/orgs/acme/copilot/billing/seats', 100)
    expect(again.keys).toEqual(now)
  })

  it('without a shift, the same walk reads every row once, in a stable order', async () => {
    const a = await walk(gh, '/orgs/acme/copilot/billing/seats', 100)
    expect(a.keys).toEqual(gh.seats('acme').map(rowKey))
    // re-adding an existing login replaces it in place: no shift
    gh.addSeat('acme', { login: 'u5', last_activity_at: '2026-11-22T00:00:00Z' })
    const b = await walk(gh, '/orgs/acme/copilot/billing/seats', 100)
    expect(b.keys).toEqual(a.keys)
  })

  it('removing later than the page read next loses nothing; only the trigger page fires it', async () => {
    const off = gh.shiftListingOnce({ org: 'acme', beforePage: 2, remove: ['u240'] })
    await get(gh, '/orgs/acme/copilot/billing/seats?per_page=100&page=3')
    expect(gh.seat('acme', 'u240')).toBeDefined() // page 3 is not the trigger
    const w = await walk(gh, '/orgs/acme/copilot/billing/seats', 100)
    expect(diff(w.keys, gh.seats('acme').map(rowKey))).toEqual({ missed: [], stale: [] })
    expect(w.keys).not.toContain('u240')
    off() // already fired: a no-op
  })

  it('can be cancelled before it fires', async () => {
    const off = gh.shiftListingOnce({ org: 'acme', beforePage: 2, remove: ['u1'] })
    off()
    await walk(gh, '/orgs/acme/copilot/billing/seats', 100)
    expect(gh.seat('acme', 'u1')).toBeDefined()
  })

  it('adds full seat inputs and assignee-less seats', async () => {
    gh.addTeam('acme', 'eng')
    gh.shiftListingOnce({
      org: 'acme',
      beforePage: 2,
      add: [{ login: 'teamy', team: 'eng' }, null, null]
    })
    const w = await walk(gh, '/orgs/acme/copilot/billing/seats', 100)
    expect(w.totals).toEqual([250, 253, 253])
    expect(w.keys.slice(-3)).toEqual(['teamy', '(none)', '(none)'])
    expect(gh.seat('acme', 'teamy')!.assigning_team!.slug).toBe('eng')
  })

  it('enterprise listing: the trigger is the enterprise, the seats change in the org', async () => {
    const g = new FakeGitHub({ now: () => clock })
    g.addOrg('o1')
    g.addOrg('o2')
    for (let i = 1; i <= 60; i++) g.addSeat('o1', { login: `a${i}` })
    for (let i = 1; i <= 60; i++) g.addSeat('o2', { login: `b${i}` })
    g.addEnterprise('ent', { orgs: ['o1', 'o2'] })
    g.shiftListingOnce({
      org: 'o1',
      enterprise: 'ent',
      beforePage: 2,
      remove: ['a10'],
      add: ['zz-new']
    })
    const path = '/enterprises/ent/copilot/billing/seats'
    const w = await walk(g, path, 50)
    expect(w.pages).toBe(3)
    const now = (await walk(g, path, 100)).keys
    // the new seat ends o1's rows (rows are listed org by org)
    expect(now.indexOf('o1/zz-new')).toBe(now.indexOf('o2/b1') - 1)
    expect(diff(w.keys, now)).toEqual({ missed: ['o1/a51'], stale: ['o1/a10'] })
    expect(w.totals).toEqual([120, 120, 120])
  })

  it('the org listing does not fire an enterprise shift, nor the enterprise an org one', async () => {
    gh.addEnterprise('ent', { orgs: ['acme'] })
    gh.shiftListingOnce({ org: 'acme', enterprise: 'ent', beforePage: 2, remove: ['u1'] })
    gh.shiftListingOnce({ org: 'acme', beforePage: 3, remove: ['u2'] })
    await get(gh, '/orgs/acme/copilot/billing/seats?page=2')
    await get(gh, '/enterprises/ent/copilot/billing/seats?page=3')
    expect(gh.seat('acme', 'u1')).toBeDefined()
    expect(gh.seat('acme', 'u2')).toBeDefined()
    await get(gh, '/enterprises/ENT/copilot/billing/seats?page=2')
    expect(gh.seat('acme', 'u1')).toBeUndefined()
  })

  it('checks its arguments', () => {
    expect(() => gh.shiftListingOnce({ org: 'nope', beforePage: 2 })).toThrow(/unknown org/)
    expect(() => gh.shiftListingOnce({ org: 'acme', beforePage: 0 })).toThrow(/beforePage/)
    expect(() => gh.shiftListingOnce({ org: 'acme', beforePage: 1.5 })).toThrow(/beforePage/)
  })
})

describe('seats without an assignee', () => {
  it('several granted in the same second are distinct rows, counted each', async () => {
    for (let i = 0; i < 3; i++) gh.addSeat('acme', { login: null })
    const nulls = gh.seats('acme').filter((s) => s.assignee === null)
    expect(nulls).toHaveLength(3)
    expect(new Set(nulls.map((s) => s.created_at))).toEqual(new Set(['2026-11-23T12:00:00Z']))
    const w = await walk(gh, '/orgs/acme/copilot/billing/seats', 100)
    expect(w.totals).toEqual([253, 253, 253])
    expect(w.keys.filter((k) => k === '(none)')).toHaveLength(3)

    // the same in the enterprise listing, where total_seats counts distinct users
    gh.addOrg('other')
    gh.addSeat('other', { login: null })
    gh.addSeat('other', { login: 'u1' })
    gh.addEnterprise('ent', { orgs: ['acme', 'other'] })
    const e = await walk(gh, '/enterprises/ent/copilot/billing/seats', 100)
    expect(e.keys.filter((k) => k.endsWith('/(none)'))).toHaveLength(4)
    expect(e.totals[0]).toBe(250 + 4)
  })
})
