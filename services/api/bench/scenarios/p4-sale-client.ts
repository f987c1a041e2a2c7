/**
 * P4's till client, run as its own process (like the harness's load clients)
 * so it does not share the event loop with the API and worker it measures.
 * A sale is four dependent calls: open a ticket, add a line, pay cash,
 * settle. Closed loop: `tills` sales back to back for `seconds`. Open loop:
 * sales start on a fixed schedule (`rate` per second, evenly spaced) whether
 * or not earlier ones have finished, and each latency runs from its
 * scheduled start. Prints one SaleRun JSON line.
 */
import http from 'node:http';
import type { SaleClientOptions, SaleRun } from './p4-shared';

const options = JSON.parse(process.argv[2] ?? '{}') as SaleClientOptions;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const base = new URL(options.address);
const authorization = `Bearer ${options.token}`;

const call = (method: string, path: string, body?: unknown) =>
  new Promise<Record<string, unknown>>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const request = http.request(
      new URL(path, base),
      {
        method,
        agent,
        headers: {
          authorization,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => {
          if ((response.statusCode ?? 0) >= 300) {
            return reject(new Error(`${method} ${path}: ${response.statusCode} ${text.slice(0, 300)}`));
          }
          resolve((JSON.parse(text) as { data: Record<string, unknown> }).data);
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });

const ticketIds: string[] = [];
const latencies: number[] = [];
const errors: string[] = [];
let failures = 0;

const sale = async (index: number, startedAt: number) => {
  try {
    const shiftId = options.shiftIds[index % options.shiftIds.length];
    const itemId = options.itemIds[Math.floor(Math.random() * options.itemIds.length)];
    const ticket = await call('POST', '/v1/pos/tickets', { shiftId });
    const id = ticket.id as string;
    const priced = await call('POST', `/v1/pos/tickets/${id}/lines`, { itemId, quantity: 1 });
    await call('POST', `/v1/pos/tickets/${id}/payments`, { method: 'cash', amount: priced.total });
    await call('POST', `/v1/pos/tickets/${id}/settle`);
    ticketIds.push(id);
    latencies.push(performance.now() - startedAt);
  } catch (error) {
    failures++;
    if (errors.length < 5) errors.push(String(error));
  }
};

const startedEpoch = Date.now();
const started = performance.now();
if (options.rate) {
  const total = Math.round(options.rate * options.seconds);
  const interval = 1_000 / options.rate;
  const inFlight: Promise<void>[] = [];
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && started + next * interval <= now) {
        inFlight.push(sale(next, started + next * interval));
        next++;
      }
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, Math.min(1, started + next * interval - now)));
    };
    tick();
  });
  await Promise.all(inFlight);
} else {
  const deadline = started + options.seconds * 1_000;
  await Promise.all(
    Array.from({ length: options.tills }, async (_, till) => {
      while (performance.now() < deadline) await sale(till, performance.now());
    }),
  );
}
const run: SaleRun = {
  ticketIds,
  latencies,
  failures,
  errors,
  startedEpoch,
  seconds: (performance.now() - started) / 1_000,
};
agent.destroy();
process.stdout.write(`${JSON.stringify(run)}\n`);
