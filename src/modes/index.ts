// Dispatches to the mode; each returns what it found and did.
import type { ModeResult } from '../domain/outcome.js'
import type { Config } from '../inputs.js'
import { runAssign } from './assign.js'
import { runAudit } from './audit.js'
import type { ModeContext } from './context.js'
import { runReport } from './report.js'
import { runRevoke } from './revoke.js'

export function runMode(config: Config, ctx: ModeContext): Promise<ModeResult> {
  switch (config.mode) {
    case 'report':
      return runReport(config, ctx)
    case 'audit':
      return runAudit(config, ctx)
    case 'assign':
      return runAssign(config, ctx)
    case 'revoke':
      return runRevoke(config, ctx)
    default: {
      const never: never = config.mode
      throw new Error(`unknown mode ${String(never)}`)
    }
  }
}
