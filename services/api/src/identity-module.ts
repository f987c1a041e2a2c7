import type { DatabaseRuntime } from '@tenantry/db';
import {
  authenticateBearer,
  createIdentityDeps,
  type IdentityConfig,
  type IdentityDeps,
} from '@tenantry/identity';
import type { Redis } from 'ioredis';
import type { AnyRouteDefinition } from './http/route';
import type { Authenticator } from './plugins/request-context';
import { identityRoutes } from './routes/identity';

export interface IdentityModule {
  deps: IdentityDeps;
  authenticate: Authenticator;
  routes: AnyRouteDefinition[];
}

/** Identity wired for HTTP: bearer tokens and API keys become principals; its routes join the app. */
export const createIdentityModule = async (options: {
  db: DatabaseRuntime;
  config: IdentityConfig;
  redis?: Redis;
  clock?: IdentityDeps['clock'];
  memberQuota?: IdentityDeps['memberQuota'];
  onTenantApproved?: IdentityDeps['onTenantApproved'];
  memberRank?: IdentityDeps['memberRank'];
  onMemberRemoved?: IdentityDeps['onMemberRemoved'];
}): Promise<IdentityModule> => {
  const deps = await createIdentityDeps(options);
  return {
    deps,
    authenticate: (request) => authenticateBearer(deps, request.headers.authorization),
    routes: identityRoutes(deps),
  };
};
