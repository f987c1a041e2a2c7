import { testRedisUrl, useTestDatabase } from '@tenantry/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { backendTerminator } from './faults/backend-terminator';
import { startEventStream } from './faults/event-stream';
import { expectExactlyOnce } from './faults/expect-exactly-once';
import { type InProcessWorker, startInProcessWorker } from './faults/in-process-worker';
import { provisionLoadTenants } from './faults/load-tenants';
import { settleAndReport } from './faults/settle';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('outbox under load: the worker’s Postgres connections dropped', () => {
  const db = useTestDatabase();
  let worker: InProcessWorker | undefined;
  afterAll(async () => {
    await worker?.stop();
  });

  it('recovers by itself from repeated pg_terminate_backend, applies every committed event once, and drains', async () => {
    const { tenants, tenantDatabases } = await provisionLoadTenants(db);
    const applicationName = 'tenantry-faults-dropped';
    worker = await startInProcessWorker({
      database: db.config,
      applicationName,
      config: { redisUrl: testRedisUrl() },
      holdMs: 5,
    });
    const ownerUrl = new URL(db.config.ownerUrl as string);
    const terminator = backendTerminator(ownerUrl.toString(), {
      databases: [ownerUrl.pathname.slice(1), ...tenantDatabases],
      applicationName,
    });
    const figures = { rounds: 0, connectionsDropped: 0 };
    const stream = startEventStream(db, { tenants, events: 2_400, producers: 4, perSecond: 100 });
    try {
      await stream.reached(200);
      // Only the worker's backends: the producers keep committing, as an API would.
      while (stream.committedCount() < 2_200) {
        figures.connectionsDropped += await terminator.terminate();
        figures.rounds++;
        await sleep(750);
      }
      await stream.finished;
      const settled = await settleAndReport('connection-drop', db, stream.committed, {
        // A relay pass cut between its claim and its marks leaves those events leased for 30 s.
        boundMs: 120_000,
        details: () => ({
          ...figures,
          relayPassesFailed: worker?.warnings.get('outbox relay pass failed') ?? 0,
          jobAttemptsFailed: worker?.warnings.get('event handler failed') ?? 0,
        }),
      });
      // Every round found the worker connected again: its pools reopened by themselves.
      expect(figures.connectionsDropped).toBeGreaterThanOrEqual(figures.rounds);
      expectExactlyOnce(settled);
    } finally {
      await stream.stop();
      await terminator.close();
    }
  });
});
