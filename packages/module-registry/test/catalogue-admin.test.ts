import { AppError, newId } from '@tenantry/core';
import { useTestDatabase } from '@tenantry/testing';
import { describe, expect, it } from 'vitest';
import {
  createModule,
  getModule,
  listModulesAsSuperadmin,
  type PermissionUsage,
  retireModule,
  updateModule,
} from '../src';
import { customModule, meta, platformAudit, platformEvents, registryDeps, superadmin } from './support';

const failure = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe('catalogue administration', () => {
  const db = useTestDatabase();

  it('creates a custom module with an event and an audit row, visible at once through the cached registry', async () => {
    const deps = registryDeps(db);
    expect((await deps.registry.catalogue()).some((module) => module.key === 'loyalty')).toBe(false);

    const created = await createModule(
      deps,
      superadmin,
      customModule('loyalty', { 'point.read': ['owner'], 'point.grant': [] }),
      meta,
    );
    expect(created).toMatchObject({ key: 'loyalty', status: 'active', source: 'custom' });
    expect((await deps.registry.catalogue()).some((module) => module.key === 'loyalty')).toBe(true);
    const [event] = await platformEvents(db, 'registry.module.created');
    expect(event?.entityId).toBe('loyalty');
    const [audit] = await platformAudit(db, 'module.created');
    expect(audit).toMatchObject({ actorId: superadmin.id, entityId: 'loyalty', requestId: 'req-test' });

    const again = await failure(createModule(deps, superadmin, customModule('loyalty'), meta));
    expect(again).toMatchObject({ status: 409, code: 'MODULE_EXISTS' });
  });

  it('refuses bad keys, prefixes that do not match the module, duplicates and reserved keys', async () => {
    const deps = registryDeps(db);
    const cases = [
      {
        ...customModule('gifts', { 'card.issue': [] }),
        permissions: [{ key: 'gifts.card', description: 'x', roles: [] }],
      },
      customModule('Gifts'),
      { ...customModule('gifts'), permissions: [{ key: 'pos.card.issue', description: 'x', roles: [] }] },
      { ...customModule('gifts'), features: [{ key: 'pos.cards', name: 'Cards' }] },
      {
        ...customModule('gifts'),
        permissions: [
          { key: 'gifts.card.issue', description: 'x', roles: [] },
          { key: 'gifts.card.issue', description: 'y', roles: [] },
        ],
      },
      customModule('platform', { 'tenant.manage': ['owner'] }),
    ];
    for (const input of cases) {
      const error = await failure(createModule(deps, superadmin, input as never, meta));
      expect(error.status, JSON.stringify(input)).toBe(400);
    }
    const patch = await failure(
      updateModule(
        deps,
        superadmin,
        'pos',
        { permissions: [{ key: 'inventory.item.read', description: 'x', roles: [] }] },
        meta,
      ),
    );
    expect(patch.status).toBe(400);
    expect(JSON.stringify(patch.details)).toContain('permissions.0.key');
  });

  it('is for superadmins only, checked again in the service', async () => {
    const deps = registryDeps(db);
    const tenantUser = {
      kind: 'user' as const,
      id: newId(),
      tenantId: newId(),
      roles: ['owner'],
      permissions: ['platform.module.manage'],
    };
    expect((await failure(listModulesAsSuperadmin(deps, tenantUser))).status).toBe(403);
    expect((await failure(createModule(deps, tenantUser, customModule('sneaky'), meta))).status).toBe(403);
  });

  it('refuses to remove a permission a built-in role holds by default, and allows it once off the defaults', async () => {
    const deps = registryDeps(db);
    const pos = await getModule(deps, superadmin, 'pos');
    const settle = pos.permissions.find((permission) => permission.key === 'pos.ticket.settle');
    expect(settle?.roles.length).toBeGreaterThan(0);
    const without = pos.permissions.filter((permission) => permission.key !== 'pos.ticket.settle');

    const refused = await failure(updateModule(deps, superadmin, 'pos', { permissions: without }, meta));
    expect(refused).toMatchObject({ status: 409, code: 'PERMISSION_IN_USE' });
    expect(refused.details).toEqual({
      permissions: [
        {
          permission: 'pos.ticket.settle',
          defaultRoles: settle?.roles,
          tenants: [],
          tenantCount: 0,
          roles: [],
        },
      ],
    });

    const offDefaults = pos.permissions.map((permission) =>
      permission.key === 'pos.ticket.settle' ? { ...permission, roles: [] } : permission,
    );
    await updateModule(deps, superadmin, 'pos', { permissions: offDefaults }, meta);
    const updated = await updateModule(deps, superadmin, 'pos', { permissions: without }, meta);
    expect(updated.permissions.map((permission) => permission.key)).not.toContain('pos.ticket.settle');
    const events = await platformEvents(db, 'registry.module.updated');
    expect(events.at(-1)?.data).toMatchObject({ key: 'pos', permissionsRemoved: ['pos.ticket.settle'] });
    expect((await deps.registry.enabledFor(newId())).permissions.has('pos.ticket.settle')).toBe(false);
  });

  it('refuses to remove a permission a tenant role holds, as RBAC reports it', async () => {
    const tenantId = newId();
    const asked: string[][] = [];
    const permissionUsage: PermissionUsage = async (keys) => {
      asked.push([...keys]);
      return keys.includes('loyalty.point.grant')
        ? [{ permission: 'loyalty.point.grant', tenants: [tenantId], roles: ['Rewards clerk'] }]
        : [];
    };
    const deps = registryDeps(db, { permissionUsage });
    const loyalty = await getModule(deps, superadmin, 'loyalty');
    const refused = await failure(
      updateModule(
        deps,
        superadmin,
        'loyalty',
        { permissions: loyalty.permissions.filter((p) => p.key !== 'loyalty.point.grant') },
        meta,
      ),
    );
    expect(asked).toEqual([['loyalty.point.grant']]);
    expect(refused.code).toBe('PERMISSION_IN_USE');
    expect(refused.details).toEqual({
      permissions: [
        {
          permission: 'loyalty.point.grant',
          defaultRoles: [],
          tenants: [tenantId],
          tenantCount: 1,
          roles: ['Rewards clerk'],
        },
      ],
    });
    // Names and features change freely.
    const renamed = await updateModule(deps, superadmin, 'loyalty', { name: 'Rewards', features: [] }, meta);
    expect(renamed).toMatchObject({ name: 'Rewards', features: [] });
  });

  it('retires only with confirmation while permissions are in use, never a core module', async () => {
    const deps = registryDeps(db);
    const refused = await failure(retireModule(deps, superadmin, 'loyalty', { confirm: false }, meta));
    expect(refused.code).toBe('PERMISSION_IN_USE');
    expect(JSON.stringify(refused.details)).toContain('loyalty.point.read');

    const core = await failure(retireModule(deps, superadmin, 'identity', { confirm: true }, meta));
    expect(core).toMatchObject({ status: 409, code: 'MODULE_CORE' });

    const tenantId = newId();
    expect((await deps.registry.enabledFor(tenantId)).permissions.has('loyalty.point.read')).toBe(true);
    const retired = await retireModule(deps, superadmin, 'loyalty', { confirm: true }, meta);
    expect(retired.status).toBe('retired');
    const enabled = await deps.registry.enabledFor(tenantId);
    expect(enabled.modules.map((module) => module.key)).not.toContain('loyalty');
    expect(enabled.permissions.has('loyalty.point.read')).toBe(false);
    const [audit] = await platformAudit(db, 'module.retired');
    expect(audit?.metadata).toMatchObject({ confirmed: true });
    expect((await platformEvents(db, 'registry.module.retired')).length).toBe(1);

    expect((await failure(retireModule(deps, superadmin, 'loyalty', { confirm: true }, meta))).code).toBe(
      'MODULE_RETIRED',
    );
    expect((await failure(updateModule(deps, superadmin, 'loyalty', { name: 'Back' }, meta))).code).toBe(
      'MODULE_RETIRED',
    );
  });

  it('retires a module nobody uses without confirmation', async () => {
    const deps = registryDeps(db);
    await createModule(deps, superadmin, customModule('kiosk', { 'screen.read': [] }), meta);
    const retired = await retireModule(deps, superadmin, 'kiosk', { confirm: false }, meta);
    expect(retired.status).toBe('retired');
  });
});
