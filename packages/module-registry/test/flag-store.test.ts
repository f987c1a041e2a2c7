import { AppError, newId } from '@tenantry/core';
import { testRedisUrl, useTestDatabase } from '@tenantry/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  archiveFeatureFlag,
  createFeatureFlag,
  evaluatedFlagsFor,
  type ModuleRegistryDeps,
  updateFeatureFlag,
} from '../src';
import { meta, platformAudit, platformEvents, registryDeps, superadmin } from './support';

const tenantPrincipal = (tenantId: string, permissions = ['registry.flag.read']) => ({
  kind: 'user' as const,
  id: newId(),
  tenantId,
  roles: ['viewer'],
  permissions,
  tenantStatus: 'active' as const,
});

/** A flag that is off unless rules say otherwise. */
const defineFlag = (deps: ModuleRegistryDeps, key: string, description: string) =>
  createFeatureFlag(
    deps,
    superadmin,
    { key, description, defaultEnabled: false, rules: { tenants: {}, rollout: null } },
    meta,
  );

/** Polls until `check` passes: pub/sub delivery is asynchronous. */
const eventually = async (check: () => Promise<void>, timeoutMs = 3_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
};

describe('feature flag store', () => {
  const db = useTestDatabase();
  const clients: Redis[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.quit()));
  });

  it('evaluates for the caller tenant and invalidates its cache on every change', async () => {
    const deps = registryDeps(db);
    const tenantId = newId();
    const caller = tenantPrincipal(tenantId);
    await defineFlag(deps, 'dark-mode', 'Dark UI');
    expect(await evaluatedFlagsFor(deps, caller)).toContainEqual({ key: 'dark-mode', enabled: false });

    await updateFeatureFlag(
      deps,
      superadmin,
      'dark-mode',
      { rules: { tenants: { [tenantId]: true }, rollout: null } },
      meta,
    );
    expect(await evaluatedFlagsFor(deps, caller)).toContainEqual({ key: 'dark-mode', enabled: true });
    expect(await deps.flags.isEnabled('dark-mode', newId())).toBe(false);

    await archiveFeatureFlag(deps, superadmin, 'dark-mode', meta);
    expect((await evaluatedFlagsFor(deps, caller)).map((flag) => flag.key)).not.toContain('dark-mode');
    expect(await deps.flags.isEnabled('dark-mode', tenantId)).toBe(false);

    for (const type of ['registry.flag.created', 'registry.flag.updated', 'registry.flag.archived']) {
      expect((await platformEvents(db, type)).map((event) => event.entityId)).toEqual(['dark-mode']);
    }
    const [updated] = await platformAudit(db, 'flag.updated');
    expect(updated?.diff).toMatchObject({ rules: { after: { tenants: { [tenantId]: true } } } });

    const archivedChange = await updateFeatureFlag(
      deps,
      superadmin,
      'dark-mode',
      { defaultEnabled: true },
      meta,
    ).catch((error: unknown) => error);
    expect(archivedChange).toBeInstanceOf(AppError);
    expect((archivedChange as AppError).code).toBe('FLAG_ARCHIVED');
  });

  it('keeps evaluations cached between changes: one read serves many evaluations', async () => {
    const deps = registryDeps(db);
    const first = await deps.flags.live();
    expect(await deps.flags.live()).toBe(first);
    await deps.flags.invalidate();
    expect(await deps.flags.live()).not.toBe(first);
  });

  it('refuses tenants without registry.flag.read and platform callers', async () => {
    const deps = registryDeps(db);
    const refused = await evaluatedFlagsFor(deps, tenantPrincipal(newId(), [])).catch(
      (error: unknown) => error,
    );
    expect((refused as AppError).status).toBe(403);
    const platform = await evaluatedFlagsFor(deps, superadmin).catch((error: unknown) => error);
    expect((platform as AppError).status).toBe(403);
  });

  it('invalidates the cache of every instance sharing a Redis', async () => {
    const channel = `tenantry:test:${newId()}`;
    const instance = (): ModuleRegistryDeps => {
      const redis = new Redis(testRedisUrl());
      clients.push(redis);
      return registryDeps(db, { redis, invalidationChannel: channel });
    };
    const a = instance();
    const b = instance();
    await Promise.all([a.invalidation.ready(), b.invalidation.ready()]);
    const tenantId = newId();
    await defineFlag(a, 'shared-flag', 'Seen by both');
    // Both instances read (and cache) the flag as off.
    expect(await b.flags.isEnabled('shared-flag', tenantId)).toBe(false);
    expect(await a.flags.isEnabled('shared-flag', tenantId)).toBe(false);
    const cachedInB = await b.flags.live();

    await updateFeatureFlag(a, superadmin, 'shared-flag', { defaultEnabled: true }, meta);
    expect(await a.flags.isEnabled('shared-flag', tenantId)).toBe(true);
    await eventually(async () => expect(await b.flags.isEnabled('shared-flag', tenantId)).toBe(true));
    expect(await b.flags.live()).not.toBe(cachedInB);

    // The catalogue cache follows the same bus.
    const catalogueInB = await b.registry.catalogue();
    await a.invalidation.publish('catalogue');
    await eventually(async () => expect(await b.registry.catalogue()).not.toBe(catalogueInB));
  });

  it('without a Redis, a second instance keeps its cache until its time to live', async () => {
    const a = registryDeps(db);
    const b = registryDeps(db);
    const tenantId = newId();
    await defineFlag(a, 'local-flag', 'Local');
    expect(await b.flags.isEnabled('local-flag', tenantId)).toBe(false);
    await updateFeatureFlag(a, superadmin, 'local-flag', { defaultEnabled: true }, meta);
    expect(await a.flags.isEnabled('local-flag', tenantId)).toBe(true);
    expect(await b.flags.isEnabled('local-flag', tenantId)).toBe(false);
  });
});
