/**
 * One fuzz phase of one operation: a seeded fast-check run whose property is
 * the response oracle, then the "nothing written on a rejected request" check
 * over the whole batch (one checksum before, one after, not one per request).
 *
 * Problems are grouped by kind (signature): the first of a kind fails the
 * property, so fast-check shrinks it to a small counterexample; later ones of
 * a known kind are only counted, so one systematic defect neither floods the
 * report nor ends every other operation's run at its first request.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { changedTables, type FuzzFixture, type FuzzResponse, responseProblem } from './fuzz-fixture';
import { describeRequest, type FuzzOperation, type FuzzRequest, type Phase } from './fuzz-requests';

/** Refusals that must leave the tenant's rows as they were. */
export const rejectStatuses = new Set([400, 413, 415, 422]);

interface Finding {
  first: string;
  count: number;
  operations: Set<string>;
}

/** Problems of the whole run, by kind. */
export class Findings {
  private readonly kinds = new Map<string, Finding>();

  known(signature: string): boolean {
    return this.kinds.has(signature);
  }

  add(signature: string, operation: string, first?: string): void {
    const finding = this.kinds.get(signature) ?? {
      first: first ?? '(counted before its counterexample was shrunk)',
      count: 0,
      operations: new Set<string>(),
    };
    if (first && finding.count === 0) finding.first = first;
    finding.count += 1;
    finding.operations.add(operation);
    this.kinds.set(signature, finding);
  }

  /** One entry per kind: the first (shrunk) counterexample, how often, and where. */
  report(): string[] {
    return [...this.kinds].map(([signature, finding]) => {
      const operations = [...finding.operations];
      return [
        `[${signature}] ${finding.count}x in ${operations.length} operation(s): ${operations.slice(0, 8).join(', ')}${
          operations.length > 8 ? `, … ${operations.length - 8} more` : ''
        }`,
        `  ${finding.first}`,
      ].join('\n');
    });
  }
}

interface Sent {
  request: FuzzRequest;
  response: FuzzResponse;
}

/** A stable per-operation seed, so one operation's run does not depend on which others ran. */
export const seedFor = (base: number, operation: FuzzOperation, phase: Phase): number => {
  let hash = base | 0;
  for (const char of `${operation.method} ${operation.path} ${phase}`)
    hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
};

/**
 * The request again, under a fresh Idempotency-Key when it carried a usable
 * one: under the same key a replay answers the stored response and writes
 * nothing, which would hide a write made by the first send.
 */
const again = (request: FuzzRequest, attempt: number): FuzzRequest => {
  const key = request.headers['idempotency-key'];
  if (key === undefined || key.trim().length === 0 || key.length > 200) return request;
  return {
    ...request,
    headers: { ...request.headers, 'idempotency-key': `fuzz-replay-${attempt}-${randomUUID()}` },
  };
};

class KnownProblem extends Error {}

export interface PhaseOutcome {
  requests: number;
  statuses: Record<number, number>;
}

export const runPhase = async (
  fixture: FuzzFixture,
  operation: FuzzOperation,
  arbitrary: fc.Arbitrary<FuzzRequest>,
  options: { baseSeed: number; phase: Phase; numRuns: number; findings: Findings },
): Promise<PhaseOutcome> => {
  const { findings } = options;
  const where = `${operation.method} ${operation.path}`;
  const seed = seedFor(options.baseSeed, operation, options.phase);
  const sent: Sent[] = [];
  let requests = 0;
  const send = async (request: FuzzRequest) => {
    requests += 1;
    return fixture.send(request);
  };

  const before = await fixture.checksum();
  // A run stops at its first new kind of problem; run again (same seed) past it, a few times at most.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const details = await fc.check(
      fc.asyncProperty(arbitrary, async (request) => {
        const response = await send(request);
        sent.push({ request, response });
        const problem = responseProblem(response);
        if (!problem) return;
        if (findings.known(problem.signature)) {
          findings.add(problem.signature, where);
          return;
        }
        throw new KnownProblem(`[${problem.signature}] ${problem.message}`);
      }),
      { seed, numRuns: options.numRuns },
    );
    if (!details.failed) break;
    const [counterexample] = details.counterexample ?? [];
    const error =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    const signature = /^\[([^\]]+)\]/.exec(error)?.[1] ?? error.slice(0, 80);
    findings.add(
      signature,
      where,
      [
        error.split('\n')[0],
        `  reproduce: FUZZ_SEED=${options.baseSeed} FUZZ_ONLY='${where}' (${options.phase} phase seed ${seed}, path "${details.counterexamplePath}", ${details.numShrinks} shrinks)`,
        `  shrunk counterexample: ${counterexample ? describeRequest(counterexample) : '(none)'}`,
      ].join('\n'),
    );
  }
  const after = await fixture.checksum();

  // Nothing written on a rejected request: when every request of the batch was
  // refused, the batch's own checksums decide; otherwise the refused ones are
  // sent again as a batch of their own (a refusal is a function of the request).
  const rejected = sent.filter(({ response }) => rejectStatuses.has(response.status));
  let changed: string[] = [];
  let suspects: Sent[] = rejected;
  if (rejected.length > 0 && rejected.length < sent.length) {
    const replayBefore = await fixture.checksum();
    const replayed: Sent[] = [];
    for (const [index, { request }] of rejected.entries()) {
      const replay = again(request, index);
      replayed.push({ request: replay, response: await send(replay) });
    }
    changed = changedTables(replayBefore, await fixture.checksum());
    suspects = replayed.filter(({ response }) => rejectStatuses.has(response.status));
    // Some are no longer refused (the state moved on): only a refused one that writes on its own counts.
    if (suspects.length < replayed.length && changed.length > 0) changed = ['(to pinpoint)'];
  } else if (rejected.length > 0) {
    changed = changedTables(before, after);
  }
  if (changed.length > 0) {
    const culprit = await pinpoint(fixture, suspects, send, findings);
    if (culprit) findings.add(culprit.signature, where, culprit.first);
    else if (changed[0] !== '(to pinpoint)')
      findings.add(
        `write on a rejected request: ${changed.join(', ')}`,
        where,
        `a batch of ${suspects.length} requests, every one answered ${[
          ...new Set(suspects.map(({ response }) => response.status)),
        ].join('/')}, changed ${changed.join(', ')}; no single request reproduces it`,
      );
  }

  const statuses: Record<number, number> = {};
  for (const { response } of sent) statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  return { requests, statuses };
};

/** The first refused request that changes the checksum on its own, with what it changed. */
const pinpoint = async (
  fixture: FuzzFixture,
  suspects: Sent[],
  send: (request: FuzzRequest) => Promise<FuzzResponse>,
  findings: Findings,
): Promise<{ signature: string; first?: string } | null> => {
  for (const [index, suspect] of suspects.slice(0, 40).entries()) {
    const request = again(suspect.request, index);
    const before = await fixture.checksum();
    const response = await send(request);
    const changed = changedTables(before, await fixture.checksum());
    if (!rejectStatuses.has(response.status) || changed.length === 0) continue;
    const signature = `write on a rejected request: ${changed.join(', ')}`;
    return {
      signature,
      ...(findings.known(signature)
        ? {}
        : {
            first: `a ${response.status} (${response.text.slice(0, 160)}) changed ${changed.join(', ')}:\n  ${describeRequest(request)}`,
          }),
    };
  }
  return null;
};
