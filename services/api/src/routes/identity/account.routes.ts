import {
  accountContracts as account,
  changeEmail,
  changePassword,
  confirmPasswordReset,
  identityContracts as contracts,
  disableMfa,
  enableMfa,
  type IdentityDeps,
  loginWithMfa,
  me,
  requestPasswordReset,
  resendVerification,
  setupMfa,
  verifyEmail,
} from '@tenantry/identity';
import { defineRoute } from '../../http/route';
import { requestMeta, signedIn } from './request-meta';

const ok = { data: { ok: true as const } };
const accepted = { data: { accepted: true as const } };

/** /v1/auth account routes: MFA, password reset and change, e-mail verification and change, /me. */
export const accountRoutes = (deps: IdentityDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/auth/me',
    operationId: 'getMe',
    summary: 'The signed-in user: profile, verification and MFA state, tenant and roles',
    module: 'auth',
    access: { authenticated: true },
    response: account.meSchema,
    handler: async ({ principal }) => ({ data: await me(deps, signedIn(principal)) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/auth/mfa/setup',
    operationId: 'setupMfa',
    credentials: true,
    summary: 'Start TOTP enrolment: a new secret, its otpauth URL and QR code (shown only here)',
    module: 'auth',
    access: { authenticated: true },
    response: account.mfaSetupResponse,
    handler: async ({ principal }) => ({ data: await setupMfa(deps, signedIn(principal)) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/auth/mfa/enable',
    operationId: 'enableMfa',
    credentials: true,
    summary: 'Turn MFA on with the password and a code of the new secret; returns recovery codes',
    module: 'auth',
    access: { authenticated: true },
    body: account.mfaConfirmBody,
    response: account.mfaEnableResponse,
    errors: [429],
    handler: async ({ body, principal, request }) => ({
      data: await enableMfa(deps, signedIn(principal), body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/auth/mfa/disable',
    operationId: 'disableMfa',
    summary: 'Turn MFA off with the password and an authenticator or recovery code',
    module: 'auth',
    access: { authenticated: true },
    body: account.mfaConfirmBody,
    response: contracts.okSchema,
    errors: [429],
    handler: async ({ body, principal, request }) => {
      await disableMfa(deps, signedIn(principal), body, requestMeta(request));
      return ok;
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/auth/login/mfa',
    operationId: 'loginMfa',
    credentials: true,
    summary: 'Second login step: the mfaToken from /v1/auth/login and an authenticator or recovery code',
    module: 'auth',
    access: { public: true },
    body: account.mfaLoginBody,
    response: contracts.tokenPairSchema,
    errors: [429],
    handler: async ({ body, request }) => ({ data: await loginWithMfa(deps, body, requestMeta(request)) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/auth/password-reset/request',
    operationId: 'requestPasswordReset',
    summary: 'E-mail a password-reset link; the answer is the same whether or not the account exists',
    module: 'auth',
    access: { public: true },
    body: account.passwordResetRequestBody,
    response: account.acceptedSchema,
    successStatus: 202,
    handler: async ({ body }) => {
      await requestPasswordReset(deps, body.email);
      return accepted;
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/auth/password-reset/confirm',
    operationId: 'confirmPasswordReset',
    summary: 'Set a new password with the e-mailed token (and an MFA code when the account has MFA)',
    module: 'auth',
    access: { public: true },
    body: account.passwordResetConfirmBody,
    response: contracts.okSchema,
    errors: [429],
    handler: async ({ body, request }) => {
      await confirmPasswordReset(deps, body, requestMeta(request));
      return ok;
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/auth/password',
    operationId: 'changePassword',
    summary: 'Change the password (the current one is required); every session ends',
    module: 'auth',
    access: { authenticated: true },
    body: account.passwordChangeBody,
    response: contracts.okSchema,
    errors: [429],
    handler: async ({ body, principal, request }) => {
      await changePassword(deps, signedIn(principal), body, requestMeta(request));
      return ok;
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/auth/verify-email',
    operationId: 'verifyEmail',
    summary: 'Confirm the e-mail address with the token from the verification e-mail',
    module: 'auth',
    access: { public: true },
    body: account.verifyEmailBody,
    response: contracts.okSchema,
    handler: async ({ body, request }) => {
      await verifyEmail(deps, body.token, requestMeta(request));
      return ok;
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/auth/verify-email/resend',
    operationId: 'resendVerificationEmail',
    summary: 'Send the verification e-mail again (nothing is sent once the address is verified)',
    module: 'auth',
    access: { authenticated: true },
    response: account.acceptedSchema,
    successStatus: 202,
    handler: async ({ principal }) => {
      await resendVerification(deps, signedIn(principal));
      return accepted;
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/auth/email',
    operationId: 'changeEmail',
    summary: 'Change the e-mail address (the password is required); the new one must be verified',
    module: 'auth',
    access: { authenticated: true },
    body: account.emailChangeBody,
    response: account.emailChangeResponse,
    errors: [429],
    handler: async ({ body, principal, request }) => ({
      data: await changeEmail(deps, signedIn(principal), body, requestMeta(request)),
    }),
  }),
];
