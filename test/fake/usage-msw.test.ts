import { afterAll, afterEach, beforeAll, describe } from 'vitest'
import { setupServer } from 'msw/node'
import { createMswHandlers, createUsageMswHandlers } from '../../fake/index.js'
import { usageDownloadSuite } from './usage-suite.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

describe('usage reports through msw (API and download host on two origins)', () => {
  usageDownloadSuite('msw', async (gh, usage) => {
    const api = 'https://api.github.com'
    server.use(...createMswHandlers(gh, api), ...createUsageMswHandlers(usage))
    return { api }
  })
})
