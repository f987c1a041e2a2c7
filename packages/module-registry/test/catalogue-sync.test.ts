import { systemClock } from '@tenantry/core';
import { useTestDatabase } from '@tenantry/testing';
import { describe, expect, it } from 'vitest';
import { createRegistry, type ModuleDefinition, readCatalogueFile, syncCatalogue } from '../src';
import { listModuleEntries, updateModuleEntry } from '../src/catalogue.repository';

describe('catalogue sync', () => {
  const db = useTestDatabase();
  const clock = systemClock;
  const stored = () => db.router.withPlatform((tx) => listModuleEntries(tx));

  it('loaded module-registry.json at migration, and a second run changes nothing', async () => {
    const file = readCatalogueFile().modules;
    const before = await stored();
    expect(before.map((row) => row.key).sort()).toEqual(file.map((module) => module.key).sort());
    expect(before.every((row) => row.source === 'catalogue' && row.status === 'active')).toBe(true);

    expect(await syncCatalogue(db.router, { clock })).toEqual([]);
    expect(await syncCatalogue(db.router, { clock })).toEqual([]);
    expect(await stored()).toEqual(before);
  });

  it('adds new modules, features and permissions and never removes or overwrites', async () => {
    const file = readCatalogueFile().modules;
    const pos = file.find((module) => module.key === 'pos') as ModuleDefinition;
    // A superadmin renamed pos and retired billing; then the file gained and lost things.
    await db.router.withPlatform(async (tx) => {
      await updateModuleEntry(tx, 'pos', { name: 'Till' });
      await updateModuleEntry(tx, 'billing', { status: 'retired' });
    });
    const nextFile: ModuleDefinition[] = [
      ...file.filter((module) => module.key !== 'pos' && module.key !== 'support'),
      {
        ...pos,
        name: 'Point of sale v2',
        features: [...pos.features, { key: 'pos.gift-cards', name: 'Gift cards' }],
        permissions: [
          ...pos.permissions.slice(1),
          { key: 'pos.gift_card.issue', description: 'Issue gift cards', roles: ['owner'] },
        ],
      },
      { key: 'loyalty', name: 'Loyalty', description: 'Points', core: false, features: [], permissions: [] },
    ];

    expect(await syncCatalogue(db.router, { clock }, nextFile)).toEqual(['loyalty']);
    const rows = new Map((await stored()).map((row) => [row.key, row]));
    const storedPos = rows.get('pos');
    expect(storedPos?.name).toBe('Till');
    expect(storedPos?.features.map((feature) => feature.key)).toContain('pos.gift-cards');
    const posKeys = storedPos?.permissions.map((permission) => permission.key) ?? [];
    expect(posKeys).toEqual([...pos.permissions.map((permission) => permission.key), 'pos.gift_card.issue']);
    expect(rows.get('billing')?.status).toBe('retired');
    expect(rows.has('support')).toBe(true);
    expect(rows.get('loyalty')?.source).toBe('catalogue');

    // Idempotent on the new file too.
    const after = await stored();
    expect(await syncCatalogue(db.router, { clock }, nextFile)).toEqual([]);
    expect(await stored()).toEqual(after);
  });

  it('feeds the registry: a retired module is off for every tenant', async () => {
    const registry = createRegistry(db.router);
    const enabled = await registry.enabledFor('00000000-0000-4000-8000-000000000001');
    expect(enabled.modules.map((module) => module.key)).not.toContain('billing');
    expect(enabled.permissions.has('billing.invoice.read')).toBe(false);
    expect(enabled.permissions.has('pos.gift_card.issue')).toBe(true);
  });
});
