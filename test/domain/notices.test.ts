// The notice log: markers, the hidden record (format and strict parsing), and
// which comments of a tracking issue are notices.
import { describe, expect, it } from 'vitest'
import {
  formatNoticeRecord,
  isTrackingIssueOf,
  MENTIONS_PER_NOTICE,
  parseNoticeRecord,
  readNoticeLog,
  trackingMarker,
  type LogComment,
  type NoticeScope
} from '../../src/domain/notices.js'

const ACME: NoticeScope = { kind: 'org', name: 'acme' }
const ENT: NoticeScope = { kind: 'enterprise', name: 'acme' }

const record = (json: string, scope = 'org:acme') =>
  `text\n<!-- copilot-seats:notice ${scope} ${json} -->\nmore`

describe('markers', () => {
  it('name the scope, so orgs and an enterprise of the same name never share an issue', () => {
    expect(trackingMarker(ACME)).toBe('<!-- copilot-seats:tracking org:acme -->')
    expect(trackingMarker(ENT)).toBe('<!-- copilot-seats:tracking enterprise:acme -->')
    const body = `Hello\n\n${trackingMarker(ACME)}\n`
    expect(isTrackingIssueOf(body, ACME)).toBe(true)
    expect(isTrackingIssueOf(body.toUpperCase(), ACME)).toBe(true)
    expect(isTrackingIssueOf(body, ENT)).toBe(false)
    expect(isTrackingIssueOf(body, { kind: 'org', name: 'acm' })).toBe(false)
    expect(isTrackingIssueOf(trackingMarker({ kind: 'org', name: 'acme2' }), ACME)).toBe(false)
    expect(isTrackingIssueOf('', ACME)).toBe(false)
  })
})

describe('the notice record', () => {
  it('round-trips through its format', () => {
    const line = formatNoticeRecord(ACME, {
      logins: ['mona', 'hu-bot', 'x_acme'],
      reclaimOn: '2026-06-22'
    })
    expect(line).toBe(
      '<!-- copilot-seats:notice org:acme {"v":1,"users":["mona","hu-bot","x_acme"],"reclaim_on":"2026-06-22"} -->'
    )
    expect(parseNoticeRecord(`Hi\n${line}\nbye`, ACME)).toEqual({
      kind: 'ok',
      record: { logins: ['mona', 'hu-bot', 'x_acme'], reclaimOn: '2026-06-22' }
    })
    const dateless = formatNoticeRecord(ENT, { logins: ['mona'], reclaimOn: null })
    expect(parseNoticeRecord(dateless, ENT)).toEqual({
      kind: 'ok',
      record: { logins: ['mona'], reclaimOn: null }
    })
  })

  it('is absent without this scope’s marker (another org’s is not ours)', () => {
    expect(parseNoticeRecord('no marker', ACME)).toEqual({ kind: 'absent' })
    expect(parseNoticeRecord(record('{}', 'org:beta'), ACME)).toEqual({ kind: 'absent' })
    expect(parseNoticeRecord(record('{}', 'enterprise:acme'), ACME)).toEqual({ kind: 'absent' })
    expect(parseNoticeRecord('<!-- copilot-seats:tracking org:acme -->', ACME)).toEqual({
      kind: 'absent'
    })
  })

  it('does not parse unless exactly one well-formed record follows the marker', () => {
    const ok = '{"v":1,"users":["mona"],"reclaim_on":null}'
    const bad = (json: string) => parseNoticeRecord(record(json), ACME)
    expect(bad(ok).kind).toBe('ok')
    expect(
      parseNoticeRecord(record(ok).toUpperCase().replace('ORG:ACME', 'org:acme'), ACME).kind
    ).toBe('bad')
    expect(parseNoticeRecord(record(ok) + record(ok), ACME)).toEqual({
      kind: 'bad',
      why: 'the marker is there twice'
    })
    expect(parseNoticeRecord(`<!-- copilot-seats:notice org:acme ${ok}`, ACME)).toEqual({
      kind: 'bad',
      why: 'the marker is not closed'
    })
    expect(bad('{"v":1,"users":["mona"],}')).toEqual({ kind: 'bad', why: 'the record is not JSON' })
    expect(bad('[1]')).toEqual({ kind: 'bad', why: 'not an object' })
    expect(bad('"v"')).toEqual({ kind: 'bad', why: 'not an object' })
    expect(bad('null')).toEqual({ kind: 'bad', why: 'not an object' })
    expect(bad('{"v":2,"users":["mona"],"reclaim_on":null}')).toEqual({
      kind: 'bad',
      why: 'version 2 is not 1'
    })
    expect(bad('{"users":["mona"],"reclaim_on":null}')).toEqual({
      kind: 'bad',
      why: 'version undefined is not 1'
    })
    const list = `"users" is not a list of 1 to ${MENTIONS_PER_NOTICE} logins`
    expect(bad('{"v":1,"users":[],"reclaim_on":null}')).toEqual({ kind: 'bad', why: list })
    expect(bad('{"v":1,"users":"mona","reclaim_on":null}')).toEqual({ kind: 'bad', why: list })
    const fiftyOne = JSON.stringify(Array.from({ length: 51 }, (_, i) => `u${i}`))
    expect(bad(`{"v":1,"users":${fiftyOne},"reclaim_on":null}`)).toEqual({ kind: 'bad', why: list })
    const fifty = JSON.stringify(Array.from({ length: 50 }, (_, i) => `u${i}`))
    expect(bad(`{"v":1,"users":${fifty},"reclaim_on":null}`).kind).toBe('ok')
    const login = '"users" holds something that is not a lower-case login'
    for (const u of [
      '"Mona"',
      '1',
      '"-mona"',
      '"mo--na"',
      '"mona-"',
      '""',
      '"a b"',
      `"${'a'.repeat(40)}"`
    ])
      expect(bad(`{"v":1,"users":[${u}],"reclaim_on":null}`)).toEqual({ kind: 'bad', why: login })
    expect(bad(`{"v":1,"users":["${'a'.repeat(39)}"],"reclaim_on":null}`).kind).toBe('ok')
    expect(bad('{"v":1,"users":["mona","Hubot"],"reclaim_on":null}')).toEqual({
      kind: 'bad',
      why: login
    })
    const date = '"reclaim_on" is neither null nor a YYYY-MM-DD date'
    for (const d of [
      '"x2026-06-22"',
      '"12026-06-22"',
      '" 2026-06-22"',
      '["2026-06-22"]',
      '"2026-6-22"',
      '"2026-13-45"',
      '"22.06.2026"',
      '20260622',
      '"2026-06-22T00:00:00Z"'
    ])
      expect(bad(`{"v":1,"users":["mona"],"reclaim_on":${d}}`)).toEqual({ kind: 'bad', why: date })
    expect(bad('{"v":1,"users":["mona"]}')).toEqual({ kind: 'bad', why: date })
  })
})

