import { type RequestMeta, recordChange } from '@tenantry/audit';
import { type Principal, tenantScopeOf } from '@tenantry/core';
import type { PosDeps } from './deps';
import { posEvents } from './events';
import { posPermissions } from './permissions';
import { type PosSettings, readPosSettings, writePosSettings } from './settings.repository';

/** GET /v1/pos/settings: currency, tax-inclusive pricing, tax rates per category. */
export const getPosSettings = (deps: PosDeps, principal: Principal): Promise<PosSettings> => {
  const tenantId = tenantScopeOf(principal, posPermissions.ticketRead);
  return deps.router.withTenant(tenantId, (tx) => readPosSettings(tx, tenantId));
};

/** PATCH /v1/pos/settings: applies to tickets opened after it (open tickets keep theirs). */
export const updatePosSettings = (
  deps: PosDeps,
  principal: Principal,
  input: Partial<PosSettings>,
  meta: RequestMeta,
): Promise<PosSettings> => {
  const tenantId = tenantScopeOf(principal, posPermissions.registerManage);
  return deps.router.withTenant(tenantId, async (tx) => {
    const before = await readPosSettings(tx, tenantId);
    const after = { ...before, ...input };
    await writePosSettings(tx, tenantId, after, deps.clock.now());
    await recordChange(
      tx,
      deps,
      { module: 'pos', tenantId, principal, meta },
      {
        event: posEvents.settingsUpdated,
        entity: { type: 'pos_settings', id: tenantId },
        data: { changes: Object.keys(input) },
        before: { ...before },
        after: { ...after },
      },
    );
    return after;
  });
};
