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
  /** Active core modules, and active non-core modules the tenant has not switched off. Read fresh each call. */
  enabledFor(tenantId: string): Promise<TenantModules>;
  /** The permissions a built-in role profile holds by default among the given modules. */
  defaultPermissions(roleKey: string, modules: readonly ModuleEntry[]): string[];
  invalidate(): void;
}

const catalogueCacheMs = 5_000;

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
 * The registry as services read it. The catalogue changes rarely and is
 * cached briefly (and dropped at once on a local change); a tenant's switches
 * are read fresh, so disabling a module applies on the tenant's next request.
 */
export const createRegistry = (router: TenancyRouter, options: { now?: () => number } = {}): Registry => {
  const now = options.now ?? Date.now;
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
  return {
    roleProfiles,
    catalogue,
    async enabledFor(tenantId) {
      const [entries, disabled] = await Promise.all([
        catalogue(),
        router.withPlatform((tx) => disabledModulesOf(tx, tenantId)),
      ]);
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
  };
};
