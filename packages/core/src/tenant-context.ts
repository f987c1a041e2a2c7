/** Who is calling: resolved once per request or job, passed to services. */
export interface Principal {
  kind: 'user' | 'api_key' | 'superadmin' | 'system';
  id: string;
  tenantId: string | null;
  roles: readonly string[];
  permissions: readonly string[];
}
