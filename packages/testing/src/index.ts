export { testAppLogin, testRedisUrl, testServerUrl, urlForDatabase } from './servers';
export type { TestDatabase } from './test-database';
export { createTestDatabase } from './test-database';
