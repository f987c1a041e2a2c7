import { catalogueContracts } from '@tenantry/module-registry';
import { z } from 'zod';

/** Request and response shapes of /v1/rbac (OpenAPI is built from them). */
const timestampSchema = z.date().meta({ type: 'string', format: 'date-time' });
const permissionKeySchema = catalogueContracts.permissionKeySchema;
const rankSchema = z.number().int().min(1).max(1000);

export const idParams = z.object({ id: z.uuid() });
export const assignmentParams = z.object({ id: z.uuid(), assignmentId: z.uuid() });

/** `.strict()`: a body naming tenantId, builtIn or any other field is refused (400), never applied. */
export const createRoleBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    permissions: z.array(permissionKeySchema).max(500),
    rank: rankSchema.optional().meta({ description: "Defaults to 1; at most the caller's own rank" }),
  })
  .strict();

export const updateRoleBody = z
  .object({
    name: z.string().trim().min(1).max(80).optional(),
    permissions: z.array(permissionKeySchema).max(500).optional(),
    rank: rankSchema.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Name at least one field to change' });

export const assignRoleBody = z
  .object({
    roleId: z.uuid(),
    locationId: z.uuid().optional().meta({ description: 'Hold the role at this location only' }),
  })
  .strict();

export const permissionEntrySchema = z
  .object({
    key: z.string(),
    module: z.string(),
    description: z.string(),
    roles: z.array(z.string()).meta({ description: 'The built-in roles holding it by default' }),
  })
  .meta({ id: 'RbacPermission' });

export const roleSchema = z
  .object({
    id: z.uuid(),
    key: z.string().nullable().meta({ description: 'The built-in profile key; null for a custom role' }),
    name: z.string(),
    rank: z.number().int(),
    builtIn: z.boolean(),
    permissions: z.array(z.string()).meta({ description: "Effective: among the tenant's enabled modules" }),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: 'RbacRole' });

export const deletedRoleSchema = z
  .object({ id: z.uuid(), assignmentsRemoved: z.number().int() })
  .meta({ id: 'DeletedRole' });

export const assignmentSchema = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    roleId: z.uuid(),
    roleKey: z.string().nullable(),
    roleName: z.string(),
    rank: z.number().int(),
    locationId: z.uuid().nullable(),
    createdBy: z.uuid(),
    createdAt: timestampSchema,
  })
  .meta({ id: 'RoleAssignment' });

export const memberRolesSchema = z
  .object({
    userId: z.uuid(),
    baseRole: z.string().meta({ description: "The member's built-in role (members API)" }),
    assignments: z.array(assignmentSchema),
  })
  .meta({ id: 'MemberRoles' });

export const permissionMatrixSchema = z
  .object({
    roles: z.array(
      z.object({
        id: z.uuid(),
        key: z.string().nullable(),
        name: z.string(),
        rank: z.number().int(),
        builtIn: z.boolean(),
        members: z.number().int().meta({ description: 'Members holding the role (base role or assignment)' }),
      }),
    ),
    permissions: z.array(
      z.object({
        key: z.string(),
        module: z.string(),
        description: z.string(),
        users: z.number().int().meta({ description: 'Members holding it through any role' }),
        byRole: z
          .record(z.string(), z.number().int())
          .meta({ description: 'Role id -> members holding the permission through that role' }),
      }),
    ),
  })
  .meta({ id: 'PermissionMatrix' });

export const effectiveAccessSchema = z
  .object({
    kind: z.string(),
    tenantId: z.uuid().nullable(),
    roles: z.array(z.string()),
    rank: z.number().int(),
    permissions: z.array(z.string()),
    locationPermissions: z.record(z.string(), z.array(z.string())),
    modules: z.array(z.string()),
  })
  .meta({ id: 'EffectiveAccess' });
