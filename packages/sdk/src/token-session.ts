import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type TokenPair = components['schemas']['TokenPair'];

export interface TokenSessionOptions {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
  accessToken?: string;
  apiKey?: string;
  refreshToken?: string;
  onTokens?: (tokens: TokenPair) => void | Promise<void>;
}

export interface TokenSession {
  /** The Authorization header to send now, if the client has a credential. */
  authorization(): string | undefined;
  /**
   * Called after a 401 to a request sent with `sent`: true when a retry may
   * succeed, because the token was replaced since or a refresh just replaced it.
   */
  renew(sent: string): Promise<boolean>;
  /** Replaces the credentials (after a login), or forgets them with null. */
  setTokens(tokens: { accessToken: string; refreshToken?: string } | null): void;
}

/**
 * The client's credentials and its token refresh. A refresh token works once
 * (the server ends the whole session when one is presented twice), so at most
 * one refresh is in flight and every request refused meanwhile waits for it.
 */
export const createTokenSession = (options: TokenSessionOptions): TokenSession => {
  let apiKey = options.apiKey;
  let accessToken = options.accessToken;
  let refreshToken = options.refreshToken;
  let inFlight: Promise<boolean> | null = null;
  // No credentials on this one: the refresh route reads its token from the
  // body, and the server refuses a stale bearer on any route, public ones too.
  const auth = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  const bearer = () => {
    const token = apiKey ?? accessToken;
    return token === undefined ? undefined : `Bearer ${token}`;
  };

  // No Idempotency-Key here: the server would keep the new token pair in its
  // idempotency store for a day, and a spent refresh token is never retried.
  const refresh = async (): Promise<boolean> => {
    const presented = refreshToken;
    if (presented === undefined) return false;
    const result = await auth.POST('/v1/auth/refresh', { body: { refreshToken: presented } });
    // Tokens set meanwhile (a new login, a sign-out) win over this answer.
    if (refreshToken !== presented) return bearer() !== undefined;
    if (!result.data) {
      // A refused refresh token never works again: stop presenting it.
      if (result.response.status === 401) refreshToken = undefined;
      return false;
    }
    const tokens = result.data.data;
    accessToken = tokens.accessToken;
    refreshToken = tokens.refreshToken;
    await options.onTokens?.(tokens);
    return true;
  };

  return {
    authorization: bearer,
    renew(sent) {
      if (apiKey !== undefined) return Promise.resolve(false);
      const current = bearer();
      if (current !== sent) return Promise.resolve(current !== undefined);
      inFlight ??= refresh().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    setTokens(tokens) {
      apiKey = undefined;
      accessToken = tokens?.accessToken;
      refreshToken = tokens?.refreshToken;
    },
  };
};
