import { type components, unwrap } from '@tenantry/sdk';
import { type FormEvent, useState } from 'react';
import { useAction, useApi } from '../api/use-api';
import { EmptyState, ErrorMessage, Loading, Notice, StatusBadge } from '../components/feedback';
import { Field } from '../components/field';
import { Link } from '../components/navigation';
import { formatDateTime } from '../lib/format';
import { type ConnectionMode, connectionModes, type FieldErrors, suspendForm, validate } from '../lib/forms';
import { pathFor } from '../lib/routes';
import { TenantMembersPanel } from './tenant-members-panel';
import { TenantPlanPanel } from './tenant-plan-panel';

type Tenant = components['schemas']['Tenant'];

const modeHelp: Record<ConnectionMode, string> = {
  shared: 'rows in the shared tables (the default)',
  schema: 'the same tables in its own schema',
  database: 'its own database',
};

/** One tenant: its lifecycle (approve, suspend, reactivate), storage, members, plan and modules. */
export const TenantPage = ({ id }: { id: string }) => {
  const tenant = useApi(
    (client, signal) =>
      client.GET('/v1/superadmin/tenants/{id}', { params: { path: { id } }, signal }).then(unwrap),
    [id],
  );
  const [notice, setNotice] = useState<string | null>(null);
  const [current, setCurrent] = useState<Tenant | null>(null);
  const shown = current?.id === id ? current : tenant.data;

  // A lifecycle change answers the tenant; the detail (its connection mode, set at approval) is read again.
  const changed = (next: Tenant, message: string) => {
    setCurrent(next);
    setNotice(message);
    tenant.reload();
  };
  const connectionMode = tenant.data?.id === id ? tenant.data.connectionMode : null;

  return (
    <section aria-labelledby="tenant-title">
      <p className="breadcrumb">
        <Link to={pathFor({ name: 'tenants' })}>← Tenants</Link>
      </p>
      {tenant.status === 'error' && !shown ? (
        <ErrorMessage error={tenant.error} onRetry={tenant.reload} />
      ) : null}
      {!shown && tenant.status === 'loading' ? <Loading label="Loading tenant…" /> : null}
      {shown ? (
        <>
          <div className="page-head">
            <h1 id="tenant-title">{shown.name}</h1>
            <StatusBadge status={shown.status} />
          </div>
          {notice ? <Notice>{notice}</Notice> : null}
          <dl className="facts">
            <dt>Slug</dt>
            <dd>
              <code>{shown.slug}</code>
            </dd>
            <dt>Id</dt>
            <dd>
              <code>{shown.id}</code>
            </dd>
            <dt>Signed up</dt>
            <dd>{formatDateTime(shown.createdAt)}</dd>
            <dt>Approved</dt>
            <dd>{formatDateTime(shown.approvedAt)}</dd>
            <dt>Connection mode</dt>
            <dd data-connection-mode={connectionMode ?? 'none'}>
              {connectionMode ? (
                <>
                  <strong>{connectionMode}</strong>{' '}
                  <span className="muted">— {modeHelp[connectionMode]}</span>
                </>
              ) : (
                <span className="muted">none yet: chosen at approval</span>
              )}
            </dd>
            {shown.status === 'suspended' ? (
              <>
                <dt>Suspended</dt>
                <dd>
                  {formatDateTime(shown.suspendedAt)}: {shown.suspendedReason}
                </dd>
              </>
            ) : null}
          </dl>
          <Lifecycle tenant={shown} onChanged={changed} />
          <TenantMembersPanel tenantId={shown.id} />
          {shown.status === 'pending' ? null : (
            <>
              <TenantPlanPanel tenantId={shown.id} />
              <ModulesPanel tenantId={shown.id} />
            </>
          )}
          <p className="muted">
            What happened to it: the tenant's{' '}
            <Link to={`${pathFor({ name: 'audit' })}?tenantId=${shown.id}`}>audit trail</Link>.
          </p>
        </>
      ) : null}
    </section>
  );
};

const Lifecycle = ({
  tenant,
  onChanged,
}: {
  tenant: Tenant;
  onChanged: (tenant: Tenant, message: string) => void;
}) => {
  switch (tenant.status) {
    case 'pending':
      return <ApproveForm tenant={tenant} onChanged={onChanged} />;
    case 'active':
      return <SuspendForm tenant={tenant} onChanged={onChanged} />;
    case 'suspended':
      return <ReactivateForm tenant={tenant} onChanged={onChanged} />;
  }
};

type LifecycleProps = { tenant: Tenant; onChanged: (tenant: Tenant, message: string) => void };

