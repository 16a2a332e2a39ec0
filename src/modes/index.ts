// Dispatches to the mode. Each mode fills in `result` as it goes.
import type { Config } from '../inputs.js'
import { runAssign } from './assign.js'
import { runAudit } from './audit.js'
import type { ModeContext } from './context.js'
import { runReport } from './report.js'
import type { RunResult } from './result.js'
import { runRevoke } from './revoke.js'

export async function runMode(config: Config, ctx: ModeContext, result: RunResult): Promise<void> {
  switch (config.mode) {
    case 'report':
      await runReport(config, ctx, result)
      break
    case 'audit':
      await runAudit(config, ctx, result)
      break
    case 'assign':
      await runAssign(config, ctx, result)
      break
    case 'revoke':
      await runRevoke(config, ctx, result)
      break
    default: {
      const never: never = config.mode
      throw new Error(`unknown mode ${String(never)}`)
    }
  }
  result.complete = true
}
