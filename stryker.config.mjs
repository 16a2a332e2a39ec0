// Mutation testing of the pure domain (`npm run mutate`, see scripts/mutate.mjs;
// not part of CI). Every file under src/domain/ is mutated, including files added
// later, and only the domain's own unit tests (vitest.domain.config.ts) may kill
// the mutants: the score says how well those tests pin the rules down, not how
// much of the domain the end-to-end suites happen to run. bench/MUTATION.md has
// the last measurement.
// @ts-check
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['src/domain/**/*.ts'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.domain.config.ts' },
  coverageAnalysis: 'perTest',
  // The machine is shared: at most two test runners at once.
  concurrency: 2,
  // The sandbox needs the sources and tests, not the provisioned Node (.cache) or the bundle.
  ignorePatterns: ['.cache', 'dist', 'coverage', 'bench'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // Below 90% `npm run mutate` fails: a new rule in the domain comes with the tests that pin it.
  thresholds: { high: 90, low: 80, break: 90 }
}
