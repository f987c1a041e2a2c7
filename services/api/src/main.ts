import { resolve } from 'node:path';
import { createDatabaseRuntime, dbConfigFromEnv } from '@tenantry/db';
import { ensureBootstrapSuperadmin, identityConfigFromEnv } from '@tenantry/identity';
import { migrationPlan, prepareDatabase } from '@tenantry/platform';
import {
  createWorkerRuntime,
  platformHandlers,
  platformMail,
  startMaintenance,
  workerConfigFromEnv,
} from '@tenantry/worker';
import { Redis } from 'ioredis';
import pino from 'pino';
import { buildApp } from './app';
import { apiConfigFromEnv } from './config';
import { createPlatformModules } from './platform-modules';
import { consoleBasePath, consoleBuildExists } from './plugins/console';
import { signInHint } from './sign-in-hint';

// Composition root: the one place that reads the environment and opens connections.
const env = process.env;
const config = apiConfigFromEnv(env);
const dbConfig = dbConfigFromEnv(env);
const logLevel = env.LOG_LEVEL || 'info';

const db = await createDatabaseRuntime(dbConfig, migrationPlan);
const { applied } = await prepareDatabase(db);
const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : undefined;
const modules = await createPlatformModules({ db, identityConfig: identityConfigFromEnv(env), redis });
const identity = modules.identity;
const superadmin = await ensureBootstrapSuperadmin(identity.deps);

// Without Redis (the embedded default) the worker runs inside this process and
// the relay applies events itself; with Redis it is its own process (pnpm start starts both).
// Mail is sent by whichever process runs the worker.
const inlineMail = !config.redisUrl ? platformMail(env, db, identity.deps.config) : undefined;
const inlineWorker = !config.redisUrl
  ? createWorkerRuntime({
      config: { ...workerConfigFromEnv(env), redisUrl: undefined },
      db,
      handlers: platformHandlers(db),
      mail: inlineMail,
      logger: pino({ level: logLevel, base: { service: 'tenantry-worker' } }),
      // Embedded PGlite has no second session to LISTEN on: the relay polls there.
      listenUrl: db.kind === 'postgres' ? dbConfig.ownerUrl : undefined,
    })
  : undefined;

// The built superadmin console, served beside the API when present (pnpm start builds it).
const consoleDir = config.consoleDir ?? resolve(import.meta.dirname, '../../../apps/console/dist');
const app = await buildApp({
  config,
  db,
  redis,
  authenticate: modules.authenticate,
  tenantRequestLimit: modules.tenantRequestLimit,
  routes: modules.routes,
  consoleDir,
  logger: { level: logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
});

const address = await app.listen({ host: config.host, port: config.port });
const consoleUrl = consoleBuildExists(consoleDir)
  ? `${config.publicUrl ?? address}${consoleBasePath}`
  : undefined;
inlineWorker?.start();
const stopMaintenance = inlineWorker ? startMaintenance(db, app.log as unknown as pino.Logger) : () => {};
const storage =
  db.kind === 'pglite' ? `embedded Postgres in ${dbConfig.dataDir}` : 'Postgres at DATABASE_URL';
console.log(
  [
    '',
    `Tenantry API listening on ${config.publicUrl ?? address}`,
    `  storage: ${storage}; migrations applied now: ${applied.length}`,
    `  worker: ${inlineWorker ? 'in this process (no REDIS_URL)' : 'separate process on Redis'}`,
    `  health:  ${address}/health    API docs: ${address}/v1/docs    metrics: ${address}/metrics`,
    consoleUrl
      ? `  console: ${consoleUrl}`
      : '  console: not built (pnpm --filter @tenantry/console build, or pnpm start builds it)',
    ...signInHint(superadmin, address, identity.deps.config.bootstrapSuperadmin?.email, consoleUrl),
    '',
  ].join('\n'),
);

let closing = false;
const shutdown = async (signal: string) => {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  stopMaintenance();
  await app.close();
  await inlineWorker?.stop();
  await inlineMail?.mailer.close?.();
  await db.close();
  await redis?.quit();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
