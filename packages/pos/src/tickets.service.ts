import { type RequestMeta, recordChange } from '@tenantry/audit';
import { assertHolds, type Principal, tenantOfHolder } from '@tenantry/core';
import { itemsForSale } from '@tenantry/inventory';
import type { PosDeps } from './deps';
import { posErrors } from './errors';
import { posPermissions } from './permissions';
import { applyPayment } from './pricing';
import type { posTickets } from './schema';
import { readPosSettings } from './settings.repository';
import { findShift } from './shifts.repository';
import { changeOpenTicket, maxTicketTotal, readTicketView, reprice } from './ticket-change';
import type { TicketView } from './ticket-view';
import { paymentView } from './ticket-view';
import {
  deleteLine,
  findTicket,
  insertLine,
  insertPayment,
  insertTicket,
  type LineRow,
  linesOf,
  type TicketRow,
  updateLine,
  updateTicket,
} from './tickets.repository';

/** POST /v1/pos/tickets: a new ticket on an open shift, counted against the plan's monthly tickets. */
export const openTicket = async (
  deps: PosDeps,
  principal: Principal,
  input: { shiftId: string },
): Promise<TicketView> => {
  const tenantId = tenantOfHolder(principal, posPermissions.ticketCreate);
  const locate = await deps.router.withTenant(tenantId, (tx) => findShift(tx, tenantId, input.shiftId));
  if (!locate) throw posErrors.notFound('Shift');
  assertHolds(principal, posPermissions.ticketCreate, locate.locationId);
  // Refused before the quota counts it: a closed shift must not use up the tenant's tickets.
  if (locate.status !== 'open') throw posErrors.shiftClosed();
  // Counted before the ticket exists (a platform transaction): a ticket that then fails to open leaves the count one high.
  await deps.consumeTicketQuota?.(tenantId);
  return deps.router.withTenant(tenantId, async (tx) => {
    const shift = await findShift(tx, tenantId, input.shiftId, { lock: true });
    if (!shift) throw posErrors.notFound('Shift');
    if (shift.status !== 'open') throw posErrors.shiftClosed();
    const settings = await readPosSettings(tx, tenantId);
    const now = deps.clock.now();
    const row: typeof posTickets.$inferInsert = {
      tenantId,
      id: deps.newId(),
      shiftId: shift.id,
      registerId: shift.registerId,
      locationId: shift.locationId,
      status: 'open',
      currency: settings.currency,
      pricesIncludeTax: settings.pricesIncludeTax,
      openedBy: principal.id,
      createdAt: now,
      updatedAt: now,
    };
    await insertTicket(tx, row);
    const ticket = await findTicket(tx, tenantId, row.id);
    if (!ticket) throw posErrors.notFound('Ticket');
    return readTicketView(tx, ticket);
  });
};

/** GET /v1/pos/tickets/:id. */
export const getTicket = async (deps: PosDeps, principal: Principal, id: string): Promise<TicketView> => {
  const tenantId = tenantOfHolder(principal, posPermissions.ticketRead);
  return deps.router.withTenant(tenantId, async (tx) => {
    const ticket = await findTicket(tx, tenantId, id);
    if (!ticket) throw posErrors.notFound('Ticket');
    assertHolds(principal, posPermissions.ticketRead, ticket.locationId);
    return readTicketView(tx, ticket);
  });
};

/** Overriding a price or giving a discount needs pos.price.override at the ticket's location. */
const assertMayDiscount = (principal: Principal, ticket: TicketRow) =>
  assertHolds(principal, posPermissions.priceOverride, ticket.locationId);

/**
 * Whether changing a line's quantity, or removing it, would reshape an
 * allowance someone with pos.price.override granted: an overridden price or
 * a line discount scales with the quantity, and a fixed ticket discount
 * concentrates on the remaining lines. Such changes need the permission too.
 */
const grantsAllowance = (ticket: TicketRow, line: LineRow) =>
  ticket.ticketDiscount > 0 || line.priceOverridden || line.lineDiscount > 0;

/**
 * POST /v1/pos/tickets/:id/lines: the item's current price and tax rate are
 * copied onto the line (a later price change does not touch it); a unit
 * price or line discount of one's own needs pos.price.override.
 */
export const addLine = (
  deps: PosDeps,
  principal: Principal,
  ticketId: string,
  input: { itemId: string; quantity: number; unitPrice?: number; lineDiscount?: number },
  meta: RequestMeta,
): Promise<TicketView> =>
  changeOpenTicket(deps, principal, ticketId, posPermissions.ticketCreate, async (tx, ticket, tenantId) => {
    const item = (await itemsForSale(tx, tenantId, [input.itemId])).get(input.itemId);
    if (!item) throw posErrors.notFound('Item');
    const overridden = input.unitPrice !== undefined && input.unitPrice !== item.price;
    if (overridden || (input.lineDiscount ?? 0) > 0) assertMayDiscount(principal, ticket);
    const settings = await readPosSettings(tx, tenantId);
    const position =
      (await linesOf(tx, tenantId, ticketId)).reduce((last, line) => Math.max(last, line.position), 0) + 1;
    const lineId = deps.newId();
    await insertLine(tx, {
      tenantId,
      id: lineId,
      ticketId,
      position,
      itemId: item.id,
      sku: item.sku,
      name: item.name,
      quantity: input.quantity,
      unitPrice: input.unitPrice ?? item.price,
      priceOverridden: overridden,
      lineDiscount: input.lineDiscount ?? 0,
      taxCategory: item.taxCategory,
      // Own keys only: a category named like an Object property ('constructor') is just unknown.
      taxRateBps: Object.hasOwn(settings.taxRates, item.taxCategory)
        ? (settings.taxRates[item.taxCategory] ?? 0)
        : 0,
    });
    if (overridden) {
      await recordPriceOverride(deps, tx, principal, meta, ticket, {
        lineId,
        itemId: item.id,
        listPrice: item.price,
        unitPrice: input.unitPrice ?? item.price,
      });
    }
    return readTicketView(tx, await reprice(deps, tx, ticket));
  });

