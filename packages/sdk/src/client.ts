import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema';
import { createTokenSession, type TokenPair, type TokenSession } from './token-session';

/**
 * A random UUID v4. Browsers offer crypto.randomUUID only in secure contexts
 * (HTTPS, localhost); getRandomValues works everywhere, so the console can
 * write when served over plain HTTP on a LAN host too.
 */
const newIdempotencyKey = (): string => {
  const webCrypto = globalThis.crypto;
  if (typeof webCrypto.randomUUID === 'function') return webCrypto.randomUUID();
  const bytes = webCrypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
export interface TenantryClientOptions {
  /** Where the API lives, e.g. https://api.example.com (paths start with /v1). */
  baseUrl: string;
  /** A user's access token (JWT) from POST /v1/auth/login. */
  accessToken?: string;
  /** A tenant API key, instead of an access token. API keys are never refreshed. */
  apiKey?: string;
  /** With an access token: lets the client refresh it once it expires. */
  refreshToken?: string;
  /** Called with each pair an automatic refresh obtained, e.g. to store it. */
  onTokens?: (tokens: TokenPair) => void | Promise<void>;
  /** A fetch to send requests with (tests, proxies, instrumentation); globalThis.fetch by default. */
  fetch?: (request: Request) => Promise<Response>;
}

/** The typed openapi-fetch client (GET, POST, ... by path) with the credentials it sends. */
export type TenantryClient = Client<paths> & Pick<TokenSession, 'setTokens'>;

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const refreshPath = '/v1/auth/refresh';

/**
 * Whether a 401 refused the token itself (expired, revoked), the only kind a
 * refresh can cure. Other 401s, such as a wrong current password on an account
 * route, are answered as they are: retried, they would count twice against the
 * server's login throttle.
 */
const tokenRefused = async (response: Response): Promise<boolean> => {
  if (response.status !== 401) return false;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { error?: { code?: unknown } } | null;
  return body?.error?.code === 'INVALID_TOKEN';
};

/**
 * A client for the Tenantry API: bearer auth, one shared token refresh when a
 * 401 refuses the token then the request retried once, an Idempotency-Key on
 * every write.
 * Answers are openapi-fetch results; `unwrap` turns them into data or a
 * TenantryApiError.
 */
export const createTenantryClient = (options: TenantryClientOptions): TenantryClient => {
  if (options.accessToken !== undefined && options.apiKey !== undefined) {
    throw new Error('createTenantryClient: give accessToken or apiKey, not both');
  }
  // An arrow, not the bare function: browsers refuse fetch called on another `this`.
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const session = createTokenSession({ ...options, fetch: send });

  const authorizedFetch = async (request: Request): Promise<Response> => {
    if (writeMethods.has(request.method) && !request.headers.has('idempotency-key')) {
      request.headers.set('idempotency-key', newIdempotencyKey());
    }
    const sent = session.authorization();
    // A caller's own Authorization wins; the refresh route authenticates by its body.
    if (
      !sent ||
      request.headers.has('authorization') ||
      new URL(request.url).pathname.endsWith(refreshPath)
    ) {
      return send(request);
    }
    // A body can be read once, so the retry gets its own copy. It keeps the
    // Idempotency-Key: a 401 comes from authentication, before the key is taken.
    const retry = request.clone();
    request.headers.set('authorization', sent);
    const response = await send(request);
    if (!(await tokenRefused(response)) || !(await session.renew(sent))) return response;
    await response.body?.cancel();
    retry.headers.set('authorization', session.authorization() ?? '');
    return send(retry);
  };

  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: authorizedFetch });
  return Object.assign(client, { setTokens: session.setTokens });
};
