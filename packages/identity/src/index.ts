export { authenticateBearer } from './authenticate';
export type { IdentityConfig, LockoutPolicy } from './config';
export { identityConfigFromEnv } from './config';
export * as identityContracts from './contracts';
export type { TokenDenylist } from './denylist';
export { memoryDenylist, redisDenylist } from './denylist';
export type { IdentityDeps, RequestMeta } from './deps';
export type { IdentityComposer, IdentityMail } from './emails';
export { identityEmailComposers } from './emails';
export { identityCodes, identityErrors } from './errors';
export { identityEvents } from './events';
export { createIdentityDeps } from './identity';
export type { LoginResult } from './login.service';
export { login } from './login.service';
export { identityPlatformMigrations, identityTenantMigrations } from './migrations';
export {
  builtInRoleNames,
  builtInRoles,
  identityPermissions,
  permissionsOfRole,
  platformPermissions,
  rankOfRole,
  superadminPermissions,
} from './permissions';
export { refresh } from './refresh.service';
export * from './schema/platform';
export * from './schema/tenant';
export type { TokenPair } from './sessions.service';
export { listMySessions, logout, revokeMySession } from './sessions.service';
export type { SigningKeyRing } from './signing-keys';
export { signup } from './signup.service';
export { ensureBootstrapSuperadmin, setupFirstSuperadmin, superadminSetupOpen } from './superadmin.service';
export {
  approveTenant,
  currentTenant,
  getTenant,
  listTenantsPage,
  reactivateTenant,
  suspendTenant,
} from './tenants.service';
