import { idempotencyKeys } from '@tenantry/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../../src';
import { activeTenant, strongPassword } from './support';
import { useTenantAdminApp } from './tenant-admin-support';

/** Response fields that are credentials: whoever reads the idempotency table must not find them. */
const credentialField = /^(accessToken|refreshToken|mfaToken|secret|otpauthUrl|recoveryCodes)$/;

const fieldNames = (schema: unknown, components: Record<string, unknown>, depth = 0): string[] => {
  if (depth > 8 || typeof schema !== 'object' || schema === null) return [];
  const node = schema as Record<string, unknown>;
  if (typeof node.$ref === 'string')
    return fieldNames(components[node.$ref.split('/').pop() ?? ''], components, depth + 1);
  const own = Object.entries((node.properties as Record<string, unknown>) ?? {}).flatMap(([name, value]) => [
    name,
    ...fieldNames(value, components, depth + 1),
  ]);
  const nested = ['items', 'anyOf', 'oneOf', 'allOf'].flatMap((key) =>
    ([] as unknown[]).concat(node[key] ?? []).flatMap((child) => fieldNames(child, components, depth + 1)),
  );
  return [...own, ...nested];
};

describe('responses that carry credentials and Idempotency-Key', () => {
  const app = useTenantAdminApp();
  const storedKeys = (key: string) =>
    app.t.db.router.withPlatform((tx) =>
      tx.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key)),
    );

  it('marks every route whose answer holds a token, secret or recovery code, and the new API key', async () => {
    const document = (await app.t.call({ method: 'GET', url: '/v1/openapi.json' })).body;
    const components = document.components?.schemas ?? {};
    const routes = allRoutes({ db: app.t.db, routes: app.t.modules.routes });
    const holders = Object.values(document.paths as Record<string, Record<string, Record<string, unknown>>>)
      .flatMap((operations) => Object.values(operations))
      .filter((operation) =>
        Object.entries(
          operation.responses as Record<string, { content?: Record<string, { schema: unknown }> }>,
        )
          .filter(([status]) => status.startsWith('2'))
          .some(([, response]) =>
            fieldNames(response.content?.['application/json']?.schema, components).some((name) =>
              credentialField.test(name),
            ),
          ),
      )
      .map((operation) => operation.operationId as string);
    expect(holders.sort()).toEqual(['enableMfa', 'login', 'loginMfa', 'refreshTokens', 'setupMfa']);
    const unmarked = [...holders, 'createApiKey'].filter(
      (operationId) => !routes.find((route) => route.operationId === operationId)?.credentials,
    );
    expect(unmarked).toEqual([]);
  });

  it('runs a login again for a repeated key and stores neither answer', async () => {
    const tenant = await activeTenant(app.t, app.root, 'credential-replay');
    const login = () =>
      app.t.call({
        method: 'POST',
        url: '/v1/auth/login',
        body: { email: tenant.email, password: strongPassword, tenantSlug: tenant.slug },
        headers: { 'idempotency-key': `login-${tenant.tenantId}` },
      });
    const [first, second] = [await login(), await login()];
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body.data.refreshToken).not.toBe(first.body.data.refreshToken);
    expect(await storedKeys(`login-${tenant.tenantId}`)).toEqual([]);
  });
});
