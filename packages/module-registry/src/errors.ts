import { authzError, conflictError, notFoundError, validationError } from '@tenantry/core';
import type { z } from 'zod';

/** Codes that refine the registry's CONFLICT answers. */
export const registryCodes = {
  PERMISSION_IN_USE: 'PERMISSION_IN_USE',
  MODULE_CORE: 'MODULE_CORE',
  MODULE_RETIRED: 'MODULE_RETIRED',
  MODULE_EXISTS: 'MODULE_EXISTS',
  FLAG_EXISTS: 'FLAG_EXISTS',
  FLAG_ARCHIVED: 'FLAG_ARCHIVED',
} as const;

/** Where a permission is held: the catalogue's built-in defaults and the tenants' roles. */
export interface PermissionInUse {
  permission: string;
  /** Built-in role profiles that hold it by default (module-registry.json or a superadmin edit). */
  defaultRoles: string[];
  /** Tenant ids whose roles hold it (the first ones), and how many tenants in all. */
  tenants: string[];
  tenantCount: number;
  /** Role names holding it in those tenants. */
  roles: string[];
}

export const registryErrors = {
  notFound: (what: string) => notFoundError(`${what} not found`),
  platformOnly: () => authzError('Only a superadmin may do this'),
  forbidden: (permission: string) =>
    authzError('You do not have permission to do this', { details: { permission } }),
  /** A zod failure on an assembled value, reported like a request body's. */
  invalid: (issues: readonly z.core.$ZodIssue[]) =>
    validationError('Invalid request body', {
      details: issues.map((issue) => ({
        location: 'body',
        path: issue.path.map(String).join('.'),
        code: issue.code,
        message: issue.message,
      })),
    }),
  moduleExists: (key: string) =>
    conflictError(`Module ${key} already exists`, { code: registryCodes.MODULE_EXISTS }),
  moduleRetired: (key: string) =>
    conflictError(`Module ${key} is retired`, { code: registryCodes.MODULE_RETIRED }),
  coreModule: (key: string, what: string) =>
    conflictError(`Module ${key} is a core module: it cannot be ${what}`, {
      code: registryCodes.MODULE_CORE,
    }),
  changedMeanwhile: (key: string) => conflictError(`Module ${key} changed meanwhile: read it and retry`),
  permissionInUse: (uses: readonly PermissionInUse[], hint: string) =>
    conflictError(`Permissions still in use: ${uses.map((use) => use.permission).join(', ')}. ${hint}`, {
      code: registryCodes.PERMISSION_IN_USE,
      details: { permissions: uses },
    }),
  flagExists: (key: string) =>
    conflictError(`Feature flag ${key} already exists`, { code: registryCodes.FLAG_EXISTS }),
  flagArchived: (key: string) =>
    conflictError(`Feature flag ${key} is archived`, { code: registryCodes.FLAG_ARCHIVED }),
};
