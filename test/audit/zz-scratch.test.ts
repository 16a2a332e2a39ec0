import { it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { mswServer, runAction } from '../support/harness.js'
import { ago, NOW, usedSeat } from '../support/audit-fixtures.js'
const { useFake } = mswServer()
it('scratch', async () => {
  const gh = useFake({ now: () => new Date(NOW) })
  for (let i = 0; i < 5; i++) gh.addSeat('acme', usedSeat(`idle${i}`, 40 + i))
  gh.addSeat('acme', usedSeat('svc-bot', 200))
  gh.addSeat('acme', usedSeat('designer', 60, { team: 'design' }))
  gh.addSeat('acme', usedSeat('soon', 25))
  gh.addSeat('acme', usedSeat('active', 1))
  gh.addSeat('acme', { login: 'fresh', created_at: ago(2) })
  for (const dry of ['true', 'false']) {
    const r = await runAction({ mode: 'audit', reclaim: 'true', 'dry-run': dry, 'exclude-users': 'svc-bot' }, { now: NOW })
    writeFileSync(`/tmp/audit-scratch/reclaim-dry-${dry}.md`, r.summary)
  }
  const r = await runAction({ mode: 'audit' }, { now: NOW })
  writeFileSync(`/tmp/audit-scratch/findings.md`, r.summary)
})
