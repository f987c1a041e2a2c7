import { createDatabaseRuntime, dbConfigFromEnv } from '@tenantry/db';
import { migrationPlan } from '@tenantry/platform';
import { Redis } from 'ioredis';
import { buildApp } from './app';
import { apiConfigFromEnv } from './config';

// Composition root: the one place that reads the environment and opens connections.
const env = process.env;
const config = apiConfigFromEnv(env);
const dbConfig = dbConfigFromEnv(env);

const db = await createDatabaseRuntime(dbConfig, migrationPlan);
const applied = await db.migrate();
const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : undefined;

const app = await buildApp({
  config,
  db,
  redis,
  logger: { level: env.LOG_LEVEL || 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] },
});

const address = await app.listen({ host: config.host, port: config.port });
const storage =
  db.kind === 'pglite' ? `embedded Postgres in ${dbConfig.dataDir}` : 'Postgres at DATABASE_URL';
console.log(
  [
    '',
    `Tenantry API listening on ${config.publicUrl ?? address}`,
    `  storage: ${storage}; migrations applied now: ${applied.length}`,
    `  rate-limit store: ${redis ? 'Redis' : 'in memory'}`,
    `  health:  ${address}/health    API docs: ${address}/v1/docs`,
    '',
  ].join('\n'),
);

let closing = false;
const shutdown = async (signal: string) => {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await db.close();
  await redis?.quit();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
