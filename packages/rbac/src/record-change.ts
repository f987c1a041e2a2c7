import { type DomainChange, type RequestMeta, recordChange as recordDomainChange } from '@tenantry/audit';
import type { Clock, IdGenerator, Principal } from '@tenantry/core';
import type { Tx } from '@tenantry/db';

export interface RoleChange extends DomainChange {
  entity: { type: 'role' | 'role_assignment' | 'tenant'; id: string };
}

/** RBAC's audit row and outbox event, committed with the change (module 'rbac'). */
export const recordChange = (
  tx: Tx,
  deps: { clock: Clock; newId: IdGenerator },
  scope: { tenantId: string; principal: Principal | null; meta?: RequestMeta },
  change: RoleChange,
): Promise<void> => recordDomainChange(tx, deps, { module: 'rbac', ...scope }, change);
