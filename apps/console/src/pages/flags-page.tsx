import { type components, unwrap } from '@tenantry/sdk';
import { type FormEvent, useState } from 'react';
import { useAction, useApi } from '../api/use-api';
import { EmptyState, ErrorMessage, Loading, Notice } from '../components/feedback';
import { Field } from '../components/field';
import { fieldErrorsFrom, formatPercent } from '../lib/format';
import { type FieldErrors, flagForm, flagOverrideForm, validate } from '../lib/forms';

type Flag = components['schemas']['FeatureFlag'];

/** Feature flags: a global default, per-tenant overrides and a sticky percentage rollout. */
export const FlagsPage = () => {
  const flags = useApi(
    (client, signal) => client.GET('/v1/superadmin/feature-flags', { signal }).then(unwrap),
    [],
  );
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const saved = (message: string) => {
    setNotice(message);
    setEditing(null);
    flags.reload();
  };
  return (
    <section aria-labelledby="flags-title">
      <div className="page-head">
        <h1 id="flags-title">Feature flags</h1>
      </div>
      {notice ? <Notice>{notice}</Notice> : null}
      <FlagEditor key="new" onSaved={saved} />
      {flags.status === 'error' ? <ErrorMessage error={flags.error} onRetry={flags.reload} /> : null}
      {flags.status === 'loading' && !flags.data ? <Loading label="Loading flags…" /> : null}
      {flags.data && flags.data.length === 0 ? (
        <EmptyState title="No feature flags yet.">
          Define one above; tenants read them at GET /v1/feature-flags.
        </EmptyState>
      ) : null}
      <ul className="flag-list">
        {flags.data?.map((flag) => (
          <li key={flag.key} className="panel">
            <div className="page-head">
              <h2>
                <code>{flag.key}</code>
              </h2>
              <button
                type="button"
                className="button secondary small"
                aria-expanded={editing === flag.key}
                onClick={() => setEditing(editing === flag.key ? null : flag.key)}
              >
                {editing === flag.key ? 'Close' : 'Edit'}
              </button>
            </div>
            <p>{flag.description}</p>
            <p className="muted small">
              Default {flag.defaultEnabled ? 'on' : 'off'} · rollout{' '}
              {flag.rules.rollout ? formatPercent(flag.rules.rollout.percentage) : 'none'} ·{' '}
              {Object.keys(flag.rules.tenants ?? {}).length} tenant overrides
            </p>
            {editing === flag.key ? <FlagEditor flag={flag} onSaved={saved} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
};

const FlagEditor = ({ flag, onSaved }: { flag?: Flag; onSaved: (message: string) => void }) => {
  const [values, setValues] = useState({
    key: flag?.key ?? '',
    description: flag?.description ?? '',
    defaultEnabled: flag?.defaultEnabled ?? false,
    rollout: flag?.rules.rollout ? String(flag.rules.rollout.percentage) : '',
  });
  const [overrides, setOverrides] = useState(() =>
    Object.entries(flag?.rules.tenants ?? {}).map(([tenantId, enabled]) => ({ tenantId, enabled })),
  );
  const [newOverride, setNewOverride] = useState({ tenantId: '', enabled: true });
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useAction(
    async (
      client,
      body: { key: string; description: string; defaultEnabled: boolean; rules: Flag['rules'] },
    ) => {
      if (!flag) return unwrap(await client.POST('/v1/superadmin/feature-flags', { body }));
      const { key, ...changes } = body;
      return unwrap(
        await client.PATCH('/v1/superadmin/feature-flags/{key}', {
          params: { path: { key } },
          body: changes,
        }),
      );
    },
  );
  const archive = useAction(async (client, key: string) =>
    unwrap(await client.DELETE('/v1/superadmin/feature-flags/{key}', { params: { path: { key } } })),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(flagForm, values);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    const { rollout, ...rest } = checked.data;
    const rules = {
      tenants: Object.fromEntries(overrides.map((override) => [override.tenantId, override.enabled])),
      rollout: rollout === null ? null : { percentage: rollout },
    };
    const result = await save.run({ ...rest, rules });
    if (result) onSaved(flag ? `Flag ${result.key} saved.` : `Flag ${result.key} created.`);
  };
  const addOverride = () => {
    const checked = validate(flagOverrideForm, newOverride);
    setErrors(checked.ok ? {} : { override: checked.errors.tenantId });
    if (!checked.ok) return;
    setOverrides([
      ...overrides.filter((override) => override.tenantId !== checked.data.tenantId),
      checked.data,
    ]);
    setNewOverride({ tenantId: '', enabled: true });
  };

  const apiErrors = fieldErrorsFrom(save.error);
  return (
    <form
      className={flag ? 'editor' : 'panel'}
      onSubmit={submit}
      noValidate
      aria-label={flag ? `Edit ${flag.key}` : 'New flag'}
    >
      {flag ? null : <h2>New flag</h2>}
      {flag ? null : (
        <Field
          label="Key"
          value={values.key}
          hint="Lower-case words joined by '.', '-' or '_', e.g. pos.split-payments"
          error={errors.key ?? apiErrors.key}
          onChange={(event) => setValues({ ...values, key: event.target.value })}
        />
      )}
      <Field
        label="Description"
        value={values.description}
        error={errors.description ?? apiErrors.description}
        onChange={(event) => setValues({ ...values, description: event.target.value })}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={values.defaultEnabled}
          onChange={(event) => setValues({ ...values, defaultEnabled: event.target.checked })}
        />
        On by default for every tenant
      </label>
      <Field
        label="Rollout (% of tenants)"
        inputMode="decimal"
        value={values.rollout}
        hint="Empty for no rollout. Sticky per tenant; an override beats it."
        error={errors.rollout}
        onChange={(event) => setValues({ ...values, rollout: event.target.value })}
      />
      <fieldset>
        <legend>Tenant overrides</legend>
        {overrides.length === 0 ? <p className="muted small">None.</p> : null}
        <ul className="plain">
          {overrides.map((override) => (
            <li key={override.tenantId} className="row">
              <code>{override.tenantId}</code> {override.enabled ? 'on' : 'off'}
              <button
                type="button"
                className="button link"
                onClick={() =>
                  setOverrides(overrides.filter((other) => other.tenantId !== override.tenantId))
                }
              >
                Remove<span className="visually-hidden"> override for {override.tenantId}</span>
              </button>
            </li>
          ))}
        </ul>
        <div className="row">
          <Field
            label="Tenant id"
            value={newOverride.tenantId}
            error={errors.override}
            onChange={(event) => setNewOverride({ ...newOverride, tenantId: event.target.value })}
          />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={newOverride.enabled}
              onChange={(event) => setNewOverride({ ...newOverride, enabled: event.target.checked })}
            />
            On
          </label>
          <button type="button" className="button secondary small" onClick={addOverride}>
            Add override
          </button>
        </div>
      </fieldset>
      {save.error ? <ErrorMessage error={save.error} /> : null}
      {archive.error ? <ErrorMessage error={archive.error} /> : null}
      <div className="row">
        <button type="submit" className="button primary" disabled={save.pending}>
          {save.pending ? 'Saving…' : flag ? 'Save flag' : 'Create flag'}
        </button>
        {flag ? (
          <button
            type="button"
            className="button danger"
            disabled={archive.pending}
            onClick={async () => {
              if (!window.confirm(`Archive ${flag.key}? It stops being evaluated; its key stays taken.`))
                return;
              if (await archive.run(flag.key)) onSaved(`Flag ${flag.key} archived.`);
            }}
          >
            Archive
          </button>
        ) : null}
      </div>
    </form>
  );
};
