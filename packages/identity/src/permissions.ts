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

const all = Object.values(identityPermissions);
const reader = [identityPermissions.tenantRead, identityPermissions.memberRead];

/**
 * Built-in roles, highest first, with identity's own permissions. The RBAC
 * module replaces this table with per-tenant roles; the rank (hierarchy) stays.
 */
export const builtInRoles: Record<BuiltInRole, { rank: number; permissions: readonly string[] }> = {
  owner: { rank: 100, permissions: all },
  admin: { rank: 80, permissions: all },
  manager: { rank: 60, permissions: [...reader, identityPermissions.auditRead] },
  cashier: { rank: 40, permissions: [identityPermissions.tenantRead] },
  member: { rank: 20, permissions: [identityPermissions.tenantRead] },
  viewer: { rank: 10, permissions: [identityPermissions.tenantRead] },
};

export const permissionsOfRole = (role: string): readonly string[] =>
  builtInRoles[role as BuiltInRole]?.permissions ?? [];

export const rankOfRole = (role: string): number => builtInRoles[role as BuiltInRole]?.rank ?? 0;

export const superadminPermissions: readonly string[] = Object.values(platformPermissions);
