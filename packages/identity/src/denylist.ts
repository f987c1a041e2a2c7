import type { Redis } from 'ioredis';

/**
 * Ids (token jti, session id) refused until a time: a revoked access token is
 * still cryptographically valid until it expires, so it is denied by id.
 */
export interface TokenDenylist {
  add(id: string, ttlSeconds: number): Promise<void>;
  /** True when any of the ids is denied. */
  hasAny(ids: readonly string[]): Promise<boolean>;
}

const keyOf = (id: string) => `tenantry:denied:${id}`;

/** Shared by every API instance: the choice when REDIS_URL is set. */
export const redisDenylist = (redis: Redis): TokenDenylist => ({
  async add(id, ttlSeconds) {
    await redis.set(keyOf(id), '1', 'EX', Math.max(1, Math.ceil(ttlSeconds)));
  },
  async hasAny(ids) {
    if (ids.length === 0) return false;
    const found = await redis.mget(...ids.map(keyOf));
    return found.some((value) => value !== null);
  },
});

/** One process (the embedded default): a map with expiries, pruned as it is read. */
export const memoryDenylist = (now: () => number = Date.now): TokenDenylist => {
  const until = new Map<string, number>();
  return {
    async add(id, ttlSeconds) {
      until.set(id, now() + ttlSeconds * 1000);
    },
    async hasAny(ids) {
      const time = now();
      for (const [id, expiry] of until) if (expiry <= time) until.delete(id);
      return ids.some((id) => until.has(id));
    },
  };
};
