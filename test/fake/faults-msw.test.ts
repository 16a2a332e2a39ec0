import { afterAll, afterEach, beforeAll, describe } from 'vitest'
import { setupServer } from 'msw/node'
import { createMswHandlers } from '../../fake/index.js'
import { faultSuite } from './fault-suite.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

describe('fault rules through msw', () => {
  faultSuite(async (gh) => {
    const base = 'https://api.github.com'
    server.use(...createMswHandlers(gh, base))
    return base
  })
})
