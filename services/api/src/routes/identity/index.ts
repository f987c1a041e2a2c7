import type { IdentityDeps } from '@tenantry/identity';
import type { AnyRouteDefinition } from '../../http/route';
import { authRoutes } from './auth.routes';
import { superadminRoutes } from './superadmin.routes';
import { tenantRoutes } from './tenants.routes';

/** Every identity route: /v1/auth, /v1/tenants, /v1/superadmin. */
export const identityRoutes = (deps: IdentityDeps): AnyRouteDefinition[] => [
  ...authRoutes(deps),
  ...tenantRoutes(deps),
  ...superadminRoutes(deps),
];
