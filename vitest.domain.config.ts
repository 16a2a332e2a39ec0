// The domain's own unit tests only (`test/domain/`): what `npm run mutate` runs
// against each mutant of `src/domain/`. Everything else is the main config's.
import { defineConfig } from 'vitest/config'
import base from './vitest.config.js'

export default defineConfig({
  ...base,
  test: { ...base.test, include: ['test/domain/*.test.ts'] }
})
