// Public entry of the in-repo GitHub fake. Types: fake/index.d.ts.
// Note: this entry imports msw (devDependency) through ./msw.js. Scripts that only need the
// loopback server can import ./github.js, ./server.js and ./generate.js directly (as cli.js does).
export {
  FakeGitHub,
  HttpError,
  nextBillingCycleStart,
  SECONDARY_MESSAGE,
  PRIMARY_MESSAGE,
  POLICY_MESSAGE_USERS_POST,
  POLICY_MESSAGE_USERS_DELETE,
  VIA_TEAM_MESSAGE,
  BILLING_MESSAGE,
  SEAT_422_MESSAGE,
  READ_ONLY_MESSAGE,
  GITHUB_ACTIONS_BOT,
  APP_TOKEN_MESSAGE,
  ENTERPRISE_READ_FORBIDDEN_MESSAGE,
  ENTERPRISE_WRITE_FORBIDDEN_MESSAGE
} from './github.js'
export * from './issues.js'
export {
  enterpriseApi,
  ENTERPRISE_POLICY_MESSAGE_USERS,
  ENTERPRISE_POLICY_MESSAGE_TEAMS,
  ENTERPRISE_SEAT_422_MESSAGE,
  TEAM_DELETE_ACCEPTED_MESSAGE
} from './enterprise.js'
export { generateOrg, generateEnterprise, mulberry32 } from './generate.js'
export { startFakeServer } from './server.js'
export { createMswHandlers } from './msw.js'
export {
  FakeUsageReports,
  installUsageReports,
  startUsageDownloadServer,
  DEFAULT_DOWNLOAD_BASE,
  USAGE_METRICS_DOC,
  USAGE_POLICY_MESSAGE,
  USAGE_PERMISSION_MESSAGE
} from './usage.js'
export { createUsageMswHandlers } from './usage-msw.js'
