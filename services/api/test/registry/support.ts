import { testRedisUrl } from '@tenantry/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect } from 'vitest';
import { z } from 'zod';
import { type AnyRouteDefinition, defineRoute } from '../../src';
import {
  activeTenant,
  createIdentityTestApp,
  createSuperadmin,
  type IdentityTestApp,
} from '../identity/support';

/**
 * Test-only routes of the pos module (its real routes do not exist yet):
 * guarded by a permission every owner holds, so only the module decides.
 */
export const posProbeRoutes = (): AnyRouteDefinition[] => [
  defineRoute({
    method: 'GET',
    path: '/v1/probe/pos/registers',
    operationId: 'probePosRegisters',
    summary: 'A pos route',
    module: 'probe',
    access: { permission: 'identity.tenant.read' },
    requires: { module: 'pos', feature: 'pos.registers' },
    response: z.object({ ok: z.boolean() }),
    handler: async () => ({ data: { ok: true } }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/probe/pos/tickets',
    operationId: 'probePosTicket',
    summary: 'A pos write open to any signed-in user of the tenant',
    module: 'probe',
    access: { authenticated: true },
    requires: { module: 'pos' },
    response: z.object({ ok: z.boolean() }),
    successStatus: 201,
    handler: async () => ({ data: { ok: true } }),
  }),
];

export interface RegistryApp {
  t: IdentityTestApp;
  /** The superadmin's access token. */
  root: string;
}

/** The API as the composition root wires it, on Redis, with the pos probe routes; started in beforeAll. */
export const useRegistryApp = (): RegistryApp => {
  const app = {} as RegistryApp;
  const redis = new Redis(testRedisUrl());
  beforeAll(async () => {
    app.t = await createIdentityTestApp({
      redis,
      routes: posProbeRoutes(),
    });
    app.root = (await createSuperadmin(app.t)).accessToken;
  });
  afterAll(async () => {
    await app.t?.close();
    await redis.quit();
  });
  return app;
};

/** An approved tenant and its owner's access token. */
export const ownerOf = async (app: RegistryApp, stem: string) => {
  const tenant = await activeTenant(app.t, app.root, stem);
  return { ...tenant, token: tenant.tokens.accessToken };
};

/** PUT /v1/superadmin/tenants/:id/modules/:moduleKey as the superadmin. */
export const putTenantModule = (app: RegistryApp, tenantId: string, moduleKey: string, enabled: unknown) =>
  app.t.call({
    method: 'PUT',
    url: `/v1/superadmin/tenants/${tenantId}/modules/${moduleKey}`,
    token: app.root,
    body: { enabled },
  });

/** Switches a module and expects it to succeed; returns the tenant module. */
export const switchModule = async (
  app: RegistryApp,
  tenantId: string,
  moduleKey: string,
  enabled: boolean,
) => {
  const response = await putTenantModule(app, tenantId, moduleKey, enabled);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.data;
};

/** Each route answers 403 to the token: superadmin routes seen from a tenant, and the reverse. */
export const expectForbidden = async (
  app: RegistryApp,
  token: string,
  routes: readonly (readonly ['GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', string])[],
) => {
  for (const [method, url] of routes) {
    const response = await app.t.call({ method, url, token, body: method === 'GET' ? undefined : {} });
    expect(response.status, `${method} ${url}`).toBe(403);
  }
};
