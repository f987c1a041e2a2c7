import { AppError, errorCodes, isUuid } from '@tenantry/core';
import type { Connection, Tx } from './connection';
import { type ConnectionProfile, findProfile, listIsolatedProfiles } from './profiles.repository';

/** The nil uuid: the platform's own scope in tenant tables (platform events, anonymous idempotency keys). */
export const platformTenantId = '00000000-0000-0000-0000-000000000000';

import { quoteIdent, quoteLiteral } from './roles';

/**
 * The first statement of every router transaction: transaction-local settings
 * (`set_config(name, value, true)`) in one select. It is sent as text with the
 * BEGIN, so every value is a quoted literal; tenant ids are checked uuids and
 * role and schema names come from configuration and profiles.
 */
const transactionSetup = (settings: Readonly<Record<string, string>>): string =>
  `select ${Object.entries(settings)
    .map(([name, value]) => `set_config(${quoteLiteral(name)}, ${quoteLiteral(value)}, true)`)
    .join(', ')}`;

/** Opens the connection of a database-mode tenant; called once per distinct target. */
export type TenantDatabaseOpener = (profile: ConnectionProfile) => Promise<Connection>;

export interface TenancyRouterOptions {
  /** The shared database, as the app connection. */
  primary: Connection;
  appRole: string;
  openTenantDatabase: TenantDatabaseOpener;
  profileCacheMs: number;
  now?: () => number;
}

/**
 * The only way to reach tenant data. Every unit of work is one transaction
 * that first becomes the app role and sets the tenant, both transaction-local
 * so nothing survives on a pooled connection. Callers never know which
 * connection mode a tenant is in.
 */
export interface TenancyRouter {
  withTenant<T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Platform tables (profiles, registry, superadmins) in the shared database.
   * The tenant is the nil uuid, the platform's own scope: platform events and
   * audit rows are written there, and no real tenant's row is visible.
   */
  withPlatform<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Cross-tenant system work (the outbox relay) on one storage, as a role whose
   * own policies allow it: `null` is the shared database.
   */
  withStorage<T>(storage: ConnectionProfile | null, role: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Every tenant with its own schema or database: where else tenant tables live. */
  isolatedProfiles(): Promise<ConnectionProfile[]>;
  /** Drops the cached profile, e.g. after provisioning or a move between modes. */
  forgetProfile(tenantId: string): void;
  poolStats(): { total: number; idle: number; waiting: number; tenantDatabases: number };
  close(): Promise<void>;
}

const sharedProfile = (tenantId: string): ConnectionProfile => ({
  tenantId,
  mode: 'shared',
  schemaName: null,
  databaseName: null,
  host: null,
  port: null,
});

const databaseKey = (profile: ConnectionProfile): string =>
  `${profile.host ?? ''}:${profile.port ?? ''}/${profile.databaseName}`;

export const createTenancyRouter = (options: TenancyRouterOptions): TenancyRouter => {
  const { primary, appRole } = options;
  const now = options.now ?? Date.now;
  const profiles = new Map<string, { profile: Promise<ConnectionProfile>; expiresAt: number }>();
  const tenantDatabases = new Map<string, Promise<Connection>>();

  const platformSetup = transactionSetup({ role: appRole, 'app.current_tenant_id': platformTenantId });
  const withPlatform = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => primary.transaction(platformSetup, fn);

  const resolveProfile = (tenantId: string): Promise<ConnectionProfile> => {
    const cached = profiles.get(tenantId);
    if (cached && cached.expiresAt > now()) return cached.profile;
    // A tenant without a profile row is in shared mode. Only found profiles are
    // cached: a tenant provisioned by another process must not stay "shared" here.
    const profile = withPlatform((tx) => findProfile(tx, tenantId)).then((found) => {
      if (!found) profiles.delete(tenantId);
      return found ?? sharedProfile(tenantId);
    });
    profiles.set(tenantId, { profile, expiresAt: now() + options.profileCacheMs });
    profile.catch(() => profiles.delete(tenantId));
    return profile;
  };

  const connectionFor = (profile: ConnectionProfile): Promise<Connection> => {
    if (profile.mode !== 'database') return Promise.resolve(primary);
    const key = databaseKey(profile);
    let connection = tenantDatabases.get(key);
    if (!connection) {
      connection = options.openTenantDatabase(profile);
      tenantDatabases.set(key, connection);
      connection.catch(() => tenantDatabases.delete(key));
    }
    return connection;
  };

  return {
    async withTenant(tenantId, fn) {
      if (!isUuid(tenantId)) {
        throw new AppError('INTERNAL', 'Tenant work needs a tenant id', {
          code: errorCodes.TENANT_CONTEXT_MISSING,
        });
      }
      const profile = await resolveProfile(tenantId);
      const connection = await connectionFor(profile);
      const setup = transactionSetup({
        role: appRole,
        'app.current_tenant_id': tenantId,
        ...(profile.mode === 'schema' && profile.schemaName
          ? { search_path: quoteIdent(profile.schemaName) }
          : {}),
      });
      return connection.transaction(setup, fn);
    },
    withPlatform,
    async withStorage(storage, role, fn) {
      const connection = storage ? await connectionFor(storage) : primary;
      const setup = transactionSetup({
        role,
        ...(storage?.mode === 'schema' && storage.schemaName
          ? { search_path: quoteIdent(storage.schemaName) }
          : {}),
      });
      return connection.transaction(setup, fn);
    },
    isolatedProfiles: () => withPlatform((tx) => listIsolatedProfiles(tx)),
    forgetProfile(tenantId) {
      profiles.delete(tenantId);
    },
    poolStats: () => ({ ...primary.poolStats(), tenantDatabases: tenantDatabases.size }),
    async close() {
      const opened = await Promise.allSettled(tenantDatabases.values());
      tenantDatabases.clear();
      await Promise.all(
        opened.map((result) => (result.status === 'fulfilled' ? result.value.close() : Promise.resolve())),
      );
    },
  };
};
