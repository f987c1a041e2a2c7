import { relayRole, type TenancyRouter } from '@tenantry/db';
import type { Dispatcher } from './dispatchers';
import {
  type EventRef,
  listFailed,
  markCompleted,
  markFailed,
  type OutboxRow,
  resetForRetry,
} from './outbox.repository';

export interface FailedEvent {
  tenantId: string;
  eventId: string;
  type: string;
  entityId: string;
  attempts: number;
  lastError: string | null;
  failedAt: Date | null;
}

const toFailed = (row: OutboxRow): FailedEvent => ({
  tenantId: row.tenantId,
  eventId: row.eventId,
  type: row.type,
  entityId: row.entityId,
  attempts: row.attempts,
  lastError: row.lastError,
  failedAt: row.failedAt,
});

/** Failed events of every storage, newest first: what an operator inspects. */
export const listFailedEvents = async (router: TenancyRouter, limit = 100): Promise<FailedEvent[]> => {
  const storages = [null, ...(await router.isolatedProfiles())];
  const rows: OutboxRow[] = [];
  for (const storage of storages) {
    rows.push(...(await router.withStorage(storage, relayRole, (tx) => listFailed(tx, limit))));
  }
  return rows
    .sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0))
    .slice(0, limit)
    .map(toFailed);
};

/** Puts a failed event back in line; the relay dispatches it again. False if it was not failed. */
export const retryFailedEvent = async (router: TenancyRouter, dispatcher: Dispatcher, ref: EventRef) => {
  await dispatcher.forget(ref.eventId);
  return router.withTenant(ref.tenantId, (tx) => resetForRetry(tx, ref));
};

/** Called when the queue has given an event up: the outbox row records the failure. */
export const recordDispatchFailure = (
  router: TenancyRouter,
  ref: EventRef,
  failure: { error: string; attempts: number },
): Promise<void> => router.withTenant(ref.tenantId, (tx) => markFailed(tx, ref, failure));

/**
 * Records that an event has been applied by every handler, in a transaction of
 * its own. The worker does not need it: consumeEvent's recordCompletion
 * commits the completion with the last handler's inbox row.
 */
export const recordCompletion = (router: TenancyRouter, ref: EventRef): Promise<void> =>
  router.withTenant(ref.tenantId, (tx) => markCompleted(tx, ref));
