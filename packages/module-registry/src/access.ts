import { type Principal, tenantScopeOf } from '@tenantry/core';
import { registryErrors } from './errors';
import { platformModuleManage } from './permissions';

/**
 * Zero trust: services check the caller again, so a worker or a script is
 * held to the same rule as the HTTP guard.
 */
export const requirePlatformManager = (principal: Principal): void => {
  if (principal.tenantId !== null) throw registryErrors.platformOnly();
  if (!principal.permissions.includes(platformModuleManage)) {
    throw registryErrors.forbidden(platformModuleManage);
  }
};

/** A signed-in principal of an active tenant holding `permission`; returns its tenant id. */
export const requireTenantPermission = (principal: Principal, permission: string): string => {
  if (!principal.tenantId) throw registryErrors.platformOnly();
  return tenantScopeOf(principal, permission);
};

export const isSuperadmin = (principal: Principal): boolean =>
  principal.kind === 'superadmin' && principal.tenantId === null;
