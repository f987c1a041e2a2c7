import { randomUUID } from 'node:crypto';
import { errorKinds } from '@tenantry/core';
import { identityCodes } from '@tenantry/identity';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AnyRouteDefinition, allRoutes } from '../../src';
import { activeTenant } from '../identity/support';
import { useTenantAdminApp } from '../identity/tenant-admin-support';
import { type OpenApiDocument, sampleFor } from '../quality/openapi-sweep';
import { catalogue, urlOf } from './support';

type Response = {
  status: number;
  body: { error?: { code?: unknown; details?: { permission?: unknown } } } | undefined;
};

/**
 * What a caller should meet on a route: past the guard; past the guard of an
 * `authenticated` route whose service may still hold a tenant principal to a
 * permission (zero trust), refusing only one the caller lacks; or a refusal.
 */
type Expected =
  | { kind: 'allowed' }
  | { kind: 'open'; scope: ReadonlySet<string> }
  | { kind: 'refused'; status: number; code: string };

const allowed: Expected = { kind: 'allowed' };
const refused = (status: number, code: string): Expected => ({ kind: 'refused', status, code });

const moduleOfPermission = new Map(
  catalogue.modules.flatMap((module) =>
    module.permissions.map((permission) => [permission.key, module.key] as const),
  ),
);

/**
 * What a tenant's API key meets on a route, from the route's declaration alone
 * (the guard in src/http/register-routes.ts, the key's principal from
 * identity's authenticate and RBAC's access resolver):
 * - a route that `requires` a module the tenant has switched off: 403
 *   MODULE_DISABLED, ahead of any permission check;
 * - `authenticated`: the guard takes any principal, but the account routes
 *   (module `auth`: me, sessions, logout, MFA, password, e-mail) serve the
 *   signed-in user, and identity's `userIdOf` refuses every principal without
 *   a user session with 401 INVALID_TOKEN. Other `authenticated` routes are
 *   open, though their service may demand a permission of a tenant principal
 *   (GET /v1/module-registry/modules does: registry.module.read);
 * - `permission`: held only if the key's scope names it and the module that
 *   defines it is enabled (the resolver drops the rest). A `platform.*`
 *   permission is in no module and in no key: 403 AUTHZ like any other.
 */
const expectedForApiKey = (
  route: AnyRouteDefinition,
  scope: ReadonlySet<string>,
  enabledModules: ReadonlySet<string>,
): Expected => {
  const access = route.access;
  if ('public' in access) return allowed;
  if (route.requires && !enabledModules.has(route.requires.module)) return refused(403, 'MODULE_DISABLED');
  if ('authenticated' in access) {
    return route.module === 'auth' ? refused(401, identityCodes.INVALID_TOKEN) : { kind: 'open', scope };
  }
  const module = moduleOfPermission.get(access.permission);
  return scope.has(access.permission) && module !== undefined && enabledModules.has(module)
    ? allowed
    : refused(403, 'AUTHZ');
};

/** Anonymous: only `public` routes let a caller without credentials in; the guard answers 401 AUTHN to the rest. */
const expectedForAnonymous = (route: AnyRouteDefinition): Expected =>
  'public' in route.access ? allowed : refused(errorKinds.AUTHN, 'AUTHN');

/**
 * A mismatch between what a route answered and what was expected, or null.
 * Past the guard a route may refuse the (empty or sampled) request itself,
 * but never with 401/403, and never with a 5xx it does not declare (/ready's 503).
 */
const mismatch = (route: AnyRouteDefinition, expected: Expected, response: Response): string | null => {
  const code = response.body?.error?.code;
  const seen = `${route.method} ${route.path} (${JSON.stringify(route.access)}) -> ${response.status} ${String(code ?? '')}`;
  if (expected.kind === 'refused') {
    return response.status === expected.status && code === expected.code
      ? null
      : `expected ${expected.status} ${expected.code}: ${seen}`;
  }
  const demanded = response.body?.error?.details?.permission;
  const lacked =
    expected.kind === 'open' &&
    response.status === 403 &&
    code === 'AUTHZ' &&
    typeof demanded === 'string' &&
    moduleOfPermission.has(demanded) &&
    !expected.scope.has(demanded);
  if ((response.status === 401 || response.status === 403) && !lacked) {
    return `expected past the guard: ${seen} ${JSON.stringify(response.body?.error?.details ?? '')}`;
  }
  if (response.status >= 500 && !route.errors?.includes(response.status)) return `undeclared 5xx: ${seen}`;
  // Every refusal leaves in the envelope, with a code a client can branch on.
  if (response.status >= 400 && typeof code !== 'string') return `no error envelope: ${seen}`;
  return null;
};

