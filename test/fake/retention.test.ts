// GitHub keeps a seat's last_activity_at (and, as the docs give activity data, last_authenticated_at)
// for a rolling 90 days, then returns null: the fake shows the same everywhere a seat is serialized.
import { beforeEach, describe, expect, it } from 'vitest'
import { FakeGitHub } from '../../fake/index.js'
import { NOW } from './util.js'

const DAY = 86_400_000
const LIMIT = 90 * DAY
const iso = (ms: number) => new Date(ms).toISOString()
/** exactly 90 days before NOW: still shown */
const EDGE = iso(NOW.getTime() - LIMIT)
/** 90 days and 1 ms before NOW: null */
const PAST = iso(NOW.getTime() - LIMIT - 1)
const EDITOR = 'vscode/1.95.3/copilot/1.245.0'

let clock: Date
let gh: FakeGitHub

async function get(g: FakeGitHub, url: string) {
  const r = await g.handle({ method: 'GET', url, headers: { authorization: 'token t' } })
  if (!('status' in r)) throw new Error('no response')
  return { status: r.status, json: JSON.parse(r.body) }
}

const activity = (s: any) => ({
  last_activity_at: s.last_activity_at,
  last_activity_editor: s.last_activity_editor,
  last_authenticated_at: s.last_authenticated_at
})

beforeEach(() => {
  clock = new Date(NOW)
  gh = new FakeGitHub({ now: () => clock })
  gh.addOrg('acme')
  gh.addSeat('acme', {
    login: 'edge',
    created_at: '2024-01-01T00:00:00Z',
    last_activity_at: EDGE,
    last_activity_editor: EDITOR,
    last_authenticated_at: EDGE
  })
  gh.addSeat('acme', {
    login: 'past',
    created_at: '2024-01-01T00:00:00Z',
    last_activity_at: PAST,
    last_activity_editor: EDITOR,
    last_authenticated_at: PAST
  })
  // activity gone, authentication recent (e.g. telemetry off since)
  gh.addSeat('acme', {
    login: 'mixed',
    created_at: '2024-01-01T00:00:00Z',
    last_activity_at: PAST,
    last_activity_editor: EDITOR,
    last_authenticated_at: '2026-11-20T08:00:00Z'
  })
})

