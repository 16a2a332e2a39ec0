// One NDJSON download at the transport boundary: a fetch that answers with
// chosen bytes, in chosen chunks. Lines split anywhere, gzip by magic bytes,
// a cut last line, the resume point after a broken transfer, no Authorization.
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import {
  MAX_LINE_BYTES,
  readNdjson,
  type DownloadInit,
  type Downloader,
  type NdjsonOptions
} from '../../src/github/ndjson-download.js'

const enc = new TextEncoder()

/** A body of these chunks; `fail` errors the stream after them. */
function body(chunks: Uint8Array[], fail?: Error): ReadableStream<Uint8Array> {
  let i = 0
  return new ReadableStream({
    pull(c) {
      if (i < chunks.length) c.enqueue(chunks[i++]!)
      else if (fail) c.error(fail)
      else c.close()
    }
  })
}

function downloader(respond: (init: DownloadInit) => Response | Promise<Response>) {
  const calls: { url: string; init: DownloadInit }[] = []
  const d: Downloader = {
    fetch: async (url, init) => {
      calls.push({ url, init })
      return respond(init)
    },
    timeoutMs: 200,
    retryBaseMs: 1
  }
  return { d, calls }
}

function collect(extra: Partial<NdjsonOptions> = {}) {
  const values: unknown[] = []
  let bytes = 0
  const o: NdjsonOptions = {
    skip: 0,
    onValue: (v) => {
      values.push(v)
      return null
    },
    onBytes: (n) => {
      bytes += n
      return true
    },
    isCancelled: () => false,
    ...extra
  }
  return { o, values, bytes: () => bytes }
}

/** Splits bytes into pieces of `size`. */
const pieces = (bytes: Uint8Array, size: number) =>
  Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
    bytes.subarray(i * size, (i + 1) * size)
  )

const TEXT = '{"n":1}\n{"n":2,"s":"é✓"}\r\n\n{"n":3}\n'

