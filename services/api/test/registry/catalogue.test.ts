import { describe, expect, it } from 'vitest';
import { expectForbidden, ownerOf, putTenantModule, useRegistryApp } from './support';

const loyalty = {
  key: 'loyalty',
  name: 'Loyalty',
  description: 'Points and rewards',
  core: false,
  features: [{ key: 'loyalty.points', name: 'Points' }],
  permissions: [
    { key: 'loyalty.point.read', description: 'See points', roles: ['owner', 'admin'] },
    { key: 'loyalty.point.grant', description: 'Grant points', roles: [] },
  ],
};

describe('module catalogue administration', () => {
  const app = useRegistryApp();
  const asRoot = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) =>
    app.t.call({ method, url, token: app.root, body });

  it('lets a superadmin add a module that tenants then see and hold by default', async () => {
    const created = await asRoot('POST', '/v1/superadmin/modules', loyalty);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data).toMatchObject({ key: 'loyalty', status: 'active', source: 'custom' });
    expect((await asRoot('POST', '/v1/superadmin/modules', loyalty)).status).toBe(409);

    const listed = await asRoot('GET', '/v1/superadmin/modules');
    expect(listed.body.data.map((module: { key: string }) => module.key)).toContain('loyalty');
    expect((await asRoot('GET', '/v1/superadmin/modules/loyalty')).body.data.permissions).toHaveLength(2);

    const owner = await ownerOf(app, 'points');
    const catalogue = await app.t.call({
      method: 'GET',
      url: '/v1/module-registry/modules',
      token: owner.token,
    });
    expect(catalogue.body.data).toContainEqual(expect.objectContaining({ key: 'loyalty', enabled: true }));
    const enabled = await app.t.modules.registry.enabledFor(owner.tenantId);
    expect(enabled.permissions.has('loyalty.point.read')).toBe(true);
  });

  it('answers 400 for bad permission keys and prefixes that do not match the module', async () => {
    const bad = [
      { ...loyalty, key: 'gifts', permissions: [{ key: 'gifts.issue', description: 'x', roles: [] }] },
      { ...loyalty, key: 'gifts', permissions: [{ key: 'Gifts.card.issue', description: 'x', roles: [] }] },
      { ...loyalty, key: 'gifts', permissions: [{ key: 'pos.card.issue', description: 'x', roles: [] }] },
      {
        ...loyalty,
        key: 'gifts',
        permissions: [{ key: 'gifts.card.issue', description: 'x', roles: ['root'] }],
      },
      { ...loyalty, key: 'platform', features: [], permissions: [] },
      { ...loyalty, key: 'gifts', tenantId: '0190d1c2-0000-7000-8000-000000000000' },
    ];
    for (const body of bad) {
      const response = await asRoot('POST', '/v1/superadmin/modules', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION');
    }
    const prefix = await asRoot('PATCH', '/v1/superadmin/modules/pos', {
      permissions: [{ key: 'inventory.item.read', description: 'x', roles: [] }],
    });
    expect(prefix.status).toBe(400);
    expect(prefix.body.error.details).toContainEqual(
      expect.objectContaining({ path: 'permissions.0.key', message: expect.stringContaining('pos.') }),
    );
    expect((await asRoot('PATCH', '/v1/superadmin/modules/pos', {})).status).toBe(400);
    expect((await asRoot('PATCH', '/v1/superadmin/modules/pos', { core: false })).status).toBe(400);
    expect((await asRoot('PATCH', '/v1/superadmin/modules/nope', { name: 'Nope' })).status).toBe(404);
  });

  it('refuses to drop a permission still held, listing where (PERMISSION_IN_USE)', async () => {
    const pos = (await asRoot('GET', '/v1/superadmin/modules/pos')).body.data;
    const refund = pos.permissions.find(
      (permission: { key: string }) => permission.key === 'pos.ticket.refund',
    );
    const response = await asRoot('PATCH', '/v1/superadmin/modules/pos', {
      permissions: pos.permissions.filter((permission: { key: string }) => permission.key !== refund.key),
    });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({
      code: 'PERMISSION_IN_USE',
      details: { permissions: [{ permission: 'pos.ticket.refund', defaultRoles: refund.roles }] },
    });
    expect((await asRoot('GET', '/v1/superadmin/modules/pos')).body.data.permissions).toContainEqual(refund);

    const renamed = await asRoot('PATCH', '/v1/superadmin/modules/pos', { name: 'Till' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data.name).toBe('Till');
  });

  it('retires a module in use only when confirmed; it is then gone for every tenant', async () => {
    const owner = await ownerOf(app, 'retire');
    const refused = await asRoot('POST', '/v1/superadmin/modules/loyalty/retire');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PERMISSION_IN_USE');
    expect(
      refused.body.error.details.permissions.map((use: { permission: string }) => use.permission),
    ).toEqual(['loyalty.point.read']);
    const core = await asRoot('POST', '/v1/superadmin/modules/rbac/retire', { confirm: true });
    expect(core.body.error.code).toBe('MODULE_CORE');

    const retired = await asRoot('POST', '/v1/superadmin/modules/loyalty/retire', { confirm: true });
    expect(retired.status).toBe(200);
    expect(retired.body.data.status).toBe('retired');
    const catalogue = await app.t.call({
      method: 'GET',
      url: '/v1/module-registry/modules',
      token: owner.token,
    });
    expect(catalogue.body.data.map((module: { key: string }) => module.key)).not.toContain('loyalty');
    expect(
      (await app.t.modules.registry.enabledFor(owner.tenantId)).permissions.has('loyalty.point.read'),
    ).toBe(false);
    // The superadmin still sees it, retired.
    const all = await asRoot('GET', '/v1/module-registry/modules');
    expect(all.body.data).toContainEqual(expect.objectContaining({ key: 'loyalty', status: 'retired' }));
    expect((await putTenantModule(app, owner.tenantId, 'loyalty', true)).status).toBe(409);

    const trail = await asRoot('GET', '/v1/superadmin/audit-events?action=module.retired');
    expect(trail.body.data[0]).toMatchObject({
      module: 'registry',
      entityType: 'module',
      entityId: 'loyalty',
    });
  });

  it('keeps the superadmin routes from tenant users', async () => {
    const owner = await ownerOf(app, 'nosy');
    await expectForbidden(app, owner.token, [
      ['GET', '/v1/superadmin/modules'],
      ['POST', '/v1/superadmin/modules'],
      ['PATCH', '/v1/superadmin/modules/pos'],
      ['POST', '/v1/superadmin/modules/pos/retire'],
      ['GET', `/v1/superadmin/tenants/${owner.tenantId}/modules`],
    ]);
    expect((await app.t.call({ method: 'GET', url: '/v1/module-registry/modules' })).status).toBe(401);
  });
});
