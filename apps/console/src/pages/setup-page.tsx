import { TenantryApiError, unwrap } from '@tenantry/sdk';
import { type FormEvent, useState } from 'react';
import { useAction } from '../api/use-api';
import { ErrorMessage, Notice } from '../components/feedback';
import { Field } from '../components/field';
import { Link } from '../components/navigation';
import { fieldErrorsFrom } from '../lib/format';
import { type FieldErrors, minPasswordLength, setupForm, validate } from '../lib/forms';
import { pathFor } from '../lib/routes';

/**
 * First-run wizard: creates the first superadmin (POST /v1/superadmin/setup).
 * The API has no side-effect-free way to ask whether one exists yet, so the
 * wizard is offered from the login page and the API decides: once a
 * superadmin exists it answers 409 ALREADY_SET_UP and the wizard says so.
 */
export const SetupPage = ({ onCreated }: { onCreated: (email: string) => void }) => {
  const [values, setValues] = useState({ name: '', email: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const setup = useAction(async (client, body: { name: string; email: string; password: string }) =>
    unwrap(await client.POST('/v1/superadmin/setup', { body })),
  );
  const alreadySetUp = setup.error instanceof TenantryApiError && setup.error.code === 'ALREADY_SET_UP';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(setupForm, values);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    const { confirm: _confirm, ...body } = checked.data;
    const created = await setup.run(body);
    if (created) onCreated(created.email);
  };

  const apiErrors = fieldErrorsFrom(setup.error);
  const change = (field: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues({ ...values, [field]: event.target.value });
  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <h1>Tenantry console</h1>
        <form onSubmit={submit} noValidate aria-labelledby="setup-title">
          <h2 id="setup-title">Set up the platform</h2>
          <p className="muted">
            Create the first superadmin account. This works once: later superadmins are invited by a
            superadmin.
          </p>
          {alreadySetUp ? (
            <Notice>
              This platform already has a superadmin.{' '}
              <Link to={pathFor({ name: 'login' })}>Sign in instead</Link>.
            </Notice>
          ) : setup.error ? (
            <ErrorMessage error={setup.error} />
          ) : null}
          <Field
            label="Your name"
            autoComplete="name"
            value={values.name}
            error={errors.name ?? apiErrors.name}
            onChange={change('name')}
          />
          <Field
            label="E-mail"
            type="email"
            autoComplete="username"
            value={values.email}
            error={errors.email ?? apiErrors.email}
            onChange={change('email')}
          />
          <Field
            label="Password"
            type="password"
            autoComplete="new-password"
            hint={`At least ${minPasswordLength} characters; a passphrase works well. Common passwords are refused.`}
            value={values.password}
            error={errors.password ?? apiErrors.password}
            onChange={change('password')}
          />
          <Field
            label="Repeat the password"
            type="password"
            autoComplete="new-password"
            value={values.confirm}
            error={errors.confirm}
            onChange={change('confirm')}
          />
          <button type="submit" className="button primary" disabled={setup.pending || alreadySetUp}>
            {setup.pending ? 'Creating…' : 'Create superadmin'}
          </button>
          <p className="muted small">
            Already set up? <Link to={pathFor({ name: 'login' })}>Sign in</Link>
          </p>
        </form>
      </div>
    </main>
  );
};
