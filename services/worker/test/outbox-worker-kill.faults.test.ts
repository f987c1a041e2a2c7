import type { ChildProcess } from 'node:child_process';
import { queueNames } from '@tenantry/outbox';
import { testRedisUrl, useTestDatabase } from '@tenantry/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startEventStream } from './faults/event-stream';
import { expectExactlyOnce } from './faults/expect-exactly-once';
import { provisionLoadTenants } from './faults/load-tenants';
import { settleAndReport } from './faults/settle';
import { exitOf, startWorkerNode } from './process-support';
import { uniquePrefix, waitFor } from './support';

describe('outbox under load: the worker process SIGKILLed mid-job', () => {
  const db = useTestDatabase();

  it('applies every committed event exactly once across repeated kills and restarts, and drains', async () => {
    const { tenants } = await provisionLoadTenants(db);
    const prefix = uniquePrefix();
    const env = {
      DATABASE_URL: db.config.ownerUrl as string,
      DATABASE_APP_URL: db.config.appUrl as string,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: prefix,
      // A killed worker's jobs go to the next one once their lock lapses: 1 s instead of 30 s keeps the run short.
      JOB_LOCK_MS: '1000',
      FIXTURE_HANDLERS: 'counting',
      // Each effect's transaction stays open a little, so a kill finds jobs half-applied.
      FIXTURE_HOLD_MS: '5',
    };
    const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    const queue = new Queue(queueNames.outboxDispatch, { connection: redis, prefix });
    const killAt = [240, 720, 1_200, 1_680];
    const figures = { kills: 0, killsBeforeLastCommit: 0, jobsInHandAtKills: 0 };
    let worker: ChildProcess = await startWorkerNode(env);
    const stream = startEventStream(db, { tenants, events: 2_400, producers: 4, perSecond: 60 });
    try {
      for (const committed of killAt) {
        await stream.reached(committed);
        // Only a worker that is taking jobs can be killed mid-job: the active count
        // alone would also count the jobs a previous worker died holding.
        const completedBefore = await queue.getCompletedCount();
        await waitFor(
          async () => (await queue.getCompletedCount()) >= completedBefore + 20,
          60_000,
          'the restarted worker to take jobs',
        );
        figures.jobsInHandAtKills += await queue.getActiveCount();
        worker.kill('SIGKILL');
        expect((await exitOf(worker)).signal).toBe('SIGKILL');
        figures.kills++;
        if (stream.committedCount() < 2_400) figures.killsBeforeLastCommit++;
        worker = await startWorkerNode(env);
      }
      await stream.finished;
      const settled = await settleAndReport('worker-kill', db, stream.committed, {
        // Restarts take seconds on a busy machine, and a kill between the relay's
        // claim and its dispatch leaves that batch leased for 30 s.
        boundMs: 120_000,
        details: () => figures,
      });
      expect(figures.jobsInHandAtKills).toBeGreaterThan(0);
      expectExactlyOnce(settled);
    } finally {
      await stream.stop();
      worker.kill('SIGTERM');
      await exitOf(worker);
      await queue.obliterate({ force: true });
      await queue.close();
      await redis.quit();
    }
  });
});
