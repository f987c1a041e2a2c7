import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

const require = createRequire(import.meta.url);
const versionOf = (name: string): string => {
  try {
    // The entry point, not package.json: some packages (drizzle-orm) do not export the latter.
    let dir = dirname(require.resolve(name));
    while (!existsSync(join(dir, 'package.json')) || readPackage(dir).name !== name) {
      if (dirname(dir) === dir) return 'unknown';
      dir = dirname(dir);
    }
    return readPackage(dir).version;
  } catch {
    return 'unknown';
  }
};
const readPackage = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version: string };

/** The machine, the servers and the versions a benchmark ran on, for the report's heading. */
export const describeEnvironment = async (databaseUrl: string, redisUrl: string): Promise<string[]> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const postgres = (await client.query<{ server_version: string }>('show server_version')).rows[0]
    ?.server_version;
  await client.end();
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1];
  await redis.quit();
  const cpu = cpus();
  return [
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average at start ${loadavg()[0]?.toFixed(2)}`,
    `- Node ${process.versions.node}, Postgres ${postgres}, Redis ${redisVersion} (all on this machine, loopback)`,
    `- fastify ${versionOf('fastify')}, pg ${versionOf('pg')}, drizzle-orm ${versionOf('drizzle-orm')}, bullmq ${versionOf('bullmq')}, autocannon ${versionOf('autocannon')}`,
  ];
};
