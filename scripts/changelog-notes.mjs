#!/usr/bin/env node
// Prints the CHANGELOG.md section of one version: the release notes that the
// release workflow publishes.
//   node scripts/changelog-notes.mjs v1.2.3            (or 1.2.3)
//   node scripts/changelog-notes.mjs v1.2.3 path/to/CHANGELOG.md
// Exits 1, saying why, when the version has no section or an empty one, so a
// tag cannot be released without notes.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const SEMVER = /^v?(\d+\.\d+\.\d+)$/

/**
 * The body of `## [X.Y.Z]` (Keep a Changelog; `## X.Y.Z` and a ` - date` after
 * the heading are accepted too), without the heading, up to the next `## `
 * heading or the link definitions at the end. Throws when there is none.
 * @param {string} changelog the text of CHANGELOG.md
 * @param {string} version `1.2.3` or `v1.2.3`
 * @returns {string}
 */
export function notesFor(changelog, version) {
  const m = SEMVER.exec(version.trim())
  if (!m) throw new Error(`"${version}" is not a version like v1.2.3`)
  const wanted = /** @type {string} */ (m[1])
  const lines = changelog.replace(/\r\n?/g, '\n').split('\n')
  const heading = (/** @type {string} */ line) => {
    const h = /^##\s+\[?v?(\d+\.\d+\.\d+|Unreleased)\]?(?:\s+-\s+.*)?\s*$/i.exec(line)
    return h ? /** @type {string} */ (h[1]) : null
  }
  const start = lines.findIndex((line) => heading(line) === wanted)
  if (start < 0) throw new Error(`CHANGELOG.md has no "## [${wanted}]" section`)
  const body = []
  for (const line of lines.slice(start + 1)) {
    if (/^##\s/.test(line)) break // the next version
    if (/^\[[^\]]+\]:\s*\S/.test(line)) break // link definitions close the file
    body.push(line)
  }
  const text = body.join('\n').trim()
  if (!text) throw new Error(`the "## [${wanted}]" section of CHANGELOG.md is empty`)
  return `${text}\n`
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [version, file = path.resolve(import.meta.dirname, '..', 'CHANGELOG.md')] =
    process.argv.slice(2)
  if (!version) {
    console.error('usage: node scripts/changelog-notes.mjs <version> [CHANGELOG.md]')
    process.exit(2)
  }
  try {
    process.stdout.write(notesFor(readFileSync(file, 'utf8'), version))
  } catch (error) {
    console.error(`changelog-notes: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}
