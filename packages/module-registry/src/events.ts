/** Events the registry emits through the outbox (platform scope: tenant id null, the tenant in `data`). */
export const registryEvents = {
  moduleCreated: 'registry.module.created',
  moduleUpdated: 'registry.module.updated',
  moduleRetired: 'registry.module.retired',
  tenantModuleEnabled: 'registry.tenant_module.enabled',
  tenantModuleDisabled: 'registry.tenant_module.disabled',
  flagCreated: 'registry.flag.created',
  flagUpdated: 'registry.flag.updated',
  flagArchived: 'registry.flag.archived',
} as const;
