import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Cache topics the registry invalidates. */
export type InvalidationTopic = 'catalogue' | 'flags';

/**
 * Drops in-process caches after a change, here and in every other instance.
 * Without Redis there is one instance, and only local listeners run.
 */
export interface InvalidationBus {
  /** Runs this instance's listeners now and tells the other instances. */
  publish(topic: InvalidationTopic): Promise<void>;
  subscribe(topic: InvalidationTopic, listener: () => void): void;
  /** Resolves once messages from other instances are being received. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export const defaultInvalidationChannel = 'tenantry:registry:invalidate';

/**
 * The bus on Redis pub/sub: a dedicated subscriber connection (duplicated from
 * `redis`, and ended when `redis` ends). A lost message is bounded by each
 * cache's time to live, so a failed publish does not fail the change that
 * already committed.
 */
export const createInvalidationBus = (options: { redis?: Redis; channel?: string } = {}): InvalidationBus => {
  const listeners = new Map<InvalidationTopic, Set<() => void>>();
  const notify = (topic: InvalidationTopic) => {
    for (const listener of listeners.get(topic) ?? []) listener();
  };
  const subscribe = (topic: InvalidationTopic, listener: () => void) => {
    const set = listeners.get(topic) ?? new Set();
    set.add(listener);
    listeners.set(topic, set);
  };
  const publisher = options.redis;
  if (!publisher) {
    return {
      publish: async (topic) => notify(topic),
      subscribe,
      ready: async () => {},
      close: async () => {},
    };
  }

  const channel = options.channel ?? defaultInvalidationChannel;
  const instance = randomUUID();
  const subscriber = publisher.duplicate();
  subscriber.on('message', (from: string, message: string) => {
    const [sender, topic] = message.split(' ');
    if (from === channel && sender !== instance && (topic === 'catalogue' || topic === 'flags'))
      notify(topic);
  });
  // A subscriber that cannot connect must not crash the process: caches then expire by their TTL.
  subscriber.on('error', () => {});
  const subscribed = subscriber.subscribe(channel).then(
    () => undefined,
    () => undefined,
  );
  const close = async () => {
    subscriber.disconnect();
  };
  publisher.once('end', () => void close());
  return {
    async publish(topic) {
      notify(topic);
      await publisher.publish(channel, `${instance} ${topic}`).catch(() => 0);
    },
    subscribe,
    ready: () => subscribed,
    close,
  };
};
