/** Who is calling: resolved once per request or job, passed to services. */
export interface Principal {
  kind: 'user' | 'api_key' | 'superadmin' | 'system';
  id: string;
  tenantId: string | null;
  roles: readonly string[];
  permissions: readonly string[];
  /** The login session a user's token belongs to (revocable). */
  sessionId?: string;
  /** A tenant awaiting approval lets its users reach account routes only. */
  tenantStatus?: 'pending' | 'active' | 'suspended';
  /** The presented access token's id and expiry, so logout can deny it until then. */
  tokenId?: string;
  tokenExpiresAt?: Date;
  /** Module keys enabled for the principal's tenant (core modules included). */
  modules?: readonly string[];
  /** Permissions held only at one location (branch, store), by location id. */
  locationPermissions?: Readonly<Record<string, readonly string[]>>;
  /** The highest rank among the principal's roles: nobody grants above it. */
  rank?: number;
}
