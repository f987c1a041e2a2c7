import { unwrap } from '@tenantry/sdk';
import { useApi } from '../api/use-api';
import { EmptyState, ErrorMessage, Loading, StatusBadge } from '../components/feedback';
import { formatDate } from '../lib/format';

/** A tenant's members from identity's directory: who they are, their base role, their account status. */
export const TenantMembersPanel = ({ tenantId }: { tenantId: string }) => {
  const members = useApi(
    (client, signal) =>
      client
        .GET('/v1/superadmin/tenants/{id}/members', { params: { path: { id: tenantId } }, signal })
        .then(unwrap),
    [tenantId],
  );
  return (
    <section className="panel" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      {members.status === 'error' ? <ErrorMessage error={members.error} onRetry={members.reload} /> : null}
      {members.status === 'loading' && !members.data ? <Loading label="Loading members…" /> : null}
      {members.data && members.data.length === 0 ? <EmptyState title="No members." /> : null}
      {members.data && members.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Base role</th>
                <th scope="col">Account</th>
                <th scope="col">Joined</th>
              </tr>
            </thead>
            <tbody>
              {members.data.map((member) => (
                <tr key={member.userId} data-member-email={member.email}>
                  <td>{member.name}</td>
                  <td>{member.email}</td>
                  <td>{member.role}</td>
                  <td>
                    <StatusBadge status={member.status} />
                    {member.mfaEnabled ? <span className="muted small"> MFA</span> : null}
                  </td>
                  <td>{formatDate(member.joinedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
};
