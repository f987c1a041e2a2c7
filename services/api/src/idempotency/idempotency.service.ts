import { createHash } from 'node:crypto';
import { AppError, type Clock, errorCodes, validationError } from '@tenantry/core';
import type { TenancyRouter } from '@tenantry/db';
import type { KeyRef } from './idempotency.repository';
import * as keys from './idempotency.repository';

export type Reservation =
  /** `lease` identifies this holder's reservation when it finishes. */
  | { outcome: 'proceed'; lease: Date }
  | { outcome: 'replay'; status: number; body: string; contentType: string | null };

export interface IdempotencyDeps {
  router: TenancyRouter;
  clock: Clock;
  ttlMs: number;
  /** How long an in-progress key blocks twins before a crashed holder is presumed dead. */
  lockMs: number;
}

const keyPattern = /^[\x21-\x7e]{1,255}$/;

export const requestHash = (method: string, route: string, body: unknown): string => {
  let text: string;
  try {
    text = body === undefined ? '' : JSON.stringify(body);
  } catch {
    // JSON.parse accepts nesting that JSON.stringify then overflows the stack on: refuse it.
    throw validationError('The request body is nested too deeply');
  }
  return createHash('sha256').update(`${method} ${route}\n`).update(text).digest('hex');
};

/**
 * Idempotency-Key per the IETF httpapi draft: the first request with a key
 * proceeds, a replay gets the stored response, the same key with another
 * body is 422, and a twin arriving while the first is in flight is 409.
 */
export const createIdempotencyService = (deps: IdempotencyDeps) => ({
  parseKey(header: string | string[] | undefined): string | undefined {
    if (header === undefined) return undefined;
    if (typeof header !== 'string' || !keyPattern.test(header)) {
      throw validationError('Idempotency-Key must be 1 to 255 visible ASCII characters');
    }
    return header;
  },

  reserve(ref: KeyRef, hash: string): Promise<Reservation> {
    const now = deps.clock.now();
    const values = {
      requestHash: hash,
      lockedUntil: new Date(now.getTime() + deps.lockMs),
      expiresAt: new Date(now.getTime() + deps.ttlMs),
    };
    return deps.router.withTenant(ref.tenantId, async (tx): Promise<Reservation> => {
      const proceed = { outcome: 'proceed' as const, lease: values.lockedUntil };
      const inProgress = () =>
        new AppError('CONFLICT', 'A request with this Idempotency-Key is still in progress', {
          code: errorCodes.IDEMPOTENCY_IN_PROGRESS,
        });
      if (await keys.insertInProgress(tx, ref, values)) return proceed;
      const stored = await keys.findKey(tx, ref);
      if (!stored) {
        // Freed between our insert and our read: whoever inserts first now holds it.
        if (await keys.insertInProgress(tx, ref, values)) return proceed;
        throw inProgress();
      }
      if (stored.expiresAt <= now) {
        await keys.restart(tx, ref, values);
        return proceed;
      }
      if (stored.requestHash !== hash) {
        throw validationError('This Idempotency-Key was used with a different request', {
          status: 422,
          code: errorCodes.IDEMPOTENCY_KEY_REUSED,
        });
      }
      if (stored.status === 'in_progress') {
        if (stored.lockedUntil > now) throw inProgress();
        await keys.restart(tx, ref, values);
        return proceed;
      }
      return {
        outcome: 'replay',
        status: stored.responseStatus ?? 200,
        body: stored.responseBody ?? '',
        contentType: stored.responseContentType,
      };
    });
  },

  /** Stores a final answer; a server failure releases the key so the client may retry. */
  finish(
    ref: KeyRef,
    lease: Date,
    response: { status: number; body: string; contentType: string | null },
  ): Promise<void> {
    return deps.router.withTenant(ref.tenantId, (tx) =>
      response.status >= 500 ? keys.release(tx, ref, lease) : keys.complete(tx, ref, lease, response),
    );
  },
});

export type IdempotencyService = ReturnType<typeof createIdempotencyService>;
