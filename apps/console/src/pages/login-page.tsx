import { TenantryApiError, unwrap } from '@tenantry/sdk';
import { type FormEvent, useState } from 'react';
import { useAction } from '../api/use-api';
import { ErrorMessage, Notice } from '../components/feedback';
import { Field } from '../components/field';
import { Link } from '../components/navigation';
import { fieldErrorsFrom } from '../lib/format';
import { type FieldErrors, loginForm, mfaForm, validate } from '../lib/forms';
import { pathFor } from '../lib/routes';

type Tokens = { accessToken: string; refreshToken: string };

/**
 * Sign-in: e-mail and password, then, when the account has MFA (the API
 * answers `mfaRequired` with an mfaToken), an authenticator or recovery code.
 */
export const LoginPage = ({
  onSignedIn,
  justCreated,
}: {
  onSignedIn: (tokens: Tokens) => void;
  /** Set after the setup wizard: the new superadmin signs in next. */
  justCreated: boolean;
}) => {
  const [mfa, setMfa] = useState<{ token: string } | null>(null);
  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <h1>Tenantry console</h1>
        {justCreated && !mfa ? <Notice>The superadmin account is ready. Sign in with it.</Notice> : null}
        {mfa ? (
          <MfaStep mfaToken={mfa.token} onSignedIn={onSignedIn} onRestart={() => setMfa(null)} />
        ) : (
          <PasswordStep onSignedIn={onSignedIn} onMfaRequired={(token) => setMfa({ token })} />
        )}
      </div>
    </main>
  );
};

const PasswordStep = ({
  onSignedIn,
  onMfaRequired,
}: {
  onSignedIn: (tokens: Tokens) => void;
  onMfaRequired: (mfaToken: string) => void;
}) => {
  const [values, setValues] = useState({ email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const login = useAction(async (client, body: { email: string; password: string }) =>
    unwrap(await client.POST('/v1/auth/login', { body })),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(loginForm, values);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    const result = await login.run(checked.data);
    if (!result) return;
    if ('mfaRequired' in result) onMfaRequired(result.mfaToken);
    else onSignedIn(result);
  };

  const apiErrors = fieldErrorsFrom(login.error);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="login-title">
      <h2 id="login-title">Sign in</h2>
      <p className="muted">Superadmins only: tenant users sign in from their own apps.</p>
      {login.error ? <LoginError error={login.error} /> : null}
      <Field
        label="E-mail"
        type="email"
        autoComplete="username"
        value={values.email}
        error={errors.email ?? apiErrors.email}
        onChange={(event) => setValues({ ...values, email: event.target.value })}
      />
      <Field
        label="Password"
        type="password"
        autoComplete="current-password"
        value={values.password}
        error={errors.password ?? apiErrors.password}
        onChange={(event) => setValues({ ...values, password: event.target.value })}
      />
      <button type="submit" className="button primary" disabled={login.pending}>
        {login.pending ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="muted small">
        First run of this platform? <Link to={pathFor({ name: 'setup' })}>Create the first superadmin</Link>
      </p>
    </form>
  );
};

/** Login failures as the API words them; a lock also says when to retry. */
const LoginError = ({ error }: { error: unknown }) => {
  if (error instanceof TenantryApiError && error.code === 'LOGIN_LOCKED') {
    const seconds = (error.details as { retryAfterSeconds?: number } | null)?.retryAfterSeconds;
    return (
      <div className="alert alert-error" role="alert">
        <p>
          {error.message}
          {seconds ? ` Try again in ${Math.ceil(seconds / 60)} min.` : ''}
        </p>
      </div>
    );
  }
  return <ErrorMessage error={error} />;
};

const MfaStep = ({
  mfaToken,
  onSignedIn,
  onRestart,
}: {
  mfaToken: string;
  onSignedIn: (tokens: Tokens) => void;
  onRestart: () => void;
}) => {
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const verify = useAction(async (client, body: { mfaToken: string; code: string }) =>
    unwrap(await client.POST('/v1/auth/login/mfa', { body })),
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(mfaForm, { code });
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    const tokens = await verify.run({ mfaToken, code: checked.data.code });
    if (tokens) onSignedIn(tokens);
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="mfa-title">
      <h2 id="mfa-title">Two-step verification</h2>
      <p className="muted">Enter the code from your authenticator app, or one of your recovery codes.</p>
      {verify.error ? <LoginError error={verify.error} /> : null}
      <Field
        label="Code"
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus
        value={code}
        error={errors.code}
        onChange={(event) => setCode(event.target.value)}
      />
      <button type="submit" className="button primary" disabled={verify.pending}>
        {verify.pending ? 'Checking…' : 'Verify'}
      </button>
      <button type="button" className="button link" onClick={onRestart}>
        Start over
      </button>
    </form>
  );
};
