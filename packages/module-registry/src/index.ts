export {
  isSuperadmin,
  requirePlatformManager,
  requirePlatformPermission,
  requireTenantPermission,
} from './access';
export type { ModuleDefinition, RoleProfile } from './catalogue.contracts';
export * as catalogueContracts from './catalogue.contracts';
export {
  createModule,
  getModule,
  listCatalogueFor,
  listModulesAsSuperadmin,
  retireModule,
  updateModule,
} from './catalogue.service';
export * as catalogueAdminContracts from './catalogue-admin.contracts';
export { readCatalogueFile } from './catalogue-file';
export { syncCatalogue } from './catalogue-sync';
export type { ModuleRegistryDeps, RequestMeta as RegistryRequestMeta, TenantLookup } from './deps';
export * from './entitlements';
export type { PermissionInUse } from './errors';
export { registryCodes, registryErrors } from './errors';
export { registryEvents } from './events';
export * as flagContracts from './flags/contracts';
export type { EvaluableFlag } from './flags/evaluate';
export { evaluateFlag, rolloutBucket } from './flags/evaluate';
export type { FeatureFlagStore } from './flags/flag-store';
export { createFeatureFlagStore } from './flags/flag-store';
export {
  archiveFeatureFlag,
  createFeatureFlag,
  evaluatedFlagsFor,
  getFeatureFlag,
  listFeatureFlags,
  updateFeatureFlag,
} from './flags/flags.service';
export { flagMigrations } from './flags/migrations';
export type { FlagRules } from './flags/schema';
export { featureFlags } from './flags/schema';
export type { InvalidationBus, InvalidationListener, InvalidationTopic } from './invalidation';
export { createInvalidationBus, defaultInvalidationChannel } from './invalidation';
export { catalogueMigrations } from './migrations';
export { createModuleRegistryDeps, withTenantModules } from './module-registry';
export type { PermissionUsage, PermissionUse } from './permission-usage';
export { builtInDefaultsOnly, permissionsInUse } from './permission-usage';
export { platformModuleManage, platformStatsRead, registryPermissions } from './permissions';
export type { ModuleEntry, Registry, TenantModules } from './registry';
export { createRegistry, moduleEntryOf } from './registry';
export { moduleRegistryEntries, tenantModules } from './schema/catalogue';
export { listTenantModules, setTenantModule } from './tenant-modules.service';
