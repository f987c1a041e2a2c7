/**
 * Open-loop load: requests start on a fixed schedule (rate per second, evenly
 * spaced) whether or not earlier ones have answered, and each latency runs
 * from its scheduled start, so queueing is measured rather than hidden
 * (autocannon's overallRate sends each second's quota in a burst). Run as
 * its own process by runLoad when `rate` is set.
 */
import http from 'node:http';
import { type LoadOptions, type LoadResult, summarise } from './load-stats';

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions & { rate: number };
const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
const url = new URL(options.url);
const latencies: number[] = [];
const statuses: Record<string, number> = {};
let errors = 0;

const headersOf = (index: number) =>
  options.headerSets?.length ? options.headerSets[index % options.headerSets.length] : options.headers;

const send = (scheduledAt: number, index: number) =>
  new Promise<void>((resolve) => {
    const request = http.request(
      url,
      { method: options.method ?? 'GET', headers: headersOf(index), agent },
      (response) => {
        response.resume();
        response.on('end', () => {
          latencies.push(performance.now() - scheduledAt);
          statuses[response.statusCode ?? 0] = (statuses[response.statusCode ?? 0] ?? 0) + 1;
          resolve();
        });
      },
    );
    request.on('error', () => {
      errors++;
      resolve();
    });
    request.end(options.body);
  });

const started = performance.now();
const total = Math.round(options.rate * options.seconds);
const interval = 1_000 / options.rate;
const inFlight: Promise<void>[] = [];
let next = 0;
await new Promise<void>((resolve) => {
  const tick = () => {
    const now = performance.now();
    while (next < total && started + next * interval <= now) {
      inFlight.push(send(started + next * interval, next));
      next++;
    }
    if (next >= total) return resolve();
    setTimeout(tick, Math.max(0, Math.min(1, started + next * interval - now)));
  };
  tick();
});
await Promise.all(inFlight);
agent.destroy();
const summary: LoadResult = summarise(latencies, options.seconds, statuses, errors);
process.stdout.write(`${JSON.stringify(summary)}\n`);
