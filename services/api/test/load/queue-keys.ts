import { Redis } from 'ioredis';

/** Deletes every Redis key under a run's queue prefix: the shared Redis keeps nothing of the run. */
export const deleteQueueKeys = async (redisUrl: string, prefix: string): Promise<number> => {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
};
