/** The real servers integration tests talk to (this machine's by default). */
export const testServerUrl = (): string =>
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const testRedisUrl = (): string => process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A login role that is a plain member of the app role: what a production app connection looks like. */
export const testAppLogin = 'tenantry_test_app';

export const urlForDatabase = (serverUrl: string, database: string, user?: string): string => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  if (user) {
    url.username = user;
    url.password = '';
  }
  return url.toString();
};
