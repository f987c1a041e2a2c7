/** Events RBAC emits through the outbox. */
export const rbacEvents = {
  rolesSeeded: 'rbac.roles.seeded',
  roleCreated: 'rbac.role.created',
  roleUpdated: 'rbac.role.updated',
  roleDeleted: 'rbac.role.deleted',
  roleAssigned: 'rbac.role.assigned',
  roleUnassigned: 'rbac.role.unassigned',
} as const;
