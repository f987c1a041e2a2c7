import { unwrap } from '@tenantry/sdk';
import { useApi } from '../api/use-api';
import { EmptyState, ErrorMessage, Loading, StatusBadge } from '../components/feedback';

/**
 * The module catalogue as the platform holds it (retired modules included).
 * Per-tenant switches live on each tenant's page.
 */
export const ModulesPage = () => {
  const modules = useApi(
    (client, signal) => client.GET('/v1/superadmin/modules', { signal }).then(unwrap),
    [],
  );
  return (
    <section aria-labelledby="modules-page-title">
      <div className="page-head">
        <h1 id="modules-page-title">Module registry</h1>
      </div>
      <p className="muted">
        Modules, their features and the permissions they bring. Switch a module for one tenant from that
        tenant's page.
      </p>
      {modules.status === 'error' ? <ErrorMessage error={modules.error} onRetry={modules.reload} /> : null}
      {modules.status === 'loading' && !modules.data ? <Loading label="Loading modules…" /> : null}
      {modules.data && modules.data.length === 0 ? <EmptyState title="The catalogue is empty." /> : null}
      <div className="module-grid">
        {modules.data?.map((module) => (
          <article key={module.key} className="panel" aria-labelledby={`module-${module.key}`}>
            <div className="page-head">
              <h2 id={`module-${module.key}`}>
                {module.name} <code>{module.key}</code>
              </h2>
              <StatusBadge status={module.status} />
            </div>
            <p>{module.description}</p>
            <p className="muted small">
              {module.core ? 'Core: every tenant has it. ' : 'Optional: switched per tenant. '}
              {module.source === 'custom' ? 'Added by a superadmin.' : 'From module-registry.json.'}
            </p>
            <details>
              <summary>
                {module.features.length} features, {module.permissions.length} permissions
              </summary>
              <ul className="plain">
                {module.features.map((feature) => (
                  <li key={feature.key}>
                    <code>{feature.key}</code> {feature.name}
                  </li>
                ))}
              </ul>
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">Permission</th>
                    <th scope="col">Held by default by</th>
                  </tr>
                </thead>
                <tbody>
                  {module.permissions.map((permission) => (
                    <tr key={permission.key}>
                      <td>
                        <code>{permission.key}</code>
                        <div className="muted small">{permission.description}</div>
                      </td>
                      <td>{permission.roles.join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </article>
        ))}
      </div>
    </section>
  );
};
