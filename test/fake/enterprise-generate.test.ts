// generateEnterprise with enterprise teams and enterprise-direct rows.
import { describe, expect, it } from 'vitest'
import { FakeGitHub, generateEnterprise, type SeatJson } from '../../fake/index.js'
import { NOW } from './util.js'

function kind(s: SeatJson) {
  return s.organization ? 'org' : s.assigning_team ? 'team' : 'direct'
}

function counts(seats: SeatJson[]) {
  const out = { org: 0, team: 0, direct: 0 }
  for (const s of seats) out[kind(s)]++
  return out
}

async function totalSeats(gh: FakeGitHub, ent: string) {
  const r = await gh.handle({
    method: 'GET',
    url: `/enterprises/${ent}/copilot/billing/seats?per_page=100`,
    headers: { authorization: 'token t' }
  })
  if (!('status' in r)) throw new Error('reset')
  return JSON.parse(r.body).total_seats as number
}

describe('generateEnterprise with enterprise teams and direct rows', () => {
  it('produces org, enterprise-team and direct rows; users counted once; no grantor twice per user', async () => {
    const gh = new FakeGitHub({ now: () => NOW })
    const out = generateEnterprise(gh, {
      enterprise: 'ent',
      users: 1000,
      rows: 1600,
      orgs: 3,
      enterpriseTeams: 2,
      teamShare: 0.25,
      directShare: 0.15,
      seed: 7,
      now: NOW
    })
    expect(out.orgs).toEqual(['ent-org-1', 'ent-org-2', 'ent-org-3'])
    expect(out.teams).toEqual(['ent:copilot-team-1', 'ent:copilot-team-2'])
    expect(out.logins).toHaveLength(1000)
    const seats = gh.enterpriseSeats('ent')
    expect(seats).toHaveLength(1600)
    expect(await totalSeats(gh, 'ent')).toBe(1000)
    const c = counts(seats)
    expect(c.org + c.team + c.direct).toBe(1600)
    expect(c.team).toBeGreaterThan(200)
    expect(c.direct).toBeGreaterThan(100)
    // one row per (user, grantor)
    const keys = seats.map(
      (s) => `${s.assignee!.login}|${s.organization?.login ?? s.assigning_team?.slug ?? 'direct'}`
    )
    expect(new Set(keys).size).toBe(1600)
    // team rows are never pending; team members are exactly the users with that team's row
    for (const slug of out.teams) {
      const teamRows = seats.filter((s) => s.assigning_team?.slug === slug)
      expect(teamRows.every((s) => s.pending_cancellation_date === null)).toBe(true)
      expect(new Set(gh.enterpriseTeamMembers('ent', slug))).toEqual(
        new Set(teamRows.map((s) => s.assignee!.login))
      )
    }
    expect(seats.some((s) => kind(s) === 'direct' && s.pending_cancellation_date)).toBe(true)
    expect(seats.filter((s) => kind(s) !== 'org').every((s) => s.plan_type === 'enterprise')).toBe(
      true
    )
  })

  it('is deterministic; the old options still give org rows only', () => {
    const make = (extra: object) => {
      const gh = new FakeGitHub({ now: () => NOW })
      generateEnterprise(gh, {
        enterprise: 'e',
        users: 200,
        rows: 300,
        seed: 3,
        now: NOW,
        ...extra
      })
      return gh.enterpriseSeats('e')
    }
    const opts = { enterpriseTeams: 3, directShare: 0.1 }
    expect(make(opts)).toEqual(make(opts))
    const plain = make({})
    expect(counts(plain)).toEqual({ org: 300, team: 0, direct: 0 })
  })

  it('rejects impossible row counts and shares', () => {
    const gh = () => new FakeGitHub()
    expect(() => generateEnterprise(gh(), { enterprise: 'e', users: 10, rows: 9 })).toThrow()
    // 2 orgs + 1 team + direct = 4 grantors per user at most
    const base = { enterprise: 'e', users: 10, orgs: 2, enterpriseTeams: 1, directShare: 0.1 }
    expect(() => generateEnterprise(gh(), { ...base, rows: 40 })).not.toThrow()
    expect(() => generateEnterprise(gh(), { ...base, rows: 41 })).toThrow(/cannot exceed/)
    expect(() =>
      generateEnterprise(gh(), { ...base, rows: 10, directShare: 0.7, teamShare: 0.5 })
    ).toThrow(/within 0..1/)
  })

  it('100,000 users / 120,000 rows with teams and direct rows (speed printed, not asserted)', async () => {
    const gh = new FakeGitHub({ now: () => NOW })
    const t0 = performance.now()
    generateEnterprise(gh, {
      enterprise: 'big',
      users: 100_000,
      rows: 120_000,
      enterpriseTeams: 4,
      directShare: 0.1,
      seed: 11,
      now: NOW
    })
    const ms = performance.now() - t0
    console.info(`generateEnterprise 100k users / 120k rows: ${ms.toFixed(0)} ms`)
    expect(await totalSeats(gh, 'big')).toBe(100_000)
    const r = await gh.handle({
      method: 'GET',
      url: '/enterprises/big/copilot/billing/seats?per_page=100&page=1200',
      headers: { authorization: 'token t' }
    })
    expect('status' in r && JSON.parse(r.body).seats).toHaveLength(100)
  })
})
