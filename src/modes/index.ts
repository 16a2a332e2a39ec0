// Dispatches to the mode; each returns what it found and did.
import type { ModeResult } from '../domain/outcome.js'
import type { Config } from '../inputs.js'
import { runAssign } from './assign.js'
import { runAudit } from './audit.js'
import type { ModeContext } from './context.js'
import { runEnterpriseAssign } from './enterprise-assign.js'
import { runEnterpriseAudit } from './enterprise-reclaim.js'
import { runEnterpriseRevoke } from './enterprise-revoke.js'
import { runEnterpriseSync } from './enterprise-sync.js'
import { runReport } from './report.js'
import { runRevoke } from './revoke.js'
import { runSync } from './sync.js'

export async function runMode(config: Config, ctx: ModeContext): Promise<ModeResult> {
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
      return enterprise ? runEnterpriseSync({ ...config, enterprise }, ctx) : runSync(config, ctx)
    default: {
      const never: never = config.mode
      throw new Error(`unknown mode ${String(never)}`)
    }
  }
}
