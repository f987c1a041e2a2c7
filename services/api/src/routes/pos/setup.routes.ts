import {
  closeShift,
  posContracts as contracts,
  createRegister,
  getPosSettings,
  getShift,
  listRegisters,
  openShift,
  type PosDeps,
  posPermissions,
  updatePosSettings,
} from '@tenantry/pos';
import { z } from 'zod';
import { defineRoute } from '../../http/route';
import { requestMeta, signedIn } from '../identity/request-meta';

const registers = { module: 'pos', feature: 'pos.registers' };

/** /v1/pos/settings, /v1/pos/registers and /v1/pos/shifts: the till and the cashier's session at it. */
export const setupRoutes = (deps: PosDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/pos/settings',
    operationId: 'getPosSettings',
    summary: 'Currency, tax-inclusive or -exclusive pricing, and tax rates per tax category',
    module: 'pos',
    requires: { module: 'pos' },
    access: { permission: posPermissions.ticketRead },
    response: contracts.settingsSchema,
    handler: async ({ principal }) => ({ data: await getPosSettings(deps, signedIn(principal)) }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/v1/pos/settings',
    operationId: 'updatePosSettings',
    summary: 'Change POS settings; tickets opened afterwards use them',
    module: 'pos',
    requires: { module: 'pos' },
    access: { permission: posPermissions.registerManage },
    body: contracts.updateSettingsBody,
    response: contracts.settingsSchema,
    handler: async ({ body, principal, request }) => ({
      data: await updatePosSettings(deps, signedIn(principal), body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/pos/registers',
    operationId: 'createPosRegister',
    summary: 'Add a register at an inventory location',
    module: 'pos',
    requires: registers,
    access: { permission: posPermissions.registerManage },
    body: contracts.createRegisterBody,
    response: contracts.registerSchema,
    successStatus: 201,
    handler: async ({ body, principal, request }) => ({
      data: await createRegister(deps, signedIn(principal), body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/pos/registers',
    operationId: 'listPosRegisters',
    summary: 'Registers at the locations the caller works at',
    module: 'pos',
    requires: registers,
    access: { permission: posPermissions.ticketRead },
    query: contracts.listRegistersQuery,
    response: z.array(contracts.registerSchema),
    handler: async ({ query, principal }) => ({
      data: await listRegisters(deps, signedIn(principal), query),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/pos/shifts',
    operationId: 'openPosShift',
    summary: 'Open a shift at a register with its cash float (one open shift per register)',
    module: 'pos',
    requires: registers,
    access: { permission: posPermissions.shiftOpen },
    body: contracts.openShiftBody,
    response: contracts.shiftSchema,
    successStatus: 201,
    handler: async ({ body, principal, request }) => ({
      data: await openShift(deps, signedIn(principal), body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/pos/shifts/:id',
    operationId: 'getPosShift',
    summary: 'One shift',
    module: 'pos',
    requires: registers,
    access: { permission: posPermissions.ticketRead },
    params: contracts.idParams,
    response: contracts.shiftSchema,
    handler: async ({ params, principal }) => ({
      data: await getShift(deps, signedIn(principal), params.id),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/pos/shifts/:id/close',
    operationId: 'closePosShift',
    summary: 'Close a shift with the counted cash: answers expected cash and the variance',
    module: 'pos',
    requires: registers,
    access: { permission: posPermissions.shiftClose },
    params: contracts.idParams,
    body: contracts.closeShiftBody,
    response: contracts.closedShiftSchema,
    handler: async ({ params, body, principal, request }) => ({
      data: await closeShift(deps, signedIn(principal), params.id, body, requestMeta(request)),
    }),
  }),
];
