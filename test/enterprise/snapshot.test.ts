// The whole job summary and request log of an enterprise reclaim, as a
// snapshot: a change to either shows up as a diff to review. Every routing case
// is in the world (test/support/enterprise-fixtures.ts); org o3 refuses its cancel.
import { expect, it } from 'vitest'
import { mswServer, requestLines, runAction } from '../support/harness.js'
import { enterpriseWorld, FORBIDDEN_BODY, NOW } from '../support/enterprise-fixtures.js'

const { useFake } = mswServer()

/**
 * Requests in order, with each run of reads between two writes sorted: look-ups are sent
 * concurrently, so their order among themselves is not part of the contract.
 */
function requestLog(lines: string[]): string[] {
  const out: string[] = []
  let reads: string[] = []
  for (const line of lines) {
    if (line.startsWith('GET ')) reads.push(line)
    else {
      out.push(...reads.sort(), line)
      reads = []
    }
  }
  return [...out, ...reads.sort()]
}

it('enterprise reclaim: summary and request log', async () => {
  const gh = enterpriseWorld(useFake({ now: () => new Date(NOW) }, null))
  gh.fault({
    method: 'DELETE',
    path: '/orgs/o3/copilot/billing/selected_users',
    status: 403,
    times: Infinity,
    body: FORBIDDEN_BODY
  })
  const r = await runAction({ mode: 'audit', reclaim: 'true', enterprise: 'ent' }, { now: NOW })
  expect(r.exitCode).toBe(1)
  // The report files' names end in a random part, unique per run.
  const summary = r.summary.replace(/(copilot-seats-audit-1234-1-)[0-9a-f]{8}/g, '$1XXXXXXXX')
  expect(summary).toMatchSnapshot('summary')
  expect(requestLog(requestLines(gh))).toMatchSnapshot('requests')
})
