export * as accountContracts from './account.contracts';
export { changeEmail, me, resendVerification, verifyEmail } from './account.service';
export { createApiKey, listTenantApiKeys, revokeTenantApiKey } from './api-keys.service';
export type { AuditEventsQuery } from './audit-view.service';
export { listPlatformAuditEvents, listTenantAuditEvents } from './audit-view.service';
export { authenticateBearer } from './authenticate';
export type { IdentityCleanupDeps, IdentityCleanupResult } from './cleanup.service';
export { cleanupIdentity } from './cleanup.service';
export type { IdentityConfig, LockoutPolicy } from './config';
export { identityConfigFromEnv } from './config';
export * as identityContracts from './contracts';
export type { TokenDenylist } from './denylist';
export { memoryDenylist, redisDenylist } from './denylist';
export type { IdentityDeps, MemberQuota, RequestMeta } from './deps';
export { identityEmailComposers } from './emails';
export { identityCodes, identityErrors } from './errors';
export { identityEvents } from './events';
export { createIdentityDeps } from './identity';
export type { AcceptInvitationInput } from './invitations.service';
export {
  acceptInvitation,
  createInvitation,
  listInvitations,
  revokeTenantInvitation,
} from './invitations.service';
export type { LoginResult } from './login.service';
export { login } from './login.service';
export { memberRoleOf, memberRolesOf } from './member-directory';
export * as memberContracts from './members.contracts';
export { changeMemberRole, countTenantMembers, listMembers, removeMember } from './members.service';
export { disableMfa, enableMfa, loginWithMfa, setupMfa } from './mfa.service';
export { identityPlatformMigrations, identityTenantMigrations } from './migrations';
export { changePassword, confirmPasswordReset, requestPasswordReset } from './password.service';
export {
  builtInRoleNames,
  identityPermissions,
  platformPermissions,
  rankOfRole,
  superadminPermissions,
} from './permissions';
export { refresh } from './refresh.service';
export * as reportContracts from './reports.contracts';
export * from './schema/platform';
export * from './schema/tenant';
export type { TokenPair } from './sessions.service';
export { listMySessions, logout, revokeMySession } from './sessions.service';
export type { SigningKeyRing } from './signing-keys';
export { signup } from './signup.service';
export { countTenants, failedLoginStats, tenantStats, userActivityStats } from './stats.service';
export { ensureBootstrapSuperadmin, setupFirstSuperadmin, superadminSetupOpen } from './superadmin.service';
export { tenantDetail, tenantMembersAsSuperadmin } from './superadmin-tenants.service';
export {
  approveTenant,
  currentTenant,
  getTenant,
  listTenantsPage,
  reactivateTenant,
  suspendTenant,
} from './tenants.service';
export { setUserStatus } from './users-admin.service';
