import { type components, unwrap } from '@tenantry/sdk';
import { type FormEvent, useState } from 'react';
import { useAction, useApi } from '../api/use-api';
import { EmptyState, ErrorMessage, Loading } from '../components/feedback';
import { formatDateTime, formatNumber } from '../lib/format';
import { type FieldErrors, planForm, validate } from '../lib/forms';

type PlanLimits = components['schemas']['PlanLimits'];

const quotaLabels: Record<keyof PlanLimits, string> = {
  users: 'Users',
  locations: 'Locations',
  pos_tickets_per_month: 'POS tickets per month',
  api_calls_per_minute: 'API calls per minute',
};

const limitText = (value: number | null) => (value === null ? 'no limit' : formatNumber(value));

/** The tenant's plan and its limits, and a move to another plan (limits apply at once). */
export const TenantPlanPanel = ({ tenantId }: { tenantId: string }) => {
  const current = useApi(
    (client, signal) =>
      client
        .GET('/v1/superadmin/tenants/{id}/plan', { params: { path: { id: tenantId } }, signal })
        .then(unwrap),
    [tenantId],
  );
  const plans = useApi((client, signal) => client.GET('/v1/superadmin/plans', { signal }).then(unwrap), []);
  const [planKey, setPlanKey] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const assign = useAction(async (client, body: { planKey: string }) =>
    unwrap(
      await client.PUT('/v1/superadmin/tenants/{id}/plan', { params: { path: { id: tenantId } }, body }),
    ),
  );
  const live = plans.data?.filter((plan) => !plan.archived) ?? [];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(planForm, { planKey });
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    if (await assign.run(checked.data)) {
      setPlanKey('');
      current.reload();
    }
  };
  const shown = current.data;
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="plan-title">
      <h2 id="plan-title">Plan</h2>
      {current.status === 'error' ? <ErrorMessage error={current.error} onRetry={current.reload} /> : null}
      {current.status === 'loading' && !shown ? <Loading label="Loading the plan…" /> : null}
      {shown ? (
        <>
          <p data-plan-key={shown.planKey}>
            On plan <strong>{shown.planName}</strong> <code>{shown.planKey}</code>{' '}
            <span className="muted">
              {shown.assignedAt
                ? `since ${formatDateTime(shown.assignedAt)}`
                : '(the default plan: never assigned one)'}
            </span>
          </p>
          <table className="table compact" aria-label="Plan limits">
            <thead>
              <tr>
                <th scope="col">Quota</th>
                <th scope="col">Warn at</th>
                <th scope="col">Refuse past</th>
              </tr>
            </thead>
            <tbody>
              {(Object.keys(quotaLabels) as (keyof PlanLimits)[]).map((quota) => (
                <tr key={quota}>
                  <td>{quotaLabels[quota]}</td>
                  <td>{limitText(shown.limits[quota].soft)}</td>
                  <td>{limitText(shown.limits[quota].hard)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {plans.status === 'error' ? <ErrorMessage error={plans.error} onRetry={plans.reload} /> : null}
      {plans.data && live.length === 0 ? <EmptyState title="No plans defined." /> : null}
      {live.length > 0 ? (
        <div className="row">
          <div className="field inline">
            <label htmlFor="plan-key">Move to plan</label>
            <select id="plan-key" value={planKey} onChange={(event) => setPlanKey(event.target.value)}>
              <option value="">Choose a plan</option>
              {live.map((plan) => (
                <option key={plan.key} value={plan.key}>
                  {plan.name} ({plan.key})
                </option>
              ))}
            </select>
            {errors.planKey ? <p className="field-error">{errors.planKey}</p> : null}
          </div>
          <button type="submit" className="button secondary" disabled={!planKey || assign.pending}>
            {assign.pending ? 'Assigning…' : 'Assign plan'}
          </button>
        </div>
      ) : null}
      {assign.error ? <ErrorMessage error={assign.error} /> : null}
    </form>
  );
};
