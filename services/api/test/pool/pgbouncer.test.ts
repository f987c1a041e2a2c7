import { createTenancyRouter, openPostgres, queryRows, tenantSettings } from '@tenantry/db';
import { testAppLogin } from '@tenantry/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMixedLoad } from './mixed-load';
import { countByStatus, unexcused5xx, unexercisedOperations } from './outcome-summary';
import type { MarkedTenant } from './pool-tenants';
import { leakcheckDatabase, type PooledFixture, startPooledFixture } from './pooled-fixture';
import { type KillRound, killServerConnections, poolUse } from './server-kills';
import { failureCodeOf, type SessionState, sessionStateOf, sessionStateSql } from './session-probe';
import { storedRowMismatches } from './stored-rows';

// Suite 7. Four server connections per (database, user) behind twelve app
// clients: every tenant's transactions share the same few backends.
const serverPoolSize = 4;
const appPoolSize = 12;
const requests = 900;
const concurrency = 24;
const killGraceMs = 2_000;

describe('the API behind PgBouncer in transaction mode', () => {
  let started: Promise<PooledFixture>;

  beforeAll(async () => {
    started = startPooledFixture({ serverPoolSize, appPoolSize, tenants: 6 });
    // A failed start (PgBouncer not installed) fails each test with its reason instead of skipping them.
    await started.catch(() => undefined);
  }, 60_000);

  afterAll(async () => {
    await (await started.catch(() => undefined))?.close();
  });

  it('leaves no tenant, role or failed transaction behind on a pooled server connection', async () => {
    const { bouncer, database, tenants } = await started;
    const url = bouncer.urlFor(leakcheckDatabase, testAppLogin);
    const pooled = openPostgres(url, { max: 3 });
    const probe = openPostgres(url, { max: 1 });
    try {
      const router = createTenancyRouter({
        primary: pooled,
        appRole: database.config.appRole,
        profileCacheMs: 60_000,
        openTenantDatabase: () => Promise.reject(new Error('shared tenants only')),
      });
      const clean = (inside: SessionState) => ({ tenant: '', login: testAppLogin, pid: inside.pid });
      const cleaned = async () => {
        const state = await sessionStateOf(probe);
        return { ...state, tenant: state.tenant ?? '' };
      };
      for (const [index, tenant] of tenants.entries()) {
        const [inside] = await router.withTenant(tenant.tenantId, (tx) =>
          queryRows<SessionState>(tx, sql.raw(sessionStateSql)),
        );
        if (!inside) throw new Error('no state inside the transaction');
        expect(inside).toMatchObject({ tenant: tenant.tenantId, login: database.config.appRole });
        // Another client's next transaction runs on the same backend and finds nothing of it.
        expect(await cleaned()).toEqual(clean(inside));

        // A transaction that fails inside, after set_config: RLS refuses another tenant's row.
        const other = tenants[(index + 1) % tenants.length] as MarkedTenant;
        const failure = router.withTenant(tenant.tenantId, (tx) =>
          tx.insert(tenantSettings).values({ tenantId: other.tenantId, key: 'leak', value: {} }),
        );
        expect(await failureCodeOf(failure)).toBe('42501');
        expect(await cleaned()).toEqual(clean(inside));
      }

      // Without a tenant the app role sees no rows: the policy's cast of '' fails closed.
      const orphan = probe.rawTransaction(async (session) => {
        await session.query(`select set_config('role', $1, true)`, [database.config.appRole]);
        return session.query('select count(*) from inventory_items');
      });
      expect(await failureCodeOf(orphan)).toBe('22P02');

      // The probe does see a leak: session-level state (never used by the router) survives on the backend.
      const first = tenants[0] as MarkedTenant;
      await pooled.rawStatement(`select set_config('app.current_tenant_id', '${first.tenantId}', false)`);
      expect((await sessionStateOf(probe)).tenant).toBe(first.tenantId);
      await pooled.rawStatement(`select set_config('app.current_tenant_id', '', false)`);
    } finally {
      await pooled.close();
      await probe.close();
    }
  });

  it('answers every tenant with its own data only, under mixed load, failing transactions, aborts and killed server connections', async () => {
    const { admin, api, bouncer, database, tenants } = await started;
    const kills: KillRound[] = [];
    const uses: { clients: number; servers: number }[] = [];
    const killRound = async () => {
      uses.push(await poolUse(bouncer, database.name, testAppLogin));
      kills.push(await killServerConnections(bouncer, admin, database.name));
    };
    const load = await runMixedLoad({
      baseUrl: api.baseUrl,
      tenants,
      total: requests,
      concurrency,
      abortRate: 0.06,
      seed: 7,
      milestones: [0.25, 0.5, 0.75].map((share) => ({ after: Math.round(requests * share), run: killRound })),
    });
    const { outcomes } = load;
    const statuses = countByStatus(outcomes);
    const fiveHundreds = outcomes.filter((o) => typeof o.status === 'number' && o.status >= 500);
    const killed = kills.reduce((sum, kill) => sum + kill.killed, 0);
    console.log(
      `pgbouncer suite: ${outcomes.length} requests in ${(load.durationMs / 1000).toFixed(1)} s ` +
        `(${Math.round(outcomes.length / (load.durationMs / 1000))}/s), statuses ${JSON.stringify(statuses)}, ` +
        `server connections killed ${kills.map((k) => k.killed).join('+')}, pool use ${JSON.stringify(uses)}`,
    );

    expect(outcomes).toHaveLength(requests);
    expect(outcomes.filter((o) => o.wrongTenant).map((o) => `${o.op}: ${o.wrongTenant}`)).toEqual([]);
    expect(outcomes.filter((o) => o.badEnvelope).map((o) => o.badEnvelope)).toEqual([]);
    expect(outcomes.filter((o) => o.unexpected).map((o) => o.unexpected)).toEqual([]);
    // A kill breaks at most the one transaction its backend was running: 5xx only then, one per kill at most.
    expect(unexcused5xx(outcomes, kills, killGraceMs)).toEqual([]);
    expect(fiveHundreds.length).toBeLessThanOrEqual(killed);

    // The run proved something: tenants shared few backends, kills landed, every operation was answered.
    expect(killed).toBeGreaterThan(0);
    expect(Math.max(...uses.map((use) => use.servers))).toBeLessThanOrEqual(serverPoolSize);
    expect(Math.max(...uses.map((use) => use.clients))).toBeGreaterThan(serverPoolSize);
    expect(statuses.aborted ?? 0).toBeGreaterThan(0);
    expect(
      unexercisedOperations(outcomes, [
        'list-items',
        'search-foreign-prefix',
        'get-own-item',
        'get-foreign-item',
        'item-stock',
        'item-movements',
        'current-tenant',
        'create-item',
        'duplicate-sku',
        'receive-stock',
        'receive-foreign-item',
        'open-ticket',
        'open-ticket-foreign-shift',
        'invalid-body',
      ]),
    ).toEqual([]);

    // Each tenant's rows are what it wrote, as the owner reads them, and as the tenant reads them under RLS.
    const ownerUrl = database.config.ownerUrl as string;
    expect(await storedRowMismatches(ownerUrl, tenants, load.ledgers)).toEqual([]);
    for (const tenant of tenants) {
      const [visible] = await api.db.router.withTenant(tenant.tenantId, (tx) =>
        queryRows<{ count: number; foreign: number }>(
          tx,
          sql`select count(*)::int as count, count(*) filter (where sku not like ${`${tenant.prefix}%`})::int as foreign
              from inventory_items`,
        ),
      );
      expect(visible?.foreign).toBe(0);
      expect(visible?.count).toBeGreaterThanOrEqual(tenant.items.length);
    }
  }, 60_000);
});
