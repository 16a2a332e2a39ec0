#!/usr/bin/env node
// Starts the fake GitHub API on loopback and prints one JSON line when listening.
//   node fake/cli.js --org acme --seats 1000 --seed 42 [--latency-ms 100] [--enforce-limits] [--port 0]
//     [--enterprise ent --users N --rows M [--orgs K] [--enterprise-teams T] [--team-share x]
//      [--direct-share x] [--unassign pending|immediate]] [--now 2026-11-23T00:00:00Z]
//     [--pending-share x] [--idle-share x] [--token T] [--path-prefix /api/v3] [--ghes] [--verbose]
// Imports the transport-independent modules directly so msw is not needed at run time.
import { FakeGitHub } from './github.js'
import { generateOrg, generateEnterprise } from './generate.js'
import { startFakeServer } from './server.js'
import { enterpriseApi } from './enterprise.js'

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string | boolean>} */
  const out = {}
  for (let i = 0; i < argv.length; i++) {
    const a = /** @type {string} */ (argv[i])
    if (!a.startsWith('--')) throw new Error(`unexpected argument: ${a}`)
    const eq = a.indexOf('=')
    if (eq > 0) {
      out[a.slice(2, eq)] = a.slice(eq + 1)
      continue
    }
    const key = a.slice(2)
    const next = argv[i + 1]
    if (next === undefined || next.startsWith('--')) out[key] = true
    else {
      out[key] = next
      i++
    }
  }
  return out
}

/** @param {string | boolean | undefined} v @param {string} name */
function num(v, name) {
  if (v === undefined) return undefined
  const n = Number(v)
  if (typeof v !== 'string' || !Number.isFinite(n)) throw new Error(`--${name} needs a number`)
  return n
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const known = new Set([
    'org',
    'seats',
    'seed',
    'latency-ms',
    'enforce-limits',
    'port',
    'host',
    'enterprise',
    'users',
    'rows',
    'orgs',
    'enterprise-teams',
    'team-share',
    'direct-share',
    'unassign',
    'now',
    'pending-share',
    'idle-share',
    'token',
    'path-prefix',
    'ghes',
    'verbose'
  ])
  for (const k of Object.keys(args)) if (!known.has(k)) throw new Error(`unknown option --${k}`)

  const nowArg = typeof args.now === 'string' ? new Date(args.now) : undefined
  if (nowArg && Number.isNaN(nowArg.getTime())) throw new Error('--now needs an ISO date')
  // --now sets the generator's reference time and the fake's clock, which then advances in real time.
  const offset = nowArg ? nowArg.getTime() - Date.now() : 0
  const seed = num(args.seed, 'seed') ?? 1
  const gh = new FakeGitHub({
    now: () => new Date(Date.now() + offset),
    latencyMs: num(args['latency-ms'], 'latency-ms') ?? 0,
    limits: { enforce: args['enforce-limits'] === true },
    auth: typeof args.token === 'string' ? { valid: [args.token] } : undefined,
    pathPrefix: typeof args['path-prefix'] === 'string' ? args['path-prefix'] : '',
    ghes: args.ghes === true
  })
  /** @type {Record<string, unknown>} */
  const info = {}
  const org = typeof args.org === 'string' ? args.org : 'acme'
  const seats = num(args.seats, 'seats') ?? 100
  const gen = generateOrg(gh, {
    org,
    seats,
    seed,
    now: nowArg,
    pendingShare: num(args['pending-share'], 'pending-share'),
    idleShare: num(args['idle-share'], 'idle-share')
  })
  Object.assign(info, { org, seats, seed, teams: gen.teams })
  if (typeof args.enterprise === 'string') {
    const users = num(args.users, 'users') ?? 100
    const rows = num(args.rows, 'rows') ?? users
    const e = generateEnterprise(gh, {
      enterprise: args.enterprise,
      users,
      rows,
      orgs: num(args.orgs, 'orgs'),
      enterpriseTeams: num(args['enterprise-teams'], 'enterprise-teams'),
      teamShare: num(args['team-share'], 'team-share'),
      directShare: num(args['direct-share'], 'direct-share'),
      seed,
      now: nowArg
    })
    const unassign = args.unassign
    if (unassign !== undefined) {
      if (unassign !== 'pending' && unassign !== 'immediate')
        throw new Error('--unassign needs pending or immediate')
      gh.setEnterprisePolicy(args.enterprise, { unassign })
    }
    gh.use(enterpriseApi())
    Object.assign(info, {
      enterprise: args.enterprise,
      users,
      rows,
      enterpriseOrgs: e.orgs,
      enterpriseTeams: e.teams
    })
  }
  const server = await startFakeServer(gh, {
    port: num(args.port, 'port') ?? 0,
    host: typeof args.host === 'string' ? args.host : '127.0.0.1',
    verbose: args.verbose === true
  })
  process.stdout.write(JSON.stringify({ url: server.url + gh._prefix, ...info }) + '\n')

  let closing = false
  /** @param {string} sig */
  const stop = (sig) => {
    if (closing) return
    closing = true
    if (args.verbose) process.stderr.write(`fake: ${sig}, closing\n`)
    server.close().then(
      () => process.exit(0),
      () => process.exit(0)
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((err) => {
  process.stderr.write(`fake/cli.js: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(2)
})
