/**
 * The error taxonomy. Every failure that leaves the platform is one of these
 * kinds; a `code` may refine the kind (TENANT_SUSPENDED refines AUTHZ) so a
 * client can branch on it while generic clients still see the kind's status.
 */
export const errorKinds = {
  VALIDATION: 400,
  AUTHN: 401,
  AUTHZ: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMIT: 429,
  INTERNAL: 500,
} as const;

export type ErrorKind = keyof typeof errorKinds;

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

export interface AppErrorOptions {
  code?: string;
  /** Refines the kind's default status (VALIDATION as 413, 415 or 422; INTERNAL as 503). */
  status?: number;
  details?: unknown;
  cause?: unknown;
}

/** A failure the platform knows how to describe to a client. */
export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly details: unknown;
  readonly status: number;

  constructor(kind: ErrorKind, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.code = options.code ?? kind;
    this.details = options.details;
    this.status = options.status ?? errorKinds[kind];
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

type Factory = (message: string, options?: AppErrorOptions) => AppError;
const factory =
  (kind: ErrorKind): Factory =>
  (message, options) =>
    new AppError(kind, message, options);

/** Input did not match the contract (400); `details` lists the issues. */
export const validationError = factory('VALIDATION');
export const authnError = factory('AUTHN');
export const authzError = factory('AUTHZ');
export const notFoundError = factory('NOT_FOUND');
export const conflictError = factory('CONFLICT');
export const rateLimitError = factory('RATE_LIMIT');
export const internalError = factory('INTERNAL');

/** Refining codes used across modules; domains add their own beside their errors. */
export const errorCodes = {
  TENANT_SUSPENDED: 'TENANT_SUSPENDED',
  TENANT_PENDING: 'TENANT_PENDING',
  TENANT_CONTEXT_MISSING: 'TENANT_CONTEXT_MISSING',
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  MFA_REQUIRED: 'MFA_REQUIRED',
  MODULE_DISABLED: 'MODULE_DISABLED',
  NOT_READY: 'NOT_READY',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_IN_PROGRESS: 'IDEMPOTENCY_IN_PROGRESS',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
} as const;
