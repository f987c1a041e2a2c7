import { Writable } from 'node:stream';
import { createDatabaseRuntime, type DatabaseRuntime, type DbConfig } from '@tenantry/db';
import { migrationPlan } from '@tenantry/platform';
import pino from 'pino';
import { createWorkerRuntime, type WorkerConfig, type WorkerRuntime, workerConfigFromEnv } from '../../src';
import { uniquePrefix } from '../support';
import { countingEffectHandler } from './counting-effect';

export interface InProcessWorker {
  readonly db: DatabaseRuntime;
  readonly runtime: WorkerRuntime;
  /** Its warnings by message ("outbox relay pass failed", "event handler failed", ...): what it recovered from. */
  readonly warnings: ReadonlyMap<string, number>;
  stop(): Promise<void>;
}

/** The connection URL with an application_name, which pg takes from the URL over its own default. */
const tagged = (url: string | undefined, applicationName: string) => {
  if (!url) return url;
  const target = new URL(url);
  target.searchParams.set('application_name', applicationName);
  return target.toString();
};

/**
 * The real worker runtime with the counting effect, on database pools of its
 * own whose backends carry `applicationName`, so a test can find and drop
 * exactly the worker's connections and leave the producers' alone.
 */
export const startInProcessWorker = async (options: {
  database: DbConfig;
  applicationName: string;
  config: Partial<WorkerConfig> & { redisUrl: string };
  holdMs?: number;
}): Promise<InProcessWorker> => {
  const db = await createDatabaseRuntime(
    {
      ...options.database,
      ownerUrl: tagged(options.database.ownerUrl, options.applicationName),
      appUrl: tagged(options.database.appUrl, options.applicationName),
    },
    migrationPlan,
  );
  const warnings = new Map<string, number>();
  const counter = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const message = (JSON.parse(line) as { msg?: string }).msg ?? '?';
        warnings.set(message, (warnings.get(message) ?? 0) + 1);
      }
      done();
    },
  });
  const runtime = createWorkerRuntime({
    config: { ...workerConfigFromEnv({}), queuePrefix: uniquePrefix(), ...options.config },
    db,
    handlers: [countingEffectHandler({ holdMs: options.holdMs ?? 0 })],
    logger: pino({ level: 'warn' }, counter),
  });
  runtime.start();
  return {
    db,
    runtime,
    warnings,
    async stop() {
      await runtime.stop();
      await db.close();
    },
  };
};
