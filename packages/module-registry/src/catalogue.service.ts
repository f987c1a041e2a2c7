import type { Principal } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import { isSuperadmin, requirePlatformManager, requireTenantPermission } from './access';
import type { ModuleDefinition } from './catalogue.contracts';
import {
  findModuleEntry,
  insertModuleEntry,
  type ModuleEntryRow,
  updateModuleEntry,
} from './catalogue.repository';
import { moduleDefinitionSchema, type UpdateModuleInput } from './catalogue-admin.contracts';
import type { ModuleRegistryDeps, RequestMeta } from './deps';
import { registryErrors } from './errors';
import { registryEvents } from './events';
import { permissionsInUse } from './permission-usage';
import { registryPermissions } from './permissions';
import { type ModuleEntry, moduleEntryOf } from './registry';
import { type PlatformChange, recordPlatformChange } from './registry-audit';

type Deps = Pick<
  ModuleRegistryDeps,
  'router' | 'clock' | 'newId' | 'registry' | 'invalidation' | 'permissionUsage'
>;

const definitionOf = (entry: ModuleEntry): ModuleDefinition => ({
  key: entry.key,
  name: entry.name,
  description: entry.description,
  core: entry.core,
  features: entry.features,
  permissions: entry.permissions,
});

/** Drops the cached catalogue here and in every instance; after the change commits. */
const catalogueChanged = async (deps: Deps): Promise<void> => {
  deps.registry.invalidate();
  await deps.invalidation.publish('catalogue');
};

/**
 * GET /v1/module-registry/modules. A superadmin sees the whole catalogue; a
 * tenant caller (registry.module.read) sees the active modules, each with
 * whether it is enabled for its tenant.
 */
export const listCatalogueFor = async (deps: Pick<Deps, 'registry'>, principal: Principal) => {
  if (isSuperadmin(principal)) return [...(await deps.registry.catalogue())];
  const tenantId = requireTenantPermission(principal, registryPermissions.moduleRead);
  const [entries, enabled] = await Promise.all([
    deps.registry.catalogue(),
    deps.registry.enabledFor(tenantId),
  ]);
  const on = new Set(enabled.modules.map((module) => module.key));
  return entries
    .filter((entry) => entry.status === 'active')
    .map((entry) => ({ ...entry, enabled: on.has(entry.key) }));
};

export const listModulesAsSuperadmin = async (deps: Pick<Deps, 'registry'>, principal: Principal) => {
  requirePlatformManager(principal);
  return [...(await deps.registry.catalogue())];
};

const readEntry = async (deps: Deps, key: string): Promise<ModuleEntryRow> => {
  const row = await deps.router.withPlatform((tx) => findModuleEntry(tx, key));
  if (!row) throw registryErrors.notFound('Module');
  return row;
};

export const getModule = async (deps: Deps, principal: Principal, key: string) => {
  requirePlatformManager(principal);
  return moduleEntryOf(await readEntry(deps, key));
};

/** Adds a custom module (active, source custom). Its key and permissions must be new. */
export const createModule = async (
  deps: Deps,
  principal: Principal,
  input: ModuleDefinition,
  meta: RequestMeta,
) => {
  requirePlatformManager(principal);
  const parsed = moduleDefinitionSchema.safeParse(input);
  if (!parsed.success) throw registryErrors.invalid(parsed.error.issues);
  const definition = parsed.data;
  const now = deps.clock.now();
  const row: ModuleEntryRow = {
    ...definition,
    status: 'active',
    source: 'custom',
    createdAt: now,
    updatedAt: now,
  };
  await deps.router.withPlatform(async (tx) => {
    if (await findModuleEntry(tx, definition.key)) throw registryErrors.moduleExists(definition.key);
    await insertModuleEntry(tx, row);
    await recordPlatformChange(
      tx,
      deps,
      principal,
      {
        action: 'module.created',
        entity: { type: 'module', id: definition.key },
        after: definition,
        event: {
          type: registryEvents.moduleCreated,
          data: { key: definition.key, permissions: definition.permissions.map((p) => p.key) },
        },
      },
      meta,
    );
  });
  await catalogueChanged(deps);
  return moduleEntryOf(row);
};

