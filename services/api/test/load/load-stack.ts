import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { DbConfig } from '@tenantry/db';
import { freePort } from '@tenantry/testing';
import { type ServiceProcess, startService } from './service-process';

const apiDir = fileURLToPath(new URL('../..', import.meta.url));
const workerDir = fileURLToPath(new URL('../../../worker', import.meta.url));

export interface LoadStack {
  api: ServiceProcess;
  worker: ServiceProcess;
  baseUrl: string;
  superadmin: { email: string; password: string };
  queuePrefix: string;
  stop(): Promise<void>;
}

/**
 * The API and the worker as production runs them with DATABASE_URL and
 * REDIS_URL: two processes on the test database and Redis, the worker's
 * queues under a prefix of their own.
 */
export const startLoadStack = async (
  database: DbConfig,
  redisUrl: string,
  options: { accessTokenTtlSeconds: number },
): Promise<LoadStack> => {
  const [apiPort, workerPort] = [await freePort(), await freePort()];
  const queuePrefix = `tenantry-load-${randomBytes(5).toString('hex')}`;
  const superadmin = { email: 'root@load.test', password: 'correct horse battery staple 42' };
  const shared = {
    DATABASE_URL: database.ownerUrl ?? '',
    DATABASE_APP_URL: database.appUrl ?? '',
    DATABASE_APP_ROLE: database.appRole,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: 'warn',
  };
  const worker = await startService({
    name: 'worker',
    cwd: workerDir,
    env: { ...shared, WORKER_HOST: '127.0.0.1', WORKER_PORT: String(workerPort) },
    healthUrl: `http://127.0.0.1:${workerPort}/health`,
  });
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  let api: ServiceProcess;
  try {
    api = await startService({
      name: 'api',
      cwd: apiDir,
      env: {
        ...shared,
        HOST: '127.0.0.1',
        PORT: String(apiPort),
        PUBLIC_URL: baseUrl,
        SUPERADMIN_EMAIL: superadmin.email,
        SUPERADMIN_PASSWORD: superadmin.password,
        // Tokens outlive the run: the suite measures load, not sign-in renewals.
        ACCESS_TOKEN_TTL_SECONDS: String(options.accessTokenTtlSeconds),
      },
      healthUrl: `${baseUrl}/health`,
    });
  } catch (error) {
    await worker.stop();
    throw error;
  }
  return {
    api,
    worker,
    baseUrl,
    superadmin,
    queuePrefix,
    async stop() {
      await Promise.all([api.stop(), worker.stop()]);
    },
  };
};
