import type { RawSession } from './connection';

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * A string as an SQL literal, for the few statements sent without parameters
 * (pg's escapeLiteral): quotes doubled, and a value with backslashes becomes an
 * E'' string with them doubled, so it means the same whatever
 * standard_conforming_strings says. NUL cannot be in a Postgres string.
 */
export const quoteLiteral = (value: string): string => {
  if (value.includes('\0')) throw new Error('an SQL literal cannot hold NUL');
  const quoted = value.replaceAll("'", "''");
  return value.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
};

const plainIdentifier = /^[a-z_][a-z0-9_]{0,62}$/;

/** Names spliced into DDL (roles, tenant schemas and databases) must be plain identifiers. */
export const assertPlainIdentifier = (name: string): string => {
  if (!plainIdentifier.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return name;
};

/**
 * The role the outbox relay claims events of every tenant as: its own RLS
 * policies (outbox migrations) let it read and mark outbox rows, nothing else.
 */
export const relayRole = 'tenantry_relay';

/**
 * Creates a no-login, unprivileged role if missing. Roles are cluster-wide, so
 * two databases migrating at once may race: the duplicate is expected and ignored.
 */
export const ensureRole = async (session: RawSession, name: string): Promise<void> => {
  const role = quoteIdent(assertPlainIdentifier(name));
  await session.exec(
    `do $$ begin
       if not exists (select 1 from pg_roles where rolname = '${name}') then
         create role ${role} nologin nosuperuser nobypassrls nocreatedb nocreaterole noinherit;
       end if;
     exception when duplicate_object or unique_violation then null;
     end $$`,
  );
};

/**
 * The app role reads and writes rows and owns nothing: it may use the schema
 * and its tables, never alter them, and never see the migration ledger.
 */
export const grantAppRole = async (
  session: RawSession,
  schemaName: string,
  appRole: string,
): Promise<void> => {
  const schema = quoteIdent(schemaName);
  const role = quoteIdent(appRole);
  await ensureRole(session, appRole);
  await session.exec(
    `grant usage on schema ${schema} to ${role}, ${quoteIdent(relayRole)};
     grant select, insert, update, delete on all tables in schema ${schema} to ${role};
     grant usage, select on all sequences in schema ${schema} to ${role};
     revoke all on ${schema}.schema_migrations from ${role};`,
  );
  // Append-only tables (COMMENT 'append-only'), and their partitions: rows are never changed or removed.
  const appendOnly = await session.query<{ name: string }>(
    `select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind in ('r', 'p')
        and (obj_description(c.oid, 'pg_class') = 'append-only'
             or exists (select 1 from pg_inherits i
                         where i.inhrelid = c.oid and obj_description(i.inhparent, 'pg_class') = 'append-only'))`,
    [schemaName],
  );
  for (const { name } of appendOnly.rows)
    await session.exec(`revoke update, delete, truncate on ${name} from ${role}`);
};

/**
 * A separate app login (DATABASE_APP_URL) must be able to switch to the app
 * and relay roles. The owner grants what is missing, or says clearly why not.
 */
export const ensureLoginMemberships = async (
  session: RawSession,
  login: string,
  appRole: string,
): Promise<void> => {
  const missing = await session.query<{ role: string }>(
    `select r.role from unnest($2::text[]) as r(role) where not pg_has_role($1, r.role, 'MEMBER')`,
    [login, [appRole, relayRole]],
  );
  for (const { role } of missing.rows) {
    try {
      await session.exec(`grant ${quoteIdent(role)} to ${quoteIdent(login)}`);
    } catch (error) {
      throw new Error(
        `The app login "${login}" is not a member of role "${role}" and the owner cannot grant it: run \`grant ${role} to ${login}\` as an administrator`,
        { cause: error },
      );
    }
  }
};
