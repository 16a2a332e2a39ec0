// action.yml is the public contract: it must match the code's inputs and outputs.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { INPUT_DEFAULTS } from '../../src/inputs.js'
import { OUTPUT_NAMES } from '../../src/render/outputs.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  name: string
  description: string
  inputs: Record<string, { description?: string; required?: boolean; default?: unknown }>
  outputs: Record<string, { description?: string }>
  runs: { using: string; main: string }
}

describe('action.yml', () => {
  it('has a name and a description', () => {
    expect(action.name).toBeTruthy()
    expect(action.description).toBeTruthy()
  })

  it('declares exactly the inputs of src/inputs.ts, in kebab-case', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.keys(INPUT_DEFAULTS).sort())
    for (const name of Object.keys(action.inputs)) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/)
  })

  it('gives every input the same default as the code (org: the repository owner expression)', () => {
    for (const [name, def] of Object.entries(INPUT_DEFAULTS)) {
      const input = action.inputs[name]!
      if (name === 'mode' || name === 'token') {
        expect(input.required, name).toBe(true)
        expect(input.default, name).toBeUndefined()
        continue
      }
      expect(input.required ?? false, name).toBe(false)
      expect(String(input.default), name).toBe(def)
    }
    expect(action.inputs.org!.default).toBe('${{ github.repository_owner }}')
  })

  it('describes every input and output', () => {
    for (const [name, input] of Object.entries(action.inputs))
      expect(input.description?.trim().length ?? 0, name).toBeGreaterThan(10)
    for (const [name, output] of Object.entries(action.outputs))
      expect(output.description?.trim().length ?? 0, name).toBeGreaterThan(10)
  })

  it('declares exactly the outputs the action sets', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_NAMES].sort())
  })

  it('runs dist/index.js on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })
})
