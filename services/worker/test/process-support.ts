import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workerDir = fileURLToPath(new URL('..', import.meta.url));
const fixture = 'test/fixtures/worker-process.ts';

const startFixture = (command: string, args: string[], env: Record<string, string>): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: workerDir, env: { ...process.env, ...env } });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  });

/** The worker fixture under the tsx runner (which relays SIGTERM to it). */
export const startWorkerProcess = (env: Record<string, string>): Promise<ChildProcess> =>
  startFixture(join(workerDir, 'node_modules/.bin/tsx'), [fixture], env);

/**
 * The worker fixture as one node process with tsx as a loader: a SIGKILL sent
 * to the child is a SIGKILL of the worker itself. (The tsx runner is a parent
 * process; killing it with SIGKILL would leave the worker running.)
 */
export const startWorkerNode = (env: Record<string, string>): Promise<ChildProcess> =>
  startFixture(process.execPath, ['--import', 'tsx', fixture], env);

export const exitOf = (
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
