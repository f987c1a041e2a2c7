import type { Principal } from '@tenantry/core';
import type { TenancyRouter } from '@tenantry/db';
import type { Registry } from '@tenantry/module-registry';
import { heldRolesOf } from './assignments.repository';
import { accessOfMember } from './grants';

export interface AccessResolver {
  /** The principal with its effective permissions, location permissions, rank and enabled modules. */
  resolve(principal: Principal): Promise<Principal>;
}

/**
 * Turns an authenticated principal into what it may do right now. Roles are
 * read on every request, so a role change applies on the principal's next
 * one. The registry caches the catalogue and each tenant's module switches
 * briefly and drops them when they change (ADR 0005), so a module switch
 * applies on the next request too: at once in the instance that made it,
 * elsewhere when the invalidation message arrives (at worst after 5 s).
 *
 * - A member: their base role's registry defaults, plus the roles they hold
 *   tenant-wide, within the enabled modules; location-scoped roles fill
 *   `locationPermissions`; `rank` is the highest tenant-wide rank.
 * - An API key: the permissions chosen at creation that enabled modules still
 *   define; no role, rank 0.
 * - Superadmins and system principals: unchanged.
 */
export const createAccessResolver = (options: {
  router: TenancyRouter;
  registry: Registry;
}): AccessResolver => ({
  async resolve(principal) {
    const tenantId = principal.tenantId;
    if (!tenantId || (principal.kind !== 'user' && principal.kind !== 'api_key')) return principal;
    if (principal.kind === 'api_key') {
      const enabled = await options.registry.enabledFor(tenantId);
      return {
        ...principal,
        permissions: principal.permissions.filter((permission) => enabled.permissions.has(permission)),
        locationPermissions: {},
        modules: enabled.modules.map((module) => module.key),
        rank: 0,
      };
    }
    const baseRole = principal.roles[0] ?? '';
    // The module switches (platform data) and the member's roles (tenant data) are
    // independent reads on two connections: run together, the request waits for one.
    const [enabled, held] = await Promise.all([
      options.registry.enabledFor(tenantId),
      // A tenant awaiting approval has no storage yet, and its users reach account routes only.
      principal.tenantStatus === 'pending'
        ? []
        : options.router.withTenant(tenantId, (tx) => heldRolesOf(tx, tenantId, principal.id)),
    ]);
    const modules = enabled.modules.map((module) => module.key);
    return { ...principal, ...accessOfMember(options.registry, enabled, baseRole, held), modules };
  },
});
