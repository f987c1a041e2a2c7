import { useTestDatabase } from '@tenantry/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEventStream } from './faults/event-stream';
import { expectExactlyOnce } from './faults/expect-exactly-once';
import { type InProcessWorker, startInProcessWorker } from './faults/in-process-worker';
import { provisionLoadTenants } from './faults/load-tenants';
import { outboxBacklog } from './faults/outbox-backlog';
import { type OwnRedis, startOwnRedis } from './faults/redis-server';
import { settleAndReport } from './faults/settle';
import { waitFor } from './support';

describe('outbox under load: Redis restarted mid-load', () => {
  const db = useTestDatabase();
  let redis: OwnRedis;
  let worker: InProcessWorker | undefined;

  beforeAll(async () => {
    redis = await startOwnRedis();
  });
  afterAll(async () => {
    await worker?.stop();
    await redis?.stop();
  });

  it('re-dispatches the jobs Redis lost, applies every committed event exactly once, and drains', async () => {
    const { tenants } = await provisionLoadTenants(db);
    worker = await startInProcessWorker({
      database: db.config,
      applicationName: 'tenantry-faults-redis',
      config: {
        redisUrl: redis.url,
        // Jobs lost with Redis are found by age: 5 s here instead of the default 5 min.
        redispatchAfterMs: 5_000,
        // At most 50 events/s against 80 produced, so Redis holds a backlog of jobs when it dies.
        concurrency: 2,
      },
      holdMs: 40,
    });
    const restarts = [
      { at: 600, downMs: 1_000 },
      { at: 1_500, downMs: 3_000 },
    ];
    let inFlightAtRestarts = 0;
    const stream = startEventStream(db, { tenants, events: 2_400, producers: 4, perSecond: 80 });
    try {
      for (const restart of restarts) {
        await stream.reached(restart.at);
        // Restart while events are queued and not yet applied: their jobs die with Redis.
        let inFlight = 0;
        await waitFor(
          async () => {
            inFlight = (await outboxBacklog(db)).unfinished;
            return inFlight >= 50;
          },
          20_000,
          'jobs in flight',
        );
        inFlightAtRestarts += inFlight;
        await redis.restart(restart.downMs);
      }
      await stream.finished;
      const settled = await settleAndReport('redis-restart', db, stream.committed, {
        // Lost jobs wait out redispatchAfterMs, and the sweep runs that often.
        boundMs: 120_000,
        details: () => ({
          restarts: restarts.length,
          redisDownMs: restarts.reduce((sum, restart) => sum + restart.downMs, 0),
          inFlightAtRestarts,
          relayPassesFailed: worker?.warnings.get('outbox relay pass failed') ?? 0,
        }),
      });
      expect(inFlightAtRestarts).toBeGreaterThan(0);
      expectExactlyOnce(settled);
    } finally {
      await stream.stop();
    }
  });
});
