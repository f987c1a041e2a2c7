/**
 * The closed-loop load generator, run as its own process so it does not share the event
 * loop with the server it measures. Reads one LoadOptions JSON argument, runs
 * autocannon, prints one LoadResult JSON line. Latencies come from every
 * response (autocannon's summary has no p95).
 */
import autocannon from 'autocannon';
import { type LoadOptions, type LoadResult, summarise } from './load-stats';

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const latencies: number[] = [];
const statuses: Record<string, number> = {};
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    {
      url: options.url,
      method: options.method ?? 'GET',
      headers: options.headers ?? {},
      body: options.body,
      connections: options.connections,
      duration: options.seconds,
    },
    (error, done) => (error ? reject(error) : resolve(done)),
  );
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
});
const summary: LoadResult = summarise(latencies, result.duration, statuses, result.errors + result.timeouts);
process.stdout.write(`${JSON.stringify(summary)}\n`);
