import { describe, expect, it } from 'vitest'
import { mergeSeatRows } from '../../src/domain/merge.js'
import { DAY, NOW, seat } from '../support/report-seat.js'

describe('mergeSeatRows', () => {
  it('merges rows per user: latest of each time, every org and team kept, ordered by login', () => {
    const rows = [
      seat({ login: 'Zed', orgs: ['org-a'] }),
      seat({
        login: 'Mona',
        orgs: ['org-a'],
        teams: ['t1'],
        createdAt: NOW - 100 * DAY,
        lastActivityAt: NOW - 40 * DAY,
        lastAuthenticatedAt: NOW - 35 * DAY,
        editor: 'vim/9'
      }),
      seat({
        login: 'mona',
        key: 'mona',
        orgs: ['org-b'],
        teams: ['t2'],
        createdAt: NOW - 200 * DAY,
        lastActivityAt: NOW - 5 * DAY,
        lastAuthenticatedAt: null,
        editor: 'vscode/1'
      }),
      seat({
        login: 'MONA',
        key: 'mona',
        orgs: ['org-c'],
        teams: ['t1'],
        createdAt: NOW - 50 * DAY,
        lastActivityAt: null,
        lastAuthenticatedAt: NOW - 60 * DAY,
        editor: null
      })
    ]
    const merged = mergeSeatRows(rows)
    expect(merged.map((s) => s.key)).toEqual(['mona', 'zed'])
    const mona = merged[0]!
    expect(mona.lastActivityAt).toBe(NOW - 5 * DAY)
    expect(mona.lastAuthenticatedAt).toBe(NOW - 35 * DAY)
    expect(mona.createdAt).toBe(NOW - 50 * DAY)
    expect(mona.editor).toBe('vscode/1')
    expect(mona.orgs).toEqual(['org-a', 'org-b', 'org-c'])
    expect(mona.teams).toEqual(['t1', 't2'])
    // the input rows are not mutated
    expect(rows[1]!.orgs).toEqual(['org-a'])
  })

  it('is pending only if every row is, with the last of the dates', () => {
    const one = mergeSeatRows([
      seat({ login: 'a', orgs: ['x'], pendingDate: '2026-12-01' }),
      seat({ login: 'a', orgs: ['y'], pendingDate: null })
    ])
    expect(one[0]!.pendingDate).toBeNull()
    const all = mergeSeatRows([
      seat({ login: 'a', orgs: ['x'], pendingDate: '2026-12-01' }),
      seat({ login: 'a', orgs: ['y'], pendingDate: '2027-01-01' }),
      seat({ login: 'a', orgs: ['z'], pendingDate: '2026-12-15' })
    ])
    expect(all[0]!.pendingDate).toBe('2027-01-01')
    const order = mergeSeatRows([
      seat({ login: 'a', pendingDate: null }),
      seat({ login: 'a', pendingDate: '2026-12-01' })
    ])
    expect(order[0]!.pendingDate).toBeNull()
  })

  it('keeps seats without assignee apart and last', () => {
    const merged = mergeSeatRows([
      seat({ login: null, key: '~no-assignee/x' }),
      seat({ login: 'b' }),
      seat({ login: null, key: '~no-assignee/y' }),
      seat({ login: 'a' })
    ])
    expect(merged.map((s) => s.login)).toEqual(['a', 'b', null, null])
  })
})

describe('mergeSeatRows does not depend on the order of the rows', () => {
  it('business + unknown is business in either order (it was unknown when unknown came last)', () => {
    const a = seat({ login: 'u', orgs: ['o1'], planType: 'business' })
    const b = seat({ login: 'u', orgs: ['o2'], planType: 'unknown' })
    expect(mergeSeatRows([a, b])[0]!.planType).toBe('business')
    expect(mergeSeatRows([b, a])[0]!.planType).toBe('business')
    const c = seat({ login: 'u', orgs: ['o3'], planType: 'enterprise' })
    for (const rows of [
      [a, b, c],
      [c, b, a],
      [b, c, a]
    ]) {
      expect(mergeSeatRows(rows)[0]!.planType).toBe('enterprise')
    }
    expect(mergeSeatRows([seat({ login: 'u', planType: null }), b])[0]!.planType).toBe('unknown')
  })

  it('every field is the same whichever row comes first', () => {
    const rows = [
      seat({
        login: 'Mona',
        orgs: ['b'],
        teams: ['t2'],
        editor: 'vim/9',
        lastActivityAt: NOW - DAY,
        pendingDate: '2026-12-01'
      }),
      seat({
        login: 'mona',
        key: 'mona',
        orgs: ['a'],
        teams: ['t1'],
        editor: 'vscode/1',
        lastActivityAt: NOW - DAY,
        pendingDate: '2027-01-01'
      })
    ]
    expect(mergeSeatRows(rows)).toEqual(mergeSeatRows([...rows].reverse()))
  })
})
