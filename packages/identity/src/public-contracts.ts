/**
 * The `@tenantry/identity/contracts` entry: request and response contracts a
 * browser can hold. Everything reachable from here imports only zod and pure
 * modules (no argon2, drizzle or node:crypto), so the console validates its
 * forms with the very schemas the API validates with; a console test
 * fails the build if a server module creeps in.
 */
export * as accountContracts from './account.contracts';
export * as identityContracts from './contracts';
export * as passwordPolicy from './password-policy';
