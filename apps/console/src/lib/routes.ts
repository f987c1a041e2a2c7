/** The console's client routes, all under /master-admin so the API's own paths are never shadowed. */
export const basePath = '/master-admin';

export type Route =
  | { name: 'login' }
  | { name: 'setup' }
  | { name: 'dashboard' }
  | { name: 'tenants' }
  | { name: 'tenant'; id: string }
  | { name: 'modules' }
  | { name: 'flags' }
  | { name: 'audit' }
  | { name: 'mailbox' }
  | { name: 'not-found'; path: string };

/** Routes a signed-out visitor may see; every other one sends them to the login. */
export const publicRouteNames: ReadonlySet<Route['name']> = new Set(['login', 'setup']);

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The route a location's pathname names (`/` and `/master-admin` are the dashboard). */
export const routeFromPath = (pathname: string): Route => {
  const trimmed = pathname.replace(/\/+$/, '') || '/';
  if (trimmed === '/' || trimmed === basePath) return { name: 'dashboard' };
  if (!trimmed.startsWith(`${basePath}/`)) return { name: 'not-found', path: pathname };
  const parts = trimmed.slice(basePath.length + 1).split('/');
  const [first, second, ...rest] = parts;
  if (rest.length > 0) return { name: 'not-found', path: pathname };
  if (second === undefined) {
    switch (first) {
      case 'login':
      case 'setup':
      case 'dashboard':
      case 'tenants':
      case 'modules':
      case 'flags':
      case 'audit':
      case 'mailbox':
        return { name: first };
      default:
        return { name: 'not-found', path: pathname };
    }
  }
  if (first === 'tenants' && uuidPattern.test(second)) return { name: 'tenant', id: second.toLowerCase() };
  return { name: 'not-found', path: pathname };
};

/** The pathname of a route: the inverse of routeFromPath. */
export const pathFor = (route: Route): string => {
  switch (route.name) {
    case 'tenant':
      return `${basePath}/tenants/${route.id}`;
    case 'not-found':
      return route.path;
    default:
      return `${basePath}/${route.name}`;
  }
};
