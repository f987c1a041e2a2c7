import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What the till client (p4-sale-client.ts) is asked to do. */
export interface SaleClientOptions {
  address: string;
  token: string;
  /** Open shifts; sale i uses shift i mod length. */
  shiftIds: string[];
  itemIds: string[];
  seconds: number;
  /** Closed loop: concurrent tills, each selling back to back. */
  tills: number;
  /** Open loop: sales started per second on a fixed schedule (tills then unused). */
  rate?: number;
}

/** One run of sales: the settled tickets, each sale's latency (ms), failures. */
export interface SaleRun {
  ticketIds: string[];
  latencies: number[];
  failures: number;
  errors: string[];
  /** Date.now() when the first sale started. */
  startedEpoch: number;
  seconds: number;
}

const clientPath = fileURLToPath(new URL('./p4-sale-client.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** Runs the till client in a second process; throws when a sale failed. */
export const runSaleClient = (options: SaleClientOptions): Promise<SaleRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(tsx, [clientPath, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`sale client exited with ${code}`));
      const run = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as SaleRun;
      if (run.failures > 0) {
        return reject(new Error(`${run.failures} sales failed: ${run.errors.join('; ')}`));
      }
      resolve(run);
    });
  });
