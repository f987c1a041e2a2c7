import type { ReactNode } from 'react';
import { basePath, pathFor, type Route } from '../lib/routes';
import { Link } from './navigation';

const sections: { route: Route; label: string }[] = [
  { route: { name: 'dashboard' }, label: 'Dashboard' },
  { route: { name: 'tenants' }, label: 'Tenants' },
  { route: { name: 'modules' }, label: 'Modules' },
  { route: { name: 'flags' }, label: 'Feature flags' },
  { route: { name: 'audit' }, label: 'Audit trail' },
  { route: { name: 'mailbox' }, label: 'Dev mailbox' },
];

const sectionOf = (route: Route): Route['name'] => (route.name === 'tenant' ? 'tenants' : route.name);

/** The signed-in frame: skip link, navigation, sign-out, and the page. */
export const Layout = ({
  route,
  onSignOut,
  children,
}: {
  route: Route;
  onSignOut: () => void;
  children: ReactNode;
}) => (
  <div className="shell">
    <a className="skip-link" href="#main">
      Skip to content
    </a>
    <header className="topbar">
      <Link to={basePath} className="brand">
        Tenantry <span className="muted">console</span>
      </Link>
      <button type="button" className="button secondary small" onClick={onSignOut}>
        Sign out
      </button>
    </header>
    <nav className="sidebar" aria-label="Console sections">
      <ul>
        {sections.map((section) => (
          <li key={section.route.name}>
            <Link
              to={pathFor(section.route)}
              aria-current={sectionOf(route) === section.route.name ? 'page' : undefined}
            >
              {section.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
    <main className="content" id="main" tabIndex={-1}>
      {children}
    </main>
  </div>
);
