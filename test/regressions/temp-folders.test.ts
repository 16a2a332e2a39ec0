// Issue 11: the harness's temp folders (workspace, runner temp, outputs, summary, report
// files) are removed after each test; before, every run left one behind in the OS temp dir.
// The tests of this file run in order: each checks what the one before it left.
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runDist } from '../support/dist-runner.js'
import { mswServer, runAction } from '../support/harness.js'

const { useFake } = mswServer()
const made: { action?: string; dist?: string } = {}

describe('Issue 11: temp folders are removed after each test', () => {
  it('runAction and runDist make a temp folder for their run', async () => {
    useFake()
    const r = await runAction({ mode: 'report' })
    expect(r.exitCode).toBe(0)
    // An invalid input: the bundle stops before any request, so it needs no API.
    const d = await runDist({ mode: 'nope' }, { apiUrl: 'http://127.0.0.1:9' })
    expect(d.exitCode).toBe(1)
    made.action = r.tempDir
    made.dist = d.tempDir
    for (const dir of [r.tempDir, d.tempDir]) expect(existsSync(dir)).toBe(true)
    expect(existsSync(r.outputs['report-json']!)).toBe(true)
  })

  it('they are gone once that test is over', () => {
    expect(made.action).toBeDefined()
    expect(existsSync(made.action!)).toBe(false)
    expect(existsSync(made.dist!)).toBe(false)
  })
})
