import { AppError, authzError, conflictError, notFoundError } from '@tenantry/core';

/** RBAC's error catalogue: codes refine the taxonomy's kinds. */
export const rbacCodes = {
  ROLE_ABOVE_OWN: 'ROLE_ABOVE_OWN',
  PERMISSION_NOT_HELD: 'PERMISSION_NOT_HELD',
  UNKNOWN_PERMISSION: 'UNKNOWN_PERMISSION',
  BUILT_IN_ROLE: 'BUILT_IN_ROLE',
  OWN_ASSIGNMENT: 'OWN_ASSIGNMENT',
  MEMBERS_ONLY: 'MEMBERS_ONLY',
} as const;

export const rbacErrors = {
  notFound: (what: string) => notFoundError(`${what} not found`),
  roleAboveOwn: (message = 'You cannot grant or change a role ranked above your own') =>
    authzError(message, { code: rbacCodes.ROLE_ABOVE_OWN }),
  permissionsNotHeld: (permissions: readonly string[]) =>
    authzError('A role cannot hold a permission you do not have', {
      code: rbacCodes.PERMISSION_NOT_HELD,
      details: { permissions },
    }),
  unknownPermissions: (permissions: readonly string[]) =>
    new AppError('VALIDATION', "Not a permission of the tenant's enabled modules", {
      code: rbacCodes.UNKNOWN_PERMISSION,
      status: 422,
      details: { permissions },
    }),
  builtInRole: () =>
    conflictError('Built-in roles cannot be edited or deleted', { code: rbacCodes.BUILT_IN_ROLE }),
  ownAssignments: () =>
    authzError('You cannot change your own role assignments', { code: rbacCodes.OWN_ASSIGNMENT }),
  membersOnly: () =>
    authzError('Roles and assignments are managed by signed-in members, not API keys', {
      code: rbacCodes.MEMBERS_ONLY,
    }),
  nameTaken: () => conflictError('A role with this name exists', { details: { field: 'name' } }),
  alreadyAssigned: () => conflictError('The member already holds this role there'),
};
