import { it } from 'vitest'
import { mswServer, runAction, requestLines } from '../support/harness.js'
const { useFake } = mswServer()
const NOW = Date.parse('2026-05-10T12:00:00Z')
it('explore', async () => {
  const gh = useFake({ now: () => new Date(NOW) })
  gh.addMember('acme', 'newbie')
  gh.addSeat('acme', { login: 'active1', created_at: '2026-01-01T00:00:00Z', last_activity_at: '2026-05-09T00:00:00Z' })
  gh.addSeat('acme', { login: 'idle1', created_at: '2026-01-01T00:00:00Z', last_activity_at: '2026-02-01T00:00:00Z' })
  gh.addSeat('acme', { login: 'pend1', created_at: '2026-01-01T00:00:00Z', pending_cancellation_date: '2026-06-01' })
  gh.addTeam('acme', 'devs', { members: ['t1', 't2'] })
  const r = await runAction({ mode: 'assign', users: 'newbie, ghost, active1, idle1, pend1', teams: 'devs' }, { now: NOW })
  console.log(r.exitCode, JSON.stringify(r.outputs, null, 1), r.summary, r.errors, requestLines(gh), JSON.stringify(gh.requests.map(q=>q.body)))
})
