import { describe, expect, it } from 'vitest';
import { useRegistryApp } from './support';

type Operation = { operationId: string; 'x-module'?: string; 'x-feature'?: string; 'x-permission'?: string };

describe('route requirements for a UI', () => {
  const app = useRegistryApp();

  it('lists every route with the module, feature and permission it needs', async () => {
    const response = await app.t.call({ method: 'GET', url: '/v1/module-registry/routes' });
    expect(response.status).toBe(200);
    const routes = response.body.data as { operationId: string }[];
    const byId = new Map(routes.map((route) => [route.operationId, route]));
    expect(byId.get('probePosRegisters')).toEqual({
      operationId: 'probePosRegisters',
      method: 'GET',
      path: '/v1/probe/pos/registers',
      module: 'pos',
      feature: 'pos.registers',
      permission: 'identity.tenant.read',
    });
    expect(byId.get('listEvaluatedFeatureFlags')).toMatchObject({
      module: 'registry',
      feature: 'registry.flags',
      permission: 'registry.flag.read',
    });
    expect(byId.get('setTenantModule')).toMatchObject({ module: null, permission: 'platform.module.manage' });
    expect(byId.get('getHealth')).toMatchObject({ module: null, feature: null, permission: null });
    expect(byId.has('listRouteRequirements')).toBe(true);
  });

  it('publishes x-module and x-feature in the OpenAPI document, like the list', async () => {
    const document = (await app.t.call({ method: 'GET', url: '/v1/openapi.json' })).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    const routes = (await app.t.call({ method: 'GET', url: '/v1/module-registry/routes' })).body.data as {
      operationId: string;
      module: string | null;
      feature: string | null;
    }[];
    expect(operations).toHaveLength(routes.length);
    for (const route of routes) {
      const operation = operations.find((candidate) => candidate.operationId === route.operationId);
      expect(operation?.['x-module'] ?? null, route.operationId).toBe(route.module);
      expect(operation?.['x-feature'] ?? null, route.operationId).toBe(route.feature);
    }
  });
});
