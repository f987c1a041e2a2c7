import { queryRows } from '@tenantry/db';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ownerOf, putTenantModule, switchModule, useRegistryApp } from './support';

describe('tenant modules', () => {
  const app = useRegistryApp();
  const registers = (token: string) => app.t.call({ method: 'GET', url: '/v1/probe/pos/registers', token });

  it('blocks a disabled module’s routes with MODULE_DISABLED and restores them when enabled again', async () => {
    const owner = await ownerOf(app, 'till');
    expect((await registers(owner.token)).status).toBe(200);

    const off = await switchModule(app, owner.tenantId, 'pos', false);
    expect(off).toEqual({ key: 'pos', name: 'Point of sale', core: false, enabled: false });
    // The same token: the switch applies on the next request.
    const blocked = await registers(owner.token);
    expect(blocked.status).toBe(403);
    expect(blocked.body.error).toMatchObject({
      code: 'MODULE_DISABLED',
      details: { module: 'pos', feature: 'pos.registers' },
    });
    const write = await app.t.call({
      method: 'POST',
      url: '/v1/probe/pos/tickets',
      token: owner.token,
      body: {},
    });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('MODULE_DISABLED');

    await switchModule(app, owner.tenantId, 'pos', true);
    expect((await registers(owner.token)).status).toBe(200);
  });

  it('takes the module’s permissions out of the tenant’s list while it is off', async () => {
    const owner = await ownerOf(app, 'perms');
    const registry = app.t.modules.registry;
    expect((await registry.enabledFor(owner.tenantId)).permissions.has('pos.ticket.settle')).toBe(true);
    await switchModule(app, owner.tenantId, 'pos', false);
    const enabled = await registry.enabledFor(owner.tenantId);
    expect(enabled.permissions.has('pos.ticket.settle')).toBe(false);
    expect(enabled.permissions.has('inventory.item.read')).toBe(true);
    expect(enabled.modules.map((module) => module.key)).not.toContain('pos');

    const listed = await app.t.call({
      method: 'GET',
      url: `/v1/superadmin/tenants/${owner.tenantId}/modules`,
      token: app.root,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.data).toContainEqual({
      key: 'pos',
      name: 'Point of sale',
      core: false,
      enabled: false,
    });
    expect(listed.body.data).toContainEqual({ key: 'identity', name: 'Identity', core: true, enabled: true });

    const catalogue = await app.t.call({
      method: 'GET',
      url: '/v1/module-registry/modules',
      token: owner.token,
    });
    expect(catalogue.status).toBe(200);
    const byKey = new Map(
      (catalogue.body.data as { key: string; enabled: boolean }[]).map((module) => [module.key, module]),
    );
    expect(byKey.get('pos')?.enabled).toBe(false);
    expect(byKey.get('inventory')?.enabled).toBe(true);
  });

  it('writes the event and audit rows in the platform scope and the tenant’s own', async () => {
    const owner = await ownerOf(app, 'trail');
    await switchModule(app, owner.tenantId, 'inventory', false);
    // Repeating the current state changes nothing and records nothing.
    await switchModule(app, owner.tenantId, 'inventory', false);

    const platform = await app.t.call({
      method: 'GET',
      url: `/v1/superadmin/audit-events?action=tenant_module.disabled`,
      token: app.root,
    });
    const platformRows = (platform.body.data as { metadata: { tenantId?: string } }[]).filter(
      (row) => row.metadata.tenantId === owner.tenantId,
    );
    expect(platformRows).toHaveLength(1);
    const tenant = await app.t.call({
      method: 'GET',
      url: '/v1/tenants/current/audit-events?action=tenant_module.disabled',
      token: owner.token,
    });
    expect(tenant.status).toBe(200);
    expect(tenant.body.data).toHaveLength(1);
    expect(tenant.body.data[0]).toMatchObject({ module: 'registry', action: 'tenant_module.disabled' });

    const events = await app.t.db.router.withPlatform((tx) =>
      queryRows<{ type: string; data: { tenantId: string; moduleKey: string } }>(
        tx,
        sql`select type, data from event_outbox where type like 'registry.tenant_module.%'`,
      ),
    );
    const mine = events.filter((row) => row.data.tenantId === owner.tenantId);
    expect(mine).toEqual([
      { type: 'registry.tenant_module.disabled', data: { tenantId: owner.tenantId, moduleKey: 'inventory' } },
    ]);
  });

  it('keeps core modules on, and answers 404 for an unknown tenant or module', async () => {
    const owner = await ownerOf(app, 'core');
    const put = (tenantId: string, moduleKey: string, enabled: unknown) =>
      putTenantModule(app, tenantId, moduleKey, enabled);
    const core = await put(owner.tenantId, 'identity', false);
    expect(core.status).toBe(409);
    expect(core.body.error.code).toBe('MODULE_CORE');
    expect((await put(owner.tenantId, 'identity', true)).status).toBe(200);
    expect((await put('0190d1c2-0000-7000-8000-000000000000', 'pos', false)).status).toBe(404);
    expect((await put(owner.tenantId, 'no-such-module', false)).status).toBe(404);
    expect((await put(owner.tenantId, 'pos', 'no')).status).toBe(400);
  });

  it('is for superadmins: a tenant owner cannot switch its own modules', async () => {
    const owner = await ownerOf(app, 'self');
    const response = await app.t.call({
      method: 'PUT',
      url: `/v1/superadmin/tenants/${owner.tenantId}/modules/pos`,
      token: owner.token,
      body: { enabled: false },
    });
    expect(response.status).toBe(403);
    expect((await registers(owner.token)).status).toBe(200);
  });
});
