import { z } from 'zod';
import {
  featureSchema,
  type ModuleDefinition,
  moduleKeySchema,
  moduleSchema,
  permissionSchema,
} from './catalogue.contracts';

/**
 * Module keys a superadmin may not take: their permission prefixes are the
 * platform's own (`platform.tenant.manage`), which no tenant role may ever hold.
 */
export const reservedModuleKeys = ['platform', 'superadmin', 'system'] as const;

/**
 * A module as a superadmin may define it: the catalogue's schema (key
 * formats, permission and feature prefixes) plus unique keys and no reserved
 * module key.
 */
export const moduleDefinitionSchema = moduleSchema.superRefine((module, context) => {
  if ((reservedModuleKeys as readonly string[]).includes(module.key)) {
    context.addIssue({ code: 'custom', path: ['key'], message: `"${module.key}" is reserved` });
  }
  for (const list of ['features', 'permissions'] as const) {
    const seen = new Set<string>();
    for (const [index, { key }] of module[list].entries()) {
      if (seen.has(key)) {
        context.addIssue({ code: 'custom', path: [list, index, 'key'], message: `${key} is listed twice` });
      }
      seen.add(key);
    }
  }
});

export const moduleKeyParams = z.object({ key: moduleKeySchema });

export const updateModuleBody = z
  .object({
    name: z.string().min(1).max(120).optional(),
    description: z.string().max(500).optional(),
    /** Replace the lists as a whole. */
    features: z.array(featureSchema).optional(),
    permissions: z.array(permissionSchema).optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'change at least one field');

export const retireModuleBody = z
  .object({
    /** Retire even though roles hold the module's permissions (they lose them). */
    confirm: z.boolean().default(false),
  })
  .strict()
  .optional();

export const moduleEntrySchema = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    core: z.boolean(),
    features: z.array(featureSchema),
    permissions: z.array(permissionSchema),
    status: z.enum(['active', 'retired']),
    source: z.enum(['catalogue', 'custom']),
  })
  .meta({ id: 'ModuleEntry' });

/** The catalogue as a caller sees it; `enabled` for a tenant caller. */
export const catalogueModuleSchema = moduleEntrySchema
  .extend({ enabled: z.boolean().optional() })
  .meta({ id: 'CatalogueModule' });

export const tenantModuleParams = z.object({ id: z.uuid(), moduleKey: moduleKeySchema });
export const tenantIdParams = z.object({ id: z.uuid() });
export const setTenantModuleBody = z.object({ enabled: z.boolean() }).strict();

export const tenantModuleSchema = z
  .object({ key: z.string(), name: z.string(), core: z.boolean(), enabled: z.boolean() })
  .meta({ id: 'TenantModule' });

export type UpdateModuleInput = z.infer<typeof updateModuleBody>;
export type NewModuleInput = ModuleDefinition;
