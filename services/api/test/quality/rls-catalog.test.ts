import { openPostgres } from '@tenantry/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeTenant,
  createIdentityTestApp,
  createSuperadmin,
  type IdentityTestApp,
} from '../identity/support';
import {
  type Catalog,
  type CatalogAllowances,
  type CatalogTable,
  catalogViolations,
  isTenantPredicate,
  readCatalog,
} from './rls-catalog';

const appRole = 'tenantry_app';

/**
 * Tables outside row-level security, each with the reason it is allowed.
 * A table that is neither here nor under the tenant rules fails the gate, so a
 * new table must either get RLS or a line (and a reason) here.
 */
const platformTables: Record<string, string> = {
  'public.schema_migrations': 'migration ledger; the app role has no grant on it (grantAppRole)',
  't_*.schema_migrations': "a tenant schema's migration ledger; the app role has no grant on it",
  'public.tenants': 'identity directory: read before a tenant is chosen (ADR 0003)',
  'public.users': 'identity directory: a person spans tenants (ADR 0003)',
  'public.refresh_tokens': 'identity directory: looked up by token hash before a tenant is known (ADR 0003)',
  'public.one_time_tokens': 'identity directory: reset and verification links (ADR 0003)',
  'public.recovery_codes': 'identity directory: MFA codes belong to the person (ADR 0003)',
  'public.signing_keys': 'identity directory: JWT keys of the platform (ADR 0003)',
  'public.memberships':
    'carries tenant_id, identity directory: who belongs to which tenant, read at sign-in (ADR 0003)',
  'public.sessions':
    'carries tenant_id, identity directory: read on every request before RLS applies (ADR 0003)',
  'public.login_attempts':
    'carries tenant_id, identity directory: brute-force counters per person (ADR 0003)',
  'public.plans': 'registry: the plan catalogue, superadmin-managed (blueprint: platform tables)',
  'public.module_registry_entries':
    'registry: module catalogue, superadmin-managed (blueprint: platform tables)',
  'public.feature_flags': 'registry: flag definitions, superadmin-managed (blueprint: platform tables)',
  'public.tenant_modules': 'carries tenant_id, registry: module switches the superadmin sets (platform)',
  'public.tenant_plans': 'carries tenant_id, entitlements: the plan the superadmin assigned (platform)',
  'public.usage_counters': 'carries tenant_id, entitlements: quota usage checked on the platform side',
  'public.quota_warnings': 'carries tenant_id, entitlements: soft-limit warnings already emitted',
  'public.tenant_connection_profiles':
    'carries tenant_id, tenancy router: read to find where a tenant lives, before any tenant is set',
  'public.dev_mailbox': 'carries tenant_id, development mailbox read only through a superadmin route',
};

/** SECURITY DEFINER functions allowed to run as their owner (none today), each with its reason. */
const securityDefinerFunctions: Record<string, string> = {};

const allowances: CatalogAllowances = { appRole, platformTables, securityDefinerFunctions };

describe('RLS catalog gate: the migrated database keeps the tenancy rules', () => {
  let t: IdentityTestApp;
  let catalog: Catalog;
  let tenantSchema = '';

  beforeAll(async () => {
    t = await createIdentityTestApp();
    const root = (await createSuperadmin(t)).accessToken;
    // A schema-mode tenant, so its copy of the tenant tables is checked too.
    const tenant = await activeTenant(t, root, 'rls-schema', 'schema');
    tenantSchema = `t_${tenant.tenantId.replaceAll('-', '').toLowerCase()}`;
    const owner = openPostgres(t.database.config.ownerUrl as string, { max: 1 });
    try {
      catalog = await owner.rawTransaction((session) =>
        readCatalog(session, appRole, '^(public|t_[0-9a-z]+)$'),
      );
    } finally {
      await owner.close();
    }
  });
  afterAll(() => t?.close());

  it('finds no violation in public and in every tenant schema', () => {
    expect(catalogViolations(catalog, allowances)).toEqual([]);
  });

  it('checked real tenant tables in both public and the schema-mode tenant', () => {
    const tenantTables = (schema: string) =>
      catalog.tables
        .filter((table) => table.schema === schema && table.hasTenantId && table.rlsEnabled)
        .filter((table) => !table.isPartition)
        .map((table) => table.name)
        .sort();
    const shared = tenantTables('public');
    expect(shared.length).toBeGreaterThan(20);
    // The schema-mode tenant holds the same tenant tables, each under the same rules.
    expect(tenantTables(tenantSchema)).toEqual(shared);
    // Partitions were checked one by one (a partition read by name skips the parent's policy).
    expect(catalog.tables.some((table) => table.isPartition && table.schema === tenantSchema)).toBe(true);
    // The app role exists and is checked.
    expect(catalog.appRole?.name).toBe(appRole);
  });
});

