import type { DatabaseRuntime } from '@tenantry/db';
import { emit } from '../support';

export interface EventStreamOptions {
  tenants: readonly string[];
  events: number;
  /** Concurrent producers, each committing one event per transaction. */
  producers: number;
  /** The steady rate the producers keep between them. */
  perSecond: number;
}

export interface EventStream {
  /** Event ids by tenant, recorded once their transaction has committed. */
  readonly committed: ReadonlyMap<string, readonly string[]>;
  committedCount(): number;
  /** Resolves once `count` events have committed (to inject a fault mid-stream). */
  reached(count: number): Promise<void>;
  /** Resolves with the stream's duration once every event has committed; rejects on a failed commit. */
  readonly finished: Promise<number>;
  /** Ends the stream early (a test that failed midway), once the commits in progress are done. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A steady stream of committed events over several tenants: the load every
 * fault is injected into. Event i is due at start + i / rate, whichever
 * producer takes it, so a slow commit delays one producer, not the stream.
 */
export const startEventStream = (db: DatabaseRuntime, options: EventStreamOptions): EventStream => {
  const committed = new Map<string, string[]>(options.tenants.map((tenant) => [tenant, []]));
  const started = Date.now();
  let next = 0;
  let count = 0;
  const produce = async () => {
    for (let index = next++; index < options.events; index = next++) {
      const wait = started + (index * 1_000) / options.perSecond - Date.now();
      if (wait > 0) await sleep(wait);
      const tenant = options.tenants[index % options.tenants.length] as string;
      const event = await emit(db, tenant, 'test.load');
      committed.get(tenant)?.push(event.event_id);
      count++;
    }
  };
  let state: 'running' | 'ended' | 'failed' = 'running';
  const finished = Promise.all(Array.from({ length: options.producers }, produce)).then(
    () => Date.now() - started,
  );
  // Whoever awaits `finished` sees a failure; this also keeps it from going unhandled meanwhile.
  void finished.then(
    () => {
      state = 'ended';
    },
    () => {
      state = 'failed';
    },
  );
  return {
    committed,
    committedCount: () => count,
    async reached(target) {
      while (count < target) {
        if (state !== 'running') throw new Error(`the stream ${state} at ${count} events, before ${target}`);
        await sleep(20);
      }
    },
    finished,
    async stop() {
      next = options.events;
      await finished.catch(() => {});
    },
  };
};
