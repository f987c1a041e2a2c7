import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Cache topics the registry invalidates; `tenant-modules` names the tenant as its subject. */
export type InvalidationTopic = 'catalogue' | 'flags' | 'tenant-modules';

const topics: ReadonlySet<string> = new Set<InvalidationTopic>(['catalogue', 'flags', 'tenant-modules']);
/** Subjects are ids: one word, so a message stays `<instance> <topic> [<subject>]`. */
const subjectPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Runs with the change's subject (e.g. the tenant), or none when the whole cache goes. */
export type InvalidationListener = (subject?: string) => void;

/**
 * Drops in-process caches after a change, here and in every other instance.
 * Without Redis there is one instance, and only local listeners run.
 */
export interface InvalidationBus {
  /** Runs this instance's listeners now and tells the other instances. */
  publish(topic: InvalidationTopic, subject?: string): Promise<void>;
  subscribe(topic: InvalidationTopic, listener: InvalidationListener): void;
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
  const listeners = new Map<InvalidationTopic, Set<InvalidationListener>>();
  const notify = (topic: InvalidationTopic, subject?: string) => {
    for (const listener of listeners.get(topic) ?? []) listener(subject);
  };
  const subscribe = (topic: InvalidationTopic, listener: InvalidationListener) => {
    const set = listeners.get(topic) ?? new Set();
    set.add(listener);
    listeners.set(topic, set);
  };
  const publisher = options.redis;
  if (!publisher) {
    return {
      publish: async (topic, subject) => notify(topic, subject),
      subscribe,
      ready: async () => {},
      close: async () => {},
    };
  }

  const channel = options.channel ?? defaultInvalidationChannel;
  const instance = randomUUID();
  const subscriber = publisher.duplicate();
  subscriber.on('message', (from: string, message: string) => {
    const [sender, topic, subject, ...rest] = message.split(' ');
    if (from !== channel || sender === instance || topic === undefined || !topics.has(topic)) return;
    // A malformed subject still drops the whole topic: losing a cache is safe, keeping a stale one is not.
    const valid = subject !== undefined && rest.length === 0 && subjectPattern.test(subject);
    notify(topic as InvalidationTopic, valid ? subject : undefined);
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
    async publish(topic, subject) {
      notify(topic, subject);
      const named = subject !== undefined && subjectPattern.test(subject) ? ` ${subject}` : '';
      await publisher.publish(channel, `${instance} ${topic}${named}`).catch(() => 0);
    },
    subscribe,
    ready: () => subscribed,
    close,
  };
};
