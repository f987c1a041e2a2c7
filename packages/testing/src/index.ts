export { freePort } from './free-port';
export { testAppLogin, testRedisUrl, testServerUrl, urlForDatabase } from './servers';
export type { TestDatabase } from './test-database';
export { createTestDatabase } from './test-database';
export type { TestDatabaseRuntime } from './test-hooks';
export { useTestDatabase, useTestSmtpServer } from './test-hooks';
export type { ParsedMessage, TestSmtpServer } from './test-smtp-server';
export { startTestSmtpServer } from './test-smtp-server';