describe('readNdjson', () => {
  it('reads lines split anywhere across chunks (multi-byte characters, CRLF, blank lines)', async () => {
    for (const size of [1, 2, 3, 7, 1000]) {
      const { d, calls } = downloader(() => new Response(body(pieces(enc.encode(TEXT), size))))
      const c = collect()
      expect(await readNdjson(d, 'https://dl.test/f', c.o)).toEqual({ kind: 'done', lines: 4 })
      expect(c.values).toEqual([{ n: 1 }, { n: 2, s: 'é✓' }, { n: 3 }])
      expect(c.bytes()).toBe(enc.encode(TEXT).length)
      expect(calls[0]!.init.redirect).toBe('follow')
      expect(Object.keys(calls[0]!.init.headers).map((h) => h.toLowerCase())).not.toContain(
        'authorization'
      )
    }
  })

  it('takes a last line without its newline when it parses, and a byte-order mark', async () => {
    const { d } = downloader(() => new Response('\ufeff{"n":1}\n{"n":2}'))
    const c = collect()
    expect(await readNdjson(d, 'https://dl.test/f', c.o)).toEqual({ kind: 'done', lines: 2 })
    expect(c.values).toEqual([{ n: 1 }, { n: 2 }])
  })

  it('an empty body is a file without rows', async () => {
    const { d } = downloader(() => new Response(null, { status: 200 }))
    expect(await readNdjson(d, 'https://dl.test/f', collect().o)).toEqual({
      kind: 'done',
      lines: 0
    })
  })

  it('gunzips a body that starts with gzip magic bytes, even when they arrive one at a time', async () => {
    const gz = gzipSync(Buffer.from(TEXT))
    for (const size of [1, 5, 100_000]) {
      const { d } = downloader(() => new Response(body(pieces(gz, size))))
      const c = collect()
      expect(await readNdjson(d, 'https://dl.test/f', c.o)).toEqual({ kind: 'done', lines: 4 })
      expect(c.values).toEqual([{ n: 1 }, { n: 2, s: 'é✓' }, { n: 3 }])
    }
  })

  it('a one-byte body is read as it is', async () => {
    const { d } = downloader(() => new Response('\n'))
    expect(await readNdjson(d, 'https://dl.test/f', collect().o)).toEqual({
      kind: 'done',
      lines: 1
    })
  })

  it('a truncated gzip stream is a broken transfer, with the lines read before it', async () => {
    const gz = gzipSync(Buffer.from('{"n":1}\n'.repeat(2000)))
    const { d } = downloader(() => new Response(gz.subarray(0, gz.length - 20)))
    const c = collect()
    const r = await readNdjson(d, 'https://dl.test/f', c.o)
    expect(r).toMatchObject({ kind: 'failed', retry: true })
    if (r.kind !== 'failed') throw new Error()
    expect(r.why).toMatch(/broke off/)
    expect(r.lines).toBe(c.values.length)
  })

  it('a last line cut short is a broken transfer to retry; a bad line with its newline is malformed', async () => {
    const cut = downloader(() => new Response('{"n":1}\n{"n":2}\n{"n":'))
    const c = collect()
    expect(await readNdjson(cut.d, 'https://dl.test/f', c.o)).toEqual({
      kind: 'failed',
      why: 'the file ended in the middle of a line',
      retry: true,
      lines: 2
    })
    const bad = downloader(() => new Response('{"n":1}\n{"n":\n{"n":3}\n'))
    expect(await readNdjson(bad.d, 'https://dl.test/f', collect().o)).toEqual({
      kind: 'malformed',
      line: 2,
      problem: 'not valid JSON'
    })
  })

  it('skips the lines an earlier attempt handed over, counting them', async () => {
    const { d } = downloader(() => new Response('{"n":1}\n{"n":2}\n{"n":3}\n'))
    const c = collect({ skip: 2 })
    expect(await readNdjson(d, 'https://dl.test/f', c.o)).toEqual({ kind: 'done', lines: 3 })
    expect(c.values).toEqual([{ n: 3 }])
  })

  it("a value the caller rejects is malformed at its line; the caller's stop and cancel end the read", async () => {
    const text = '{"n":1}\n{"n":2}\n'
    const rejecting = collect({ onValue: (v) => ((v as { n: number }).n === 2 ? 'no' : null) })
    expect(
      await readNdjson(downloader(() => new Response(text)).d, 'https://dl.test/f', rejecting.o)
    ).toEqual({ kind: 'malformed', line: 2, problem: 'no' })
    expect(
      await readNdjson(
        downloader(() => new Response(text)).d,
        'https://dl.test/f',
        collect({ onBytes: () => false }).o
      )
    ).toEqual({ kind: 'stopped' })
    expect(
      await readNdjson(
        downloader(() => new Response(text)).d,
        'https://dl.test/f',
        collect({ isCancelled: () => true }).o
      )
    ).toEqual({ kind: 'cancelled' })
  })

  it('a line longer than the limit is malformed, without holding more of it', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x61)
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        sent++
        c.enqueue(chunk)
      }
    })
    const { d } = downloader(() => new Response(stream))
    expect(await readNdjson(d, 'https://dl.test/f', collect().o)).toEqual({
      kind: 'malformed',
      line: 1,
      problem: `longer than ${MAX_LINE_BYTES} bytes`
    })
    expect(sent).toBeLessThan(12)
  })

  it('statuses: 401/403/404/410 refuse the link; 5xx, 408 and 429 are retried; others fail', async () => {
    for (const status of [401, 403, 404, 410]) {
      const { d } = downloader(() => new Response('<Error/>', { status }))
      expect(await readNdjson(d, 'https://dl.test/f', collect().o)).toEqual({
        kind: 'refused',
        status
      })
    }
    for (const [status, retry] of [
      [500, true],
      [503, true],
      [408, true],
      [429, true],
      [400, false],
      [206, false]
    ] as const) {
      const { d } = downloader(() => new Response('x', { status }))
      expect(await readNdjson(d, 'https://dl.test/f', collect().o), String(status)).toEqual({
        kind: 'failed',
        why: `the download host answered ${status}`,
        retry,
        lines: 0
      })
    }
  })

  it('a connection that fails, or never answers, is retried', async () => {
    const failing = downloader(() => Promise.reject(new TypeError('fetch failed')))
    expect(await readNdjson(failing.d, 'https://dl.test/f', collect().o)).toEqual({
      kind: 'failed',
      why: 'the download failed (fetch failed)',
      retry: true,
      lines: 0
    })
    const hanging = downloader(
      (init) =>
        new Promise<Response>((_, reject) =>
          init.signal.addEventListener('abort', () => reject(new Error('aborted')))
        )
    )
    expect(await readNdjson(hanging.d, 'https://dl.test/f', collect().o)).toEqual({
      kind: 'failed',
      why: 'the download host did not answer within 0.2 s',
      retry: true,
      lines: 0
    })
  })

  it('a body that stops sending is aborted after the timeout, keeping the lines read', async () => {
    const { d } = downloader(
      (init) =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(c) {
              c.enqueue(enc.encode('{"n":1}\n{"n":2}\n{"n'))
              init.signal.addEventListener('abort', () => c.error(new Error('aborted')))
            }
          })
        )
    )
    expect(await readNdjson(d, 'https://dl.test/f', collect().o)).toEqual({
      kind: 'failed',
      why: 'no data arrived for 0.2 s',
      retry: true,
      lines: 2
    })
  })

  it('a connection reset mid-body is a broken transfer with the lines read', async () => {
    const { d } = downloader(
      () => new Response(body([enc.encode('{"n":1}\n{"n":')], new TypeError('terminated')))
    )
    expect(await readNdjson(d, 'https://dl.test/f', collect().o)).toEqual({
      kind: 'failed',
      why: 'the download broke off (terminated)',
      retry: true,
      lines: 1
    })
  })
})
