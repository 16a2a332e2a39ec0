#!/usr/bin/env node
// `npm run mutate`: StrykerJS over src/domain (stryker.config.mjs) on Node 24.
// Stryker 10 needs Node 22 or later and the project's floor is Node 20, so it runs
// on the Node 24 that scripts/node24.mjs provisions (.cache/node24), whatever Node
// npm itself runs on. Arguments go to `stryker run`, e.g.
// `npm run mutate -- --concurrency 1` or `npm run mutate -- --mutate src/domain/merge.ts`.
import { execFileSync, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const node24 = execFileSync(process.execPath, [path.join(root, 'scripts', 'node24.mjs')], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit']
}).trim()
const require = createRequire(path.join(root, 'package.json'))
const stryker = path.join(
  path.dirname(require.resolve('@stryker-mutator/core/package.json')),
  'bin',
  'stryker.js'
)

const child = spawn(node24, [stryker, 'run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit'
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => {
  if (signal) console.error(`mutate: Stryker ended on ${signal}`)
  process.exit(code ?? 1)
})
