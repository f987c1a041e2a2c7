import type { components } from './schema';

export type ErrorEnvelope = components['schemas']['ErrorEnvelope'];

/**
 * A failure the API answered: `code` is the taxonomy code (VALIDATION, AUTHN,
 * NOT_FOUND, ... or a refining one such as TENANT_SUSPENDED), `details` what
 * the API attached (field issues for VALIDATION), `requestId` what support
 * asks for.
 */
export class TenantryApiError extends Error {
  override readonly name = 'TenantryApiError';
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    details?: unknown;
    requestId?: string;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId;
  }
}

const isErrorEnvelope = (body: unknown): body is ErrorEnvelope => {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
};

/**
 * The error for a failed response and its parsed body. A body that is not the
 * API's envelope (a proxy's HTML page, an empty 502) still becomes an error,
 * with code HTTP_ERROR and the raw body as details.
 */
export const apiErrorFrom = (response: Response, body: unknown): TenantryApiError => {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  if (isErrorEnvelope(body)) {
    const { code, message, details } = body.error;
    return new TenantryApiError({ status: response.status, code, message, details, requestId });
  }
  return new TenantryApiError({
    status: response.status,
    code: 'HTTP_ERROR',
    message: `HTTP ${response.status} ${response.statusText}`.trim(),
    details: body,
    requestId,
  });
};
