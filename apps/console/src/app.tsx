import { useEffect } from 'react';
import { useSession } from './api/session';
import { Layout } from './components/layout';
import { navigate, useLocation } from './components/navigation';
import { pathFor, publicRouteNames, type Route, routeFromPath } from './lib/routes';
import { AuditPage } from './pages/audit-page';
import { DashboardPage } from './pages/dashboard-page';
import { FlagsPage } from './pages/flags-page';
import { LoginPage } from './pages/login-page';
import { MailboxPage } from './pages/mailbox-page';
import { ModulesPage } from './pages/modules-page';
import { SetupPage } from './pages/setup-page';
import { TenantPage } from './pages/tenant-page';
import { TenantsPage } from './pages/tenants-page';

const titles: Record<Route['name'], string> = {
  login: 'Sign in',
  setup: 'Set up',
  dashboard: 'Dashboard',
  tenants: 'Tenants',
  tenant: 'Tenant',
  modules: 'Modules',
  flags: 'Feature flags',
  audit: 'Audit trail',
  mailbox: 'Dev mailbox',
  'not-found': 'Not found',
};

/** The console: signed-out visitors see login and setup, everyone else the sections. */
export const App = () => {
  const { pathname, search } = useLocation();
  const session = useSession();
  const route = routeFromPath(pathname);
  const isPublic = publicRouteNames.has(route.name);
  const redirect = !session.signedIn && !isPublic ? pathFor({ name: 'login' }) : null;
  const leaveLogin = session.signedIn && route.name === 'login' ? pathFor({ name: 'dashboard' }) : null;

  useEffect(() => {
    document.title = `${titles[route.name]} · Tenantry console`;
  }, [route.name]);
  useEffect(() => {
    const target = redirect ?? leaveLogin;
    if (target) navigate(target, { replace: true });
  }, [redirect, leaveLogin]);
  if (redirect || leaveLogin) return null;

  if (route.name === 'login') {
    return (
      <LoginPage
        justCreated={new URLSearchParams(search).has('created')}
        onSignedIn={(tokens) => {
          session.signIn(tokens);
          navigate(pathFor({ name: 'dashboard' }));
        }}
      />
    );
  }
  if (route.name === 'setup') {
    return <SetupPage onCreated={() => navigate(`${pathFor({ name: 'login' })}?created=1`)} />;
  }
  const signOut = () => {
    void session.signOut().then(() => navigate(pathFor({ name: 'login' })));
  };
  return (
    <Layout route={route} onSignOut={signOut}>
      <Page route={route} />
    </Layout>
  );
};

const Page = ({ route }: { route: Route }) => {
  switch (route.name) {
    case 'dashboard':
      return <DashboardPage />;
    case 'tenants':
      return <TenantsPage />;
    case 'tenant':
      return <TenantPage id={route.id} />;
    case 'modules':
      return <ModulesPage />;
    case 'flags':
      return <FlagsPage />;
    case 'audit':
      return <AuditPage />;
    case 'mailbox':
      return <MailboxPage />;
    case 'login':
    case 'setup':
    case 'not-found':
      return (
        <section>
          <h1>Page not found</h1>
          <p className="muted">Nothing lives at this address. Pick a section from the menu.</p>
        </section>
      );
  }
};
