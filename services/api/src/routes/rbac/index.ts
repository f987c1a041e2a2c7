import type { RbacDeps } from '@tenantry/rbac';
import type { AnyRouteDefinition } from '../../http/route';
import { accessRoutes } from './access.routes';
import { assignmentRoutes } from './assignments.routes';
import { roleRoutes } from './roles.routes';

/** Every /v1/rbac route. */
export const rbacRoutes = (deps: RbacDeps): AnyRouteDefinition[] => [
  ...roleRoutes(deps),
  ...assignmentRoutes(deps),
  ...accessRoutes(deps),
];