describe('RLS catalog gate: the check itself', () => {
  const predicate =
    "(tenant_id = ( SELECT (current_setting('app.current_tenant_id'::text))::uuid AS current_setting))";
  const isolation = {
    name: 'tenant_isolation',
    roles: ['public'],
    command: '*',
    permissive: true,
    using: predicate,
    check: predicate,
  };
  const goodTable: CatalogTable = {
    schema: 'public',
    name: 'widgets',
    kind: 'r',
    rlsEnabled: true,
    rlsForced: true,
    owner: 'postgres',
    hasTenantId: true,
    isPartition: false,
    primaryKey: ['tenant_id', 'id'],
    policies: [isolation],
  };
  const good: Catalog = {
    tables: [
      goodTable,
      { ...goodTable, schema: 't_abc123', name: 'widgets' },
      { ...goodTable, name: 'ledger', rlsEnabled: false, rlsForced: false, hasTenantId: false, policies: [] },
    ],
    views: [{ schema: 'public', name: 'widget_totals', options: ['security_invoker=true'] }],
    functions: [{ schema: 'public', signature: 'touch(uuid)', securityDefiner: false }],
    appRole: { name: appRole, superuser: false, bypassRls: false, privilegedMemberships: [] },
    ownedByAppRole: [],
  };
  const allow: CatalogAllowances = {
    appRole,
    platformTables: { 'public.ledger': 'test' },
    securityDefinerFunctions: {},
  };
  const withTable = (change: Partial<CatalogTable>): Catalog => ({
    ...good,
    tables: [{ ...goodTable, ...change }, ...good.tables.slice(1)],
  });
  const only = (catalog: Catalog, allowances = allow) => catalogViolations(catalog, allowances);

  it('passes a catalog that keeps every rule', () => {
    expect(only(good)).toEqual([]);
  });

  it('recognises the tenant predicate as Postgres prints it, and nothing looser', () => {
    expect(isTenantPredicate(predicate)).toBe(true);
    expect(isTenantPredicate("(tenant_id = (current_setting('app.current_tenant_id'::text))::uuid)")).toBe(
      true,
    );
    for (const loose of [
      'true',
      null,
      "((tenant_id = (current_setting('app.current_tenant_id'::text))::uuid) OR true)",
      "(owner_id = (current_setting('app.current_tenant_id'::text))::uuid)",
      "(tenant_id = (current_setting('app.other'::text))::uuid)",
    ]) {
      expect(isTenantPredicate(loose), String(loose)).toBe(false);
    }
  });

  it.each<[string, Catalog, RegExp, CatalogAllowances?]>([
    ['RLS not enabled', withTable({ rlsEnabled: false }), /row-level security is not enabled/],
    ['RLS not forced', withTable({ rlsForced: false }), /row-level security is not forced/],
    [
      'primary key not tenant-first',
      withTable({ primaryKey: ['id', 'tenant_id'] }),
      /does not start with tenant_id/,
    ],
    ['no primary key', withTable({ primaryKey: [] }), /primary key \(none\)/],
    ['no policy', withTable({ policies: [] }), /no permissive FOR ALL policy/],
    [
      'policy without WITH CHECK',
      withTable({ policies: [{ ...isolation, check: null }] }),
      /no permissive FOR ALL policy/,
    ],
    [
      'policy without USING',
      withTable({ policies: [{ ...isolation, using: null }] }),
      /no permissive FOR ALL policy/,
    ],
    [
      'policy only for another role',
      withTable({ policies: [{ ...isolation, roles: ['tenantry_relay'] }] }),
      /no permissive FOR ALL policy/,
    ],
    [
      'a second permissive policy that opens the table',
      withTable({ policies: [isolation, { ...isolation, name: 'open', using: 'true', check: 'true' }] }),
      /policy open lets tenantry_app past the tenant predicate/,
    ],
    [
      'a table with tenant_id in a tenant schema without RLS',
      {
        ...good,
        tables: [...good.tables, { ...goodTable, schema: 't_abc123', name: 'gadgets', rlsEnabled: false }],
      },
      /t_abc123\.gadgets: row-level security is not enabled/,
    ],
    [
      'a new table without tenant_id and not allow-listed',
      {
        ...good,
        tables: [...good.tables, { ...goodTable, name: 'settings', hasTenantId: false, policies: [] }],
      },
      /public\.settings: no tenant_id column and not on the platform-table allow-list/,
    ],
    [
      'a stale allow-list entry',
      good,
      /public\.gone: on the platform-table allow-list but no such table/,
      { ...allow, platformTables: { ...allow.platformTables, 'public.gone': 'removed' } },
    ],
    [
      'a view without security_invoker',
      { ...good, views: [{ schema: 'public', name: 'leaky', options: [] }] },
      /public\.leaky: view without security_invoker=true/,
    ],
    [
      'a SECURITY DEFINER function not allow-listed',
      { ...good, functions: [{ schema: 'public', signature: 'escalate()', securityDefiner: true }] },
      /public\.escalate\(\): SECURITY DEFINER and not on the allow-list/,
    ],
    [
      'the app role is superuser',
      { ...good, appRole: { name: appRole, superuser: true, bypassRls: false, privilegedMemberships: [] } },
      /is a superuser/,
    ],
    [
      'the app role has BYPASSRLS',
      { ...good, appRole: { name: appRole, superuser: false, bypassRls: true, privilegedMemberships: [] } },
      /has BYPASSRLS/,
    ],
    [
      'the app role inherits a privileged role',
      {
        ...good,
        appRole: { name: appRole, superuser: false, bypassRls: false, privilegedMemberships: ['postgres'] },
      },
      /is a member of postgres/,
    ],
    ['the app role owns a table', { ...good, ownedByAppRole: ['public.widgets'] }, /owns public\.widgets/],
    ['the app role is missing', { ...good, appRole: null }, /does not exist/],
  ])('fails on %s', (_rule, catalog, expected, allowances) => {
    const violations = only(catalog, allowances);
    expect(violations.length, violations.join('\n')).toBeGreaterThan(0);
    expect(
      violations.some((line) => expected.test(line)),
      violations.join('\n'),
    ).toBe(true);
  });

  it('accepts an allow-listed SECURITY DEFINER function', () => {
    const catalog = {
      ...good,
      functions: [{ schema: 'public', signature: 'escalate()', securityDefiner: true }],
    };
    expect(only(catalog, { ...allow, securityDefinerFunctions: { 'public.escalate()': 'reason' } })).toEqual(
      [],
    );
  });
});