const isPlatform = (route: AnyRouteDefinition) =>
  'permission' in route.access && route.access.permission.startsWith('platform.');

describe('route access by caller: anonymous and narrow API keys, on every route', () => {
  const app = useTenantAdminApp();
  const routes = () => allRoutes({ db: app.t.db, routes: app.t.modules.routes });
  let tenantId: string;
  let owner: string;
  let document: OpenApiDocument;

  beforeAll(async () => {
    const tenant = await activeTenant(app.t, app.root, 'callers');
    tenantId = tenant.tenantId;
    owner = tenant.tokens.accessToken;
    // Three sweeps of every route as this tenant outrun the free plan's 120 requests a minute.
    const plan = await app.t.call({
      method: 'PUT',
      url: `/v1/superadmin/tenants/${tenantId}/plan`,
      token: app.root,
      body: { planKey: 'pro' },
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    const served = await app.t.call({ method: 'GET', url: '/v1/openapi.json' });
    expect(served.status).toBe(200);
    document = served.body as OpenApiDocument;
  });

  /** The tenant's enabled modules as the superadmin sees them: the expectation's source, not the caller's. */
  const enabledModules = async (): Promise<Set<string>> => {
    const listed = await app.t.call({
      method: 'GET',
      url: `/v1/superadmin/tenants/${tenantId}/modules`,
      token: app.root,
    });
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    const modules = listed.body.data as { key: string; enabled: boolean }[];
    return new Set(modules.filter((module) => module.enabled).map((module) => module.key));
  };

  const createKey = async (permissions: string[]): Promise<string> => {
    const created = await app.t.call({
      method: 'POST',
      url: '/v1/tenants/current/api-keys',
      token: owner,
      body: { name: `narrow ${permissions.join(' ')}`, permissions },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data.permissions).toEqual(permissions);
    return created.body.data.key as string;
  };

  /**
   * For an `authenticated` route, a schema-valid body from the OpenAPI document
   * (the route's own zod schema), so a call past the guard reaches the service
   * rather than stopping at validation: the account routes refuse API keys only
   * there. Other routes get none: past the guard they meet validation, and a
   * public route's sampled credentials (a login, a reset token) would answer a
   * 401 of their own.
   */
  const bodyFor = (route: AnyRouteDefinition): unknown => {
    if (!('authenticated' in route.access)) return undefined;
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const operation = document.paths[path]?.[route.method.toLowerCase()];
    const schema = operation?.requestBody?.content?.['application/json']?.schema;
    return schema ? sampleFor(schema, randomUUID(), document) : undefined;
  };

  /** Calls every route once as the caller and collects what differs from the expectation. */
  const sweep = async (token: string | undefined, expectationOf: (route: AnyRouteDefinition) => Expected) => {
    const outcomes: { route: AnyRouteDefinition; expected: Expected; response: Response }[] = [];
    for (const route of routes()) {
      const body = bodyFor(route);
      const response = await app.t.call({
        method: route.method,
        url: urlOf(route),
        ...(token ? { token } : {}),
        ...(body === undefined ? {} : { body }),
      });
      outcomes.push({ route, expected: expectationOf(route), response });
    }
    return {
      outcomes,
      mismatches: outcomes.flatMap(({ route, expected, response }) => {
        const found = mismatch(route, expected, response);
        return found ? [found] : [];
      }),
      allowed: outcomes.filter((outcome) => outcome.expected.kind !== 'refused').length,
    };
  };

  it('lets an anonymous caller into public routes only, and never into a superadmin route', async () => {
    const result = await sweep(undefined, expectedForAnonymous);
    expect(result.mismatches).toEqual([]);
    const publicRoutes = result.outcomes.filter(({ route }) => 'public' in route.access).length;
    expect(result.allowed).toBe(publicRoutes);
    expect(publicRoutes).toBeGreaterThan(0);
    expect(result.outcomes.length - publicRoutes).toBeGreaterThan(publicRoutes);
    // Superadmin routes are among the refused (/v1/superadmin/setup excepted: it is public).
    const superadmin = result.outcomes.filter(({ route }) => isPlatform(route));
    expect(superadmin.length).toBeGreaterThan(10);
    for (const { response } of superadmin) expect(response.status).toBe(401);
  });

  it('lets a narrow API key through the routes its scope names, and no other guard', async () => {
    // A read of an optional module and one of a core module: a handful of routes, the rest refused.
    const scope = new Set(['inventory.item.read', 'identity.member.read']);
    const key = await createKey([...scope]);
    const enabled = await enabledModules();
    for (const permission of scope) expect(enabled).toContain(moduleOfPermission.get(permission));

    const result = await sweep(key, (route) => expectedForApiKey(route, scope, enabled));
    expect(result.mismatches).toEqual([]);
    // Both outcomes occurred: some routes let the key in, most refused it.
    expect(result.allowed).toBeGreaterThan(0);
    const guardedAllowed = result.outcomes.filter(
      ({ route, expected }) => 'permission' in route.access && expected.kind === 'allowed',
    );
    expect(guardedAllowed.map(({ route }) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining(['GET /v1/inventory/items', 'GET /v1/tenants/current/members']),
    );
    const authz = result.outcomes.filter(
      ({ expected }) => expected.kind === 'refused' && expected.code === 'AUTHZ',
    ).length;
    expect(authz).toBeGreaterThan(guardedAllowed.length * 10);
    // Every platform route refused the key; every account route refused it as no user session.
    const platform = result.outcomes.filter(({ route }) => isPlatform(route));
    expect(platform.length).toBeGreaterThan(10);
    for (const { response } of platform) expect(response.body?.error?.code).toBe('AUTHZ');
    const account = result.outcomes.filter(
      ({ route }) => 'authenticated' in route.access && route.module === 'auth',
    );
    expect(account.length).toBeGreaterThan(0);
    for (const { response } of account) expect(response.body?.error?.code).toBe(identityCodes.INVALID_TOKEN);

    // An open route that refused the key named a permission its service demands: a key
    // holding exactly that one gets in, so the refusal was that rule and nothing else.
    const demanded = result.outcomes.flatMap(({ route, expected, response }) =>
      expected.kind === 'open' && response.status === 403
        ? [{ route, permission: String(response.body?.error?.details?.permission) }]
        : [],
    );
    for (const { route, permission } of demanded) {
      const holder = await createKey([permission]);
      const response = await app.t.call({ method: route.method, url: urlOf(route), token: holder });
      expect(mismatch(route, allowed, response)).toBeNull();
    }
  });

  it('refuses a key whose scope lies in a module switched off for the tenant, until it is on again', async () => {
    const scope = new Set(['pos.ticket.read']);
    const key = await createKey([...scope]);
    const readRoutes = routes().filter(
      (route) => 'permission' in route.access && scope.has(route.access.permission),
    );
    expect(readRoutes.length).toBeGreaterThan(0);
    const switchPos = async (enabled: boolean) => {
      const switched = await app.t.call({
        method: 'PUT',
        url: `/v1/superadmin/tenants/${tenantId}/modules/pos`,
        token: app.root,
        body: { enabled },
      });
      expect(switched.status, JSON.stringify(switched.body)).toBe(200);
    };

    await switchPos(false);
    try {
      const enabled = await enabledModules();
      expect(enabled).not.toContain('pos');
      const result = await sweep(key, (route) => expectedForApiKey(route, scope, enabled));
      expect(result.mismatches).toEqual([]);
      // The key's own routes are among the refused, with the reason a client can act on.
      const own = result.outcomes.filter(({ route }) =>
        readRoutes.some((read) => read.method === route.method && read.path === route.path),
      );
      expect(own).toHaveLength(readRoutes.length);
      expect(own.map(({ response }) => response.body?.error?.code)).toEqual(own.map(() => 'MODULE_DISABLED'));
    } finally {
      await switchPos(true);
    }
    // Back on, the same key passes again: its scope was kept, only the module was off.
    const [readRoute] = readRoutes as [AnyRouteDefinition];
    const again = await app.t.call({ method: readRoute.method, url: urlOf(readRoute), token: key });
    expect(mismatch(readRoute, allowed, again)).toBeNull();
  });
});
