// Real loopback HTTP transport for FakeGitHub (node:http). No msw needed.
import http from 'node:http'

/**
 * @param {import('./github.js').FakeGitHub} gh
 * @param {{ port?: number, host?: string, verbose?: boolean }} [opts]
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export function startFakeServer(gh, opts = {}) {
  const host = opts.host ?? '127.0.0.1'
  const server = http.createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('error', () => {})
    req.on('end', () => {
      const ac = new AbortController()
      // 'close' before the response finished = the client went away (abort, timeout, disconnect)
      res.on('close', () => {
        if (!res.writableFinished) ac.abort()
      })
      const headers = requestHeaders(req)
      const started = Date.now()
      gh.handle(
        {
          method: req.method ?? 'GET',
          url: `http://${req.headers.host ?? `${host}`}${req.url ?? '/'}`,
          headers,
          body: Buffer.concat(chunks).toString('utf8')
        },
        ac.signal
      ).then(
        (r) => {
          if ('kind' in r) {
            req.socket.destroy()
            if (opts.verbose)
              process.stderr.write(
                `${req.method} ${req.url} -> reset (${Date.now() - started} ms)\n`
              )
            return
          }
          if (res.destroyed) return
          res.writeHead(r.status, r.headers)
          res.end(r.body)
          if (opts.verbose)
            process.stderr.write(
              `${req.method} ${req.url} -> ${r.status} (${Date.now() - started} ms)\n`
            )
        },
        (err) => {
          if (res.destroyed) return
          res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
          res.end(
            JSON.stringify({
              message: `fake internal error: ${String((err && err.stack) || err)}`,
              status: '500'
            })
          )
        }
      )
    })
  })
  return listen(server, opts.port ?? 0, host)
}

/**
 * A request's headers as one string each (repeated ones joined with ', ').
 * @param {http.IncomingMessage} req
 */
export function requestHeaders(req) {
  /** @type {Record<string, string>} */
  const headers = {}
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v
  }
  return headers
}

/**
 * Starts `server` on `host`:`port` (0 = any free port); `close()` also ends open connections.
 * Shared with the usage report download host (usage.js).
 * @param {http.Server} server @param {number} port @param {string} host
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      const addr = /** @type {import('node:net').AddressInfo} */ (server.address())
      const h = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address
      resolve({
        url: `http://${h}:${addr.port}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done())
            server.closeAllConnections()
          })
      })
    })
  })
}
