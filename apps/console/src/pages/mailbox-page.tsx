import { type components, unwrap } from '@tenantry/sdk';
import { type FormEvent, useState } from 'react';
import { useApi } from '../api/use-api';
import { EmptyState, ErrorMessage, Loading } from '../components/feedback';
import { formatDateTime } from '../lib/format';

type Mail = components['schemas']['DevMail'];

/** What the platform would have e-mailed while no SMTP server is configured (embedded mode). */
export const MailboxPage = () => {
  const [to, setTo] = useState('');
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<Mail | null>(null);
  const mails = useApi(
    (client, signal) =>
      client
        .GET('/v1/superadmin/dev-mailbox', {
          params: { query: { limit: 100, ...(filter ? { to: filter } : {}) } },
          signal,
        })
        .then(unwrap),
    [filter],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilter(to.trim());
  };
  return (
    <section aria-labelledby="mailbox-title">
      <div className="page-head">
        <h1 id="mailbox-title">Dev mailbox</h1>
        <button type="button" className="button secondary small" onClick={mails.reload}>
          Refresh
        </button>
      </div>
      <p className="muted">Kept instead of sent while SMTP_URL is unset. Newest first.</p>
      <form className="search" onSubmit={submit}>
        <label htmlFor="mail-to" className="visually-hidden">
          Recipient
        </label>
        <input
          id="mail-to"
          type="email"
          placeholder="Recipient e-mail"
          value={to}
          onChange={(event) => setTo(event.target.value)}
        />
        <button type="submit" className="button secondary">
          Filter
        </button>
      </form>
      {mails.status === 'error' ? <ErrorMessage error={mails.error} onRetry={mails.reload} /> : null}
      {mails.status === 'loading' && !mails.data ? <Loading label="Loading messages…" /> : null}
      {mails.data && mails.data.length === 0 ? (
        <EmptyState title="No messages.">
          Sign-ups, invitations and password resets send mail here.
        </EmptyState>
      ) : null}
      <div className="mailbox">
        <ul className="mail-list">
          {mails.data?.map((mail) => (
            <li key={mail.id}>
              <button
                type="button"
                className="mail-item"
                aria-pressed={open?.id === mail.id}
                onClick={() => setOpen(mail)}
              >
                <strong>{mail.subject}</strong>
                <span className="muted small">
                  to {mail.to} · {formatDateTime(mail.createdAt)}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {open ? (
          <article className="panel mail-view" aria-labelledby="mail-subject">
            <h2 id="mail-subject">{open.subject}</h2>
            <p className="muted small">
              To {open.to} · template <code>{open.template}</code> · {formatDateTime(open.createdAt)}
            </p>
            {open.html ? (
              // sandbox without allow-scripts: the e-mail's HTML renders but runs nothing and reaches nothing.
              <iframe
                title={`E-mail: ${open.subject}`}
                sandbox=""
                srcDoc={open.html}
                className="mail-frame"
              />
            ) : (
              <pre className="mail-text">{open.text}</pre>
            )}
          </article>
        ) : null}
      </div>
    </section>
  );
};
