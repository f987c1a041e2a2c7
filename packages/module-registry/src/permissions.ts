/** Permissions the registry defines for tenants (module `registry` in module-registry.json). */
export const registryPermissions = {
  moduleRead: 'registry.module.read',
  flagRead: 'registry.flag.read',
} as const;

/**
 * What a superadmin needs to govern the catalogue, tenant modules and flags.
 * Identity grants it to superadmins (its platformPermissions name the same key).
 */
export const platformModuleManage = 'platform.module.manage';

/** Reading the platform's figures (tenants by plan); identity grants it to superadmins under the same key. */
export const platformStatsRead = 'platform.stats.read';
