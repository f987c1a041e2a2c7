/** The signed-in superadmin's tokens, kept per browser tab (sessionStorage) so closing the tab signs out. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
}

const key = 'tenantry.console.session';

export interface SessionStore {
  read(): StoredSession | null;
  write(session: StoredSession): void;
  clear(): void;
}

/** A store over a Web Storage; a corrupt entry reads as signed out. */
export const createSessionStore = (
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
): SessionStore => ({
  read() {
    try {
      const parsed = JSON.parse(storage.getItem(key) ?? 'null') as Partial<StoredSession> | null;
      if (typeof parsed?.accessToken === 'string' && typeof parsed.refreshToken === 'string') {
        return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken };
      }
    } catch {
      // Unparseable: treated as no session.
    }
    return null;
  },
  write(session) {
    storage.setItem(key, JSON.stringify(session));
  },
  clear() {
    storage.removeItem(key);
  },
});
