// The whole job summary and request log of an enterprise reclaim, as a
// snapshot: a change to either shows up as a diff to review. Every routing case
// is in the world (test/support/enterprise-fixtures.ts); org o3 refuses its cancel.
import { expect, it } from 'vitest'
import { mswServer, requestLines, runAction } from '../support/harness.js'
import {
  enterpriseWorld,
  NOW,
  o3RefusesCancels,
  requestLog
} from '../support/enterprise-fixtures.js'

const { useFake } = mswServer()

it('enterprise reclaim: summary and request log', async () => {
  const gh = o3RefusesCancels(enterpriseWorld(useFake({ now: () => new Date(NOW) }, null)))
  const r = await runAction({ mode: 'audit', reclaim: 'true', enterprise: 'ent' }, { now: NOW })
  expect(r.exitCode).toBe(1)
  // The report files' names end in a random part, unique per run.
  const summary = r.summary.replace(/(copilot-seats-audit-1234-1-)[0-9a-f]{8}/g, '$1XXXXXXXX')
  expect(summary).toMatchSnapshot('summary')
  expect(requestLog(requestLines(gh))).toMatchSnapshot('requests')
})
