import { ensureAuditPartitions } from '@tenantry/audit';
import { type Clock, systemClock } from '@tenantry/core';
import { type DatabaseRuntime, purgeExpiredIdempotencyKeys } from '@tenantry/db';
import { cleanupIdentity, identityConfigFromEnv } from '@tenantry/identity';
import type { Logger } from 'pino';

const everyTwelveHours = 12 * 3600 * 1000;

export interface MaintenanceOptions {
  clock?: Clock;
  /** Days login attempts are kept; by default identity's setting from the environment, as the API reads it. */
  retentionDays?: number;
}

/**
 * One upkeep pass: audit partitions for the coming months in every tenant
 * storage, identity's spent rows and expired Idempotency-Keys deleted. Tasks
 * run one after another (the embedded database is one connection) and each
 * logs its own outcome, so one failing does not skip the others.
 */
export const runMaintenance = async (
  db: DatabaseRuntime,
  logger: Logger,
  options: MaintenanceOptions = {},
): Promise<void> => {
  const clock = options.clock ?? systemClock;
  const tasks: [string, () => Promise<unknown>][] = [
    ['audit partitions', () => ensureAuditPartitions(db, { monthsAhead: 3 })],
    [
      'identity cleanup',
      () =>
        cleanupIdentity(
          { router: db.router, clock },
          { retentionDays: options.retentionDays ?? identityConfigFromEnv().lockout.retentionDays },
        ),
    ],
    ['expired idempotency keys', () => purgeExpiredIdempotencyKeys(db, clock.now())],
  ];
  for (const [task, run] of tasks) {
    await run()
      .then((result) => logger.info({ task, result }, 'maintenance task done'))
      .catch((error: unknown) => logger.warn({ err: error, task }, 'maintenance task failed'));
  }
};

/**
 * Scheduled upkeep, now and every twelve hours. Idempotent, so several worker
 * replicas running it is harmless.
 */
export const startMaintenance = (
  db: DatabaseRuntime,
  logger: Logger,
  options: MaintenanceOptions = {},
): (() => void) => {
  const run = () => runMaintenance(db, logger, options);
  void run();
  const timer = setInterval(() => void run(), everyTwelveHours);
  timer.unref();
  return () => clearInterval(timer);
};
