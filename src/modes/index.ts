// Dispatches to the mode; each returns what it found and did.
import { ActionError } from '../errors.js'
import type { ModeResult } from '../domain/outcome.js'
import type { Config } from '../inputs.js'
import { runAssign } from './assign.js'
import { runAudit } from './audit.js'
import type { ModeContext } from './context.js'
import { runEnterpriseAssign } from './enterprise-assign.js'
import { runEnterpriseAudit } from './enterprise-reclaim.js'
import { runEnterpriseRevoke } from './enterprise-revoke.js'
import { runReport } from './report.js'
import { runRevoke } from './revoke.js'
import { runSync } from './sync.js'

/**
 * Inputs that parse but whose feature is still being built: the run fails
 * before any request instead of doing something else (an org-scope write for
 * an enterprise).
 */
function notAvailableYet(config: Config): string | null {
  if (config.enterprise && config.mode === 'sync')
    return '`enterprise` with mode sync is not available yet; run it per organization with `org`'
  return null
}

export async function runMode(config: Config, ctx: ModeContext): Promise<ModeResult> {
  const unavailable = notAvailableYet(config)
  if (unavailable) throw new ActionError(unavailable)
  // Every mode works on the enterprise's seats when it is set (SPEC.md, Enterprise).
  const enterprise = config.enterprise
  switch (config.mode) {
    case 'report':
      return runReport(config, ctx)
    case 'audit':
      return enterprise && (config.reclaim || config.notify === 'issue')
        ? runEnterpriseAudit({ ...config, enterprise }, ctx)
        : runAudit(config, ctx)
    case 'assign':
      return enterprise
        ? runEnterpriseAssign({ ...config, enterprise }, ctx)
        : runAssign(config, ctx)
    case 'revoke':
      return enterprise
        ? runEnterpriseRevoke({ ...config, enterprise }, ctx)
        : runRevoke(config, ctx)
    case 'sync':
      return runSync(config, ctx)
    default: {
      const never: never = config.mode
      throw new Error(`unknown mode ${String(never)}`)
    }
  }
}
