import { describe, expect, it } from 'vitest'
import { mergeSeatRows, mergeSeats } from '../../src/domain/merge.js'
import { permutations } from '../support/order.js'
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

describe('mergeSeatRows: one user granted by three orgs, rows in every order', () => {
  const rows = [
    seat({
      login: 'Mona',
      key: 'mona',
      userId: null,
      orgs: ['org-a'],
      teams: ['t2'],
      createdAt: NOW - 100 * DAY,
      lastActivityAt: NOW - 40 * DAY,
      lastAuthenticatedAt: NOW - 35 * DAY,
      editor: 'vim/9.1',
      pendingDate: '2026-12-01',
      planType: 'business'
    }),
    seat({
      login: 'mona',
      key: 'mona',
      userId: 7,
      orgs: ['org-b'],
      teams: ['t1'],
      createdAt: NOW - 200 * DAY,
      lastActivityAt: NOW - 5 * DAY,
      lastAuthenticatedAt: null,
      editor: 'vscode/1.95',
      pendingDate: null,
      planType: 'unknown'
    }),
    // no activity in GitHub's 90 days on this row, but an editor from before
    seat({
      login: 'MONA',
      key: 'mona',
      userId: 7,
      orgs: ['org-c'],
      teams: ['t1'],
      createdAt: NOW - 50 * DAY,
      lastActivityAt: null,
      lastAuthenticatedAt: NOW - 60 * DAY,
      editor: 'JetBrains-IU/243',
      pendingDate: '2027-01-01',
      planType: null
    })
  ]

  it.each(permutations([0, 1, 2]).map((order) => [order.join(''), order]))(
    'order %s gives the same seat',
    (_name, order) => {
      expect(mergeSeatRows(order.map((i) => rows[i]!))).toEqual([
        {
          // one spelling, the same whichever row comes first
          login: 'mona',
          key: 'mona',
          // from the rows that have it
          userId: 7,
          // the latest (re-)grant, activity and authentication of any row
          createdAt: NOW - 50 * DAY,
          lastActivityAt: NOW - 5 * DAY,
          lastAuthenticatedAt: NOW - 35 * DAY,
          // the editor of the row with the newest activity, not of a row without activity
          editor: 'vscode/1.95',
          // one row still grants the seat: not pending
          pendingDate: null,
          teams: ['t1', 't2'],
          orgs: ['org-a', 'org-b', 'org-c'],
          // a known plan beats unknown
          planType: 'business',
          // these rows carry no grantor detail (an org listing's rows have none)
          grants: []
        }
      ])
    }
  )
})

describe('mergeSeatRows: the editor when rows were used at the same time', () => {
  const at = NOW - DAY
  it.each([
    ['two editors: the lexically smaller', ['vscode/1.95', 'vim/9.1'], 'vim/9.1'],
    ['one row without an editor: the other’s', [null, 'vim/9.1'], 'vim/9.1'],
    ['neither has one: none', [null, null], null]
  ] as const)('%s, in either order', (_what, editors, expected) => {
    const [a, b] = editors.map((editor, i) =>
      seat({ login: 'mona', orgs: [`org-${i}`], lastActivityAt: at, editor })
    )
    expect(mergeSeatRows([a!, b!])[0]!.editor).toBe(expected)
    expect(mergeSeatRows([b!, a!])[0]!.editor).toBe(expected)
  })

  it('no activity on either row: the same rule', () => {
    const a = seat({ login: 'mona', orgs: ['x'], editor: 'vscode/1.95' })
    const b = seat({ login: 'mona', orgs: ['y'], editor: null })
    expect(mergeSeatRows([a, b])[0]!.editor).toBe('vscode/1.95')
    expect(mergeSeatRows([b, a])[0]!.editor).toBe('vscode/1.95')
  })
})

describe('mergeSeats', () => {
  it('returns a new seat and leaves both rows as they were', () => {
    const a = seat({ login: 'mona', orgs: ['x'], teams: ['t1'] })
    const b = seat({ login: 'mona', orgs: ['y'], teams: ['t2'] })
    const merged = mergeSeats(a, b)
    expect(merged.orgs).toEqual(['x', 'y'])
    expect(merged.teams).toEqual(['t1', 't2'])
    expect(a.orgs).toEqual(['x'])
    expect(b.teams).toEqual(['t2'])
  })
})

describe('mergeSeats: the rows that grant the seat', () => {
  const direct = { org: 'org-a', team: null, teamKind: null, pendingDate: null } as const
  const viaTeam = { org: 'org-a', team: 'devs', teamKind: 'org', pendingDate: null } as const
  const enterpriseTeam = {
    org: null,
    team: 'ent:eng',
    teamKind: 'enterprise',
    pendingDate: null
  } as const
  const pendingElsewhere = {
    org: 'org-b',
    team: null,
    teamKind: null,
    pendingDate: '2027-01-01'
  } as const

  it('keeps a row both seats have once, and orders them by grantor, nulls first', () => {
    const a = seat({ grants: [viaTeam, direct, enterpriseTeam] })
    const b = seat({ grants: [pendingElsewhere, { ...direct }, { ...viaTeam }] })
    const expected = [enterpriseTeam, direct, viaTeam, pendingElsewhere]
    expect(mergeSeats(a, b).grants).toEqual(expected)
    expect(mergeSeats(b, a).grants).toEqual(expected)
  })

  it.each(permutations([0, 1, 2, 3]).map((order) => [order.join(''), order]))(
    'rows in order %s come out in the same order',
    (_name, order) => {
      const rows = [enterpriseTeam, direct, viaTeam, pendingElsewhere]
      const [w, x, y, z] = order.map((i) => rows[i]!)
      expect(mergeSeats(seat({ grants: [w!, x!] }), seat({ grants: [y!, z!] })).grants).toEqual(
        rows
      )
    }
  )

  it('rows that differ only in their pending date are two rows', () => {
    const pending = { ...direct, pendingDate: '2027-01-01' }
    expect(mergeSeats(seat({ grants: [pending] }), seat({ grants: [direct] })).grants).toEqual([
      direct,
      pending
    ])
  })
})
