import type { RawSession } from '@tenantry/db';

/**
 * The parts of the Postgres catalog the tenancy rules are about, read once
 * and checked by a pure function, so the rules can be unit-tested against
 * synthetic rows that break each of them.
 */
export interface CatalogPolicy {
  name: string;
  /** Role names the policy applies to; 'public' when it applies to everyone. */
  roles: string[];
  /** '*' (ALL), 'r' (SELECT), 'a' (INSERT), 'w' (UPDATE), 'd' (DELETE). */
  command: string;
  permissive: boolean;
  using: string | null;
  check: string | null;
}

export interface CatalogTable {
  schema: string;
  name: string;
  /** 'r' table, 'p' partitioned table. */
  kind: string;
  rlsEnabled: boolean;
  rlsForced: boolean;
  owner: string;
  hasTenantId: boolean;
  isPartition: boolean;
  primaryKey: string[];
  policies: CatalogPolicy[];
}

export interface CatalogView {
  schema: string;
  name: string;
  options: string[];
}

export interface CatalogFunction {
  schema: string;
  /** name(argument types), as regprocedure prints it. */
  signature: string;
  securityDefiner: boolean;
}

export interface CatalogRole {
  name: string;
  superuser: boolean;
  bypassRls: boolean;
  /** Roles it is a member of that are superuser or BYPASSRLS (directly or through others). */
  privilegedMemberships: string[];
}

export interface Catalog {
  tables: CatalogTable[];
  views: CatalogView[];
  functions: CatalogFunction[];
  /** null when the role does not exist. */
  appRole: CatalogRole | null;
  /** Relations (any kind, any schema) the app role owns. */
  ownedByAppRole: string[];
}

export interface CatalogAllowances {
  appRole: string;
  /** `schema.table` (`t_*.table` for every tenant schema) -> why it is a platform table outside RLS. */
  platformTables: Record<string, string>;
  /** `schema.name(args)` -> why it must run as its owner. */
  securityDefinerFunctions: Record<string, string>;
}

/**
 * The tenant predicate of the blueprint: `tenant_id = current_setting('app.current_tenant_id')::uuid`,
 * as pg_get_expr prints it (optionally wrapped in a scalar sub-select, which Postgres evaluates once per statement).
 */
