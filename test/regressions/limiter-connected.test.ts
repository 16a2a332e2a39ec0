// Issue 11: the run's limiter must be connected. It paces every attempt (retries included)
// and counts them; a limiter that is built but not on the request path changes nothing any
// other test would notice. These fail if it is disconnected.
import { describe, expect, it } from 'vitest'
import type { FakeGitHub } from '../../fake/index.js'
import { mswServer, runAction } from '../support/harness.js'
import { NOW, OLD } from '../support/assign-revoke-fixtures.js'

const { useFake } = mswServer()
const SEATS = '/orgs/acme/copilot/billing/seats'
const RECENT = '2026-05-09T08:00:00Z'

function org(seats: number): FakeGitHub {
  const gh = useFake({ now: () => new Date(NOW) })
  for (let i = 0; i < seats; i++)
    gh.addSeat('acme', {
      login: `s${String(i).padStart(4, '0')}`,
      created_at: OLD,
      last_activity_at: RECENT
    })
  return gh
}

/** The limiter's count of the run's requests, as the run logs it ("N API request(s)."). */
const limiterCount = (stdout: string) => Number(/(\d+) API request\(s\)\./.exec(stdout)?.[1])

describe('Issue 11: the limiter is connected', () => {
  it('counts every request the fake receives, retried attempts and writes included', async () => {
    const gh = org(250)
    gh.fault({ method: 'GET', path: SEATS, status: 502 }) // page 1 once: retried
    gh.fault({ method: 'DELETE', path: '/orgs/acme/copilot/billing/selected_users', status: 500 })
    const r = await runAction(
      { mode: 'revoke', users: 's0001 s0002 s0003 s0004' },
      { now: NOW, limiter: { writeSpacingMs: 50 } }
    )
    expect(r.errors).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(gh.requests.filter((q) => q.status >= 500)).toHaveLength(2)
    expect(limiterCount(r.stdout)).toBe(gh.requests.length)
    expect(r.summary).toContain(`${gh.requests.length} API request(s).`)
  })

  it('paces a burst of reads: 31 listing requests at 10 a second after a burst of 10 take at least 2 s', async () => {
    const gh = org(3000) // 30 pages, and page 1 once more
    const started = performance.now()
    const r = await runAction(
      { mode: 'report' },
      { now: NOW, limiter: { pointsPerMinute: 600, burstSeconds: 1 } }
    )
    const took = performance.now() - started
    expect(r.exitCode).toBe(0)
    expect(gh.requests).toHaveLength(31)
    expect(limiterCount(r.stdout)).toBe(31)
    // 10 points of burst, then 10 a second: 21 requests wait at least 2.1 s in all.
    expect(took).toBeGreaterThanOrEqual(2000)
    // And no second holds more than the burst and a second of refill.
    const starts = gh.requests.map((q) => q.startedAt).sort((a, b) => a - b)
    for (let i = 0; i < starts.length; i++) {
      const inWindow = starts.filter((t) => t >= starts[i]! && t < starts[i]! + 1000).length
      expect(inWindow).toBeLessThanOrEqual(21)
    }
  })
})
