// Downloads one NDJSON file of the usage report from its signed link, on a host
// that is not the API: without the Authorization header (the token never leaves
// the API), redirects followed, read as a stream line by line so that a file of
// gigabytes never sits in memory. A body that starts with gzip's magic bytes is
// gunzipped here (`content-encoding: gzip` is already undone by fetch).
//
// Each outcome is a value for the caller to decide on: a refused link (expired)
// is re-requested, a broken transfer is retried from the first line not yet
// read, a malformed line ends the read.
import { pipeline, Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { messageOf } from '../errors.js'

export interface DownloadInit {
  signal: AbortSignal
  headers: Record<string, string>
  redirect: 'follow'
}

/** The transport: the API client's proxy-aware fetch for the link's host (tests: the global fetch). */
export type DownloadFetch = (url: string, init: DownloadInit) => Promise<Response>

export interface Downloader {
  fetch: DownloadFetch
  /** No answer, or no new bytes, for this long aborts the attempt. */
  timeoutMs: number
  /** Back-off before retry n (from 1): n² × this. */
  retryBaseMs: number
}

export type NdjsonRead =
  | { kind: 'done'; lines: number }
  /** 401, 403, 404 or 410: the link is no longer good (expired); new links may be. */
  | { kind: 'refused'; status: number }
  /** `lines`: complete lines read and handed over before it failed. */
  | { kind: 'failed'; why: string; retry: boolean; lines: number }
  | { kind: 'malformed'; line: number; problem: string }
  /** `onBytes` said stop. */
  | { kind: 'stopped' }
  | { kind: 'cancelled' }

export interface NdjsonOptions {
  /** Complete lines handed over by an earlier attempt at this file: read past, not again. */
  skip: number
  /** Each line's value; returns why it is not a row, or null. */
  onValue: (value: unknown) => string | null
  /** Decoded bytes as they arrive; false stops the read. */
  onBytes: (bytes: number) => boolean
  isCancelled: () => boolean
}

/** No usage row comes near this; a longer line is not one. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024

const HEADERS: Record<string, string> = {
  accept: 'application/x-ndjson, application/json;q=0.9, */*;q=0.8',
  'user-agent': 'copilot-seats-action'
}

const REFUSED = new Set([401, 403, 404, 410])
const toBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength)

async function* chunksOf(
  body: ReadableStream<Uint8Array>,
  onChunk: () => void
): AsyncGenerator<Buffer> {
  const reader = body.getReader()
  let done = false
  try {
    for (;;) {
      const next = await reader.read()
      if (next.done) {
        done = true
        return
      }
      onChunk()
      yield toBuffer(next.value)
    }
  } finally {
    // Not awaited: a cancel can stay pending (a mocked body does); the abort releases the connection.
    if (!done) void reader.cancel().catch(() => {})
  }
}

/** The body as NDJSON bytes: gunzipped when it starts with gzip's magic bytes (1f 8b). */
async function* decoded(src: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  let head: Buffer = Buffer.alloc(0)
  while (head.length < 2) {
    const next = await src.next()
    if (next.done) {
      if (head.length) yield head
      return
    }
    head = head.length ? Buffer.concat([head, next.value]) : next.value
  }
  const first = head
  const all = (async function* () {
    yield first
    yield* src
  })()
  if (first[0] !== 0x1f || first[1] !== 0x8b) {
    yield* all
    return
  }
  const source = Readable.from(all)
  const gunzip = createGunzip()
  // Errors (a cut connection, a truncated gzip stream) surface in the loop below.
  pipeline(source, gunzip, () => {})
  try {
    for await (const chunk of gunzip) yield chunk as Buffer
  } finally {
    source.destroy()
    gunzip.destroy()
  }
}

/** Splits bytes into lines and hands each line's JSON value over. */
class LineReader {
  /** Complete lines handled, the skipped ones included. */
  lines = 0
  private carry: Buffer[] = []
  private carryBytes = 0

