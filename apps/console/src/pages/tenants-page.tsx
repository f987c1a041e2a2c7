import { type components, unwrap } from '@tenantry/sdk';
import { type FormEvent, useState } from 'react';
import { useSession } from '../api/session';
import { useApi } from '../api/use-api';
import { EmptyState, ErrorMessage, Loading, StatusBadge, type TenantStatus } from '../components/feedback';
import { Link } from '../components/navigation';
import { formatDate } from '../lib/format';
import { pathFor } from '../lib/routes';

type Tenant = components['schemas']['Tenant'];
const statuses: TenantStatus[] = ['pending', 'active', 'suspended'];
const pageSize = 25;

/** Tenants, newest first, by status and name/slug search, a page at a time. */
export const TenantsPage = () => {
  const [status, setStatus] = useState<TenantStatus | ''>('');
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [more, setMore] = useState<{ items: Tenant[]; cursor: string | null } | null>(null);

  const first = useApi(
    async (client, signal) => {
      setMore(null);
      const result = await client.GET('/v1/superadmin/tenants', {
        params: { query: { limit: pageSize, ...(status ? { status } : {}), ...(query ? { q: query } : {}) } },
        signal,
      });
      const items = unwrap(result);
      return { items, cursor: result.data?.pagination.next_cursor ?? null };
    },
    [status, query],
  );
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const { client } = useSession();

  const tenants = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.cursor : (first.data?.cursor ?? null);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const result = await client.GET('/v1/superadmin/tenants', {
        params: {
          query: { limit: pageSize, cursor, ...(status ? { status } : {}), ...(query ? { q: query } : {}) },
        },
      });
      const items = unwrap(result);
      setMore({
        items: [...(more?.items ?? []), ...items],
        cursor: result.data?.pagination.next_cursor ?? null,
      });
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    setQuery(search.trim());
  };

  return (
    <section aria-labelledby="tenants-title">
      <div className="page-head">
        <h1 id="tenants-title">Tenants</h1>
      </div>
      <div className="toolbar">
        <div className="field inline">
          <label htmlFor="tenant-status">Status</label>
          <select
            id="tenant-status"
            value={status}
            onChange={(event) => setStatus(event.target.value as TenantStatus | '')}
          >
            <option value="">All</option>
            {statuses.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
        <form className="search" onSubmit={submitSearch}>
          <label htmlFor="tenant-search" className="visually-hidden">
            Search by name or slug
          </label>
          <input
            id="tenant-search"
            type="search"
            placeholder="Name or slug"
            maxLength={100}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <button type="submit" className="button secondary">
            Search
          </button>
        </form>
      </div>
      {first.status === 'error' ? <ErrorMessage error={first.error} onRetry={first.reload} /> : null}
      {first.status === 'loading' && !first.data ? <Loading label="Loading tenants…" /> : null}
      {first.data && tenants.length === 0 ? (
        <EmptyState title={status || query ? 'No tenant matches these filters.' : 'No tenants yet.'}>
          {status || query
            ? 'Try another status or search.'
            : 'Tenants appear here when someone signs up (POST /v1/auth/signup).'}
        </EmptyState>
      ) : null}
      {tenants.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-busy={first.status === 'loading'}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Slug</th>
                <th scope="col">Status</th>
                <th scope="col">Signed up</th>
              </tr>
            </thead>
            <tbody>
              {tenants.map((tenant) => (
                <tr key={tenant.id} data-tenant-slug={tenant.slug}>
                  <td>
                    <Link to={pathFor({ name: 'tenant', id: tenant.id })}>{tenant.name}</Link>
                  </td>
                  <td>
                    <code>{tenant.slug}</code>
                  </td>
                  <td>
                    <StatusBadge status={tenant.status} />
                  </td>
                  <td>{formatDate(tenant.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {moreError ? <ErrorMessage error={moreError} /> : null}
      {cursor ? (
        <button type="button" className="button secondary" onClick={loadMore} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Load more'}
        </button>
      ) : null}
    </section>
  );
};
