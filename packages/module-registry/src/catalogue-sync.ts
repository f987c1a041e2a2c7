import type { Clock } from '@tenantry/core';
import type { TenancyRouter } from '@tenantry/db';
import type { ModuleDefinition } from './catalogue.contracts';
import { insertModuleEntry, listModuleEntries, updateModuleEntry } from './catalogue.repository';
import { readCatalogueFile } from './catalogue-file';

const unionByKey = <T extends { key: string }>(stored: readonly T[], incoming: readonly T[]): T[] => {
  const keys = new Set(stored.map((item) => item.key));
  return [...stored, ...incoming.filter((item) => !keys.has(item.key))];
};

/**
 * Loads module-registry.json into module_registry_entries. Additive: new
 * modules, features and permissions appear; nothing a superadmin edited or
 * retired is overwritten, and nothing disappears because the file lost it.
 * Returns the keys of modules added.
 */
export const syncCatalogue = async (
  router: TenancyRouter,
  deps: { clock: Clock },
  modules: readonly ModuleDefinition[] = readCatalogueFile().modules,
): Promise<string[]> =>
  router.withPlatform(async (tx) => {
    const stored = new Map((await listModuleEntries(tx)).map((row) => [row.key, row]));
    const added: string[] = [];
    const now = deps.clock.now();
    for (const module of modules) {
      const existing = stored.get(module.key);
      if (!existing) {
        await insertModuleEntry(tx, { ...module, source: 'catalogue', createdAt: now, updatedAt: now });
        added.push(module.key);
        continue;
      }
      const features = unionByKey(existing.features, module.features);
      const permissions = unionByKey(existing.permissions, module.permissions);
      if (
        features.length !== existing.features.length ||
        permissions.length !== existing.permissions.length
      ) {
        await updateModuleEntry(tx, module.key, { features, permissions, updatedAt: now });
      }
    }
    return added;
  });
