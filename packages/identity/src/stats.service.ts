import type { Tx } from '@tenantry/db';
import { failuresPerDay } from './attempts.repository';
import type { IdentityDeps } from './deps';
import { countActiveUsers } from './sessions.repository';
import { countTenantsCreatedBefore, tenantsCreatedPerDay } from './stats.repository';
import { countAllTenants, countTenantsByStatus, type TenantStatus } from './tenants.repository';

const dayMs = 86_400_000;

/** The last `count` UTC days, oldest first, ending with today. */
const recentDays = (now: Date, count: number) => {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const first = new Date(today - (count - 1) * dayMs);
  const days = Array.from({ length: count }, (_, index) =>
    new Date(first.getTime() + index * dayMs).toISOString().slice(0, 10),
  );
  return { first, days };
};

/** Per-day counts on every day of the window: a day without rows is a zero, not a gap in the chart. */
const zeroFilled = (days: readonly string[], rows: readonly { day: string; count: number }[]) => {
  const byDay = new Map(rows.map((row) => [row.day, row.count]));
  return days.map((day) => ({ day, count: byDay.get(day) ?? 0 }));
};

/** GET /v1/superadmin/stats/users: distinct users seen (login or refresh) in the last day, week and month. */
export const userActivityStats = (deps: IdentityDeps) => {
  const now = deps.clock.now().getTime();
  const since = (days: number) => new Date(now - days * dayMs);
  return deps.db.router.withPlatform(async (tx) => ({
    daily: await countActiveUsers(tx, since(1)),
    weekly: await countActiveUsers(tx, since(7)),
    monthly: await countActiveUsers(tx, since(30)),
  }));
};

/** GET /v1/superadmin/stats/logins: failed logins (attempts refused while locked included) per UTC day. */
export const failedLoginStats = async (deps: IdentityDeps, days: number) => {
  const window = recentDays(deps.clock.now(), days);
  // failuresPerDay counts rows strictly after its date; a millisecond earlier takes in midnight itself.
  const rows = await deps.db.router.withPlatform((tx) =>
    failuresPerDay(tx, new Date(window.first.getTime() - 1)),
  );
  return zeroFilled(window.days, rows).map(({ day, count }) => ({ day, failed: count }));
};

/** GET /v1/superadmin/stats/tenants: tenants by status now, and created per day with the running total. */
export const tenantStats = async (deps: IdentityDeps, days: number) => {
  const window = recentDays(deps.clock.now(), days);
  const { statuses, before, created } = await deps.db.router.withPlatform(async (tx) => ({
    statuses: await countTenantsByStatus(tx),
    before: await countTenantsCreatedBefore(tx, window.first),
    created: await tenantsCreatedPerDay(tx, window.first),
  }));
  const byStatus: Record<TenantStatus, number> = { pending: 0, active: 0, suspended: 0 };
  for (const row of statuses) if (row.status in byStatus) byStatus[row.status as TenantStatus] = row.count;
  let total = before;
  const growth = zeroFilled(window.days, created).map(({ day, count }) => {
    total += count;
    return { day, created: count, total };
  });
  return { byStatus, growth };
};

/** How many tenants there are, read in the caller's platform transaction: entitlements' tenants-by-plan census. */
export const countTenants = (tx: Tx): Promise<number> => countAllTenants(tx);
