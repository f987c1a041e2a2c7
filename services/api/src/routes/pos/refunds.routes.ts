import {
  posContracts as contracts,
  listRefunds,
  type PosDeps,
  posPermissions,
  refundTicket,
} from '@tenantry/pos';
import { z } from 'zod';
import { defineRoute } from '../../http/route';
import { requestMeta, signedIn } from '../identity/request-meta';

const refunds = { module: 'pos', feature: 'pos.refunds' };

/** /v1/pos/tickets/:id/refunds: handing back some or all of a settled sale. */
export const refundRoutes = (deps: PosDeps) => [
  defineRoute({
    method: 'POST',
    path: '/v1/pos/tickets/:id/refunds',
    operationId: 'refundPosTicket',
    summary:
      "Refund units of a settled ticket (all not yet refunded by default); cash is paid from an open shift's drawer",
    module: 'pos',
    requires: refunds,
    access: { permission: posPermissions.ticketRefund },
    params: contracts.idParams,
    body: contracts.refundBody,
    response: contracts.refundSchema,
    successStatus: 201,
    handler: async ({ params, body, principal, request }) => ({
      data: await refundTicket(deps, signedIn(principal), params.id, body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/pos/tickets/:id/refunds',
    operationId: 'listPosTicketRefunds',
    summary: "A ticket's refunds, oldest first",
    module: 'pos',
    requires: refunds,
    access: { permission: posPermissions.ticketRead },
    params: contracts.idParams,
    response: z.array(contracts.refundSchema),
    handler: async ({ params, principal }) => ({
      data: await listRefunds(deps, signedIn(principal), params.id),
    }),
  }),
];
