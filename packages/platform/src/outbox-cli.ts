import { createDatabaseRuntime, dbConfigFromEnv } from '@tenantry/db';
import {
  createQueueDispatcher,
  type Dispatcher,
  defaultRetryPolicy,
  listFailedEvents,
  queueNames,
  retryFailedEvent,
} from '@tenantry/outbox';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { migrationPlan } from './migration-plan';

// Operator tool until the superadmin routes exist:
//   pnpm outbox failed                      lists failed events (newest first)
//   pnpm outbox retry <tenantId> <eventId>  puts one back in line
const [command, tenantId, eventId] = process.argv.slice(2);
const db = await createDatabaseRuntime(dbConfigFromEnv(), migrationPlan);
await db.migrate();
const redis = process.env.REDIS_URL
  ? new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 2 })
  : undefined;
const queue = redis
  ? new Queue(queueNames.outboxDispatch, {
      connection: redis,
      prefix: process.env.QUEUE_PREFIX || 'tenantry',
    })
  : undefined;
const dispatcher: Dispatcher = queue
  ? createQueueDispatcher(queue, defaultRetryPolicy)
  : { kind: 'in-process', dispatch: async () => [], forget: async () => {} };
try {
  if (command === 'failed') {
    const failed = await listFailedEvents(db.router, 200);
    console.log(failed.length ? JSON.stringify(failed, null, 2) : 'no failed events');
  } else if (command === 'retry' && tenantId && eventId) {
    const retried = await retryFailedEvent(db.router, dispatcher, { tenantId, eventId });
    console.log(
      retried ? `event ${eventId} is pending again` : `event ${eventId} is not a failed event of ${tenantId}`,
    );
    process.exitCode = retried ? 0 : 1;
  } else {
    console.log('usage: pnpm outbox failed | pnpm outbox retry <tenantId> <eventId>');
    process.exitCode = 2;
  }
} finally {
  await queue?.close();
  await redis?.quit();
  await db.close();
}
