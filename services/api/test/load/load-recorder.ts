import { performance } from 'node:perf_hooks';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field.
export type Body = any;

/** One request of the load: its operation, answer and time, and whatever was wrong with it. */
export interface LoadRequest {
  op: string;
  status: number | 'network-error';
  latencyMs: number;
  /** The answer carried another tenant's data (or a foreign probe succeeded). */
  wrongTenant?: string;
  /** A status the operation does not answer when healthy (429 excepted, counted apart). */
  error?: string;
}

export interface Expectation {
  op: string;
  expected: number[];
  /** Why a 2xx body is not the caller's own, or undefined. */
  foreign?(body: Body): string | undefined;
}

/**
 * Sends JSON requests to the API as a tenant and keeps every outcome. Each
 * answer is checked against the caller: its 2xx body by the operation's own
 * test, and any body for another tenant's ids or prefixes (`markers`).
 */
export const createRecorder = (baseUrl: string) => {
  const requests: LoadRequest[] = [];
  const send = async (
    call: { method: string; path: string; token: string; body?: unknown; markers: readonly string[] },
    expectation: Expectation,
  ): Promise<{ status: number; body: Body } | null> => {
    const started = performance.now();
    try {
      const response = await fetch(`${baseUrl}${call.path}`, {
        method: call.method,
        headers: {
          authorization: `Bearer ${call.token}`,
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
      });
      const text = await response.text();
      const latencyMs = performance.now() - started;
      const status = response.status;
      const body: Body = text ? JSON.parse(text) : null;
      const sent = `${call.path} ${JSON.stringify(call.body ?? '')}`;
      const leaked = call.markers.find((marker) => text.includes(marker) && !sent.includes(marker));
      const ok = status >= 200 && status < 300;
      const wrongTenant = leaked
        ? `names another tenant's ${leaked}`
        : ok
          ? expectation.foreign?.(body)
          : undefined;
      const error =
        status !== 429 && !expectation.expected.includes(status)
          ? `${expectation.op} answered ${status}: ${text.slice(0, 200)}`
          : undefined;
      requests.push({ op: expectation.op, status, latencyMs, wrongTenant, error });
      return { status, body };
    } catch (failure) {
      requests.push({
        op: expectation.op,
        status: 'network-error',
        latencyMs: performance.now() - started,
        error: `${expectation.op}: ${(failure as Error).message}`,
      });
      return null;
    }
  };
  return { requests, send };
};

export type Recorder = ReturnType<typeof createRecorder>;
