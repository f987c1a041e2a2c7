import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { catalogueFileSchema, type ModuleDefinition, type RoleProfile } from './catalogue.contracts';

const catalogueUrl = new URL('../module-registry.json', import.meta.url);

/** module-registry.json, validated: the canonical modules and the built-in role profiles. */
export const readCatalogueFile = (
  path = fileURLToPath(catalogueUrl),
): { roles: RoleProfile[]; modules: ModuleDefinition[] } =>
  catalogueFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
