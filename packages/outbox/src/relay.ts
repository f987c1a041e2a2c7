import { type ConnectionProfile, relayRole, type TenancyRouter } from '@tenantry/db';
import type { Dispatcher } from './dispatchers';
import {
  type ConsumedTypes,
  claimDue,
  markAttemptFailed,
  markDispatched,
  postpone,
  requeueUnfinished,
} from './outbox.repository';
import { defaultRetryPolicy, type RetryPolicy, retryDelayMs } from './queues';

export interface RelayOptions {
  router: TenancyRouter;
  dispatcher: Dispatcher;
  /**
   * The event types the dispatcher's consumers take (consumedEventTypes of its
   * handlers). An event of another type is recorded completed when it is
   * claimed, with no job and no completion to wait for. Default '*': all are
   * dispatched. A consumer added later does not see events completed before it
   * came, as with a job that found no handler.
   */
  consumedTypes?: ConsumedTypes;
  retry?: RetryPolicy;
  batchSize?: number;
  /** How long a claimed batch is hidden from other relays while it is being dispatched. */
  leaseMs?: number;
  /** Idle polling backs off from the first to the second value. */
  idleMs?: [number, number];
  /** How often the list of schema- and database-mode tenants is read again. */
  storageRefreshMs?: number;
  /** A dispatched event not completed after this long is dispatched again (its job was lost). */
  redispatchAfterMs?: number;
  onError?: (error: unknown) => void;
}

export interface Relay {
  /** One batch from every storage; returns how many events it claimed (handed on, or completed: no consumer). */
  drainOnce(): Promise<number>;
  /** Repeats drainOnce until every storage is empty. */
  drain(): Promise<number>;
  /** Runs the next pass now instead of after the idle wait (e.g. on an event's commit). */
  wake(): void;
  start(): void;
  stop(): Promise<void>;
}

/** The idle wait, cut short by a wake-up; one that came during a pass skips the next wait. */
const createAlarm = () => {
  let pending = false;
  let ring = () => {};
  return {
    wake() {
      pending = true;
      ring();
    },
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        if (pending) {
          pending = false;
          return resolve();
        }
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          pending = false;
          ring = () => {};
          resolve();
        }
        ring = done;
      }),
  };
};

/**
 * Drains event_outbox of the shared database and of every isolated tenant
 * storage: claim (and commit), dispatch outside any transaction, then record
 * each outcome. A relay that dies between dispatch and record leaves the rows
 * leased; they are dispatched again when the lease ends and deduped downstream.
 * Events no consumer takes (consumedTypes) are completed by the claim itself.
 */
export const createRelay = (options: RelayOptions): Relay => {
  const { router, dispatcher } = options;
  const retry = options.retry ?? defaultRetryPolicy;
  const consumedTypes = options.consumedTypes ?? '*';
  const batchSize = options.batchSize ?? 200;
  const leaseMs = options.leaseMs ?? 30_000;
  const [idleMin, idleMax] = options.idleMs ?? [25, 1_000];
  const refreshMs = options.storageRefreshMs ?? 10_000;
  const redispatchAfterMs = options.redispatchAfterMs ?? 5 * 60_000;
  let sweptAt = 0;
  let storages: { list: (ConnectionProfile | null)[]; readAt: number } = { list: [null], readAt: 0 };
  let running: Promise<void> | null = null;
  let stopping = false;
  const alarm = createAlarm();

  const currentStorages = async () => {
    if (Date.now() - storages.readAt > refreshMs) {
      storages = { list: [null, ...(await router.isolatedProfiles())], readAt: Date.now() };
    }
    return storages.list;
  };

  const drainStorage = async (storage: ConnectionProfile | null): Promise<number> => {
    const claimed = await router.withStorage(storage, relayRole, (tx) =>
      claimDue(tx, batchSize, leaseMs, consumedTypes),
    );
    // Those no consumer takes were completed by the claim: nothing more to do for them.
    const handed = claimed.filter((event) => !event.completed);
    if (handed.length === 0) return claimed.length;
    const refs = handed.map(({ envelope }) => ({
      tenantId: envelope.tenant_id as string,
      eventId: envelope.event_id,
    }));
    let results: Awaited<ReturnType<Dispatcher['dispatch']>>;
    try {
      results = await dispatcher.dispatch(handed.map(({ envelope }) => envelope));
    } catch (error) {
      await router.withStorage(storage, relayRole, (tx) => postpone(tx, refs, retry.backoffMs));
      throw error;
    }
    const attemptsById = new Map(handed.map(({ envelope, attempts }) => [envelope.event_id, attempts]));
    await router.withStorage(storage, relayRole, async (tx) => {
      const dispatched = new Set(results.filter((r) => r.outcome === 'dispatched').map((r) => r.eventId));
      await markDispatched(
        tx,
        refs.filter((ref) => dispatched.has(ref.eventId)),
        dispatcher.kind === 'in-process',
      );
      for (const result of results) {
        if (result.outcome !== 'handler_failed') continue;
        const attemptsMade = (attemptsById.get(result.eventId) ?? 0) + 1;
        const ref = refs.find((candidate) => candidate.eventId === result.eventId);
        if (!ref) continue;
        await markAttemptFailed(tx, ref, {
          error: result.error,
          final: attemptsMade >= retry.maxAttempts,
          retryInMs: retryDelayMs(retry, attemptsMade),
        });
      }
    });
    return claimed.length;
  };

  const sweepLostJobs = async (list: (ConnectionProfile | null)[]) => {
    if (dispatcher.kind === 'in-process' || Date.now() - sweptAt < Math.min(redispatchAfterMs, 60_000))
      return;
    sweptAt = Date.now();
    for (const storage of list) {
      try {
        const requeued = await router.withStorage(storage, relayRole, (tx) =>
          requeueUnfinished(tx, redispatchAfterMs),
        );
        // The lost job may still exist under the same id (a failed job is kept a week): remove it so it is re-added.
        for (const eventId of requeued) await dispatcher.forget(eventId);
      } catch (error) {
        options.onError?.(error);
      }
    }
  };

  const drainOnce = async (): Promise<number> => {
    const list = await currentStorages();
    await sweepLostJobs(list);
    let total = 0;
    // One unreachable tenant database must not hold back every storage after it.
    for (const storage of list) {
      try {
        total += await drainStorage(storage);
      } catch (error) {
        options.onError?.(error);
      }
    }
    return total;
  };

  const loop = async () => {
    let idle = idleMin;
    while (!stopping) {
      try {
        const handed = await drainOnce();
        if (handed > 0) {
          idle = idleMin;
          continue;
        }
      } catch (error) {
        options.onError?.(error);
      }
      await alarm.sleep(idle);
      idle = Math.min(idle * 2, idleMax);
    }
  };

  return {
    drainOnce,
    async drain() {
      let total = 0;
      for (let handed = await drainOnce(); handed > 0; handed = await drainOnce()) total += handed;
      return total;
    },
    wake: () => alarm.wake(),
    start() {
      if (running) return;
      stopping = false;
      running = loop();
    },
    async stop() {
      stopping = true;
      alarm.wake();
      await running;
      running = null;
    },
  };
};