  constructor(private readonly o: NdjsonOptions) {}

  push(chunk: Buffer): NdjsonRead | null {
    let start = 0
    for (;;) {
      const nl = chunk.indexOf(10, start)
      if (nl === -1) break
      const part = chunk.subarray(start, nl)
      const line = this.carryBytes ? Buffer.concat([...this.carry, part]) : part
      this.carry = []
      this.carryBytes = 0
      start = nl + 1
      const problem = this.line(line, true)
      if (problem) return problem
    }
    if (start < chunk.length) {
      this.carry.push(chunk.subarray(start))
      this.carryBytes += chunk.length - start
      if (this.carryBytes > MAX_LINE_BYTES) {
        return {
          kind: 'malformed',
          line: this.lines + 1,
          problem: `longer than ${MAX_LINE_BYTES} bytes`
        }
      }
    }
    return null
  }

  end(): NdjsonRead {
    if (this.carryBytes) {
      const problem = this.line(Buffer.concat(this.carry), false)
      if (problem) return problem
    }
    return { kind: 'done', lines: this.lines }
  }

  private line(bytes: Buffer, terminated: boolean): NdjsonRead | null {
    const number = this.lines + 1
    if (number <= this.o.skip) {
      this.lines = number
      return null
    }
    let text = bytes.toString('utf8')
    if (number === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    if (text.endsWith('\r')) text = text.slice(0, -1)
    if (text.trim() === '') {
      this.lines = number
      return null
    }
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      // A last line without its newline that does not parse was cut short in transit (fetch
      // inflates a truncated gzip body without an error): retry. With its newline, it is bad data.
      return terminated
        ? { kind: 'malformed', line: number, problem: 'not valid JSON' }
        : {
            kind: 'failed',
            why: 'the file ended in the middle of a line',
            retry: true,
            lines: this.lines
          }
    }
    const problem = this.o.onValue(value)
    if (problem !== null) return { kind: 'malformed', line: number, problem }
    this.lines = number
    return null
  }
}

/** One attempt at one file. Never throws for what the transfer does; returns what happened. */
export async function readNdjson(
  d: Downloader,
  url: string,
  o: NdjsonOptions
): Promise<NdjsonRead> {
  const controller = new AbortController()
  let timedOut = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const arm = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, d.timeoutMs)
  }
  const seconds = `${Math.round(d.timeoutMs / 100) / 10} s`
  const lines = new LineReader(o)
  arm()
  try {
    let response: Response
    try {
      response = await d.fetch(url, {
        signal: controller.signal,
        headers: HEADERS,
        redirect: 'follow'
      })
    } catch (error) {
      const why = timedOut
        ? `the download host did not answer within ${seconds}`
        : `the download failed (${messageOf(error)})`
      return { kind: 'failed', why, retry: true, lines: 0 }
    }
    const status = response.status
    if (status !== 200) {
      void response.body?.cancel().catch(() => {})
      if (REFUSED.has(status)) return { kind: 'refused', status }
      return {
        kind: 'failed',
        why: `the download host answered ${status}`,
        retry: status === 408 || status === 429 || status >= 500,
        lines: 0
      }
    }
    if (!response.body) return lines.end()
    try {
      for await (const chunk of decoded(chunksOf(response.body, arm))) {
        if (o.isCancelled()) return { kind: 'cancelled' }
        if (!o.onBytes(chunk.length)) return { kind: 'stopped' }
        const stop = lines.push(chunk)
        if (stop) return stop
      }
    } catch (error) {
      const why = timedOut
        ? `no data arrived for ${seconds}`
        : `the download broke off (${messageOf(error)})`
      return { kind: 'failed', why, retry: true, lines: lines.lines }
    }
    return lines.end()
  } finally {
    clearTimeout(timer)
    // Ends a transfer left unread (a malformed line, the size guard, a cancel).
    controller.abort()
  }
}
