import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawSession } from './connection';
import { ensureRole, grantAppRole, quoteIdent, relayRole } from './roles';

/** A folder of drizzle-kit migrations, applied in journal order. */
export interface MigrationSet {
  name: string;
  folder: string;
}

const migrationsRoot = fileURLToPath(new URL('../migrations/', import.meta.url));

/** Platform tables: shared database only. */
export const platformMigrations: MigrationSet = {
  name: 'db.platform',
  folder: join(migrationsRoot, 'platform'),
};
/** Tenant tables: applied to the shared schema, each tenant schema and each tenant database. */
export const tenantMigrations: MigrationSet = { name: 'db.tenant', folder: join(migrationsRoot, 'tenant') };

interface JournalEntry {
  tag: string;
}

const readStatements = (set: MigrationSet, tag: string, schema: string): string[] => {
  const text = readFileSync(join(set.folder, `${tag}.sql`), 'utf8');
  // drizzle-kit qualifies references with "public"; a tenant schema needs them
  // unqualified so they resolve through the schema's search_path.
  const retargeted = schema === 'public' ? text : text.replaceAll('"public".', '');
  return retargeted
    .split('--> statement-breakpoint')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
};

const journal = (set: MigrationSet): JournalEntry[] =>
  (JSON.parse(readFileSync(join(set.folder, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] })
    .entries;

/**
 * Applies the pending migrations of each set to one schema, in one
 * transaction, under an advisory lock so concurrent starts (API and worker)
 * migrate once. Returns the tags applied.
 */
export const applyMigrations = async (
  session: RawSession,
  sets: readonly MigrationSet[],
  options: { schema: string; appRole: string },
): Promise<string[]> => {
  const schema = quoteIdent(options.schema);
  await session.query(`select pg_advisory_xact_lock(hashtext('tenantry.migrate.' || $1))`, [options.schema]);
  await session.exec(`create schema if not exists ${schema}`);
  // Policies name these roles, so they exist before any set runs.
  await ensureRole(session, options.appRole);
  await ensureRole(session, relayRole);
  await session.query(`select set_config('search_path', $1, true)`, [schema]);
  await session.exec(
    `create table if not exists ${schema}.schema_migrations (
       set_name text not null,
       tag text not null,
       applied_at timestamptz not null default now(),
       primary key (set_name, tag)
     )`,
  );
  const applied = new Set(
    (
      await session.query<{ key: string }>(
        `select set_name || '/' || tag as key from ${schema}.schema_migrations`,
      )
    ).rows.map((row) => row.key),
  );
  const done: string[] = [];
  for (const set of sets) {
    for (const { tag } of journal(set)) {
      if (applied.has(`${set.name}/${tag}`)) continue;
      for (const statement of readStatements(set, tag, options.schema)) await session.exec(statement);
      await session.query(`insert into ${schema}.schema_migrations (set_name, tag) values ($1, $2)`, [
        set.name,
        tag,
      ]);
      done.push(`${set.name}/${tag}`);
    }
  }
  await grantAppRole(session, options.schema, options.appRole);
  return done;
};
