export type { ModuleDefinition, RoleProfile } from './catalogue.contracts';
export * as catalogueContracts from './catalogue.contracts';
export { readCatalogueFile } from './catalogue-file';
export { syncCatalogue } from './catalogue-sync';
export { catalogueMigrations } from './migrations';
export type { ModuleEntry, Registry, TenantModules } from './registry';
export { createRegistry } from './registry';
export { moduleRegistryEntries, tenantModules } from './schema/catalogue';
