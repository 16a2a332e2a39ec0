import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    restoreMocks: true,
    // Tests share one msw server per file; files run in parallel workers.
    pool: 'forks',
    // `npm run coverage`, and the test run of .ci/run: the action's own code only (src/), so
    // dist/, the tests, the fake and the scripts are not measured.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      // The whole suite's coverage of src/ on 2026-11-30 (statements 90.41%, branches 87.3%,
      // functions 89.31%, lines 91.43%), rounded down: a change that lowers it fails CI. Raise
      // them when coverage rises; lower them only with a reason in the commit message.
      thresholds: { statements: 90, branches: 87, functions: 89, lines: 91 }
    }
  }
})
