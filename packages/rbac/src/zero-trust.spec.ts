import { AppError, type Principal } from '@tenantry/core';
import { describe, expect, it } from 'vitest';
import { assertHolds, holds } from './assert-holds';
import { assignRole, listUserRoles, unassignRole } from './assignments.service';
import type { RbacDeps } from './deps';
import { permissionMatrix } from './matrix.service';
import { rbacPermissions } from './permissions';
import { createRole, deleteRole, listPermissions, listRoles, updateRole } from './roles.service';

/** Deps that fail the test if a service touches them: a refused call must stop before any work. */
const untouchable = new Proxy({} as RbacDeps, {
  get: (_, name) => {
    throw new Error(`a refused call reached deps.${String(name)}`);
  },
});

const tenantId = '0195f000-0000-7000-8000-000000000001';
const someone = '0195f000-0000-7000-8000-000000000002';
const meta = { ip: '127.0.0.1' };

const principal = (overrides: Partial<Principal> = {}): Principal => ({
  kind: 'user',
  id: '0195f000-0000-7000-8000-000000000003',
  tenantId,
  roles: ['viewer'],
  permissions: ['identity.tenant.read'],
  tenantStatus: 'active',
  rank: 10,
  ...overrides,
});

/** Every RBAC service, called as a script or worker would, with the permission it needs. */
const services: [string, string, (deps: RbacDeps, who: Principal) => Promise<unknown>][] = [
  ['listPermissions', rbacPermissions.permissionRead, (deps, who) => listPermissions(deps, who)],
  ['listRoles', rbacPermissions.roleRead, (deps, who) => listRoles(deps, who)],
  [
    'createRole',
    rbacPermissions.roleManage,
    (deps, who) => createRole(deps, who, { name: 'x', permissions: [] }, meta),
  ],
  [
    'updateRole',
    rbacPermissions.roleManage,
    (deps, who) => updateRole(deps, who, someone, { name: 'y' }, meta),
  ],
  ['deleteRole', rbacPermissions.roleManage, (deps, who) => deleteRole(deps, who, someone, meta)],
  ['listUserRoles', rbacPermissions.roleRead, (deps, who) => listUserRoles(deps, who, someone)],
  [
    'assignRole',
    rbacPermissions.assignmentManage,
    (deps, who) => assignRole(deps, who, someone, { roleId: someone }, meta),
  ],
  [
    'unassignRole',
    rbacPermissions.assignmentManage,
    (deps, who) => unassignRole(deps, who, someone, someone, meta),
  ],
  ['permissionMatrix', rbacPermissions.matrixRead, (deps, who) => permissionMatrix(deps, who)],
];

const refusal = async (call: Promise<unknown>) => {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe('RBAC services (zero trust)', () => {
  it.each(services)(
    '%s refuses a principal without %s before doing anything',
    async (_, permission, call) => {
      const error = await refusal(call(untouchable, principal()));
      expect(error.kind).toBe('AUTHZ');
      expect(error.details).toEqual({ permission });
    },
  );

  it.each(services)('%s refuses a principal of a tenant awaiting approval', async (_, permission, call) => {
    const error = await refusal(
      call(untouchable, principal({ permissions: [permission], tenantStatus: 'pending' })),
    );
    expect(error.code).toBe('TENANT_PENDING');
  });

  it.each(services)('%s finds no tenant for a principal without one', async (_, permission, call) => {
    const error = await refusal(call(untouchable, principal({ tenantId: null, permissions: [permission] })));
    expect(error.kind).toBe('NOT_FOUND');
  });

  it.each(services.filter(([, permission]) => permission.endsWith('.manage')))(
    '%s refuses an API key even with %s',
    async (_, permission, call) => {
      const error = await refusal(
        call(untouchable, principal({ kind: 'api_key', roles: [], permissions: [permission] })),
      );
      expect(error.code).toBe('MEMBERS_ONLY');
    },
  );
});

describe('assertHolds', () => {
  const store = '0195f000-0000-7000-8000-0000000000aa';
  const cashierAtStore = principal({ locationPermissions: { [store]: ['pos.ticket.create'] } });

  it('accepts a tenant-wide permission anywhere', () => {
    expect(() => assertHolds(cashierAtStore, 'identity.tenant.read')).not.toThrow();
    expect(() => assertHolds(cashierAtStore, 'identity.tenant.read', store)).not.toThrow();
  });

  it('accepts a location-scoped permission at its location only', () => {
    expect(holds(cashierAtStore, 'pos.ticket.create', store)).toBe(true);
    expect(holds(cashierAtStore, 'pos.ticket.create')).toBe(false);
    expect(holds(cashierAtStore, 'pos.ticket.create', someone)).toBe(false);
    expect(() => assertHolds(cashierAtStore, 'pos.ticket.create', someone)).toThrow(AppError);
  });
});
