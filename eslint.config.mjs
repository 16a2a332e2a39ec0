// ESLint: typescript-eslint's type-checked rules, and the layer boundaries of
// the README's Architecture section as import rules, so that a change that
// makes the pure core depend on I/O fails the check instead of a review.
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Imports a layer must not make: relative paths from inside `src/<layer>/`. */
const forbid = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }]
})

const IO_PACKAGES = ['@actions/*', '@octokit/*', 'node:*', 'fs', 'path', 'os', 'http', 'https']

export default tseslint.config(
  {
    ignores: ['dist/', 'coverage/', 'node_modules/', '.cache/', 'reports/', '.stryker-tmp/']
  },
  js.configs.recommended,
  {
    files: ['**/*.{ts,mts}'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Tests read parsed JSON and the fake's untyped state freely; the action's own code is held
      // to the strict set below.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Shared suites take async set-up callbacks whether or not a transport awaits anything.
      '@typescript-eslint/require-await': 'off'
    }
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/unbound-method': 'error',
      '@typescript-eslint/require-await': 'error'
    }
  },
  // Layers: entry → main → render → modes → github / inputs → domain. Imports point inward only.
  {
    files: ['src/domain/**/*.ts'],
    rules: forbid(
      [...IO_PACKAGES, '../github/*', '../modes/*', '../render/*', '../inputs*', '../main*'],
      'src/domain is pure: seats in, plans and reports out; no I/O and no outer layer.'
    )
  },
  {
    files: ['src/github/**/*.ts'],
    ignores: ['src/github/client.ts'],
    rules: forbid(
      ['@actions/*', '../modes/*', '../render/*', '../inputs*', '../main*'],
      'src/github talks to GitHub for the modes; only client.ts imports @actions/github, and nothing here reaches outward.'
    )
  },
  {
    files: ['src/github/client.ts'],
    rules: forbid(
      ['@actions/core', '../modes/*', '../render/*', '../inputs*', '../main*'],
      'The client takes its options; it does not read inputs or the runner.'
    )
  },
  {
    files: ['src/inputs.ts', 'src/inputs/**/*.ts', 'src/login-list.ts'],
    rules: forbid(
      [
        '@actions/*',
        '../modes/*',
        './modes/*',
        '../render/*',
        './render/*',
        '../github/*',
        './github/*',
        './main*'
      ],
      'Inputs are parsed purely from the strings the runner passes (and the injected file access).'
    )
  },
  {
    files: ['src/modes/**/*.ts'],
    rules: forbid(
      ['@actions/*', '../render/*', '../main*'],
      'Modes take a context and return a result; rendering and the runner are the entry point’s.'
    )
  },
  {
    files: ['src/render/**/*.ts'],
    rules: forbid(
      ['@actions/*', '../modes/*', '../github/*', '../inputs*', '../main*'],
      'Rendering depends on the run report (src/domain/outcome.ts), not on modes or I/O.'
    )
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_' }] }
  }
)