const recordPriceOverride = (
  deps: PosDeps,
  tx: Parameters<typeof reprice>[1],
  principal: Principal,
  meta: RequestMeta,
  ticket: TicketRow,
  data: { lineId: string; itemId: string; listPrice: number; unitPrice: number },
) =>
  recordChange(
    tx,
    deps,
    { module: 'pos', tenantId: ticket.tenantId, principal, meta },
    {
      event: 'pos.ticket.price_overridden',
      entity: { type: 'ticket', id: ticket.id },
      data: { ticketId: ticket.id, locationId: ticket.locationId, ...data },
      before: { unitPrice: data.listPrice },
      after: { unitPrice: data.unitPrice },
    },
  );

/** PATCH /v1/pos/tickets/:id/lines/:lineId: quantity, price or discount of a line. */
export const changeLine = (
  deps: PosDeps,
  principal: Principal,
  ticketId: string,
  lineId: string,
  input: { quantity?: number; unitPrice?: number; lineDiscount?: number },
  meta: RequestMeta,
): Promise<TicketView> =>
  changeOpenTicket(deps, principal, ticketId, posPermissions.ticketCreate, async (tx, ticket, tenantId) => {
    const line = (await linesOf(tx, tenantId, ticketId)).find((entry) => entry.id === lineId);
    if (!line) throw posErrors.notFound('Line');
    const priceChanged = input.unitPrice !== undefined && input.unitPrice !== line.unitPrice;
    const discountChanged = input.lineDiscount !== undefined && input.lineDiscount !== line.lineDiscount;
    const quantityChanged = input.quantity !== undefined && input.quantity !== line.quantity;
    if (
      priceChanged ||
      (discountChanged && (input.lineDiscount ?? 0) > 0) ||
      (quantityChanged && grantsAllowance(ticket, line))
    ) {
      assertMayDiscount(principal, ticket);
    }
    await updateLine(tx, tenantId, lineId, {
      ...(input.quantity !== undefined ? { quantity: input.quantity } : {}),
      ...(priceChanged ? { unitPrice: input.unitPrice, priceOverridden: true } : {}),
      ...(input.lineDiscount !== undefined ? { lineDiscount: input.lineDiscount } : {}),
    });
    if (priceChanged) {
      await recordPriceOverride(deps, tx, principal, meta, ticket, {
        lineId,
        itemId: line.itemId,
        listPrice: line.unitPrice,
        unitPrice: input.unitPrice ?? line.unitPrice,
      });
    }
    return readTicketView(tx, await reprice(deps, tx, ticket));
  });

/** DELETE /v1/pos/tickets/:id/lines/:lineId. */
export const removeLine = (deps: PosDeps, principal: Principal, ticketId: string, lineId: string) =>
  changeOpenTicket(deps, principal, ticketId, posPermissions.ticketCreate, async (tx, ticket, tenantId) => {
    const line = (await linesOf(tx, tenantId, ticketId)).find((entry) => entry.id === lineId);
    if (!line) throw posErrors.notFound('Line');
    if (grantsAllowance(ticket, line)) assertMayDiscount(principal, ticket);
    await deleteLine(tx, tenantId, lineId);
    return readTicketView(tx, await reprice(deps, tx, ticket));
  });

/** PATCH /v1/pos/tickets/:id: the ticket discount, spread over the lines; needs pos.price.override. */
export const setTicketDiscount = (
  deps: PosDeps,
  principal: Principal,
  ticketId: string,
  input: { ticketDiscount: number },
) =>
  changeOpenTicket(deps, principal, ticketId, posPermissions.ticketCreate, async (tx, ticket, tenantId) => {
    if (input.ticketDiscount > 0 || ticket.ticketDiscount > 0) assertMayDiscount(principal, ticket);
    const updated = await updateTicket(tx, tenantId, ticketId, { ticketDiscount: input.ticketDiscount });
    return readTicketView(tx, await reprice(deps, tx, updated));
  });

/** The ticket's change given so far plus this payment's, refused past the largest ticket total. */
const changeGiven = (ticket: TicketRow, change: number) => {
  const total = ticket.changeGiven + change;
  if (total > maxTicketTotal) throw posErrors.totalTooLarge({ limit: maxTicketTotal });
  return total;
};

/**
 * POST /v1/pos/tickets/:id/payments: cash applies up to what is due and the
 * rest is change; card applies exactly its amount and may not exceed what is
 * due. Split payments are several calls.
 */
export const addPayment = (
  deps: PosDeps,
  principal: Principal,
  ticketId: string,
  input: { method: 'cash' | 'card'; amount: number; reference?: string },
) =>
  changeOpenTicket(deps, principal, ticketId, posPermissions.ticketCreate, async (tx, ticket, tenantId) => {
    const { amount, change } = applyPayment({
      due: ticket.total - ticket.paid,
      method: input.method,
      tendered: input.amount,
    });
    const row = {
      tenantId,
      id: deps.newId(),
      ticketId,
      method: input.method,
      amount,
      tendered: input.amount,
      change,
      reference: input.reference ?? null,
      createdAt: deps.clock.now(),
    };
    await insertPayment(tx, row);
    const updated = await updateTicket(tx, tenantId, ticketId, {
      paid: ticket.paid + amount,
      changeGiven: changeGiven(ticket, change),
      updatedAt: row.createdAt,
    });
    return { payment: paymentView(row), ticket: await readTicketView(tx, updated) };
  });