describe('readNoticeLog', () => {
  const AUTHOR = 41898282
  let id = 0
  const comment = (partial: Partial<LogComment> & { at: string }): LogComment => ({
    id: ++id,
    body: formatNoticeRecord(ACME, { logins: ['mona'], reclaimOn: '2026-06-22' }),
    user: { id: AUTHOR },
    createdAt: partial.at,
    updatedAt: partial.at,
    htmlUrl: `https://github.com/acme/notices/issues/1#issuecomment-${id}`,
    ...partial
  })

  it('keeps the author’s unedited, marked comments, oldest first', () => {
    const a = comment({ at: '2026-06-10T00:00:00Z' })
    const b = comment({
      at: '2026-06-01T00:00:00Z',
      body: formatNoticeRecord(ACME, { logins: ['hubot', 'octo'], reclaimOn: null })
    })
    const log = readNoticeLog(
      [a, comment({ at: '2026-06-02T00:00:00Z', body: 'thanks!' }), b],
      AUTHOR,
      ACME
    )
    expect(log).toEqual({
      notices: [
        {
          logins: ['hubot', 'octo'],
          reclaimOn: null,
          commentId: b.id,
          at: Date.parse(b.createdAt),
          url: b.htmlUrl
        },
        {
          logins: ['mona'],
          reclaimOn: '2026-06-22',
          commentId: a.id,
          at: Date.parse(a.createdAt),
          url: a.htmlUrl
        }
      ],
      otherAuthors: 0,
      edited: 0,
      problem: null
    })
  })

  it('orders notices of the same second by comment id', () => {
    const first = comment({ at: '2026-06-10T00:00:00Z' })
    const second = comment({ at: '2026-06-10T00:00:00Z' })
    expect(readNoticeLog([second, first], AUTHOR, ACME).notices.map((n) => n.commentId)).toEqual([
      first.id,
      second.id
    ])
  })

  it('counts marked comments by others, and edited ones, and keeps neither', () => {
    const log = readNoticeLog(
      [
        comment({ at: '2026-06-10T00:00:00Z', user: { id: 7 } }),
        comment({ at: '2026-06-10T00:00:00Z', user: null }),
        comment({ at: '2026-06-10T00:00:00Z', user: { id: 7 }, body: 'no marker' }),
        comment({ at: '2026-06-10T00:00:00Z', updatedAt: '2026-06-10T00:00:01Z' }),
        // Edited, with a broken record: not a notice, and not a reason to fail.
        comment({
          at: '2026-06-10T00:00:00Z',
          updatedAt: '2026-06-11T00:00:00Z',
          body: record('{')
        }),
        // Someone else's broken record: not ours to trust or fail on.
        comment({ at: '2026-06-10T00:00:00Z', user: { id: 7 }, body: record('{') })
      ],
      AUTHOR,
      ACME
    )
    expect(log).toEqual({ notices: [], otherAuthors: 3, edited: 2, problem: null })
  })

  it('an updated_at before created_at is not an edit', () => {
    const c = comment({ at: '2026-06-10T00:00:01Z', updatedAt: '2026-06-10T00:00:00Z' })
    expect(readNoticeLog([c], AUTHOR, ACME).notices).toHaveLength(1)
  })

  it('fails closed on the author’s unedited comment whose record does not parse, or whose dates do not', () => {
    const good = comment({ at: '2026-06-09T00:00:00Z' })
    const bad = comment({ at: '2026-06-10T00:00:00Z', body: record('{"v":1}') })
    const log = readNoticeLog([good, bad, comment({ at: '2026-06-11T00:00:00Z' })], AUTHOR, ACME)
    expect(log.problem).toBe(
      `the notice record of comment ${bad.htmlUrl} does not parse ("users" is not a list of 1 to 50 logins)`
    )
    const undated = comment({ at: 'yesterday' })
    expect(readNoticeLog([undated], AUTHOR, ACME).problem).toBe(
      `the notice record of comment ${undated.htmlUrl} does not parse (its dates ("yesterday", "yesterday") do not parse)`
    )
    const noUpdate = comment({ at: '2026-06-10T00:00:00Z', updatedAt: '' })
    expect(readNoticeLog([noUpdate], AUTHOR, ACME).problem).toMatch(/its dates/)
    const noUrl = comment({ at: '2026-06-10T00:00:00Z', htmlUrl: '', body: record('{') })
    expect(readNoticeLog([noUrl], AUTHOR, ACME).problem).toBe(
      `the notice record of comment ${noUrl.id} does not parse (the record is not JSON)`
    )
  })
})
