// Which seats a run works on: the org's, or the enterprise's when `enterprise` is set.
import type { SeatScope } from '../github/seats.js'
import type { Config } from '../inputs.js'

export const scopeOf = (config: Pick<Config, 'org' | 'enterprise'>): SeatScope =>
  config.enterprise
    ? { kind: 'enterprise', enterprise: config.enterprise }
    : { kind: 'org', org: config.org }
