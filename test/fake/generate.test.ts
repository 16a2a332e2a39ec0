import { describe, expect, it } from 'vitest'
import { FakeGitHub, generateEnterprise, generateOrg, mulberry32 } from '../../fake/index.js'
import { NOW } from './util.js'

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/
const DAY = 86_400_000

function latest(s: any): number {
  return Math.max(
    ...[s.last_activity_at, s.last_authenticated_at, s.created_at]
      .filter((x) => x)
      .map((x: string) => Date.parse(x))
  )
}

describe('generators', () => {
  it('mulberry32 is deterministic', () => {
    const a = mulberry32(7)
    const b = mulberry32(7)
    const xs = Array.from({ length: 5 }, a)
    expect(Array.from({ length: 5 }, b)).toEqual(xs)
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
  })

  it('same seed -> same org; other seed -> different', () => {
    const make = (seed: number) => {
      const gh = new FakeGitHub({ now: () => NOW })
      const out = generateOrg(gh, { org: 'acme', seats: 500, seed, now: NOW, nullAssignee: 2 })
      return { out, seats: gh.seats('acme'), members: gh.members('acme') }
    }
    const a = make(42)
    expect(make(42)).toEqual(a)
    expect(make(43).seats).not.toEqual(a.seats)
    expect(a.seats).toHaveLength(500)
    expect(a.out.logins).toHaveLength(498)
    expect(a.seats.filter((s) => s.assignee === null)).toHaveLength(2)
    expect(a.members.length).toBe(498 + 50)
    expect(a.out.teams).toEqual(['team-001'])
  })

  it('produces valid logins, editors, offsets and the requested mix', () => {
    const gh = new FakeGitHub({ now: () => NOW })
    generateOrg(gh, { org: 'acme', seats: 5000, seed: 1, now: NOW })
    const seats = gh.seats('acme')
    expect(seats.every((s) => LOGIN.test(s.assignee!.login))).toBe(true)
    const share = (f: (s: any) => boolean) => seats.filter(f).length / seats.length
    const never = (s: any) => s.last_activity_at === null && s.last_authenticated_at === null
    expect(share((s) => s.pending_cancellation_date !== null)).toBeCloseTo(0.03, 1)
    expect(share((s) => s.assigning_team !== null)).toBeCloseTo(0.2 * 0.97, 1)
    expect(share(never)).toBeCloseTo(0.1, 1)
    const idle = share(
      (s) => !s.pending_cancellation_date && !never(s) && NOW.getTime() - latest(s) > 30 * DAY
    )
    expect(idle).toBeCloseTo(0.3, 1)
    // never-used: some inside the 30-day grace period, some outside
    const n = seats.filter(never)
    expect(n.some((s) => NOW.getTime() - Date.parse(s.created_at) < 30 * DAY)).toBe(true)
    expect(n.some((s) => NOW.getTime() - Date.parse(s.created_at) > 30 * DAY)).toBe(true)
    // nothing in the future, offsets present
    expect(seats.every((s) => latest(s) <= NOW.getTime())).toBe(true)
    expect(seats.some((s) => /[+-]\d\d:\d\d$/.test(s.created_at))).toBe(true)
    const editors = new Set(seats.map((s) => s.last_activity_editor?.split('/')[0] ?? null))
    for (const fam of [
      'vscode',
      'JetBrains-IU',
      'VisualStudio',
      'vim',
      'Neovim',
      'Xcode',
      'Eclipse',
      'copilot-cli',
      null
    ]) {
      expect(editors.has(fam as any)).toBe(true)
    }
    expect(
      seats.every((s) => (s.last_activity_at === null) === (s.last_activity_editor === null))
    ).toBe(true)
  })

  it('generates 100,000 seats (speed sanity; not asserted)', () => {
    const gh = new FakeGitHub({ now: () => NOW })
    const t0 = performance.now()
    const out = generateOrg(gh, { org: 'big', seats: 100_000, seed: 9, now: NOW })
    const ms = performance.now() - t0
    expect(out.logins).toHaveLength(100_000)
    expect(out.teams).toHaveLength(200)
    expect(new Set(out.logins).size).toBe(100_000)
    console.info(`generateOrg 100k seats: ${ms.toFixed(0)} ms`)
  })

  it('enterprise: rows > distinct users, deterministic', async () => {
    const make = () => {
      const gh = new FakeGitHub({ now: () => NOW })
      const { orgs } = generateEnterprise(gh, {
        enterprise: 'ent',
        users: 100,
        rows: 130,
        orgs: 3,
        seed: 5,
        now: NOW
      })
      return { gh, orgs }
    }
    const { gh, orgs } = make()
    expect(orgs).toEqual(['ent-org-1', 'ent-org-2', 'ent-org-3'])
    const all = orgs.flatMap((o) => gh.seats(o))
    expect(all).toHaveLength(130)
    expect(new Set(all.map((s) => s.assignee!.login)).size).toBe(100)
    expect(make().orgs.flatMap((o) => make().gh.seats(o))).toHaveLength(130)
    const r = await gh.handle({
      method: 'GET',
      url: '/enterprises/ent/copilot/billing/seats?per_page=100',
      headers: { authorization: 'token t' }
    })
    expect('status' in r && JSON.parse(r.body).total_seats).toBe(100)
    expect(() =>
      generateEnterprise(new FakeGitHub(), { enterprise: 'e', users: 10, rows: 5 })
    ).toThrow()
  })
})
