import { type Principal, tenantScopeOf } from '@tenantry/core';
import { registryErrors } from './errors';
import { platformModuleManage } from './permissions';

/**
 * Zero trust: services check the caller again, so a worker or a script is
 * held to the same rule as the HTTP guard. Only a platform principal (no
 * tenant) holding the permission passes.
 */
export const requirePlatformPermission = (principal: Principal, permission: string): void => {
  if (principal.tenantId !== null) throw registryErrors.platformOnly();
  if (!principal.permissions.includes(permission)) throw registryErrors.forbidden(permission);
};

/** A superadmin who governs the catalogue, tenant modules, flags and plans. */
export const requirePlatformManager = (principal: Principal): void =>
  requirePlatformPermission(principal, platformModuleManage);

/** A signed-in principal of an active tenant holding `permission`; returns its tenant id. */
export const requireTenantPermission = (principal: Principal, permission: string): string => {
  if (!principal.tenantId) throw registryErrors.platformOnly();
  return tenantScopeOf(principal, permission);
};

export const isSuperadmin = (principal: Principal): boolean =>
  principal.kind === 'superadmin' && principal.tenantId === null;
