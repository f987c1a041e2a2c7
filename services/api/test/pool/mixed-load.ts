import { performance } from 'node:perf_hooks';
import { createHttpClient } from './http-client';
import type { MarkedTenant } from './pool-tenants';
import { emptyLedger, type TenantLedger } from './tenant-ledger';
import { type PlannedRequest, planRequest } from './tenant-operations';

/** How one request ended, and what was wrong with its answer. */
export interface RequestOutcome {
  op: string;
  tenant: number;
  /** The HTTP status, or how it ended without one. */
  status: number | 'aborted' | 'network-error';
  startedAt: number;
  endedAt: number;
  /** Another tenant's data (or an id, prefix) in the answer. */
  wrongTenant?: string;
  /** An error answer outside the `{ error: { code, message } }` envelope. */
  badEnvelope?: string;
  /** A status the operation never answers when nothing is being killed (5xx are judged by the caller). */
  unexpected?: string;
}

export interface MixedLoadOptions {
  baseUrl: string;
  tenants: MarkedTenant[];
  total: number;
  concurrency: number;
  /** Share of requests the client abandons a few milliseconds after sending them. */
  abortRate: number;
  seed: number;
  /** Started (not awaited by the lanes) once this many requests have ended. */
  milestones?: { after: number; run: () => Promise<void> }[];
}

/** mulberry32: a seeded PRNG, so a failing mix can be replayed. */
const seeded = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** Ids and prefixes of every tenant but one: none may appear in an answer to that one (unless it sent them). */
const foreignMarkers = (tenants: MarkedTenant[], caller: MarkedTenant): string[] =>
  tenants
    .filter((tenant) => tenant !== caller)
    .flatMap((tenant) => [
      tenant.tenantId,
      tenant.prefix,
      tenant.locationId,
      tenant.shiftId,
      ...tenant.items.map((i) => i.id),
    ]);

const envelopeProblem = (status: number, body: unknown): string | undefined => {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string'
    ? undefined
    : `${status} outside the error envelope: ${JSON.stringify(body)?.slice(0, 200)}`;
};

const judge = (
  planned: PlannedRequest,
  status: number,
  text: string,
  markers: string[],
): Pick<RequestOutcome, 'wrongTenant' | 'badEnvelope' | 'unexpected'> => {
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    return { badEnvelope: `${status} not JSON: ${text.slice(0, 200)}` };
  }
  const sent = `${planned.url} ${JSON.stringify(planned.body ?? '')}`;
  const leaked = markers.find((marker) => text.includes(marker) && !sent.includes(marker));
  const ok = status >= 200 && status < 300;
  const foreign = ok ? planned.foreign?.(body) : undefined;
  return {
    wrongTenant: leaked ? `answer names another tenant's ${leaked}` : foreign,
    badEnvelope: ok ? undefined : envelopeProblem(status, body),
    unexpected:
      status < 500 && !planned.expected.includes(status)
        ? `${planned.op} answered ${status}: ${text.slice(0, 200)}`
        : undefined,
  };
};

/**
 * Sends `total` requests of the mix over real HTTP, `concurrency` at a time,
 * each as a random tenant; returns every outcome and each tenant's ledger.
 */
export const runMixedLoad = async (options: MixedLoadOptions) => {
  const random = seeded(options.seed);
  const http = createHttpClient(options.concurrency);
  let counter = 0;
  let issued = 0;
  let ended = 0;
  const outcomes: RequestOutcome[] = [];
  const ledgers = new Map<MarkedTenant, TenantLedger>(options.tenants.map((t) => [t, emptyLedger()]));
  const markers = new Map(options.tenants.map((t) => [t, foreignMarkers(options.tenants, t)]));
  const pending = [...(options.milestones ?? [])].sort((a, b) => a.after - b.after);
  const started: Promise<void>[] = [];
  const pickTenant = () => options.tenants[Math.floor(random() * options.tenants.length)] as MarkedTenant;

  const one = async () => {
    const tenant = pickTenant();
    let other = pickTenant();
    while (other === tenant) other = pickTenant();
    const ledger = ledgers.get(tenant) as TenantLedger;
    const planned = planRequest({ tenant, other, ledger, random, next: () => ++counter });
    const abortAfter = random() < options.abortRate ? random() * 15 : undefined;
    const controller = new AbortController();
    const timer = abortAfter === undefined ? undefined : setTimeout(() => controller.abort(), abortAfter);
    const startedAt = performance.now();
    let outcome: RequestOutcome;
    try {
      const { status, text } = await http.send({
        method: planned.method,
        url: `${options.baseUrl}${planned.url}`,
        headers: {
          authorization: `Bearer ${tenant.token}`,
          ...(planned.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: planned.body === undefined ? undefined : JSON.stringify(planned.body),
        signal: controller.signal,
      });
      outcome = {
        op: planned.op,
        tenant: tenant.index,
        status,
        startedAt,
        endedAt: performance.now(),
        ...judge(planned, status, text, markers.get(tenant) ?? []),
      };
      if (status >= 200 && status < 300) planned.record?.('confirmed');
      else if (status >= 500) planned.record?.('maybe');
    } catch (error) {
      const aborted = controller.signal.aborted;
      // An abandoned write may still have committed: the server finishes what it started.
      planned.record?.('maybe');
      outcome = {
        op: planned.op,
        tenant: tenant.index,
        status: aborted ? 'aborted' : 'network-error',
        startedAt,
        endedAt: performance.now(),
        ...(aborted ? {} : { unexpected: `${planned.op}: ${(error as Error).message}` }),
      };
    } finally {
      clearTimeout(timer);
    }
    outcomes.push(outcome);
    ended += 1;
    while (pending[0] && ended >= pending[0].after)
      started.push((pending.shift() as { run: () => Promise<void> }).run());
  };

  const lane = async () => {
    while (issued < options.total) {
      issued += 1;
      await one();
    }
  };
  const startedAt = performance.now();
  try {
    await Promise.all(Array.from({ length: options.concurrency }, lane));
  } finally {
    http.close();
  }
  const durationMs = performance.now() - startedAt;
  await Promise.all(started);
  return { outcomes, ledgers, durationMs };
};
