import { type EventEnvelope, newId, systemClock } from '@tenantry/core';
import type { DatabaseRuntime } from '@tenantry/db';
import { appendEvent } from '@tenantry/outbox';

export interface SlowTransaction {
  /** The event, appended and not yet committed. */
  readonly appended: Promise<EventEnvelope>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

class RolledBack extends Error {}

/**
 * A transaction that appends an event and then stays open until told how to
 * end: its event gets its id, created_at and next_attempt_at now, and becomes
 * visible only when it commits, after events appended later.
 */
export const openSlowTransaction = (db: DatabaseRuntime, tenantId: string): SlowTransaction => {
  let end: (outcome: 'commit' | 'rollback') => void = () => {};
  const outcome = new Promise<'commit' | 'rollback'>((resolve) => {
    end = resolve;
  });
  let appendedEvent: (event: EventEnvelope) => void = () => {};
  const appended = new Promise<EventEnvelope>((resolve) => {
    appendedEvent = resolve;
  });
  const finished = db.router
    .withTenant(tenantId, async (tx) => {
      appendedEvent(
        await appendEvent(
          tx,
          { tenantId, type: 'test.slow', entityId: newId(), data: {} },
          { clock: systemClock, newId },
        ),
      );
      if ((await outcome) === 'rollback') throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return {
    appended,
    async commit() {
      end('commit');
      await finished;
    },
    async rollback() {
      end('rollback');
      await finished;
    },
  };
};
