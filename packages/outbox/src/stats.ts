import { relayRole, type TenancyRouter } from '@tenantry/db';
import { type PendingStats, pendingStats } from './outbox.repository';

/** Pending and failed counts, and the oldest pending event, over every storage: for metrics. */
export const outboxStats = async (router: TenancyRouter): Promise<PendingStats> => {
  const total: PendingStats = { pending: 0, failed: 0, oldestPendingAt: null };
  for (const storage of [null, ...(await router.isolatedProfiles())]) {
    const stats = await router.withStorage(storage, relayRole, pendingStats);
    total.pending += stats.pending;
    total.failed += stats.failed;
    if (stats.oldestPendingAt && (!total.oldestPendingAt || stats.oldestPendingAt < total.oldestPendingAt)) {
      total.oldestPendingAt = stats.oldestPendingAt;
    }
  }
  return total;
};
