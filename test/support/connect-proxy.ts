// A forward proxy on 127.0.0.1 for the bundle tests: it records what reached it
// (CONNECT targets, or absolute-form requests with their headers) and sends every
// connection to one upstream loopback server, whatever host was asked for, so
// links can name a host that does not resolve (loopback hosts bypass a proxy).
import http from 'node:http'
import net from 'node:net'

export interface ProxyLog {
  /** `host:port` of each CONNECT, or `METHOD absolute-url` of each plain request. */
  targets: string[]
  /** Lower-cased request headers of plain requests (a tunnel's are encrypted or opaque here). */
  headers: Record<string, string | string[] | undefined>[]
  /** Every byte the client sent through a tunnel, as latin1 text. */
  tunnelled: string
}

export async function startConnectProxy(upstreamPort: number) {
  const log: ProxyLog = { targets: [], headers: [], tunnelled: '' }
  const sockets = new Set<net.Socket>()
  const server = http.createServer((req, res) => {
    log.targets.push(`${req.method} ${req.url}`)
    log.headers.push(req.headers)
    const url = new URL(req.url ?? '/', 'http://x')
    const up = http.request(
      {
        host: '127.0.0.1',
        port: upstreamPort,
        method: req.method,
        path: url.pathname + url.search,
        headers: req.headers
      },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers)
        r.pipe(res)
      }
    )
    up.on('error', () => res.destroy())
    req.pipe(up)
  })
  server.on('connect', (req, client: net.Socket, head: Buffer) => {
    log.targets.push(`CONNECT ${req.url}`)
    const upstream = net.connect(upstreamPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) upstream.write(head)
      client.on('data', (d: Buffer) => (log.tunnelled += d.toString('latin1')))
      client.pipe(upstream)
      upstream.pipe(client)
    })
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => {})
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
