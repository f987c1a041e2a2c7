import type { IdentityDeps } from '@tenantry/identity';
import type { AnyRouteDefinition } from '../../http/route';
import { accountRoutes } from './account.routes';
import { apiKeyRoutes } from './api-keys.routes';
import { auditRoutes } from './audit.routes';
import { authRoutes } from './auth.routes';
import { devMailboxRoutes } from './dev-mailbox.routes';
import { invitationRoutes } from './invitations.routes';
import { memberRoutes } from './members.routes';
import { statsRoutes } from './stats.routes';
import { superadminRoutes } from './superadmin.routes';
import { tenantRoutes } from './tenants.routes';

/** Every identity route: /v1/auth, /v1/tenants, /v1/superadmin. */
export const identityRoutes = (deps: IdentityDeps): AnyRouteDefinition[] => [
  ...authRoutes(deps),
  ...accountRoutes(deps),
  ...tenantRoutes(deps),
  ...memberRoutes(deps),
  ...invitationRoutes(deps),
  ...apiKeyRoutes(deps),
  ...superadminRoutes(deps),
  ...auditRoutes(deps),
  ...statsRoutes(deps),
  ...devMailboxRoutes(deps),
];
