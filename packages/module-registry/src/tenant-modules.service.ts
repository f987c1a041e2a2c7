import type { Principal } from '@tenantry/core';
import { requirePlatformManager } from './access';
import {
  disabledModulesOf,
  findModuleEntry,
  lockTenantModule,
  upsertTenantModule,
} from './catalogue.repository';
import type { ModuleRegistryDeps, RequestMeta } from './deps';
import { registryErrors } from './errors';
import { registryEvents } from './events';
import { auditTenantChange, recordPlatformChange } from './registry-audit';

type Deps = Pick<
  ModuleRegistryDeps,
  'router' | 'clock' | 'newId' | 'registry' | 'tenantStatus' | 'invalidation'
>;

const existingTenant = async (deps: Deps, tenantId: string) => {
  const status = await deps.tenantStatus(tenantId);
  if (!status) throw registryErrors.notFound('Tenant');
  return status;
};

/** GET /v1/superadmin/tenants/:id/modules: every active module and whether the tenant has it. */
export const listTenantModules = async (deps: Deps, principal: Principal, tenantId: string) => {
  requirePlatformManager(principal);
  await existingTenant(deps, tenantId);
  const [entries, disabled] = await Promise.all([
    deps.registry.catalogue(),
    deps.router.withPlatform((tx) => disabledModulesOf(tx, tenantId)),
  ]);
  const off = new Set(disabled);
  return entries
    .filter((entry) => entry.status === 'active')
    .map((entry) => ({
      key: entry.key,
      name: entry.name,
      core: entry.core,
      enabled: entry.core || !off.has(entry.key),
    }));
};

/**
 * Switches a module on or off for one tenant. Core modules stay on (switching
 * one off is MODULE_CORE). A real change writes the event and a platform
 * audit row with it, then the tenant's own audit row (once it has storage);
 * repeating the current state changes nothing. Once it commits, the cached
 * switches of the tenant are dropped here and, through the bus, in every other
 * instance, so it applies on the tenant's next request.
 */
export const setTenantModule = async (
  deps: Deps,
  principal: Principal,
  tenantId: string,
  moduleKey: string,
  enabled: boolean,
  meta: RequestMeta,
) => {
  requirePlatformManager(principal);
  const tenantStatus = await existingTenant(deps, tenantId);
  const result = await deps.router.withPlatform(async (tx) => {
    const entry = await findModuleEntry(tx, moduleKey);
    if (!entry) throw registryErrors.notFound('Module');
    if (entry.status === 'retired') throw registryErrors.moduleRetired(moduleKey);
    const view = { key: entry.key, name: entry.name, core: entry.core, enabled };
    if (entry.core) {
      if (!enabled) throw registryErrors.coreModule(moduleKey, 'switched off');
      return { view, changed: false };
    }
    const was = (await lockTenantModule(tx, tenantId, moduleKey)) ?? true;
    if (was === enabled) return { view, changed: false };
    await upsertTenantModule(tx, tenantId, moduleKey, enabled, deps.clock.now());
    await recordPlatformChange(
      tx,
      deps,
      principal,
      {
        ...changeOf(tenantId, moduleKey, enabled, true),
        event: {
          type: enabled ? registryEvents.tenantModuleEnabled : registryEvents.tenantModuleDisabled,
          entityId: tenantId,
          data: { tenantId, moduleKey },
        },
      },
      meta,
    );
    return { view, changed: true };
  });
  if (result.changed) {
    deps.registry.forgetTenantModules(tenantId);
    await deps.invalidation.publish('tenant-modules', tenantId);
  }
  // A pending tenant has no storage yet: the platform row is its trail.
  if (result.changed && tenantStatus !== 'pending') {
    await auditTenantChange(deps, tenantId, principal, changeOf(tenantId, moduleKey, enabled, false), meta);
  }
  return result.view;
};

const changeOf = (tenantId: string, moduleKey: string, enabled: boolean, platformScope: boolean) => ({
  action: enabled ? 'tenant_module.enabled' : 'tenant_module.disabled',
  entity: { type: 'module', id: moduleKey },
  before: { enabled: !enabled },
  after: { enabled },
  metadata: platformScope ? { tenantId } : {},
});
