import { z } from 'zod';

/** `<module>.<resource>.<action>`, lower-case with underscores inside parts. */
export const permissionKeySchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/,
    'a permission is <module>.<resource>.<action>',
  );

export const moduleKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'lower-case letters, digits and hyphens');

export const builtInRoleKeySchema = z.enum(['owner', 'admin', 'manager', 'cashier', 'member', 'viewer']);

export const featureSchema = z
  .object({ key: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/), name: z.string().min(1).max(120) })
  .strict();

export const permissionSchema = z
  .object({
    key: permissionKeySchema,
    description: z.string().min(1).max(200),
    /** The built-in role profiles that hold it by default. */
    roles: z.array(builtInRoleKeySchema),
  })
  .strict();

export const moduleSchema = z
  .object({
    key: moduleKeySchema,
    name: z.string().min(1).max(120),
    description: z.string().max(500),
    /** Core modules are on for every tenant and cannot be switched off. */
    core: z.boolean(),
    features: z.array(featureSchema),
    permissions: z.array(permissionSchema),
  })
  .strict()
  .superRefine((module, context) => {
    for (const [index, permission] of module.permissions.entries()) {
      if (!permission.key.startsWith(`${module.key.replaceAll('-', '_')}.`)) {
        context.addIssue({
          code: 'custom',
          path: ['permissions', index, 'key'],
          message: `a permission of module ${module.key} starts with "${module.key.replaceAll('-', '_')}."`,
        });
      }
    }
    for (const [index, feature] of module.features.entries()) {
      if (!feature.key.startsWith(`${module.key}.`)) {
        context.addIssue({
          code: 'custom',
          path: ['features', index, 'key'],
          message: `starts with "${module.key}."`,
        });
      }
    }
  });

export type ModuleDefinition = z.infer<typeof moduleSchema>;

export const roleProfileSchema = z
  .object({ key: builtInRoleKeySchema, name: z.string(), rank: z.number().int().min(1).max(1000) })
  .strict();
export type RoleProfile = z.infer<typeof roleProfileSchema>;

export const catalogueFileSchema = z.object({
  $comment: z.string().optional(),
  roles: z.array(roleProfileSchema),
  modules: z.array(moduleSchema),
});
