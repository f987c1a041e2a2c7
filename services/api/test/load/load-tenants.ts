import { randomBytes } from 'node:crypto';

/** A tenant of the load: its owner's token, a store with tills (register + open shift), stocked items. */
export interface LoadTenant {
  index: number;
  tenantId: string;
  token: string;
  /** Every SKU of the tenant starts with it. */
  prefix: string;
  locationId: string;
  tills: { registerId: string; shiftId: string }[];
  items: { id: string; sku: string; price: number }[];
  /** Ids and prefixes of every other tenant: none may appear in an answer to this one. */
  markers: string[];
}

/** Stock each item starts with: more than any run sells, so no sale is a shortfall. */
export const initialStock = 1_000_000;

const password = 'correct horse battery staple 42';

/** Sends one setup call and insists on its status: setup is not under test. */
const calling =
  (baseUrl: string) =>
  async (method: string, path: string, expected: number, token?: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== expected) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text).data;
  };

/**
 * Tenants signed up, approved on the pro plan (the free plan's 120 calls a
 * minute is below this load), each with a store, tills and stocked items,
 * made over HTTP as a customer would. `superadmin` is the bootstrap account.
 */
export const createLoadTenants = async (
  baseUrl: string,
  superadmin: { email: string; password: string },
  options: { tenants: number; tillsPerTenant: number; itemsPerTenant: number },
): Promise<LoadTenant[]> => {
  const call = calling(baseUrl);
  const root = (await call('POST', '/v1/auth/login', 200, undefined, superadmin)).accessToken as string;
  const run = randomBytes(3).toString('hex');

  const createOne = async (index: number) => {
    const slug = `load-${run}-${index}`;
    const email = `owner-${slug}@example.test`;
    const signup = await call('POST', '/v1/auth/signup', 201, undefined, {
      tenantName: `Load ${index}`,
      tenantSlug: slug,
      email,
      password,
      name: `Owner ${index}`,
    });
    const tenantId = signup.tenant.id as string;
    await call('POST', `/v1/superadmin/tenants/${tenantId}/approve`, 200, root, { mode: 'shared' });
    await call('PUT', `/v1/superadmin/tenants/${tenantId}/plan`, 200, root, { planKey: 'pro' });
    const token = (
      await call('POST', '/v1/auth/login', 200, undefined, { email, password, tenantSlug: slug })
    ).accessToken as string;
    // Upper-case: generated ids are lower-case hex, so a prefix never occurs inside one.
    const prefix = `L${index}X${randomBytes(3).toString('hex').toUpperCase()}-`;
    const location = await call('POST', '/v1/inventory/locations', 201, token, {
      name: `Store ${prefix}`,
      code: `${prefix}STORE`,
    });
    const tills: LoadTenant['tills'] = [];
    for (let till = 0; till < options.tillsPerTenant; till += 1) {
      const register = await call('POST', '/v1/pos/registers', 201, token, {
        name: `Till ${till}`,
        locationId: location.id,
      });
      const shift = await call('POST', '/v1/pos/shifts', 201, token, {
        registerId: register.id,
        openingFloat: 10_000,
      });
      tills.push({ registerId: register.id, shiftId: shift.id });
    }
    const items: LoadTenant['items'] = [];
    for (let n = 0; n < options.itemsPerTenant; n += 1) {
      const price = 100 + 25 * n;
      const item = await call('POST', '/v1/inventory/items', 201, token, {
        sku: `${prefix}ITEM${n}`,
        name: `Item ${n}`,
        unit: 'each',
        price,
      });
      await call('POST', '/v1/inventory/movements', 201, token, {
        type: 'receive',
        itemId: item.id,
        locationId: location.id,
        quantity: initialStock,
        reason: 'opening stock',
      });
      items.push({ id: item.id, sku: item.sku, price });
    }
    return { index, tenantId, token, prefix, locationId: location.id as string, tills, items, markers: [] };
  };

  // A few at a time: setup is not the load, and sign-ups hash passwords.
  const tenants: LoadTenant[] = [];
  for (let start = 0; start < options.tenants; start += 5) {
    const batch = Array.from({ length: Math.min(5, options.tenants - start) }, (_, i) =>
      createOne(start + i),
    );
    tenants.push(...(await Promise.all(batch)));
  }
  for (const tenant of tenants) {
    tenant.markers = tenants
      .filter((other) => other !== tenant)
      .flatMap((other) => [
        other.tenantId,
        other.prefix,
        other.locationId,
        ...other.tills.flatMap((till) => [till.registerId, till.shiftId]),
        ...other.items.map((item) => item.id),
      ]);
  }
  return tenants;
};
