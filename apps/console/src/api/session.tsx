import { createTenantryClient, TenantryApiError, type TenantryClient, unwrap } from '@tenantry/sdk';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { createSessionStore, type StoredSession } from './session-store';

export interface Session {
  /** The SDK client every page calls the API with (same origin: the API serves the console). */
  client: TenantryClient;
  signedIn: boolean;
  /** After a login or its MFA step: keep the tokens and send them from now on. */
  signIn(tokens: StoredSession): void;
  /** Ends the session on the API (best effort) and forgets the tokens. */
  signOut(): Promise<void>;
  /** The API refused the tokens (expired session, disabled account): forget them locally. */
  expire(): void;
}

const SessionContext = createContext<Session | null>(null);

export const SessionProvider = ({ children }: { children: ReactNode }) => {
  const store = useMemo(() => createSessionStore(window.sessionStorage), []);
  const [signedIn, setSignedIn] = useState(() => store.read() !== null);
  const client = useMemo(() => {
    const saved = store.read();
    return createTenantryClient({
      baseUrl: window.location.origin,
      ...(saved ? { accessToken: saved.accessToken, refreshToken: saved.refreshToken } : {}),
      // The SDK refreshes an expired access token itself; keep the new pair for the next reload.
      onTokens: (tokens) =>
        store.write({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }),
    });
  }, [store]);

  const signIn = useCallback(
    (tokens: StoredSession) => {
      client.setTokens(tokens);
      store.write(tokens);
      setSignedIn(true);
    },
    [client, store],
  );
  const expire = useCallback(() => {
    client.setTokens(null);
    store.clear();
    setSignedIn(false);
  }, [client, store]);
  const signOut = useCallback(async () => {
    try {
      unwrap(await client.POST('/v1/auth/logout'));
    } catch (error) {
      // Already ended or unreachable: signing out locally is what matters.
      if (!(error instanceof TenantryApiError) && !(error instanceof TypeError)) throw error;
    } finally {
      expire();
    }
  }, [client, expire]);

  const session = useMemo(
    () => ({ client, signedIn, signIn, signOut, expire }),
    [client, signedIn, signIn, signOut, expire],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
};

export const useSession = (): Session => {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
};
