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
    const age = (t: string | number) => NOW.getTime() - (typeof t === 'number' ? t : Date.parse(t))
    const noActivity = (s: any) => s.last_activity_at === null && s.last_authenticated_at === null
    // SPEC "Never used": both null and granted within 90 days; both null on an older seat is
    // "no activity in 90 days"
    const never = (s: any) => noActivity(s) && age(s.created_at) <= 90 * DAY
    const quiet = (s: any) => noActivity(s) && age(s.created_at) > 90 * DAY
    const live = (s: any) => s.pending_cancellation_date === null
    expect(share((s) => !live(s))).toBeCloseTo(0.03, 1)
    expect(share((s) => s.assigning_team !== null)).toBeCloseTo(0.2 * 0.97, 1)
    expect(share((s) => live(s) && never(s))).toBeCloseTo(0.1, 1)
    // idleShare 0.3: a quarter of them (noActivityShare) with no activity in 90 days
    expect(share((s) => live(s) && quiet(s))).toBeCloseTo(0.3 * 0.25, 1)
    expect(share((s) => live(s) && quiet(s))).toBeGreaterThan(0.05)
    const idle = share((s) => live(s) && !noActivity(s) && age(latest(s)) > 30 * DAY)
    expect(idle).toBeCloseTo(0.3 * 0.75, 1)
    // never-used: some inside the 30-day grace period, some outside it (but within 90 days)
    const n = seats.filter(never)
    expect(n.some((s) => age(s.created_at) < 30 * DAY)).toBe(true)
    expect(n.some((s) => age(s.created_at) > 30 * DAY)).toBe(true)
    // idle seats with activity: 31-89 days ago
    const idleAges = seats
      .filter((s) => !noActivity(s) && age(latest(s)) > 30 * DAY)
      .map((s) => age(latest(s)) / DAY)
    expect(Math.min(...idleAges)).toBeGreaterThan(30)
    expect(Math.max(...idleAges)).toBeLessThan(90)
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

  it('holds no activity older than 90 days, so what it stores is what GitHub would show', () => {
    const make = (activityRetentionDays?: null) => {
      const gh = new FakeGitHub({ now: () => NOW, activityRetentionDays })
      generateOrg(gh, { org: 'acme', seats: 5000, seed: 3, now: NOW, nullAssignee: 5 })
      const { orgs } = generateEnterprise(gh, {
        enterprise: 'ent',
        users: 2000,
        rows: 2600,
        orgs: 3,
        seed: 3,
        now: NOW
      })
      return ['acme', ...orgs].flatMap((o) => gh.seats(o))
    }
    const stored = make(null) // retention off: the stored values
    expect(stored).toHaveLength(7600)
    const age = (t: string) => NOW.getTime() - Date.parse(t)
    for (const s of stored) {
      for (const t of [s.last_activity_at, s.last_authenticated_at]) {
        if (t === null) continue
        expect(age(t)).toBeGreaterThanOrEqual(0)
        expect(age(t)).toBeLessThan(90 * DAY)
      }
      expect(s.last_activity_at === null).toBe(s.last_activity_editor === null)
    }
    // retention nulls nothing at the generator's now
    expect(make()).toEqual(stored)
    // both kinds of seat without activity exist: never used (granted within 90 days) and no
    // activity in 90 days (granted earlier), in the org and the enterprise
    const none = stored.filter((s) => s.last_activity_at === null && !s.last_authenticated_at)
    const ents = (s: any) => s.plan_type === 'enterprise'
    for (const pick of [(s: any) => !ents(s), ents]) {
      expect(none.some((s) => pick(s) && age(s.created_at) < 90 * DAY)).toBe(true)
      expect(none.some((s) => pick(s) && age(s.created_at) > 90 * DAY)).toBe(true)
    }
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
