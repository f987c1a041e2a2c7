import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apiConfigFromEnv, buildApp, createPlatformModules } from '@tenantry/api';
import { createDatabaseRuntime } from '@tenantry/db';
import { identityConfigFromEnv } from '@tenantry/identity';
import { migrationPlan } from '@tenantry/platform';
import { createTestDatabase } from '@tenantry/testing';
import { createWorkerRuntime, platformHandlers, workerConfigFromEnv } from '@tenantry/worker';
import pino from 'pino';

export const consoleDist = fileURLToPath(new URL('../../dist', import.meta.url));

/** Builds the console once when dist/ is missing, as `pnpm start` does. */
export const ensureConsoleBuilt = (): void => {
  if (existsSync(`${consoleDist}/index.html`)) return;
  const build = spawnSync('pnpm', ['--silent', '--filter', '@tenantry/console', 'build'], {
    cwd: fileURLToPath(new URL('../../../..', import.meta.url)),
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`console build failed:\n${build.stdout}\n${build.stderr}`);
};

export interface ConsoleServer {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The real API as main.ts wires it, serving the built console, listening on
 * a loopback port over its own database cloned from the run's template.
 * With `worker`, the outbox relay applies events in-process as the embedded
 * default does (a sale's stock deduction).
 */
export const startConsoleServer = async (options: { worker?: boolean } = {}): Promise<ConsoleServer> => {
  const database = await createTestDatabase();
  const db = await createDatabaseRuntime(database.config, migrationPlan);
  const modules = await createPlatformModules({
    db,
    identityConfig: identityConfigFromEnv({ PUBLIC_URL: 'http://tenantry.test' }),
  });
  const app = await buildApp({
    config: apiConfigFromEnv({}),
    db,
    authenticate: modules.authenticate,
    tenantRequestLimit: modules.tenantRequestLimit,
    routes: modules.routes,
    metrics: false,
    consoleDir: consoleDist,
  });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const worker = options.worker
    ? createWorkerRuntime({
        config: { ...workerConfigFromEnv({}), redisUrl: undefined },
        db,
        handlers: platformHandlers(db),
        logger: pino({ level: 'silent' }),
      })
    : undefined;
  worker?.start();
  return {
    baseUrl,
    async close() {
      await worker?.stop();
      await app.close();
      await db.close();
      await database.drop();
    },
  };
};
