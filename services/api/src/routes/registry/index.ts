import type { ModuleRegistryDeps } from '@tenantry/module-registry';
import type { AnyRouteDefinition } from '../../http/route';
import { catalogueRoutes } from './catalogue.routes';
import { featureFlagRoutes } from './feature-flags.routes';
import { tenantModuleRoutes } from './tenant-modules.routes';

export { routeCatalogueRoute } from './route-catalogue.routes';

/** Every registry route: the catalogue, tenant modules and feature flags. */
export const registryRoutes = (deps: ModuleRegistryDeps): AnyRouteDefinition[] => [
  ...catalogueRoutes(deps),
  ...tenantModuleRoutes(deps),
  ...featureFlagRoutes(deps),
];
