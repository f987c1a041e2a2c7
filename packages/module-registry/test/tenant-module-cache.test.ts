import { newId } from '@tenantry/core';
import type { TenancyRouter } from '@tenantry/db';
import { testRedisUrl, useTestDatabase } from '@tenantry/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createInvalidationBus, createRegistry, setTenantModule } from '../src';
import { meta, registryDeps, superadmin } from './support';

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

/** The router, counting platform transactions (the switches are platform data). */
const countingRouter = (router: TenancyRouter) => {
  const counter = { platformReads: 0 };
  const counted: TenancyRouter = {
    ...router,
    withPlatform: (fn) => {
      counter.platformReads += 1;
      return router.withPlatform(fn);
    },
  };
  return { router: counted, counter };
};

const enabledKeys = async (registry: ReturnType<typeof createRegistry>, tenantId: string) =>
  (await registry.enabledFor(tenantId)).modules.map((module) => module.key);

describe("a tenant's cached module switches", () => {
  const db = useTestDatabase();
  const clients: Redis[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.quit()));
  });

  it('are read once while cached and dropped when a switch commits in this instance', async () => {
    const { router, counter } = countingRouter(db.router);
    // A clock that stands still: only a switch can drop what is cached.
    const registry = createRegistry(router, { now: () => 0, tenantModulesCacheMs: 3_600_000 });
    const deps = registryDeps(db, { router, registry });
    const tenantId = newId();
    await registry.catalogue();

    const before = counter.platformReads;
    expect(await enabledKeys(registry, tenantId)).toContain('pos');
    expect(await enabledKeys(registry, tenantId)).toContain('pos');
    expect(counter.platformReads - before).toBe(1);

    await setTenantModule(deps, superadmin, tenantId, 'pos', false, meta);
    expect(await enabledKeys(registry, tenantId)).not.toContain('pos');
    // Repeating the current state changes nothing and keeps the cache.
    const afterSwitch = counter.platformReads;
    await setTenantModule(deps, superadmin, tenantId, 'pos', false, meta);
    expect(await enabledKeys(registry, tenantId)).not.toContain('pos');
    expect(counter.platformReads - afterSwitch).toBe(1); // the service's own transaction only

    await setTenantModule(deps, superadmin, tenantId, 'pos', true, meta);
    expect(await enabledKeys(registry, tenantId)).toContain('pos');
  });

  it('are dropped in every instance sharing a Redis, long before their time to live', async () => {
    const channel = `tenantry:test:${newId()}`;
    const instance = () => {
      const redis = new Redis(testRedisUrl());
      clients.push(redis);
      const registry = createRegistry(db.router, { tenantModulesCacheMs: 3_600_000 });
      return registryDeps(db, { redis, invalidationChannel: channel, registry });
    };
    const [here, there] = [instance(), instance()];
    await Promise.all([here.invalidation.ready(), there.invalidation.ready()]);
    const tenantId = newId();
    const other = newId();
    expect(await enabledKeys(there.registry, tenantId)).toContain('inventory');
    await setTenantModule(there, superadmin, other, 'inventory', false, meta);
    expect(await enabledKeys(there.registry, other)).not.toContain('inventory');

    await setTenantModule(here, superadmin, tenantId, 'inventory', false, meta);
    await eventually(async () => {
      expect(await enabledKeys(there.registry, tenantId)).not.toContain('inventory');
    });
    await setTenantModule(here, superadmin, tenantId, 'inventory', true, meta);
    await eventually(async () => {
      expect(await enabledKeys(there.registry, tenantId)).toContain('inventory');
    });
  });

  it('expire after their time to live when no message arrives (no Redis)', async () => {
    let clock = 1_000_000;
    const stale = createRegistry(db.router, { now: () => clock, tenantModulesCacheMs: 5_000 });
    const elsewhere = registryDeps(db);
    const tenantId = newId();
    expect(await enabledKeys(stale, tenantId)).toContain('pos');

    await setTenantModule(elsewhere, superadmin, tenantId, 'pos', false, meta);
    clock += 4_999;
    expect(await enabledKeys(stale, tenantId)).toContain('pos');
    clock += 1;
    expect(await enabledKeys(stale, tenantId)).not.toContain('pos');
  });

  it('never keep a read that began before the switch committed', async () => {
    const tenantId = newId();
    const registry = createRegistry(db.router, { tenantModulesCacheMs: 3_600_000 });
    const deps = registryDeps(db, { registry });
    // The read is in flight while the switch commits and drops the cache.
    const inFlight = registry.enabledFor(tenantId);
    await setTenantModule(deps, superadmin, tenantId, 'pos', false, meta);
    await inFlight;
    expect(await enabledKeys(registry, tenantId)).not.toContain('pos');
  });
});

describe('the invalidation bus', () => {
  const clients: Redis[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.quit()));
  });

  it('carries the subject of a change, and drops the whole topic when the subject is malformed', async () => {
    const channel = `tenantry:test:${newId()}`;
    const redis = new Redis(testRedisUrl());
    clients.push(redis);
    const bus = createInvalidationBus({ redis, channel });
    const heard: (string | undefined)[] = [];
    bus.subscribe('tenant-modules', (subject) => heard.push(subject));
    await bus.ready();

    const tenantId = newId();
    await redis.publish(channel, `another-instance tenant-modules ${tenantId}`);
    await redis.publish(channel, 'another-instance tenant-modules not/an id');
    await redis.publish(channel, 'another-instance unknown-topic');
    await eventually(async () => {
      expect(heard).toEqual([tenantId, undefined]);
    });
    // Its own messages were already handled locally, synchronously.
    await bus.publish('tenant-modules', tenantId);
    expect(heard).toEqual([tenantId, undefined, tenantId]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toHaveLength(3);
  });
});
