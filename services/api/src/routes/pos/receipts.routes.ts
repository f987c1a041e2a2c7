import {
  posContracts as contracts,
  getReceipt,
  type PosDeps,
  posPermissions,
  receiptHtml,
  receiptText,
} from '@tenantry/pos';
import { defineRoute } from '../../http/route';
import { signedIn } from '../identity/request-meta';

/** /v1/pos/tickets/:id/receipt: a settled ticket's receipt, as JSON, plain text or a printable page. */
export const receiptRoutes = (deps: PosDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/pos/tickets/:id/receipt',
    operationId: 'getPosReceipt',
    summary: 'The receipt of a settled ticket; ?format=text or html (or Accept) for a printable form',
    module: 'pos',
    requires: { module: 'pos', feature: 'pos.receipts' },
    access: { permission: posPermissions.ticketRead },
    params: contracts.idParams,
    response: contracts.receiptSchema,
    renders: {
      'text/plain': (data) => receiptText(data),
      'text/html': (data) => receiptHtml(data),
    },
    handler: async ({ params, principal }) => ({
      data: await getReceipt(deps, signedIn(principal), params.id),
    }),
  }),
];