describe('activity retention (90 days)', () => {
  it('nulls activity at 90 days + 1 ms, keeps it at exactly 90 days (seat and seats readers)', () => {
    expect(activity(gh.seat('acme', 'edge'))).toEqual({
      last_activity_at: EDGE,
      last_activity_editor: EDITOR,
      last_authenticated_at: EDGE
    })
    // the editor belongs to the activity: it goes with it
    expect(activity(gh.seat('acme', 'past'))).toEqual({
      last_activity_at: null,
      last_activity_editor: null,
      last_authenticated_at: null
    })
    expect(activity(gh.seat('acme', 'mixed'))).toEqual({
      last_activity_at: null,
      last_activity_editor: null,
      last_authenticated_at: '2026-11-20T08:00:00Z'
    })
    expect(gh.seats('acme').map(activity)).toEqual(
      ['edge', 'past', 'mixed'].map((l) => activity(gh.seat('acme', l)))
    )
    // created_at is not activity: kept
    expect(gh.seat('acme', 'past')!.created_at).toBe('2024-01-01T00:00:00Z')
  })

  it('is rolling: one more millisecond on the clock nulls the edge; the stored value is kept', () => {
    clock = new Date(NOW.getTime() + 1)
    expect(gh.seat('acme', 'edge')).toMatchObject({
      last_activity_at: null,
      last_activity_editor: null,
      last_authenticated_at: null
    })
    expect(activity(gh.storedSeat('acme', 'edge'))).toEqual({
      last_activity_at: EDGE,
      last_activity_editor: EDITOR,
      last_authenticated_at: EDGE
    })
    expect(gh.storedSeat('acme', 'past')!.last_activity_at).toBe(PAST)
    expect(gh.storedSeat('acme', 'nobody')).toBeUndefined()
  })

  it('parses offsets: the cut-off is the instant, not the wall-clock text', () => {
    // 90 days before NOW is 2026-08-25T12:00:00Z = 06:00 at -06:00
    gh.addSeat('acme', { login: 'off-edge', last_activity_at: '2026-08-25T06:00:00-06:00' })
    gh.addSeat('acme', { login: 'off-past', last_activity_at: '2026-08-25T05:59:59-06:00' })
    gh.addSeat('acme', { login: 'off-plus', last_authenticated_at: '2026-08-25T17:29:59+05:30' })
    expect(gh.seat('acme', 'off-edge')!.last_activity_at).toBe('2026-08-25T06:00:00-06:00')
    expect(gh.seat('acme', 'off-past')!.last_activity_at).toBeNull()
    expect(gh.seat('acme', 'off-plus')!.last_authenticated_at).toBeNull()
  })

  it('keeps an editor stored without an activity time (nothing expired)', () => {
    gh.addSeat('acme', { login: 'odd', last_activity_editor: EDITOR })
    expect(gh.seat('acme', 'odd')!.last_activity_editor).toBe(EDITOR)
  })

  it('org listing obeys it', async () => {
    const r = await get(gh, '/orgs/acme/copilot/billing/seats')
    expect(r.status).toBe(200)
    expect(
      Object.fromEntries(r.json.seats.map((s: any) => [s.assignee.login, activity(s)]))
    ).toEqual({
      edge: { last_activity_at: EDGE, last_activity_editor: EDITOR, last_authenticated_at: EDGE },
      past: { last_activity_at: null, last_activity_editor: null, last_authenticated_at: null },
      mixed: {
        last_activity_at: null,
        last_activity_editor: null,
        last_authenticated_at: '2026-11-20T08:00:00Z'
      }
    })
  })

  it('per-user look-up obeys it', async () => {
    const edge = await get(gh, '/orgs/acme/members/edge/copilot')
    expect(edge.status).toBe(200)
    expect(activity(edge.json)).toEqual({
      last_activity_at: EDGE,
      last_activity_editor: EDITOR,
      last_authenticated_at: EDGE
    })
    const past = await get(gh, '/orgs/acme/members/PAST/copilot')
    expect(past.status).toBe(200)
    expect(past.json.organization.login).toBe('acme')
    expect(activity(past.json)).toEqual({
      last_activity_at: null,
      last_activity_editor: null,
      last_authenticated_at: null
    })
  })

  it('enterprise listing obeys it, per row', async () => {
    gh.addOrg('other')
    // the same user: stale in acme, recent in other
    gh.addSeat('other', {
      login: 'past',
      last_activity_at: '2026-11-22T00:00:00Z',
      last_activity_editor: EDITOR,
      last_authenticated_at: '2026-11-22T00:00:00Z'
    })
    gh.addEnterprise('ent', { orgs: ['acme', 'other'] })
    const r = await get(gh, '/enterprises/ent/copilot/billing/seats')
    expect(r.json.total_seats).toBe(3)
    const rows = r.json.seats.map(
      (s: any) => `${s.organization.login}/${s.assignee.login} ${s.last_activity_at}`
    )
    expect(rows).toEqual([
      `acme/edge ${EDGE}`,
      'acme/past null',
      'acme/mixed null',
      'other/past 2026-11-22T00:00:00Z'
    ])
    expect(r.json.seats[1].last_authenticated_at).toBeNull()
    expect(r.json.seats[1].last_activity_editor).toBeNull()
  })

  it('activityRetentionDays: null keeps everything; a number sets the window', () => {
    const keep = new FakeGitHub({ now: () => clock, activityRetentionDays: null })
    keep.addOrg('acme')
    keep.addSeat('acme', { login: 'old', last_activity_at: '2020-01-01T00:00:00Z' })
    expect(keep.seat('acme', 'old')!.last_activity_at).toBe('2020-01-01T00:00:00Z')

    const short = new FakeGitHub({ now: () => clock, activityRetentionDays: 28 })
    short.addOrg('acme')
    short.addSeat('acme', { login: 'a', last_activity_at: iso(NOW.getTime() - 28 * DAY) })
    short.addSeat('acme', { login: 'b', last_activity_at: iso(NOW.getTime() - 28 * DAY - 1) })
    expect(short.seat('acme', 'a')!.last_activity_at).not.toBeNull()
    expect(short.seat('acme', 'b')!.last_activity_at).toBeNull()
  })

  it('a newly granted seat starts with both nulls (its created_at is the latest activity)', async () => {
    gh.addMember('acme', 'fresh')
    const w = await gh.handle({
      method: 'POST',
      url: '/orgs/acme/copilot/billing/selected_users',
      headers: { authorization: 'token t' },
      body: JSON.stringify({ selected_usernames: ['fresh'] })
    })
    expect('status' in w && w.status).toBe(201)
    expect(gh.seat('acme', 'fresh')).toMatchObject({
      created_at: '2026-11-23T12:00:00Z',
      last_activity_at: null,
      last_authenticated_at: null
    })
  })
})
