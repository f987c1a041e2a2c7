import {
  AppError,
  authnError,
  authzError,
  conflictError,
  errorCodes,
  notFoundError,
  rateLimitError,
} from '@tenantry/core';

/** Identity's error catalogue. Credentials failures share one body so they reveal nothing. */
export const identityCodes = {
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  INVALID_TOKEN: 'INVALID_TOKEN',
  LOGIN_LOCKED: 'LOGIN_LOCKED',
  TENANT_REQUIRED: 'TENANT_REQUIRED',
  INVALID_MFA_CODE: 'INVALID_MFA_CODE',
  ALREADY_SET_UP: 'ALREADY_SET_UP',
  ROLE_ABOVE_OWN: 'ROLE_ABOVE_OWN',
  LAST_OWNER: 'LAST_OWNER',
} as const;

export const identityErrors = {
  weakPassword: (message: string) =>
    new AppError('VALIDATION', message, { code: identityCodes.WEAK_PASSWORD, status: 422 }),
  invalidCredentials: () =>
    authnError('Invalid e-mail or password', { code: identityCodes.INVALID_CREDENTIALS }),
  invalidToken: (message = 'Invalid or expired token') =>
    authnError(message, { code: identityCodes.INVALID_TOKEN }),
  locked: (retryAfterSeconds: number) =>
    rateLimitError('Too many failed attempts; try again later', {
      code: identityCodes.LOGIN_LOCKED,
      details: { retryAfterSeconds },
    }),
  tenantSuspended: () => authzError('This tenant is suspended', { code: errorCodes.TENANT_SUSPENDED }),
  tenantPending: () =>
    authzError('This tenant awaits approval; only account routes are open', {
      code: errorCodes.TENANT_PENDING,
    }),
  tenantRequired: (tenants: { slug: string; name: string }[]) =>
    new AppError('VALIDATION', 'This account belongs to several tenants: give tenantSlug', {
      code: identityCodes.TENANT_REQUIRED,
      status: 422,
      details: { tenants },
    }),
  mfaInvalid: () => authnError('Invalid or already used code', { code: identityCodes.INVALID_MFA_CODE }),
  conflict: (message: string, details?: unknown) => conflictError(message, { details }),
  alreadySetUp: () => conflictError('A superadmin already exists', { code: identityCodes.ALREADY_SET_UP }),
  notFound: (what: string) => notFoundError(`${what} not found`),
  roleAboveOwn: () =>
    authzError('You cannot grant a role above your own', { code: identityCodes.ROLE_ABOVE_OWN }),
  lastOwner: () => conflictError('A tenant keeps at least one owner', { code: identityCodes.LAST_OWNER }),
};
