/**
 * The `@tenantry/module-registry/contracts` entry: request and response
 * contracts a browser can hold. Everything reachable from here imports only
 * zod and pure modules (no drizzle, no Redis), so the console validates its
 * forms with the very schemas the API validates with.
 */
export * as catalogueContracts from './catalogue.contracts';
export * as entitlementContracts from './entitlements/entitlements.contracts';
export * as flagContracts from './flags/contracts';
