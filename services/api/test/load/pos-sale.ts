import type { Body, Recorder } from './load-recorder';
import type { LoadTenant } from './load-tenants';

export type SaleResult =
  /** Settled: the units are known sold. */
  | { outcome: 'settled'; itemId: string; quantity: number }
  /** Stopped before settle was sent: nothing sold. */
  | { outcome: 'abandoned' }
  /** Settle sent without a clear answer: it may or may not have settled. */
  | { outcome: 'unknown'; itemId: string; quantity: number };

const ticketProblem = (
  body: Body,
  tenant: LoadTenant,
  till: LoadTenant['tills'][number],
  ticketId?: string,
) => {
  const ticket = body?.data?.ticket ?? body?.data;
  if (ticketId && ticket?.id !== ticketId) return `asked about ticket ${ticketId}, got ${ticket?.id}`;
  if (ticket?.shiftId !== till.shiftId || ticket?.locationId !== tenant.locationId)
    return `ticket of shift ${ticket?.shiftId} at ${ticket?.locationId}`;
  const foreignLine = (ticket?.lines ?? []).find((line: Body) => !String(line.sku).startsWith(tenant.prefix));
  return foreignLine ? `line of another prefix: ${foreignLine.sku}` : undefined;
};

/**
 * One sale at a till, as a cashier's screen makes it: open a ticket, add a
 * line, pay its total in cash, settle. Every answer is checked to be this
 * tenant's ticket at this till.
 */
export const ringUpSale = async (
  recorder: Recorder,
  tenant: LoadTenant,
  till: LoadTenant['tills'][number],
  random: () => number,
): Promise<SaleResult> => {
  const as = { token: tenant.token, markers: tenant.markers };
  const item = tenant.items[Math.floor(random() * tenant.items.length)] as LoadTenant['items'][number];
  const quantity = 1 + Math.floor(random() * 3);

  const opened = await recorder.send(
    { ...as, method: 'POST', path: '/v1/pos/tickets', body: { shiftId: till.shiftId } },
    { op: 'pos.open-ticket', expected: [201], foreign: (body) => ticketProblem(body, tenant, till) },
  );
  const ticketId: string | undefined = opened?.status === 201 ? opened.body.data.id : undefined;
  if (!ticketId) return { outcome: 'abandoned' };
  const foreign = (body: Body) => ticketProblem(body, tenant, till, ticketId);

  const lined = await recorder.send(
    { ...as, method: 'POST', path: `/v1/pos/tickets/${ticketId}/lines`, body: { itemId: item.id, quantity } },
    { op: 'pos.add-line', expected: [201], foreign },
  );
  const total: number | undefined = lined?.status === 201 ? lined.body.data.total : undefined;
  if (total === undefined) return { outcome: 'abandoned' };

  const paid = await recorder.send(
    {
      ...as,
      method: 'POST',
      path: `/v1/pos/tickets/${ticketId}/payments`,
      body: { method: 'cash', amount: total },
    },
    { op: 'pos.pay', expected: [201], foreign },
  );
  if (paid?.status !== 201) return { outcome: 'abandoned' };

  const settled = await recorder.send(
    { ...as, method: 'POST', path: `/v1/pos/tickets/${ticketId}/settle` },
    {
      op: 'pos.settle',
      expected: [200],
      foreign: (body) => foreign(body) ?? (body?.data?.status === 'settled' ? undefined : 'not settled'),
    },
  );
  if (settled?.status === 200) return { outcome: 'settled', itemId: item.id, quantity };
  return settled && settled.status < 500
    ? { outcome: 'abandoned' }
    : { outcome: 'unknown', itemId: item.id, quantity };
};
