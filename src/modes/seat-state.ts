// GitHub's seat state for the logins a run needs, read with the fewest
// requests: one look-up per login, or one listing (a page per 100 seats),
// chosen with `total_seats` from page 1. A listing proves that a seat exists,
// never that it does not: a row can shift past the reader while pages are
// read, so every login a listing does not show is looked up on its own.
//
// At enterprise scope a user's seat is several rows (one per granting org or
// team), spread over the listing, and a row that shifted past the reader could
// hide the one that makes the user active. So an enterprise listing that kept
// changing while it was read proves nothing: every login is then looked up.
import type { Seat } from '../domain/seat.js'
import { getEnterpriseUserSeat } from '../github/enterprise.js'
import {
  getUserSeat,
  listSeats,
  readFirstSeatPage,
  type SeatListing,
  type SeatScope
} from '../github/seats.js'
import type { ModeContext } from './context.js'

export type SeatStates = Map<string, Seat | null>

export interface SeatRead {
  states: SeatStates
  /** The logins read by a look-up of their own (the others came from a listing). */
  lookedUp: Set<string>
}

export class SeatReader {
  private pageCount: number | null = null
  readonly scope: SeatScope

  constructor(
    private readonly ctx: ModeContext,
    /** An org login, or the scope (org or enterprise) whose seats are read. */
    scope: string | SeatScope,
    /** The page count of a listing this run already read, if any. */
    knownPages: number | null = null
  ) {
    this.scope = typeof scope === 'string' ? { kind: 'org', org: scope } : scope
    this.pageCount = knownPages
  }

  /** The org of an org-scope reader ('' at enterprise scope). */
  get org(): string {
    return this.scope.kind === 'org' ? this.scope.org : ''
  }

  /** One login's seat by its own look-up (at enterprise scope: every row, merged). */
  private lookUpOne(login: string): Promise<Seat | null> {
    const { client, apiUrl } = this.ctx
    return this.scope.kind === 'org'
      ? getUserSeat(client, this.scope.org, login, apiUrl)
      : getEnterpriseUserSeat(client, this.scope.enterprise, login, apiUrl)
  }

  /** The listing's page count (page 1 is read for it once per run, if no listing was). */
  async pages(): Promise<number> {
    this.pageCount ??= (await readFirstSeatPage(this.ctx.client, this.scope, this.ctx.apiUrl)).pages
    return this.pageCount
  }

  /** Every seat, one listing. */
  listAll(): Promise<SeatListing> {
    return listSeats(this.ctx.client, this.scope, this.ctx.apiUrl)
  }

  /**
   * Each login's seat as GitHub shows it now (null: no seat), read fresh: a
   * look-up each, or one listing when that takes fewer requests (a listing of P
   * pages against n look-ups). Two logins are always looked up: page 1 alone
   * would cost as much.
   */
  async seatsOf(logins: readonly string[]): Promise<SeatRead> {
    const states: SeatStates = new Map()
    let lookUp: readonly string[] = logins
    if (logins.length > 2) {
      let seats: Seat[] | null = null
      if (this.pageCount === null) {
        const first = await readFirstSeatPage(this.ctx.client, this.scope, this.ctx.apiUrl)
        this.pageCount = first.pages
        // A one-page listing is read whole by page 1.
        if (first.pages === 1) seats = first.seats
      }
      if (logins.length > this.pageCount) {
        if (!seats) {
          this.ctx.log.info(
            `Reading the seat listing for ${logins.length} logins (${this.pageCount} pages: fewer requests than one look-up each).`
          )
          const listing = await this.listAll()
          // See the top of the file: a moving enterprise listing may have lost a user's row.
          seats = this.scope.kind === 'enterprise' && listing.warning ? [] : listing.seats
        }
        const byKey = new Map<string, Seat>()
        for (const seat of seats) byKey.set(seat.key, seat)
        const absent: string[] = []
        for (const login of logins) {
          const seat = byKey.get(login)
          if (seat) states.set(login, seat)
          else absent.push(login)
        }
        lookUp = absent
      }
    }
    for (const [login, seat] of await this.lookUp(lookUp)) states.set(login, seat)
    return { states, lookedUp: new Set(lookUp) }
  }

  /** Each login's seat by a look-up of its own: for logins a listing just read did not show. */
  async lookUp(logins: readonly string[]): Promise<SeatStates> {
    const states: SeatStates = new Map()
    if (logins.length > 50) this.ctx.log.info(`Looking up ${logins.length} seats one by one.`)
    await Promise.all(
      logins.map(async (login) => {
        states.set(login, await this.lookUpOne(login))
      })
    )
    return states
  }
}
