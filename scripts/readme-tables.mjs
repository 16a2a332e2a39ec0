#!/usr/bin/env node
// Regenerates the inputs and outputs tables of README.md from action.yml, between
// <!-- inputs-start --> / <!-- inputs-end --> and the outputs markers.
//   node scripts/readme-tables.mjs          rewrite README.md
//   node scripts/readme-tables.mjs --check  exit 1 if README.md is out of date
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'

const root = path.resolve(import.meta.dirname, '..')
const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8'))
const cell = (s) => String(s).trim().replace(/\s+/g, ' ').replace(/\|/g, '\\|')

export function tables() {
  const inputs = Object.entries(action.inputs).map(
    ([name, i]) =>
      `| \`${name}\` | ${i.required ? '**required**' : i.default === '' ? "`''`" : `\`${i.default}\``} | ${cell(i.description)} |`
  )
  const outputs = Object.entries(action.outputs).map(
    ([name, o]) => `| \`${name}\` | ${cell(o.description)} |`
  )
  return {
    inputs: ['| Input | Default | Description |', '| --- | --- | --- |', ...inputs].join('\n'),
    outputs: ['| Output | Description |', '| --- | --- |', ...outputs].join('\n')
  }
}

export function render(readme) {
  const t = tables()
  return readme
    .replace(/(<!-- inputs-start -->)[\s\S]*?(<!-- inputs-end -->)/, `$1\n${t.inputs}\n$2`)
    .replace(/(<!-- outputs-start -->)[\s\S]*?(<!-- outputs-end -->)/, `$1\n${t.outputs}\n$2`)
}

const file = path.join(root, 'README.md')
const before = readFileSync(file, 'utf8')
const after = render(before)
if (process.argv.includes('--check')) {
  if (before !== after) {
    console.error('README.md tables differ from action.yml: run node scripts/readme-tables.mjs')
    process.exit(1)
  }
} else if (before !== after) {
  writeFileSync(file, after)
}
