import { compactId, expandId, randomSecret } from './secrets';

/**
 * `tnty_<tenant id, 32 hex>_<secret>`: the key names the tenant whose storage
 * holds its hash, so it is looked up under that tenant's RLS and nowhere else.
 */
const pattern = /^tnty_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export const isApiKeyShaped = (token: string): boolean => token.startsWith('tnty_');

export const newApiKey = (tenantId: string): { key: string; prefix: string } => {
  const key = `tnty_${compactId(tenantId)}_${randomSecret()}`;
  return { key, prefix: `${key.slice(0, 5)}…${key.slice(-4)}` };
};

export const parseApiKey = (key: string): { tenantId: string } | null => {
  const match = pattern.exec(key);
  const tenantId = match?.[1] ? expandId(match[1]) : null;
  return tenantId ? { tenantId } : null;
};
