// Dispatches to the mode; each returns what it found and did.
import { ActionError } from '../errors.js'
import type { ModeResult } from '../domain/outcome.js'
import type { Config } from '../inputs.js'
import { runAssign } from './assign.js'
import { runAudit } from './audit.js'
import type { ModeContext } from './context.js'
import { runReport } from './report.js'
import { runRevoke } from './revoke.js'
import { runSync } from './sync.js'

/**
 * Inputs that parse but whose feature is still being built: the run fails
 * before any request instead of doing something else (an org-scope write for
 * an enterprise, a reclaim without the promised grace period).
 */
function notAvailableYet(config: Config): string | null {
  if (config.enterprise && config.mode !== 'report' && (config.mode !== 'audit' || config.reclaim))
    return `\`enterprise\` with mode ${config.mode}${config.mode === 'audit' ? ' and `reclaim: true`' : ''} is not available yet; run it per organization with \`org\``
  if (config.notify !== 'none' && config.enterprise && config.excludeTeams.length)
    return '`notify: issue` with `enterprise` and `exclude-teams` is not available yet'
  return null
}

export async function runMode(config: Config, ctx: ModeContext): Promise<ModeResult> {
  const unavailable = notAvailableYet(config)
  if (unavailable) throw new ActionError(unavailable)
  switch (config.mode) {
    case 'report':
      return runReport(config, ctx)
    case 'audit':
      return runAudit(config, ctx)
    case 'assign':
      return runAssign(config, ctx)
    case 'revoke':
      return runRevoke(config, ctx)
    case 'sync':
      return runSync(config, ctx)
    default: {
      const never: never = config.mode
      throw new Error(`unknown mode ${String(never)}`)
    }
  }
}
