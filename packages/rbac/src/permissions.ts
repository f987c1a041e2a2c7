/** Permissions RBAC defines (module-registry.json lists them with their default holders). */
export const rbacPermissions = {
  permissionRead: 'rbac.permission.read',
  roleRead: 'rbac.role.read',
  roleManage: 'rbac.role.manage',
  assignmentManage: 'rbac.assignment.manage',
  matrixRead: 'rbac.matrix.read',
} as const;
