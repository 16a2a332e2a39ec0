// Types for fake/usage-msw.js.
import type { HttpHandler } from 'msw'
import type { FakeUsageReports } from './usage.js'

/** msw handlers serving the download host (default base: usage.downloadBase), streaming. */
export declare function createUsageMswHandlers(
  usage: FakeUsageReports,
  baseUrl?: string
): HttpHandler[]
