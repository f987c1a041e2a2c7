import type { Principal } from '@tenantry/core';
import { requirePlatformManager, requireTenantPermission } from '../access';
import type { ModuleRegistryDeps, RequestMeta } from '../deps';
import { registryErrors } from '../errors';
import { registryEvents } from '../events';
import { registryPermissions } from '../permissions';
import { recordPlatformChange } from '../registry-audit';
import type { CreateFlagInput, UpdateFlagInput } from './contracts';
import {
  type FeatureFlagRow,
  findFlag,
  insertFlag,
  listFlags,
  lockFlag,
  updateFlag,
} from './flags.repository';

type Deps = Pick<ModuleRegistryDeps, 'router' | 'clock' | 'newId' | 'flags'>;

const stateOf = (row: FeatureFlagRow) => ({
  description: row.description,
  defaultEnabled: row.defaultEnabled,
  rules: row.rules,
  archived: row.archived,
});

/** GET /v1/feature-flags: every live flag evaluated for the caller's tenant. */
export const evaluatedFlagsFor = async (deps: Pick<ModuleRegistryDeps, 'flags'>, principal: Principal) =>
  deps.flags.evaluateFor(requireTenantPermission(principal, registryPermissions.flagRead));

/** The flags as stored, for superadmins; archived ones on request. */
export const listFeatureFlags = async (deps: Deps, principal: Principal, options: { archived: boolean }) => {
  requirePlatformManager(principal);
  return deps.router.withPlatform((tx) => listFlags(tx, { includeArchived: options.archived }));
};

export const getFeatureFlag = async (deps: Deps, principal: Principal, key: string) => {
  requirePlatformManager(principal);
  const row = await deps.router.withPlatform((tx) => findFlag(tx, key));
  if (!row) throw registryErrors.notFound('Feature flag');
  return row;
};

export const createFeatureFlag = async (
  deps: Deps,
  principal: Principal,
  input: CreateFlagInput,
  meta: RequestMeta,
) => {
  requirePlatformManager(principal);
  const now = deps.clock.now();
  const row: FeatureFlagRow = { ...input, archived: false, createdAt: now, updatedAt: now };
  await deps.router.withPlatform(async (tx) => {
    if (!(await insertFlag(tx, row))) throw registryErrors.flagExists(input.key);
    await recordPlatformChange(
      tx,
      deps,
      principal,
      {
        action: 'flag.created',
        entity: { type: 'feature_flag', id: row.key },
        after: stateOf(row),
        event: { type: registryEvents.flagCreated, data: { key: row.key } },
      },
      meta,
    );
  });
  await deps.flags.invalidate();
  return row;
};

/** Applies a change to a live flag, with its event and audit row, and drops every cached evaluation. */
const changeFlag = async (
  deps: Deps,
  principal: Principal,
  key: string,
  change: { values: Partial<FeatureFlagRow>; event: string; action: string },
  meta: RequestMeta,
) => {
  requirePlatformManager(principal);
  const updated = await deps.router.withPlatform(async (tx) => {
    const row = await lockFlag(tx, key);
    if (!row) throw registryErrors.notFound('Feature flag');
    if (row.archived) throw registryErrors.flagArchived(key);
    const next: FeatureFlagRow = { ...row, ...change.values, updatedAt: deps.clock.now() };
    await updateFlag(tx, key, { ...change.values, updatedAt: next.updatedAt });
    await recordPlatformChange(
      tx,
      deps,
      principal,
      {
        action: change.action,
        entity: { type: 'feature_flag', id: key },
        before: stateOf(row),
        after: stateOf(next),
        event: { type: change.event, data: { key } },
      },
      meta,
    );
    return next;
  });
  await deps.flags.invalidate();
  return updated;
};

export const updateFeatureFlag = (
  deps: Deps,
  principal: Principal,
  key: string,
  input: UpdateFlagInput,
  meta: RequestMeta,
) =>
  changeFlag(
    deps,
    principal,
    key,
    { values: input, event: registryEvents.flagUpdated, action: 'flag.updated' },
    meta,
  );

/** DELETE archives: the flag stops being evaluated (off everywhere), its key stays taken. */
export const archiveFeatureFlag = (deps: Deps, principal: Principal, key: string, meta: RequestMeta) =>
  changeFlag(
    deps,
    principal,
    key,
    { values: { archived: true }, event: registryEvents.flagArchived, action: 'flag.archived' },
    meta,
  );
