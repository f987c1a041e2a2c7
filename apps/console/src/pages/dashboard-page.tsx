import { unwrap } from '@tenantry/sdk';
import { useState } from 'react';
import { useApi } from '../api/use-api';
import { BarChart, LineChart } from '../components/charts';
import { ErrorMessage, Loading } from '../components/feedback';
import { formatDay, formatNumber } from '../lib/format';

const ranges = [7, 30, 90] as const;

/** Platform figures: tenant growth, status and plan, active users, failed logins (the stats routes). */
export const DashboardPage = () => {
  const [days, setDays] = useState<(typeof ranges)[number]>(30);
  const stats = useApi(
    async (client, signal) => {
      const query = { params: { query: { days } }, signal };
      const [tenants, users, logins, plans] = await Promise.all([
        client.GET('/v1/superadmin/stats/tenants', query).then(unwrap),
        client.GET('/v1/superadmin/stats/users', { signal }).then(unwrap),
        client.GET('/v1/superadmin/stats/logins', query).then(unwrap),
        client.GET('/v1/superadmin/stats/plans', { signal }).then(unwrap),
      ]);
      return { tenants, users, logins, plans };
    },
    [days],
  );

  return (
    <section aria-labelledby="dashboard-title">
      <div className="page-head">
        <h1 id="dashboard-title">Dashboard</h1>
        <fieldset className="segmented">
          <legend className="visually-hidden">Period</legend>
          {ranges.map((range) => (
            <button
              key={range}
              type="button"
              className="button secondary small"
              aria-pressed={days === range}
              onClick={() => setDays(range)}
            >
              {range} days
            </button>
          ))}
        </fieldset>
      </div>
      {stats.status === 'error' ? <ErrorMessage error={stats.error} onRetry={stats.reload} /> : null}
      {!stats.data ? (
        stats.status === 'loading' ? (
          <Loading label="Loading figures…" />
        ) : null
      ) : (
        <>
          <div className="cards">
            <Figure label="Active tenants" value={stats.data.tenants.byStatus.active} />
            <Figure label="Pending approval" value={stats.data.tenants.byStatus.pending} />
            <Figure label="Suspended" value={stats.data.tenants.byStatus.suspended} />
            <Figure label="Users today" value={stats.data.users.daily} />
            <Figure label="Users this week" value={stats.data.users.weekly} />
            <Figure label="Users this month" value={stats.data.users.monthly} />
          </div>
          <div className="chart-grid">
            <div className="panel">
              <h2>Tenant growth</h2>
              <LineChart
                title={`Tenants in total, last ${days} days`}
                points={stats.data.tenants.growth.map((day) => ({
                  label: formatDay(day.day),
                  value: day.total,
                }))}
              />
            </div>
            <div className="panel">
              <h2>Tenants by status</h2>
              <BarChart
                title="Tenants by status"
                bars={[
                  { label: 'active', value: stats.data.tenants.byStatus.active },
                  { label: 'pending', value: stats.data.tenants.byStatus.pending },
                  { label: 'suspended', value: stats.data.tenants.byStatus.suspended },
                ]}
              />
            </div>
            <div className="panel">
              <h2>Failed logins per day</h2>
              <LineChart
                title={`Failed logins per day, last ${days} days`}
                points={stats.data.logins.map((day) => ({ label: formatDay(day.day), value: day.failed }))}
              />
            </div>
            <div className="panel" data-chart="tenants-by-plan">
              <h2>Tenants by plan</h2>
              <BarChart
                title="Tenants by plan"
                bars={stats.data.plans.map((plan) => ({
                  label: plan.archived ? `${plan.planKey} (archived)` : plan.planKey,
                  value: plan.tenants,
                }))}
              />
            </div>
          </div>
        </>
      )}
    </section>
  );
};

const Figure = ({ label, value }: { label: string; value: number }) => (
  <div className="card">
    <p className="card-label">{label}</p>
    <p className="card-value">{formatNumber(value)}</p>
  </div>
);
