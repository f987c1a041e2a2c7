import { ensureAuditPartitions } from '@tenantry/audit';
import type { DatabaseRuntime } from '@tenantry/db';
import type { Logger } from 'pino';

const everyTwelveHours = 12 * 3600 * 1000;

/**
 * Scheduled upkeep: audit partitions for the coming months in every tenant
 * storage. Idempotent, so several worker replicas running it is harmless.
 */
export const startMaintenance = (db: DatabaseRuntime, logger: Logger): (() => void) => {
  const run = () =>
    ensureAuditPartitions(db, { monthsAhead: 3 })
      .then((created) => logger.info({ created }, 'audit partitions ensured'))
      .catch((error: unknown) => logger.warn({ err: error }, 'maintenance failed'));
  void run();
  const timer = setInterval(() => void run(), everyTwelveHours);
  timer.unref();
  return () => clearInterval(timer);
};
