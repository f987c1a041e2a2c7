/** Permissions identity defines (`<module>.<resource>.<action>`). */
export const identityPermissions = {
  tenantRead: 'identity.tenant.read',
  memberRead: 'identity.member.read',
  memberManage: 'identity.member.manage',
  invitationManage: 'identity.invitation.manage',
  apiKeyManage: 'identity.api_key.manage',
  auditRead: 'identity.audit.read',
} as const;

/** What a superadmin may do on the platform. */
export const platformPermissions = {
  tenantManage: 'platform.tenant.manage',
  userManage: 'platform.user.manage',
  auditRead: 'platform.audit.read',
  statsRead: 'platform.stats.read',
  mailboxRead: 'platform.mailbox.read',
  moduleManage: 'platform.module.manage',
} as const;

export const builtInRoleNames = ['owner', 'admin', 'manager', 'cashier', 'member', 'viewer'] as const;
export type BuiltInRole = (typeof builtInRoleNames)[number];

/**
 * The rank of each built-in role, the hierarchy base roles are granted by.
 * What a role may do is RBAC's, from module-registry.json (same ranks there).
 */
const roleRanks: Record<BuiltInRole, number> = {
  owner: 100,
  admin: 80,
  manager: 60,
  cashier: 40,
  member: 20,
  viewer: 10,
};

export const rankOfRole = (role: string): number => roleRanks[role as BuiltInRole] ?? 0;

export const superadminPermissions: readonly string[] = Object.values(platformPermissions);
