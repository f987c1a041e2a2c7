import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadOptions, LoadResult } from './load-stats';

const closedLoopClient = fileURLToPath(new URL('./load-client.ts', import.meta.url));
const openLoopClient = fileURLToPath(new URL('./open-loop-client.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/**
 * Runs the load from a second process on loopback: autocannon at fixed
 * concurrency, or the open-loop client when `rate` is set. Throws when any
 * answer was not 2xx unless allowed.
 */
export const runLoad = (options: LoadOptions, { allowFailures = false } = {}): Promise<LoadResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(tsx, [options.rate ? openLoopClient : closedLoopClient, JSON.stringify(options)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load client exited with ${code}`));
      const result = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as LoadResult;
      const failed = Object.values(result.failures).reduce((sum, count) => sum + count, 0) + result.errors;
      if (failed > 0 && !allowFailures) {
        return reject(
          new Error(`${options.url}: ${failed} failed answers ${JSON.stringify(result.failures)}`),
        );
      }
      resolve(result);
    });
  });
