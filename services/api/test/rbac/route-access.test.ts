import { describe, expect, it } from 'vitest';
import { type AnyRouteDefinition, allRoutes } from '../../src';
import { builtInRoleKeys, catalogue, defaultHoldersOf, urlOf, useRbacTenant } from './support';

const cataloguePermissions = new Set(
  catalogue.modules.flatMap((module) => module.permissions.map((permission) => permission.key)),
);

/** The three shapes of RouteAccess, and nothing else (no missing, empty or mixed declarations). */
const accessShape = (access: unknown): 'public' | 'authenticated' | 'permission' | 'invalid' => {
  if (typeof access !== 'object' || access === null) return 'invalid';
  const entries = Object.entries(access);
  if (entries.length !== 1) return 'invalid';
  const [name, value] = entries[0] as [string, unknown];
  if (name === 'public' && value === true) return 'public';
  if (name === 'authenticated' && value === true) return 'authenticated';
  if (name === 'permission' && typeof value === 'string' && value.length > 0) return 'permission';
  return 'invalid';
};

describe('route access: every route declares who may call it', () => {
  const app = useRbacTenant('route-access');
  const routes = () => allRoutes({ db: app.t.db, routes: app.t.modules.routes });

  it('declares exactly one of public, authenticated or a permission on every route', () => {
    const undeclared = routes()
      .filter((route) => accessShape(route.access) === 'invalid')
      .map((route) => `${route.method} ${route.path}`);
    expect(undeclared).toEqual([]);
    // The check itself refuses what a careless declaration would look like.
    for (const access of [
      undefined,
      {},
      { public: false },
      { permission: '' },
      { public: true, permission: 'x' },
    ]) {
      expect(accessShape(access)).toBe('invalid');
    }
  });

  it('names only permissions that module-registry.json defines, or platform ones', () => {
    const unknown = routes()
      .flatMap((route) => ('permission' in route.access ? [route.access.permission] : []))
      .filter((permission) => !cataloguePermissions.has(permission) && !permission.startsWith('platform.'));
    expect(unknown).toEqual([]);
  });

  it('lets each built-in role through exactly the routes whose permission it holds by default', async () => {
    const guarded = routes().filter(
      (route): route is AnyRouteDefinition & { access: { permission: string } } =>
        'permission' in route.access,
    );
    expect(guarded.length).toBeGreaterThan(10);
    const mismatches: string[] = [];
    let allowed = 0;
    for (const role of builtInRoleKeys) {
      for (const route of guarded) {
        const holds = defaultHoldersOf(route.access.permission).includes(role);
        // No body: a holder gets past the guard and meets validation (400) or the handler
        // (a fresh uuid is NOT_FOUND); a non-holder is refused before either.
        const response = await app.t.call({
          method: route.method,
          url: urlOf(route),
          token: app.members[role].token,
        });
        const where = `${role} ${route.method} ${route.path} (${route.access.permission}) -> ${response.status} ${JSON.stringify(response.body?.error ?? '')}`;
        if (holds) {
          allowed += 1;
          if (response.status === 401 || response.status === 403)
            mismatches.push(`expected allowed: ${where}`);
        } else if (response.status !== 403 || response.body?.error?.code !== 'AUTHZ') {
          mismatches.push(`expected AUTHZ: ${where}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Both outcomes were exercised: the matrix is not all-deny or all-allow.
    expect(allowed).toBeGreaterThan(0);
    expect(allowed).toBeLessThan(guarded.length * builtInRoleKeys.length);
  });
});
