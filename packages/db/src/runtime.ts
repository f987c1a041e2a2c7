import { join } from 'node:path';
import { conflictError } from '@tenantry/core';
import type { DbConfig } from './config';
import { type Connection, openPglite, openPostgres, type RawSession } from './connection';
import { applyMigrations, type MigrationSet, platformMigrations, tenantMigrations } from './migrations';
import { type ConnectionProfile, findProfile, type TenancyMode, upsertProfile } from './profiles.repository';
import { ensureLoginMemberships, quoteIdent } from './roles';
import { createTenancyRouter, type TenancyRouter } from './tenancy-router';
import { createDatabaseIfMissing, migrateTenantStorage, storageNameFor } from './tenant-storage';

export interface MigrationPlan {
  /** Sets applied once to the shared database (platform tables). */
  platform: readonly MigrationSet[];
  /** Sets applied to every place tenant tables live. */
  tenant: readonly MigrationSet[];
}

export const defaultMigrationPlan: MigrationPlan = {
  platform: [platformMigrations],
  tenant: [tenantMigrations],
};

export interface ProvisionOptions {
  /** A database-mode tenant on another server. */
  host?: string;
  port?: number;
}

/** The database side of a running platform: the router for work, the owner for DDL. */
export interface DatabaseRuntime {
  readonly kind: 'postgres' | 'pglite';
  readonly router: TenancyRouter;
  /** Migrates the shared database, then every schema- and database-mode tenant. */
  migrate(): Promise<string[]>;
  /** Creates and migrates a tenant's storage in the given mode and records its profile. */
  provisionTenant(
    tenantId: string,
    mode: TenancyMode,
    options?: ProvisionOptions,
  ): Promise<ConnectionProfile>;
  /**
   * Owner work (maintenance functions, DDL) in every place tenant tables live:
   * the shared schema, each tenant schema, each tenant database. The session's
   * search_path is the storage's schema.
   */
  forEachTenantStorage(
    fn: (session: RawSession, storage: ConnectionProfile | null) => Promise<void>,
  ): Promise<void>;
  /** Reachability of the shared database, for readiness. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const withDatabase = (url: string, profile: ConnectionProfile): string => {
  const target = new URL(url);
  target.pathname = `/${profile.databaseName}`;
  if (profile.host) target.hostname = profile.host;
  if (profile.port) target.port = String(profile.port);
  return target.toString();
};

interface Drivers {
  primary: Connection;
  owner: Connection;
  openTenant(profile: ConnectionProfile, as: 'app' | 'owner'): Promise<Connection>;
  createDatabase(profile: ConnectionProfile): Promise<void>;
}

const postgresDrivers = (config: DbConfig, ownerUrl: string): Drivers => {
  const appUrl = config.appUrl ?? ownerUrl;
  const primary = openPostgres(appUrl, { max: config.poolSize, applicationName: 'tenantry-app' });
  const owner =
    appUrl === ownerUrl ? primary : openPostgres(ownerUrl, { max: 2, applicationName: 'tenantry-owner' });
  return {
    primary,
    owner,
    openTenant: async (profile, as) =>
      as === 'app'
        ? openPostgres(withDatabase(appUrl, profile), {
            max: config.tenantPoolSize,
            applicationName: 'tenantry-app',
          })
        : openPostgres(withDatabase(ownerUrl, profile), { max: 1, applicationName: 'tenantry-owner' }),
    createDatabase: async (profile) => {
      // A tenant on another server is created through that server's maintenance database.
      const server =
        profile.host || profile.port
          ? openPostgres(withDatabase(ownerUrl, { ...profile, databaseName: 'postgres' }), { max: 1 })
          : owner;
      try {
        await createDatabaseIfMissing(server, profile.databaseName ?? '');
      } finally {
        if (server !== owner) await server.close();
      }
    },
  };
};

/** Embedded mode: one PGlite folder for the shared database, one more per database-mode tenant. */
const pgliteDrivers = async (config: DbConfig): Promise<Drivers> => {
  const primary = await openPglite(config.dataDir);
  // PGlite is one connection per folder: app and owner work on a tenant database share it.
  const opened = new Map<string, Promise<Connection>>();
  const openTenant = (profile: ConnectionProfile): Promise<Connection> => {
    const dir = join(config.dataDir, 'tenants', profile.databaseName ?? '');
    let connection = opened.get(dir);
    if (!connection) {
      connection = openPglite(dir).then((inner) => ({
        ...inner,
        close: async () => {
          opened.delete(dir);
          await inner.close();
        },
      }));
      opened.set(dir, connection);
    }
    return connection;
  };
  return {
    primary,
    owner: primary,
    openTenant: (profile, as) =>
      as === 'app'
        ? openTenant(profile)
        : // the owner's use ends with close(); keep the shared instance open for the router
          openTenant(profile).then((connection) => ({ ...connection, close: async () => {} })),
    createDatabase: async () => {},
  };
};

/** Opens the platform's databases: real Postgres when DATABASE_URL is set, else embedded PGlite. */
export const createDatabaseRuntime = async (
  config: DbConfig,
  plan: MigrationPlan = defaultMigrationPlan,
): Promise<DatabaseRuntime> => {
  const drivers = config.ownerUrl ? postgresDrivers(config, config.ownerUrl) : await pgliteDrivers(config);
  const router = createTenancyRouter({
    primary: drivers.primary,
    appRole: config.appRole,
    profileCacheMs: config.profileCacheMs,
    openTenantDatabase: (profile) => drivers.openTenant(profile, 'app'),
  });
  const storageDeps = {
    owner: drivers.owner,
    appRole: config.appRole,
    tenantSets: plan.tenant,
    openOwnerDatabase: (profile: ConnectionProfile) => drivers.openTenant(profile, 'owner'),
    createDatabase: drivers.createDatabase,
  };

  const runInStorage = async (
    profile: ConnectionProfile,
    fn: (session: RawSession, storage: ConnectionProfile | null) => Promise<void>,
  ) => {
    if (profile.mode === 'schema') {
      await drivers.owner.rawTransaction(async (session) => {
        await session.query(`select set_config('search_path', $1, true)`, [
          quoteIdent(profile.schemaName ?? ''),
        ]);
        await fn(session, profile);
      });
      return;
    }
    const tenantDb = await drivers.openTenant(profile, 'owner');
    try {
      await tenantDb.rawTransaction((session) => fn(session, profile));
    } finally {
      await tenantDb.close();
    }
  };

  return {
    kind: drivers.primary.kind,
    router,
    async migrate() {
      const applied = await drivers.owner.rawTransaction((session) =>
        applyMigrations(session, [...plan.platform, ...plan.tenant], {
          schema: 'public',
          appRole: config.appRole,
        }),
      );
      if (drivers.primary !== drivers.owner) {
        const whoami = await drivers.primary.rawTransaction((session) =>
          session.query<{ login: string }>('select current_user as login'),
        );
        const login = whoami.rows[0]?.login;
        if (login) {
          await drivers.owner.rawTransaction((session) =>
            ensureLoginMemberships(session, login, config.appRole),
          );
        }
      }
      for (const profile of await router.isolatedProfiles()) {
        const tags = await migrateTenantStorage(storageDeps, profile);
        applied.push(...tags.map((tag) => `${profile.tenantId}:${tag}`));
      }
      return applied;
    },
    async provisionTenant(tenantId, mode, options = {}) {
      const existing = await router.withPlatform((tx) => findProfile(tx, tenantId));
      if (existing && existing.mode !== mode) {
        // Its rows (and pending events) live in the old storage: a move is the tenant-migrate job's work.
        throw conflictError(`Tenant is provisioned in ${existing.mode} mode; moving it needs a migration`);
      }
      const profile: ConnectionProfile = {
        ...storageNameFor(tenantId, mode),
        host: options.host ?? null,
        port: options.port ?? null,
      };
      await migrateTenantStorage(storageDeps, profile);
      await router.withPlatform((tx) => upsertProfile(tx, profile));
      router.forgetProfile(tenantId);
      return profile;
    },
    async forEachTenantStorage(fn) {
      await drivers.owner.rawTransaction((session) => fn(session, null));
      const failures: unknown[] = [];
      for (const profile of await router.isolatedProfiles()) {
        try {
          await runInStorage(profile, fn);
        } catch (error) {
          // One unreachable tenant database must not stop the upkeep of the others.
          failures.push(error);
        }
      }
      if (failures.length) throw new AggregateError(failures, `${failures.length} tenant storage(s) failed`);
    },
    async ping() {
      await drivers.primary.rawTransaction((session) => session.query('select 1'));
    },
    async close() {
      await router.close();
      if (drivers.owner !== drivers.primary) await drivers.owner.close();
      await drivers.primary.close();
    },
  };
};
