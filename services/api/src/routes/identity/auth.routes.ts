import {
  identityContracts as contracts,
  type IdentityDeps,
  listMySessions,
  login,
  logout,
  refresh,
  revokeMySession,
  signup,
} from '@tenantry/identity';
import { z } from 'zod';
import { defineRoute } from '../../http/route';
import { requestMeta } from './request-meta';

/** /v1/auth: sign-up, login, token refresh, logout and the caller's sessions. */
export const authRoutes = (deps: IdentityDeps) => [
  defineRoute({
    method: 'POST',
    path: '/v1/auth/signup',
    operationId: 'signup',
    summary: 'Register a tenant (pending approval) with the caller as its owner',
    module: 'auth',
    access: { public: true },
    body: contracts.signupBody,
    response: contracts.signupResponseSchema,
    successStatus: 201,
    handler: async ({ body, request }) => ({ data: await signup(deps, body, requestMeta(request)) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/auth/login',
    operationId: 'login',
    credentials: true,
    summary: 'Sign in with e-mail and password; answers mfaRequired when the account has MFA',
    module: 'auth',
    access: { public: true },
    body: contracts.loginBody,
    response: contracts.loginResponseSchema,
    errors: [429],
    handler: async ({ body, request }) => {
      const result = await login(deps, body, requestMeta(request));
      return {
        data:
          result.kind === 'tokens'
            ? result.tokens
            : { mfaRequired: true as const, mfaToken: result.mfaToken, expiresIn: result.expiresIn },
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/auth/refresh',
    operationId: 'refreshTokens',
    credentials: true,
    summary: 'Exchange a refresh token for a new pair (the old one stops working)',
    module: 'auth',
    access: { public: true },
    body: contracts.refreshBody,
    response: contracts.tokenPairSchema,
    handler: async ({ body, request }) => ({
      data: await refresh(deps, body.refreshToken, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/auth/logout',
    operationId: 'logout',
    summary: 'End the current session; its access token is refused from now on',
    module: 'auth',
    access: { authenticated: true },
    response: contracts.okSchema,
    handler: async ({ principal, request }) => {
      if (principal) await logout(deps, principal, requestMeta(request));
      return { data: { ok: true as const } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/auth/sessions',
    operationId: 'listSessions',
    summary: "The caller's live sessions",
    module: 'auth',
    access: { authenticated: true },
    response: z.array(contracts.sessionSchema),
    handler: async ({ principal }) => ({ data: principal ? await listMySessions(deps, principal) : [] }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/v1/auth/sessions/:id',
    operationId: 'revokeSession',
    summary: 'End one of the caller’s sessions',
    module: 'auth',
    access: { authenticated: true },
    params: contracts.idParams,
    response: contracts.okSchema,
    handler: async ({ params, principal, request }) => {
      if (principal) await revokeMySession(deps, principal, params.id, requestMeta(request));
      return { data: { ok: true as const } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/auth/jwks.json',
    operationId: 'getJwks',
    summary: 'Public keys that verify access tokens (JWKS)',
    module: 'auth',
    access: { public: true },
    response: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }),
    handler: async ({ reply }) => {
      reply.header('cache-control', 'public, max-age=300');
      return { data: deps.keys.jwks() };
    },
  }),
];
