import type { TenancyRouter } from '@tenantry/db';
import type { ModuleDefinition, RoleProfile } from './catalogue.contracts';
import { disabledModulesOf, listModuleEntries, type ModuleEntryRow } from './catalogue.repository';
import { readCatalogueFile } from './catalogue-file';

export interface ModuleEntry extends ModuleDefinition {
  status: 'active' | 'retired';
  source: 'catalogue' | 'custom';
}

/** What a tenant can use right now: its enabled modules and the permissions they define. */
export interface TenantModules {
  modules: readonly ModuleEntry[];
  /** Every permission the enabled modules define. */
  permissions: ReadonlySet<string>;
}

export interface Registry {
  roleProfiles: readonly RoleProfile[];
  /** The catalogue, retired modules included. Cached; invalidate() after a change. */
  catalogue(): Promise<readonly ModuleEntry[]>;
  /**
   * Active core modules, and active non-core modules the tenant has not
   * switched off. The switches are cached per tenant for a few seconds;
   * `forgetTenantModules` drops them when a switch commits.
   */
  enabledFor(tenantId: string): Promise<TenantModules>;
  /** The permissions a built-in role profile holds by default among the given modules. */
  defaultPermissions(roleKey: string, modules: readonly ModuleEntry[]): string[];
  /** Drops the catalogue. */
  invalidate(): void;
  /** Drops a tenant's cached module switches (every tenant's without an id). */
  forgetTenantModules(tenantId?: string): void;
}

const catalogueCacheMs = 5_000;
/**
 * A safety net like the catalogue's: a switch drops the entry at once here and,
 * through the invalidation bus, in every other instance; the time to live only
 * bounds staleness when a bus message is lost or there is no Redis.
 */
const tenantModulesCacheMs = 5_000;
/** Tenants whose switches are kept at most; the least recently read go first. */
const tenantModulesCacheSize = 10_000;

/** A stored catalogue row as services see it. */
export const moduleEntryOf = (row: ModuleEntryRow): ModuleEntry => ({
  key: row.key,
  name: row.name,
  description: row.description,
  core: row.core,
  features: row.features,
  permissions: row.permissions,
  status: row.status as ModuleEntry['status'],
  source: row.source as ModuleEntry['source'],
});

/**
 * The registry as services read it. The catalogue and each tenant's module
 * switches change rarely and only through the registry's services: both are
 * cached briefly and dropped at once when a change commits (here directly,
 * in other instances through the invalidation bus), so a switch applies on
 * the tenant's next request in this instance and, elsewhere, once the bus
 * message arrives or at the latest when the entry expires (ADR 0005).
 */
export const createRegistry = (
  router: TenancyRouter,
  options: { now?: () => number; tenantModulesCacheMs?: number } = {},
): Registry => {
  const now = options.now ?? Date.now;
  const switchesTtl = options.tenantModulesCacheMs ?? tenantModulesCacheMs;
  const roleProfiles = readCatalogueFile().roles;
  let cached: { at: number; entries: Promise<ModuleEntry[]> } | null = null;
  const catalogue = (): Promise<ModuleEntry[]> => {
    if (cached && now() - cached.at < catalogueCacheMs) return cached.entries;
    const entries = router.withPlatform(async (tx) => (await listModuleEntries(tx)).map(moduleEntryOf));
    cached = { at: now(), entries };
    entries.catch(() => {
      cached = null;
    });
    return entries;
  };
  // Each entry is stored before its read completes: a change that commits meanwhile
  // deletes it, so a read that began before the change is never served after it.
  const switches = new Map<string, { at: number; disabled: Promise<string[]> }>();
  const disabledModules = (tenantId: string): Promise<string[]> => {
    const hit = switches.get(tenantId);
    if (hit && now() - hit.at < switchesTtl) {
      // Map order is recency order: a read moves the tenant to the back.
      switches.delete(tenantId);
      switches.set(tenantId, hit);
      return hit.disabled;
    }
    const entry = { at: now(), disabled: router.withPlatform((tx) => disabledModulesOf(tx, tenantId)) };
    switches.delete(tenantId);
    switches.set(tenantId, entry);
    if (switches.size > tenantModulesCacheSize) {
      const oldest = switches.keys().next().value;
      if (oldest !== undefined) switches.delete(oldest);
    }
    entry.disabled.catch(() => {
      if (switches.get(tenantId) === entry) switches.delete(tenantId);
    });
    return entry.disabled;
  };
  return {
    roleProfiles,
    catalogue,
    async enabledFor(tenantId) {
      const [entries, disabled] = await Promise.all([catalogue(), disabledModules(tenantId)]);
      const off = new Set(disabled);
      const modules = entries.filter(
        (entry) => entry.status === 'active' && (entry.core || !off.has(entry.key)),
      );
      return {
        modules,
        permissions: new Set(
          modules.flatMap((module) => module.permissions.map((permission) => permission.key)),
        ),
      };
    },
    defaultPermissions(roleKey, modules) {
      return modules.flatMap((module) =>
        module.permissions
          .filter((permission) => (permission.roles as readonly string[]).includes(roleKey))
          .map((permission) => permission.key),
      );
    },
    invalidate() {
      cached = null;
    },
    forgetTenantModules(tenantId) {
      if (tenantId === undefined) switches.clear();
      else switches.delete(tenantId);
    },
  };
};
