/**
 * Schema-driven fuzz of every operation in /v1/openapi.json, as a signed-in
 * tenant owner whose tenant has data in every module. For each operation two
 * seeded fast-check phases send generated requests through app.inject:
 * `rejected` (mutated, poisoned, malformed, mistyped and oversized bodies, with
 * real ids in the path) and `mixed` (valid-ish bodies too, garbage paths,
 * query strings and headers). Every response must be < 500, an error must be
 * the `{ error: { code, message } }` envelope, no body may carry a stack
 * trace, and requests answered 400/413/415/422 must leave the tenant's rows
 * unchanged (checked per batch by a per-table checksum).
 *
 * Reproduce a run with FUZZ_SEED=<seed>; FUZZ_ONLY='<METHOD> <path>' narrows it
 * to one operation; FUZZ_RUNS scales the number of runs per phase.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTenantAdminApp } from '../identity/tenant-admin-support';
import { buildFuzzFixture, type FuzzFixture } from './fuzz-fixture';
import { type FuzzOperation, fuzzOperationsOf, type Phase, requestArbitrary } from './fuzz-requests';
import { Findings, runPhase } from './fuzz-runner';
import type { OpenApiDocument } from './openapi-sweep';

const baseSeed = Number.parseInt(process.env.FUZZ_SEED ?? '', 10) || 20_260_601;
const scale = Number(process.env.FUZZ_RUNS ?? 1) || 1;
const only = process.env.FUZZ_ONLY?.trim();

/** Runs per phase: more where a body or a query gives the generators room. */
const runsFor = (operation: FuzzOperation, phase: Phase): number => {
  const rich = operation.body !== undefined || operation.query.length > 0;
  const base = phase === 'rejected' ? (rich ? 14 : 8) : rich ? 22 : 10;
  return Math.max(1, Math.round(base * scale));
};

describe('schema-driven fuzz: every operation, as a tenant owner', () => {
  const app = useTenantAdminApp();
  let fixture: FuzzFixture;
  let document: OpenApiDocument;

  beforeAll(async () => {
    fixture = await buildFuzzFixture(app);
    const fetched = await app.t.call({ method: 'GET', url: '/v1/openapi.json', token: fixture.token() });
    expect(fetched.status).toBe(200);
    document = fetched.body;
  }, 60_000);

  it('answers every generated request below 500, errors in the envelope, no stack, no write on a refusal', async () => {
    const started = Date.now();
    const operations = fuzzOperationsOf(document).filter(
      (operation) => !only || `${operation.method} ${operation.path}` === only,
    );
    expect(operations.length).toBeGreaterThan(only ? 0 : 100);
    const findings = new Findings();
    const statuses: Record<number, number> = {};
    const signedInAgainAfter: string[] = [];
    let requests = 0;
    for (const operation of operations) {
      for (const phase of ['rejected', 'mixed'] as const) {
        const outcome = await runPhase(
          fixture,
          operation,
          requestArbitrary(operation, { ...fixture, document }, phase),
          { baseSeed, phase, numRuns: runsFor(operation, phase), findings },
        );
        requests += outcome.requests;
        for (const [status, count] of Object.entries(outcome.statuses))
          statuses[Number(status)] = (statuses[Number(status)] ?? 0) + count;
        // A fuzzed logout or session revocation ends the owner's session: sign in again.
        if (await fixture.ensureSignedIn()) signedInAgainAfter.push(`${operation.method} ${operation.path}`);
      }
    }
    console.info(
      [
        `fuzz: seed ${baseSeed}, ${operations.length} operations, ${requests} requests in ${(
          (Date.now() - started) / 1000
        ).toFixed(1)} s`,
        `  statuses: ${JSON.stringify(statuses)}`,
        `  owner signed in again after: ${signedInAgainAfter.join(', ') || 'none'}`,
      ].join('\n'),
    );
    const problems = findings.report();
    if (problems.length > 0)
      console.error(
        `fuzz found ${problems.length} kinds of problem (FUZZ_SEED=${baseSeed}):\n\n${problems.join('\n\n')}`,
      );
    expect(problems, `FUZZ_SEED=${baseSeed}`).toEqual([]);
  }, 240_000);
});