const ApproveForm = ({ tenant, onChanged }: LifecycleProps) => {
  const [mode, setMode] = useState<ConnectionMode>('shared');
  const approve = useAction(async (client, body: { mode: ConnectionMode }) =>
    unwrap(
      await client.POST('/v1/superadmin/tenants/{id}/approve', { params: { path: { id: tenant.id } }, body }),
    ),
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const approved = await approve.run({ mode });
    if (approved)
      onChanged(
        approved,
        `${approved.name} is approved: its data is provisioned (${mode}) and its owner is welcomed.`,
      );
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="approve-title">
      <h2 id="approve-title">Approve this sign-up</h2>
      <fieldset>
        <legend>Connection mode</legend>
        {connectionModes.map((value) => (
          <label key={value} className="radio">
            <input
              type="radio"
              name="mode"
              value={value}
              checked={mode === value}
              onChange={() => setMode(value)}
            />
            <span>
              <strong>{value}</strong> <span className="muted">— {modeHelp[value]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {approve.error ? <ErrorMessage error={approve.error} /> : null}
      <button type="submit" className="button primary" disabled={approve.pending}>
        {approve.pending ? 'Approving…' : 'Approve tenant'}
      </button>
    </form>
  );
};

const SuspendForm = ({ tenant, onChanged }: LifecycleProps) => {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const suspend = useAction(async (client, body: { reason: string }) =>
    unwrap(
      await client.POST('/v1/superadmin/tenants/{id}/suspend', { params: { path: { id: tenant.id } }, body }),
    ),
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(suspendForm, { reason });
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    const suspended = await suspend.run(checked.data);
    if (suspended) {
      setReason('');
      onChanged(suspended, `${suspended.name} is suspended: its users are refused, its data is kept.`);
    }
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="suspend-title">
      <h2 id="suspend-title">Suspend</h2>
      <p className="muted">
        Ends its sessions at once; its users get TENANT_SUSPENDED until you reactivate it.
      </p>
      <Field
        label="Reason"
        value={reason}
        error={errors.reason}
        onChange={(event) => setReason(event.target.value)}
      />
      {suspend.error ? <ErrorMessage error={suspend.error} /> : null}
      <button type="submit" className="button danger" disabled={suspend.pending}>
        {suspend.pending ? 'Suspending…' : 'Suspend tenant'}
      </button>
    </form>
  );
};

const ReactivateForm = ({ tenant, onChanged }: LifecycleProps) => {
  const reactivate = useAction(async (client) =>
    unwrap(
      await client.POST('/v1/superadmin/tenants/{id}/reactivate', { params: { path: { id: tenant.id } } }),
    ),
  );
  return (
    <div className="panel">
      <h2>Reactivate</h2>
      {reactivate.error ? <ErrorMessage error={reactivate.error} /> : null}
      <button
        type="button"
        className="button primary"
        disabled={reactivate.pending}
        onClick={async () => {
          const active = await reactivate.run();
          if (active) onChanged(active, `${active.name} is active again.`);
        }}
      >
        {reactivate.pending ? 'Reactivating…' : 'Reactivate tenant'}
      </button>
    </div>
  );
};

const ModulesPanel = ({ tenantId }: { tenantId: string }) => {
  const modules = useApi(
    (client, signal) =>
      client
        .GET('/v1/superadmin/tenants/{id}/modules', { params: { path: { id: tenantId } }, signal })
        .then(unwrap),
    [tenantId],
  );
  const [overrides, setOverrides] = useState<Record<string, boolean>>({});
  const toggle = useAction(async (client, moduleKey: string, enabled: boolean) =>
    unwrap(
      await client.PUT('/v1/superadmin/tenants/{id}/modules/{moduleKey}', {
        params: { path: { id: tenantId, moduleKey } },
        body: { enabled },
      }),
    ),
  );
  const [busyKey, setBusyKey] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="modules-title">
      <h2 id="modules-title">Modules</h2>
      <p className="muted">Switching a module applies on the tenant's next request. Core modules stay on.</p>
      {modules.status === 'error' ? <ErrorMessage error={modules.error} onRetry={modules.reload} /> : null}
      {modules.status === 'loading' && !modules.data ? <Loading label="Loading modules…" /> : null}
      {modules.data && modules.data.length === 0 ? (
        <EmptyState title="No active modules in the catalogue." />
      ) : null}
      {toggle.error ? <ErrorMessage error={toggle.error} /> : null}
      <ul className="toggle-list">
        {modules.data?.map((module) => {
          const enabled = overrides[module.key] ?? module.enabled;
          return (
            <li key={module.key}>
              <label className="switch">
                <input
                  type="checkbox"
                  role="switch"
                  aria-checked={enabled}
                  checked={enabled}
                  disabled={module.core || busyKey === module.key}
                  aria-describedby={module.core ? `core-${module.key}` : undefined}
                  onChange={async (event) => {
                    const next = event.target.checked;
                    setBusyKey(module.key);
                    const saved = await toggle.run(module.key, next);
                    setBusyKey(null);
                    if (saved) setOverrides((previous) => ({ ...previous, [module.key]: saved.enabled }));
                  }}
                />
                <span>
                  {module.name} <code>{module.key}</code>
                </span>
              </label>
              {module.core ? (
                <span id={`core-${module.key}`} className="muted small">
                  core: always on
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
};
