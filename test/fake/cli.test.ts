import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { client } from './util.js'

const CLI = fileURLToPath(new URL('../../fake/cli.js', import.meta.url))

describe('fake/cli.js', () => {
  it('prints one JSON line when listening, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        CLI,
        '--org',
        'acme',
        '--seats',
        '120',
        '--seed',
        '42',
        '--now',
        '2026-11-23T00:00:00Z',
        '--enterprise',
        'ent',
        '--users',
        '10',
        '--rows',
        '14'
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe']
      }
    )
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const lines = createInterface({ input: child.stdout })
    const [line] = (await once(lines, 'line')) as [string]
    const info = JSON.parse(line)
    expect(info).toMatchObject({ org: 'acme', seats: 120, seed: 42, enterprise: 'ent' })
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const api = client(info.url)
    const r = await api('GET', '/orgs/acme/copilot/billing/seats?per_page=100')
    expect(r.json.total_seats).toBe(120)
    const e = await api('GET', '/enterprises/ent/copilot/billing/seats?per_page=100')
    expect(e.json.total_seats).toBe(10)
    expect(e.json.seats).toHaveLength(14)
    child.kill('SIGTERM')
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)
    expect(stderr).toBe('')
  })
})
