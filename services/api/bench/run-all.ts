/**
 * `pnpm bench`: every scenario (P1–P6) against its lower bound in the same
 * run, then docs/performance.md rewritten with the figures, the targets
 * beside them, and the machine they ran on. BENCH_ONLY=P1,P4 runs a subset
 * (and then writes docs/performance.partial.md instead).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeEnvironment } from './harness/environment';
import { fixed, markdownTable, renderScenario, type ScenarioResult } from './harness/report';
import { p1TenantList } from './scenarios/p1-tenant-list';
import { p2RlsAtScale } from './scenarios/p2-rls-at-scale';
import { p3OutboxDrain } from './scenarios/p3-outbox-drain';
import { p4PosSale } from './scenarios/p4-pos-sale';
import { p5Login } from './scenarios/p5-login';
import { p6TenantCount } from './scenarios/p6-tenant-count';

const scenarios: Record<string, () => Promise<ScenarioResult>> = {
  P1: p1TenantList,
  P2: p2RlsAtScale,
  P3: p3OutboxDrain,
  P4: p4PosSale,
  P5: p5Login,
  P6: p6TenantCount,
};

const only = process.env.BENCH_ONLY?.split(',').map((id) => id.trim().toUpperCase());
const chosen = Object.keys(scenarios).filter((id) => !only || only.includes(id));
const databaseUrl = process.env.BENCH_DATABASE_SERVER_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

const environment = await describeEnvironment(databaseUrl, redisUrl);
const results: ScenarioResult[] = [];
for (const id of chosen) {
  const started = performance.now();
  console.log(`\n== ${id}`);
  const result = await (scenarios[id] as () => Promise<ScenarioResult>)();
  console.log(renderScenario(result));
  console.log(`(${((performance.now() - started) / 1_000).toFixed(0)} s)`);
  results.push(result);
}

const summary = markdownTable(
  ['scenario', 'ratio', 'measured', 'target', 'met'],
  results.flatMap((result) =>
    result.ratios.map((ratio) => [
      `${result.id} ${result.title}`,
      ratio.label,
      fixed(ratio.value, 3),
      ratio.target,
      ratio.met ? 'yes' : '**no**',
    ]),
  ),
);
const analysis = readFileSync(fileURLToPath(new URL('./analysis.md', import.meta.url)), 'utf8');
const document = [
  '# Performance',
  '',
  'Written by `pnpm bench` (services/api/bench/run-all.ts); do not edit by hand: the',
  'reading of the figures lives in services/api/bench/analysis.md and is appended below.',
  'Each scenario runs the platform and its lower bound in the same run, alternating',
  'arms round by round on the same data; load comes from autocannon in a second',
  'process on loopback. Targets are reported, never asserted in tests.',
  '',
  ...environment,
  '',
  '## Summary',
  '',
  summary,
  '',
  ...results.flatMap((result) => [renderScenario(result), '']),
  analysis.trim(),
  '',
].join('\n');
const target = only ? '../../../docs/performance.partial.md' : '../../../docs/performance.md';
writeFileSync(fileURLToPath(new URL(target, import.meta.url)), document);
console.log(`\nwrote ${target.replace('../../../', '')}`);
process.exit(0);