/**
 * Locks the entry and checks it is the version the caller's checks were made
 * on: usage across tenants is asked outside the platform transaction (RBAC
 * reads every tenant's storage), so a change in between is a CONFLICT.
 */
const lockUnchanged = async (tx: Tx, seen: ModuleEntryRow) => {
  const row = await findModuleEntry(tx, seen.key);
  if (!row || row.updatedAt.getTime() !== seen.updatedAt.getTime() || row.status !== seen.status) {
    throw registryErrors.changedMeanwhile(seen.key);
  }
  return row;
};

/**
 * Writes a change to an entry the caller checked, with its event and audit
 * row, then drops every instance's cached catalogue.
 */
const commitChange = async (
  deps: Deps,
  principal: Principal,
  seen: ModuleEntryRow,
  values: Partial<ModuleEntryRow>,
  change: PlatformChange,
  meta: RequestMeta,
) => {
  const now = deps.clock.now();
  await deps.router.withPlatform(async (tx) => {
    await lockUnchanged(tx, seen);
    await updateModuleEntry(tx, seen.key, { ...values, updatedAt: now });
    await recordPlatformChange(tx, deps, principal, change, meta);
  });
  await catalogueChanged(deps);
  return moduleEntryOf({ ...seen, ...values, updatedAt: now });
};

/**
 * Edits name, description, features or permissions. The result must pass
 * the catalogue's schema. Removing a permission that a built-in role holds by
 * default or a tenant role holds is PERMISSION_IN_USE: take it off the
 * defaults (and the tenants off their roles), or retire the module.
 */
export const updateModule = async (
  deps: Deps,
  principal: Principal,
  key: string,
  input: UpdateModuleInput,
  meta: RequestMeta,
) => {
  requirePlatformManager(principal);
  const current = await readEntry(deps, key);
  if (current.status === 'retired') throw registryErrors.moduleRetired(key);
  const before = definitionOf(moduleEntryOf(current));
  const parsed = moduleDefinitionSchema.safeParse({ ...before, ...input });
  if (!parsed.success) throw registryErrors.invalid(parsed.error.issues);
  const after = parsed.data;
  const kept = new Set(after.permissions.map((permission) => permission.key));
  const removed = before.permissions.filter((permission) => !kept.has(permission.key));
  const inUse = await permissionsInUse(deps.permissionUsage, removed);
  if (inUse.length > 0) {
    throw registryErrors.permissionInUse(
      inUse,
      'Take them off the default roles and tenant roles first, or retire the module.',
    );
  }
  const previous = new Set(before.permissions.map((permission) => permission.key));
  return commitChange(
    deps,
    principal,
    current,
    after,
    {
      action: 'module.updated',
      entity: { type: 'module', id: key },
      before,
      after,
      event: {
        type: registryEvents.moduleUpdated,
        data: {
          key,
          permissionsAdded: after.permissions.filter((p) => !previous.has(p.key)).map((p) => p.key),
          permissionsRemoved: removed.map((permission) => permission.key),
        },
      },
    },
    meta,
  );
};

/**
 * Retires a module: off for every tenant, its permissions gone from every
 * tenant's list. Core modules cannot be retired. When roles hold its
 * permissions the answer is PERMISSION_IN_USE unless `confirm` is set.
 */
export const retireModule = async (
  deps: Deps,
  principal: Principal,
  key: string,
  options: { confirm: boolean },
  meta: RequestMeta,
) => {
  requirePlatformManager(principal);
  const current = await readEntry(deps, key);
  if (current.status === 'retired') throw registryErrors.moduleRetired(key);
  if (current.core) throw registryErrors.coreModule(key, 'retired');
  const inUse = await permissionsInUse(deps.permissionUsage, current.permissions);
  if (inUse.length > 0 && !options.confirm) {
    throw registryErrors.permissionInUse(inUse, 'Send { "confirm": true } to retire it anyway.');
  }
  return commitChange(
    deps,
    principal,
    current,
    { status: 'retired' },
    {
      action: 'module.retired',
      entity: { type: 'module', id: key },
      before: { status: 'active' },
      after: { status: 'retired' },
      metadata: { confirmed: options.confirm, permissionsInUse: inUse },
      event: {
        type: registryEvents.moduleRetired,
        data: { key, permissionsInUse: inUse.map((use) => use.permission) },
      },
    },
    meta,
  );
};
