// msw (v2) transport for FakeGitHub: one catch-all handler under baseUrl.
import { http, HttpResponse } from 'msw'

/**
 * @param {import('./github.js').FakeGitHub} gh
 * @param {string} baseUrl e.g. 'https://api.github.com' or 'https://ghes.example/api/v3'
 * @returns {import('msw').HttpHandler[]}
 */
export function createMswHandlers(gh, baseUrl) {
  const base = baseUrl.replace(/\/+$/, '')
  return [
    http.all(`${base}/*`, async ({ request }) => {
      /** @type {Record<string, string>} */
      const headers = {}
      request.headers.forEach((v, k) => {
        headers[k] = v
      })
      const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text()
      const r = await gh.handle(
        { method: request.method, url: request.url, headers, body },
        request.signal
      )
      if ('kind' in r) return HttpResponse.error()
      const noBody = r.status === 204 || r.status === 304 || request.method === 'HEAD'
      return new HttpResponse(noBody ? null : r.body, { status: r.status, headers: r.headers })
    })
  ]
}
