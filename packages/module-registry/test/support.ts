import { listAudit } from '@tenantry/audit';
import { newId, type Principal } from '@tenantry/core';
import type { DatabaseRuntime } from '@tenantry/db';
import { eventOutbox } from '@tenantry/outbox';
import { eq } from 'drizzle-orm';
import { createModuleRegistryDeps, type ModuleRegistryDeps } from '../src';

export const superadmin: Principal = {
  kind: 'superadmin',
  id: newId(),
  tenantId: null,
  roles: ['superadmin'],
  permissions: ['platform.module.manage'],
};

/** Registry deps on a test database; every tenant exists and is active unless overridden. */
export const registryDeps = (
  db: DatabaseRuntime,
  overrides: Partial<Parameters<typeof createModuleRegistryDeps>[0]> = {},
): ModuleRegistryDeps =>
  createModuleRegistryDeps({ router: db.router, tenantStatus: async () => 'active', ...overrides });

/** Platform-scope outbox events of one type, oldest first. */
export const platformEvents = (db: DatabaseRuntime, type: string) =>
  db.router.withPlatform(async (tx) =>
    (await tx.select().from(eventOutbox).where(eq(eventOutbox.type, type))).sort(
      (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime(),
    ),
  );

export const platformAudit = (db: DatabaseRuntime, action: string) =>
  db.router.withPlatform((tx) => listAudit(tx, { module: 'registry', action }, 50));

/** A tiny custom module definition with one permission per given role list. */
export const customModule = (key: string, permissionRoles: Record<string, string[]> = {}) => ({
  key,
  name: `${key} module`,
  description: 'made in a test',
  core: false,
  features: [{ key: `${key}.main`, name: 'Main' }],
  permissions: Object.entries(permissionRoles).map(([suffix, roles]) => ({
    key: `${key.replaceAll('-', '_')}.${suffix}`,
    description: suffix,
    roles: roles as ('owner' | 'admin' | 'manager' | 'cashier' | 'member' | 'viewer')[],
  })),
});

export const meta = { ip: '203.0.113.7', requestId: 'req-test' };
