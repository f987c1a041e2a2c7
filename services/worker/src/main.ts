import { createDatabaseRuntime, dbConfigFromEnv } from '@tenantry/db';
import { identityConfigFromEnv } from '@tenantry/identity';
import { migrationPlan, prepareDatabase } from '@tenantry/platform';
import pino from 'pino';
import { workerConfigFromEnv } from './config';
import { platformHandlers } from './handlers';
import { buildWorkerHttp } from './http';
import { startMaintenance } from './maintenance';
import { platformMail } from './platform-mail';
import { createWorkerRuntime } from './worker-runtime';

// Composition root of the worker process.
const logger = pino({ level: process.env.LOG_LEVEL || 'info', base: { service: 'tenantry-worker' } });
const config = workerConfigFromEnv();
const dbConfig = dbConfigFromEnv();
const db = await createDatabaseRuntime(dbConfig, migrationPlan);
if (db.kind === 'pglite') {
  logger.error(
    'the worker runs as its own process only on Postgres (DATABASE_URL); the embedded mode runs it inside the API',
  );
  process.exit(1);
}
await prepareDatabase(db);
const mail = platformMail(process.env, db, identityConfigFromEnv());
// The owner URL is a direct connection: the relay LISTENs on it for committed events.
const runtime = createWorkerRuntime({
  config,
  db,
  handlers: platformHandlers(db),
  logger,
  mail,
  listenUrl: dbConfig.ownerUrl,
});
const http = await buildWorkerHttp({ db, queues: runtime.queues });
await http.listen({ host: config.host, port: config.port });
runtime.start();
const stopMaintenance = startMaintenance(db, logger);
logger.info({ mode: runtime.mode, port: config.port }, 'worker started');

let closing = false;
const shutdown = async (signal: string) => {
  if (closing) return;
  closing = true;
  logger.info({ signal }, 'worker stopping: finishing jobs in hand');
  stopMaintenance();
  await runtime.stop();
  await http.close();
  await mail.mailer.close?.();
  await db.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
