// msw (v2) transport for the usage reports' download host (fake/usage.js): streams the body, so a
// large report is never held whole; a cut file errors the stream ('reset') or ends it ('clean').
import { http, HttpResponse } from 'msw'
import { _limitBody } from './usage.js'

/**
 * @param {import('./usage.js').FakeUsageReports} usage
 * @param {string} [baseUrl] default usage.downloadBase (e.g. 'https://copilot-reports.fake.test')
 * @returns {import('msw').HttpHandler[]}
 */
export function createUsageMswHandlers(usage, baseUrl) {
  const base = (baseUrl ?? usage.downloadBase).replace(/\/+$/, '')
  return [
    http.all(`${base}/*`, ({ request }) => {
      /** @type {Record<string, string>} */
      const headers = {}
      request.headers.forEach((v, k) => {
        headers[k] = v
      })
      const r = usage.download({ method: request.method, url: request.url, headers }, 'msw')
      if (!r.stream) {
        const noBody = r.status === 204 || r.status === 302 || request.method === 'HEAD'
        return new HttpResponse(noBody ? null : r.body, { status: r.status, headers: r.headers })
      }
      const src = r.stream()
      const limited = r.cut ? _limitBody(src, r.cut.atByte) : { body: src, state: { cut: false } }
      const it = limited.body[Symbol.asyncIterator]()
      const cut = r.cut
      const body = new ReadableStream({
        async pull(controller) {
          try {
            const next = await it.next()
            if (!next.done) {
              if (r.record) r.record.bytes += next.value.length
              controller.enqueue(new Uint8Array(next.value))
              return
            }
            if (limited.state.cut && cut?.mode === 'reset')
              controller.error(new TypeError('terminated'))
            else controller.close()
          } catch (e) {
            controller.error(e)
          }
        },
        async cancel() {
          await it.return?.()
        }
      })
      return new HttpResponse(body, { status: r.status, headers: r.headers })
    })
  ]
}
