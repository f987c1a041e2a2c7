import type { Registry, TenantModules } from '@tenantry/module-registry';
import type { HeldRole } from './assignments.repository';
import type { RoleRow } from './roles.repository';

type RoleLike = Pick<RoleRow, 'key' | 'builtIn' | 'permissions' | 'rank'>;

/**
 * What a role grants among the tenant's enabled modules: a built-in role the
 * registry's defaults for its profile (so a new module's defaults apply at
 * once), a custom role its stored permissions that are still enabled.
 */
export const permissionsOfRole = (registry: Registry, enabled: TenantModules, role: RoleLike): string[] =>
  role.builtIn && role.key
    ? registry.defaultPermissions(role.key, enabled.modules)
    : role.permissions.filter((permission) => enabled.permissions.has(permission));

/** A built-in profile's rank from the registry (the source of truth); 0 for an unknown key. */
export const rankOfProfile = (registry: Registry, key: string): number =>
  registry.roleProfiles.find((profile) => profile.key === key)?.rank ?? 0;

/** A role's rank: a built-in role's is its profile's, a custom role's is stored. */
export const rankOfRole = (registry: Registry, role: RoleLike): number =>
  role.builtIn && role.key ? rankOfProfile(registry, role.key) || role.rank : role.rank;

/** The name a role goes by in a principal's `roles`: a built-in role's key, a custom role's name. */
export const roleLabel = (role: Pick<RoleRow, 'key' | 'name'>): string => role.key ?? role.name;

export interface MemberAccess {
  roles: string[];
  rank: number;
  permissions: string[];
  locationPermissions: Record<string, string[]>;
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/**
 * A member's access: their base role's defaults and the permissions of the
 * roles they hold tenant-wide, plus, per location, what location-scoped roles
 * add there. Only tenant-wide roles count for the rank and the role names, so
 * a role held at one store never lets anyone grant or manage tenant-wide.
 */
export const accessOfMember = (
  registry: Registry,
  enabled: TenantModules,
  baseRole: string,
  held: readonly HeldRole[],
): MemberAccess => {
  const permissions = new Set(registry.defaultPermissions(baseRole, enabled.modules));
  const roles = [baseRole];
  let rank = rankOfProfile(registry, baseRole);
  const atLocation = new Map<string, Set<string>>();
  for (const { assignment, role } of held) {
    const granted = permissionsOfRole(registry, enabled, role);
    if (assignment.locationId === null) {
      for (const permission of granted) permissions.add(permission);
      roles.push(roleLabel(role));
      rank = Math.max(rank, rankOfRole(registry, role));
      continue;
    }
    const location = atLocation.get(assignment.locationId) ?? new Set<string>();
    for (const permission of granted) location.add(permission);
    atLocation.set(assignment.locationId, location);
  }
  return {
    roles: [...new Set(roles)],
    rank,
    permissions: sorted(permissions),
    locationPermissions: Object.fromEntries(
      [...atLocation].map(([locationId, granted]) => [locationId, sorted(granted)]),
    ),
  };
};
