import { type components, unwrap } from '@tenantry/sdk';
import { type FormEvent, useState } from 'react';
import { useSession } from '../api/session';
import { useApi } from '../api/use-api';
import { EmptyState, ErrorMessage, Loading } from '../components/feedback';
import { type AuditFilters, auditQueryFrom, emptyAuditFilters } from '../lib/audit-filters';
import { formatDateTime } from '../lib/format';

type AuditEvent = components['schemas']['AuditEvent'];

/** The platform's audit trail, or one tenant's, filtered, newest first, a page at a time. */
export const AuditPage = () => {
  const initialTenant = new URLSearchParams(window.location.search).get('tenantId') ?? '';
  const [draft, setDraft] = useState<AuditFilters>({ ...emptyAuditFilters, tenantId: initialTenant });
  const [filters, setFilters] = useState<AuditFilters>(draft);
  const [more, setMore] = useState<{ items: AuditEvent[]; cursor: string | null } | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const { client } = useSession();

  const first = useApi(
    async (client, signal) => {
      setMore(null);
      const result = await client.GET('/v1/superadmin/audit-events', {
        params: { query: auditQueryFrom(filters) },
        signal,
      });
      return { items: unwrap(result), cursor: result.data?.pagination.next_cursor ?? null };
    },
    [filters],
  );
  const events = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.cursor : (first.data?.cursor ?? null);

  const loadMore = async () => {
    if (!cursor) return;
    setMoreError(null);
    try {
      const result = await client.GET('/v1/superadmin/audit-events', {
        params: { query: { ...auditQueryFrom(filters), cursor } },
      });
      const items = unwrap(result);
      setMore({
        items: [...(more?.items ?? []), ...items],
        cursor: result.data?.pagination.next_cursor ?? null,
      });
    } catch (error) {
      setMoreError(error);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const field = (name: keyof AuditFilters, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`audit-${name}`}>{label}</label>
      <input
        id={`audit-${name}`}
        type={type}
        value={draft[name]}
        onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
      />
    </div>
  );

  return (
    <section aria-labelledby="audit-title">
      <div className="page-head">
        <h1 id="audit-title">Audit trail</h1>
      </div>
      <form className="filters" onSubmit={submit} aria-label="Audit filters">
        {field('tenantId', 'Tenant id (empty: the platform)')}
        {field('action', 'Action')}
        {field('actorId', 'Actor id')}
        {field('entityType', 'Entity type')}
        {field('entityId', 'Entity id')}
        {field('from', 'From (UTC day)', 'date')}
        {field('to', 'Until (UTC day, excluded)', 'date')}
        <div className="filter-actions">
          <button type="submit" className="button primary">
            Apply
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setDraft(emptyAuditFilters);
              setFilters(emptyAuditFilters);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {first.status === 'error' ? <ErrorMessage error={first.error} onRetry={first.reload} /> : null}
      {first.status === 'loading' && !first.data ? <Loading label="Loading events…" /> : null}
      {first.data && events.length === 0 ? <EmptyState title="No events match these filters." /> : null}
      {events.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Actor</th>
                <th scope="col">Entity</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <td>{formatDateTime(event.createdAt)}</td>
                  <td>
                    <code>{event.action}</code>
                  </td>
                  <td>
                    {event.actorType}
                    {event.actorId ? <div className="muted small">{event.actorId}</div> : null}
                  </td>
                  <td>
                    {event.entityType ?? '—'}
                    {event.entityId ? <div className="muted small">{event.entityId}</div> : null}
                  </td>
                  <td>
                    {event.diff || event.metadata ? (
                      <details>
                        <summary>Show</summary>
                        <pre className="json">
                          {JSON.stringify({ diff: event.diff, metadata: event.metadata }, null, 2)}
                        </pre>
                      </details>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {moreError ? <ErrorMessage error={moreError} /> : null}
      {cursor ? (
        <button type="button" className="button secondary" onClick={loadMore}>
          Load more
        </button>
      ) : null}
    </section>
  );
};