const tenantPredicate =
  /^\(*tenant_id = \(*(SELECT )?\(*current_setting\('app\.current_tenant_id'(::text)?\)\)*::uuid( AS current_setting)?\)*$/;

export const isTenantPredicate = (expression: string | null): boolean =>
  expression !== null &&
  tenantPredicate.test(expression.replace(/\s+/g, ' ').replaceAll('( ', '(').replaceAll(' )', ')').trim());

/** Tenant schemas (`t_<id>`) share one allow-list entry, `t_*.<table>`. */
export const allowanceKey = (schema: string, table: string) =>
  /^t_[0-9a-z]+$/.test(schema) ? `t_*.${table}` : `${schema}.${table}`;

const appliesTo = (policy: CatalogPolicy, role: string) =>
  policy.roles.includes('public') || policy.roles.includes(role);

/** Every way the catalog breaks the tenancy rules, one readable line each; empty when it keeps them all. */
export const catalogViolations = (catalog: Catalog, allow: CatalogAllowances): string[] => {
  const violations: string[] = [];
  const role = allow.appRole;
  const seen = new Set<string>();

  for (const table of catalog.tables) {
    const name = `${table.schema}.${table.name}`;
    const key = allowanceKey(table.schema, table.name);
    seen.add(key);
    if (key in allow.platformTables) continue;
    if (!table.hasTenantId) {
      violations.push(`${name}: no tenant_id column and not on the platform-table allow-list`);
      continue;
    }
    if (!table.rlsEnabled) violations.push(`${name}: row-level security is not enabled`);
    if (!table.rlsForced) violations.push(`${name}: row-level security is not forced`);
    if (table.primaryKey[0] !== 'tenant_id')
      violations.push(
        `${name}: primary key (${table.primaryKey.join(', ') || 'none'}) does not start with tenant_id`,
      );
    const forApp = table.policies.filter((policy) => appliesTo(policy, role));
    const isolating = forApp.filter(
      (policy) =>
        policy.permissive &&
        policy.command === '*' &&
        isTenantPredicate(policy.using) &&
        isTenantPredicate(policy.check),
    );
    if (isolating.length === 0)
      violations.push(
        `${name}: no permissive FOR ALL policy for ${role} with USING and WITH CHECK on tenant_id = app.current_tenant_id`,
      );
    // Permissive policies are OR-ed: one more that the app role meets, and not on the tenant, opens the table.
    for (const policy of forApp) {
      if (!policy.permissive) continue;
      const usingOk = policy.using === null || isTenantPredicate(policy.using);
      const checkOk = policy.check === null || isTenantPredicate(policy.check);
      if (!usingOk || !checkOk)
        violations.push(`${name}: policy ${policy.name} lets ${role} past the tenant predicate`);
    }
  }

  for (const name of Object.keys(allow.platformTables)) {
    if (!seen.has(name)) violations.push(`${name}: on the platform-table allow-list but no such table`);
  }

  for (const view of catalog.views) {
    if (!view.options.includes('security_invoker=true'))
      violations.push(
        `${view.schema}.${view.name}: view without security_invoker=true (it would read as its owner)`,
      );
  }

  for (const fn of catalog.functions) {
    const name = `${fn.schema}.${fn.signature}`;
    if (fn.securityDefiner && !(name in allow.securityDefinerFunctions))
      violations.push(`${name}: SECURITY DEFINER and not on the allow-list`);
  }

  const app = catalog.appRole;
  if (!app) violations.push(`role ${role} does not exist`);
  else {
    if (app.superuser) violations.push(`role ${role} is a superuser`);
    if (app.bypassRls) violations.push(`role ${role} has BYPASSRLS`);
    for (const member of app.privilegedMemberships)
      violations.push(`role ${role} is a member of ${member}, which is superuser or BYPASSRLS`);
  }
  for (const owned of catalog.ownedByAppRole) violations.push(`role ${role} owns ${owned}`);

  return violations;
};

/** Reads the catalog of the schemas matched by `schemaPattern` (a SQL regular expression). */
export const readCatalog = async (
  session: RawSession,
  appRole: string,
  schemaPattern: string,
): Promise<Catalog> => {
  const tables = await session.query<CatalogTable>(
    `select n.nspname as schema, c.relname as name, c.relkind::text as kind,
            c.relrowsecurity as "rlsEnabled", c.relforcerowsecurity as "rlsForced",
            pg_get_userbyid(c.relowner) as owner, c.relispartition as "isPartition",
            exists (select 1 from pg_attribute a
                     where a.attrelid = c.oid and a.attname = 'tenant_id' and a.attnum > 0 and not a.attisdropped)
              as "hasTenantId",
            coalesce((select array_agg(a.attname::text order by k.ord)
                        from pg_constraint x
                        cross join lateral unnest(x.conkey) with ordinality k(attnum, ord)
                        join pg_attribute a on a.attrelid = x.conrelid and a.attnum = k.attnum
                       where x.conrelid = c.oid and x.contype = 'p'), '{}') as "primaryKey",
            coalesce((select json_agg(json_build_object(
                        'name', p.polname,
                        'roles', (select coalesce(array_agg(case when r = 0 then 'public' else pg_get_userbyid(r)::text end), '{}')
                                    from unnest(p.polroles) r),
                        'command', p.polcmd::text,
                        'permissive', p.polpermissive,
                        'using', pg_get_expr(p.polqual, p.polrelid),
                        'check', pg_get_expr(p.polwithcheck, p.polrelid)) order by p.polname)
                        from pg_policy p where p.polrelid = c.oid), '[]') as policies
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname ~ $1
      order by 1, 2`,
    [schemaPattern],
  );
  const views = await session.query<CatalogView>(
    `select n.nspname as schema, c.relname as name, coalesce(c.reloptions, '{}')::text[] as options
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('v', 'm') and n.nspname ~ $1 order by 1, 2`,
    [schemaPattern],
  );
  const functions = await session.query<CatalogFunction>(
    `select n.nspname as schema, p.oid::regprocedure::text as signature, p.prosecdef as "securityDefiner"
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname ~ $1 order by 1, 2`,
    [schemaPattern],
  );
  // regprocedure prints a schema prefix only outside the search path; keep the bare name(args).
  const unqualified = functions.rows.map((fn) => ({
    ...fn,
    signature: fn.signature.startsWith(`${fn.schema}.`)
      ? fn.signature.slice(fn.schema.length + 1)
      : fn.signature,
  }));
  const role = await session.query<Omit<CatalogRole, 'privilegedMemberships'>>(
    `select rolname as name, rolsuper as superuser, rolbypassrls as "bypassRls" from pg_roles where rolname = $1`,
    [appRole],
  );
  const memberships = await session.query<{ name: string }>(
    `select r.rolname as name from pg_roles r
      where r.rolname <> $1 and pg_has_role($1, r.oid, 'MEMBER') and (r.rolsuper or r.rolbypassrls)`,
    [appRole],
  );
  const owned = await session.query<{ name: string }>(
    `select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where pg_get_userbyid(c.relowner) = $1
     union all
     select 'schema ' || nspname from pg_namespace where pg_get_userbyid(nspowner) = $1`,
    [appRole],
  );
  const found = role.rows[0];
  return {
    tables: tables.rows,
    views: views.rows,
    functions: unqualified,
    appRole: found ? { ...found, privilegedMemberships: memberships.rows.map((row) => row.name) } : null,
    ownedByAppRole: owned.rows.map((row) => row.name),
  };
};
