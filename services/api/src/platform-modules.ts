import type { Clock } from '@tenantry/core';
import type { DatabaseRuntime } from '@tenantry/db';
import type { IdentityConfig } from '@tenantry/identity';
import { createRegistry, type Registry } from '@tenantry/module-registry';
import type { Redis } from 'ioredis';
import type { AnyRouteDefinition } from './http/route';
import { createIdentityModule, type IdentityModule } from './identity-module';
import type { Authenticator } from './plugins/request-context';

export interface PlatformModules {
  identity: IdentityModule;
  registry: Registry;
  authenticate: Authenticator;
  routes: AnyRouteDefinition[];
}

/**
 * Every domain module wired for HTTP, in one place: main.ts and the tests
 * build the same app from it. Modules add their routes to the list.
 */
export const createPlatformModules = async (options: {
  db: DatabaseRuntime;
  identityConfig: IdentityConfig;
  redis?: Redis;
  clock?: Clock;
}): Promise<PlatformModules> => {
  const identity = await createIdentityModule({
    db: options.db,
    config: options.identityConfig,
    redis: options.redis,
    clock: options.clock,
  });
  const registry = createRegistry(options.db.router);
  return {
    identity,
    registry,
    authenticate: identity.authenticate,
    routes: [...identity.routes],
  };
};
