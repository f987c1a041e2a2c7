import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DbConfig {
  /** Owner connection: runs migrations and provisioning. Unset -> embedded PGlite. */
  ownerUrl: string | undefined;
  /** Connection for request and job work; defaults to ownerUrl (then every transaction switches to appRole). */
  appUrl: string | undefined;
  /** The role tenant work runs as: not superuser, no BYPASSRLS, owns nothing. */
  appRole: string;
  /** Folder of the embedded database (and of database-mode tenants in embedded mode). */
  dataDir: string;
  poolSize: number;
  tenantPoolSize: number;
  /** How long a tenant's connection profile is trusted before it is read again. */
  profileCacheMs: number;
}

const positiveInt = (value: string | undefined, fallback: number): number => {
  const parsed = value === undefined || value === '' ? Number.NaN : Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
};

/** The repository's .tenantry/data, wherever the command was started from. */
const defaultDataDir = fileURLToPath(new URL('../../../.tenantry/data', import.meta.url));

const rolePattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** Reads DATABASE_URL, DATABASE_APP_URL, DATABASE_APP_ROLE, DATA_DIR, DATABASE_POOL_SIZE, DATABASE_TENANT_POOL_SIZE. */
export const dbConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): DbConfig => {
  const appRole = env.DATABASE_APP_ROLE || 'tenantry_app';
  if (!rolePattern.test(appRole))
    throw new Error(`DATABASE_APP_ROLE must be a plain lower-case identifier: ${appRole}`);
  return {
    ownerUrl: env.DATABASE_URL || undefined,
    appUrl: env.DATABASE_APP_URL || undefined,
    appRole,
    // pnpm runs scripts inside the package folder; INIT_CWD is where the user typed the command.
    dataDir: env.DATA_DIR ? resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR) : defaultDataDir,
    poolSize: positiveInt(env.DATABASE_POOL_SIZE, 10),
    tenantPoolSize: positiveInt(env.DATABASE_TENANT_POOL_SIZE, 4),
    profileCacheMs: positiveInt(env.TENANT_PROFILE_CACHE_MS, 30_000),
  };
};
