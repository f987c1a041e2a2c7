import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@tenantry/testing';
import pg from 'pg';

/** Debian's package; PGBOUNCER_BIN points elsewhere. */
export const pgbouncerBinary = process.env.PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer';

/** One `[databases]` entry: a name clients use, the real database, and an optional pool size of its own. */
export interface BouncedDatabase {
  name: string;
  dbname: string;
  poolSize?: number;
}

export interface PgBouncerOptions {
  /** The real server, e.g. postgres://postgres@127.0.0.1:5432/postgres. */
  serverUrl: string;
  databases: BouncedDatabase[];
  /** Login roles clients may use (trust auth: the names must still be in the auth file). */
  users: string[];
  /** Server connections per (database, user) pair. */
  defaultPoolSize: number;
}

export interface PgBouncer {
  port: number;
  /** A URL that reaches `database` through this PgBouncer as `user`. */
  urlFor(database: string, user: string): string;
  /** A query on PgBouncer's admin console (SHOW ...), simple protocol only. */
  admin<T>(command: string): Promise<T[]>;
  /** Everything PgBouncer logged so far (stderr). */
  log(): string;
  stop(): Promise<void>;
}

const iniFor = (options: PgBouncerOptions, port: number, authFile: string): string => {
  const upstream = new URL(options.serverUrl);
  const databases = options.databases.map(
    (db) =>
      `${db.name} = host=${upstream.hostname} port=${upstream.port || 5432} dbname=${db.dbname}` +
      (db.poolSize ? ` pool_size=${db.poolSize}` : ''),
  );
  return [
    '[databases]',
    ...databases,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    // No unix socket: the default /var/run/postgresql may be taken or not writable.
    'unix_socket_dir =',
    'auth_type = trust',
    `auth_file = ${authFile}`,
    `admin_users = ${options.users[0]}`,
    'pool_mode = transaction',
    `default_pool_size = ${options.defaultPoolSize}`,
    'max_client_conn = 200',
    '',
  ].join('\n');
};

const waitUntilListening = (child: ChildProcess, output: () => string): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`PgBouncer did not start:\n${output()}`)), 10_000);
    const onData = () => {
      if (output().includes('process up')) finish();
    };
    const onExit = () => finish(new Error(`PgBouncer exited at start:\n${output()}`));
    const finish = (error?: Error) => {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    onData();
  });

/**
 * Starts PgBouncer in transaction mode on a free port of 127.0.0.1, with its
 * config in a temporary folder. A missing binary is an error, not a skip:
 * the suite exists to run against the real thing.
 */
export const startPgBouncer = async (options: PgBouncerOptions): Promise<PgBouncer> => {
  if (!existsSync(pgbouncerBinary)) {
    throw new Error(
      `PgBouncer is not installed at ${pgbouncerBinary}: the pool suite needs it (apt-get install -y pgbouncer, or set PGBOUNCER_BIN)`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'tenantry-pgbouncer-'));
  const port = await freePort();
  const authFile = join(dir, 'users.txt');
  const iniFile = join(dir, 'pgbouncer.ini');
  writeFileSync(authFile, options.users.map((user) => `"${user}" ""`).join('\n'));
  writeFileSync(iniFile, iniFor(options, port, authFile));
  // PgBouncer refuses to run as root; as root it drops to `nobody`, who must read the folder.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    chmodSync(dir, 0o755);
    chmodSync(authFile, 0o644);
    chmodSync(iniFile, 0o644);
  }
  const child = spawn(pgbouncerBinary, [...(asRoot ? ['-u', 'nobody'] : []), iniFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A test process that ends without stop() (a hook timeout) must not leave PgBouncer running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    await waitUntilListening(child, () => output);
  } catch (error) {
    process.off('exit', killOnExit);
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const urlFor = (database: string, user: string) => `postgres://${user}@127.0.0.1:${port}/${database}`;
  return {
    port,
    urlFor,
    async admin<T>(command: string) {
      const client = new pg.Client({ connectionString: urlFor('pgbouncer', options.users[0] ?? '') });
      await client.connect();
      try {
        return (await client.query(command)).rows as T[];
      } finally {
        await client.end();
      }
    },
    log: () => output,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
