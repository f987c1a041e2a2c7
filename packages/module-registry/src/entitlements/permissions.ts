/**
 * The permission entitlements' tenant route and service demand. Plans are
 * governed by superadmins holding the registry's platform permission
 * (platformModuleManage), checked by requirePlatformManager.
 */
export const entitlementPermissions = {
  read: 'registry.entitlement.read',
} as const;
