import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '@tenantry/testing';
import { waitFor } from '../support';

const ping = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = spawn('redis-cli', ['-p', String(port), 'ping']);
    probe.on('exit', (code) => resolve(code === 0));
    probe.on('error', () => resolve(false));
  });

export interface OwnRedis {
  readonly url: string;
  /** SIGKILL, then the same port again after `downMs`: the queue comes back empty. */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A redis-server of the test's own on a free port (the shared one must never
 * be restarted), without persistence: a restart loses every queued job, the
 * worst a queue outage can do. noeviction, as BullMQ requires.
 */
/** redis-server on `port` without persistence (noeviction, as BullMQ requires), once it answers. */
export const launchRedis = async (port: number): Promise<ChildProcess> => {
  const child = spawn('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--maxmemory-policy',
    'noeviction',
  ]);
  await waitFor(() => ping(port), 10_000, `redis-server on port ${port}`);
  return child;
};

export const startOwnRedis = async (): Promise<OwnRedis> => {
  const port = await freePort();
  const launch = () => launchRedis(port);
  const kill = async (child: ChildProcess) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  let server = await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    async restart(downMs) {
      await kill(server);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      server = await launch();
    },
    stop: () => kill(server),
  };
};
