// The seat model's small rules: who has an assignee, how a seat is shown and
// ordered, and which seats are held now.
import { describe, expect, it } from 'vitest'
import { toSeat } from '../../src/github/seat-json.js'
import { isLogin } from '../../src/login-list.js'
import {
  compareSeats,
  displayLogin,
  hasAssignee,
  isLive,
  NO_ASSIGNEE_KEY,
  type Seat
} from '../../src/domain/seat.js'
import { expectStrictOrder } from '../support/order.js'
import { seat } from '../support/report-seat.js'

const noAssignee = (row: number) => seat({ login: null, key: `${NO_ASSIGNEE_KEY}${row}` })

describe('seats without an assignee', () => {
  it('get a key no login can have, so they never merge with a user', () => {
    // logins start with a letter or a digit
    expect(NO_ASSIGNEE_KEY).toMatch(/^[^a-z0-9]/i)
    expect(isLogin(`${NO_ASSIGNEE_KEY}1`)).toBe(false)
    const s = toSeat({ created_at: '2026-11-01T00:00:00Z', assignee: null }, 3)
    expect(s.login).toBeNull()
    expect(s.key.startsWith(NO_ASSIGNEE_KEY)).toBe(true)
  })

  it('have no assignee, and are shown as such', () => {
    expect(hasAssignee(seat({ login: 'Mona' }))).toBe(true)
    expect(hasAssignee(noAssignee(1))).toBe(false)
    expect(displayLogin(seat({ login: 'Mona' }))).toBe('Mona')
    expect(displayLogin(noAssignee(1))).toBe('(no assignee)')
  })
})

describe('compareSeats', () => {
  it('orders by login case-insensitively, seats without an assignee last', () => {
    const sorted: Seat[] = [
      seat({ login: 'alice' }),
      seat({ login: 'Bob' }),
      seat({ login: 'bobby' }),
      seat({ login: 'Zed' }),
      noAssignee(1),
      noAssignee(2)
    ]
    expectStrictOrder(compareSeats, sorted)
    expect([...sorted].reverse().sort(compareSeats)).toEqual(sorted)
  })
})

describe('isLive', () => {
  it.each<[string, Seat | null | undefined, boolean]>([
    ['a listed seat', seat({ login: 'm' }), true],
    ['a seat granted through a team', seat({ login: 'm', teams: ['red'] }), true],
    ['a seat pending cancellation', seat({ login: 'm', pendingDate: '2026-12-31' }), false],
    ['no seat (null)', null, false],
    ['no seat (not looked up)', undefined, false]
  ])('%s: %s', (_what, s, expected) => {
    expect(isLive(s)).toBe(expected)
  })
})
