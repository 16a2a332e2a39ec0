// report: every seat, counted and broken down. Read-only.
import { getCopilotSettings } from '../github/org.js'
import { listEnterpriseSeats, listOrgSeats } from '../github/seats.js'
import type { Config } from '../inputs.js'
import type { ModeContext } from './context.js'
import { setSeats, type RunResult } from './result.js'

/** Lists all seats (org or enterprise) into `result`, pricing seats of unknown plan. */
export async function readAllSeats(
  config: Config,
  ctx: ModeContext,
  result: RunResult
): Promise<void> {
  const listing = config.enterprise
    ? await listEnterpriseSeats(ctx.client, config.enterprise, ctx.apiUrl, ctx.compactHeap)
    : await listOrgSeats(ctx.client, config.org, ctx.apiUrl, ctx.compactHeap)
  result.requests += listing.requests
  result.rows = listing.rows
  if (listing.warning) result.warnings.push(listing.warning)
  ctx.log.info(
    `Read ${listing.rows} seat row(s) in ${listing.requests} request(s): ${listing.seats.length} seat(s).`
  )

  const unknownPlan = listing.seats.some(
    (s) => s.planType !== 'business' && s.planType !== 'enterprise'
  )
  if (
    config.seatCost === null &&
    unknownPlan &&
    !config.enterprise &&
    result.pricing.orgPlan === null
  ) {
    try {
      result.pricing.orgPlan = (
        await getCopilotSettings(ctx.client, config.org, ctx.apiUrl)
      ).planType
      result.requests++
    } catch (error) {
      ctx.log.debug(`Could not read the org's Copilot plan: ${(error as Error).message}`)
    }
  }
  setSeats(result, listing.seats)
  ctx.compactHeap?.()
  if (result.stats.pricedAsBusinessFallback > 0) {
    result.warnings.push(
      `${result.stats.pricedAsBusinessFallback} idle seat(s) have no known plan; they are priced as Copilot Business (19 USD a month). Set \`seat-cost\` for an exact estimate.`
    )
  }
}

export async function runReport(
  config: Config,
  ctx: ModeContext,
  result: RunResult
): Promise<void> {
  await readAllSeats(config, ctx, result)
}
