import { randomBytes } from 'node:crypto';
import { testRedisUrl } from '@tenantry/testing';
import {
  createWorkerRuntime,
  platformHandlers,
  type WorkerRuntime,
  workerConfigFromEnv,
} from '@tenantry/worker';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, expect } from 'vitest';
import { callerOf, type IdentityTestApp } from '../identity/support';
import { inventoryClient } from '../inventory/support';
import { type RbacTenant, tenantRows, useRbacTenant } from '../rbac/support';

/** Calls /v1/pos routes as someone; the `make*`/`sell` helpers expect success and return the data. */
export const posClient = (t: () => IdentityTestApp) => {
  const call = callerOf(t);
  const ok = async (response: Awaited<ReturnType<typeof call>>, status = 201) => {
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    return response.body.data;
  };
  const client = {
    call,
    makeRegister: async (
      token: string,
      locationId: string,
      name = `Till ${randomBytes(3).toString('hex')}`,
    ) => ok(await call('POST', '/v1/pos/registers', token, { name, locationId })),
    openShift: async (token: string, registerId: string, openingFloat = 10_000) =>
      ok(await call('POST', '/v1/pos/shifts', token, { registerId, openingFloat })),
    openTicket: async (token: string, shiftId: string) =>
      ok(await call('POST', '/v1/pos/tickets', token, { shiftId })),
    addLine: (
      token: string,
      ticketId: string,
      body: { itemId: string; quantity: number; unitPrice?: number; lineDiscount?: number },
    ) => call('POST', `/v1/pos/tickets/${ticketId}/lines`, token, body),
    pay: (
      token: string,
      ticketId: string,
      body: { method: 'cash' | 'card'; amount: number; reference?: string },
    ) => call('POST', `/v1/pos/tickets/${ticketId}/payments`, token, body),
    settle: (token: string, ticketId: string, headers?: Record<string, string>) =>
      call('POST', `/v1/pos/tickets/${ticketId}/settle`, token, undefined, headers),
    ticket: (token: string, ticketId: string) => call('GET', `/v1/pos/tickets/${ticketId}`, token),
    /** Rings up lines and pays the total in cash (or card), leaving the ticket ready to settle. */
    async ringUp(
      token: string,
      shiftId: string,
      lines: { itemId: string; quantity: number }[],
      method: 'cash' | 'card' = 'cash',
    ) {
      const ticket = await client.openTicket(token, shiftId);
      let total = 0;
      for (const line of lines) total = (await ok(await client.addLine(token, ticket.id, line))).total;
      if (total > 0) await ok(await client.pay(token, ticket.id, { method, amount: total }));
      return { ...ticket, total };
    },
    /** A whole sale: rung up, paid and settled; answers the settled ticket. */
    async sell(token: string, shiftId: string, lines: { itemId: string; quantity: number }[]) {
      const ticket = await client.ringUp(token, shiftId, lines);
      return ok(await client.settle(token, ticket.id), 200);
    },
    /** A whole sale paid by card (no cash in the drawer); answers the settled ticket. */
    async sellByCard(token: string, shiftId: string, lines: { itemId: string; quantity: number }[]) {
      const ticket = await client.ringUp(token, shiftId, lines, 'card');
      return ok(await client.settle(token, ticket.id), 200);
    },
    voidTicket: (token: string, ticketId: string, reason = 'customer left') =>
      call('POST', `/v1/pos/tickets/${ticketId}/void`, token, { reason }),
    setTicketDiscount: (token: string, ticketId: string, ticketDiscount: number) =>
      call('PATCH', `/v1/pos/tickets/${ticketId}`, token, { ticketDiscount }),
    updateSettings: (
      token: string,
      body: { currency?: string; pricesIncludeTax?: boolean; taxRates?: Record<string, number> },
    ) => call('PATCH', '/v1/pos/settings', token, body),
    closeShift: (token: string, shiftId: string, countedCash: number) =>
      call('POST', `/v1/pos/shifts/${shiftId}/close`, token, { countedCash }),
    refund: (
      token: string,
      ticketId: string,
      body: {
        lines?: { lineId: string; quantity: number }[];
        method?: 'cash' | 'card';
        reason?: string;
        restock?: boolean;
        shiftId?: string;
      } = {},
    ) => call('POST', `/v1/pos/tickets/${ticketId}/refunds`, token, { reason: 'customer return', ...body }),
    refunds: (token: string, ticketId: string) => call('GET', `/v1/pos/tickets/${ticketId}/refunds`, token),
    receipt: (token: string, ticketId: string) => call('GET', `/v1/pos/tickets/${ticketId}/receipt`, token),
    shiftReport: (token: string, shiftId: string) => call('GET', `/v1/pos/reports/shifts/${shiftId}`, token),
    dailyReport: (token: string, locationId: string, date: string) =>
      call('GET', `/v1/pos/reports/daily?locationId=${locationId}&date=${date}`, token),
  };
  return client;
};

export interface PosTenant extends RbacTenant {
  locationId: string;
  registerId: string;
  /** The outbox relay and the queue worker (BullMQ on the test Redis) with the platform's handlers. */
  worker: WorkerRuntime;
}

/** A tenant with a member of every built-in role, a store with a register, and a running worker. */
export const usePosTenant = (stem: string, mode: 'shared' | 'schema' = 'shared'): PosTenant => {
  const app = useRbacTenant(stem, mode) as PosTenant;
  beforeAll(async () => {
    const owner = app.members.owner.token;
    const location = await inventoryClient(() => app.t).makeLocation(owner);
    app.locationId = location.id;
    app.registerId = (await posClient(() => app.t).makeRegister(owner, location.id)).id;
    app.worker = createWorkerRuntime({
      config: {
        ...workerConfigFromEnv({}),
        redisUrl: testRedisUrl(),
        queuePrefix: `tenantry-pos-${randomBytes(5).toString('hex')}`,
      },
      db: app.t.db,
      handlers: platformHandlers(app.t.db),
      logger: pino({ level: 'silent' }),
      listenUrl: app.t.database.config.ownerUrl,
    });
    app.worker.start();
  });
  afterAll(async () => {
    await app.worker?.stop();
  });
  return app;
};

/** Polls until the condition holds (a worker's effect), or fails the test. */
export const eventually = async (condition: () => Promise<boolean>, label: string, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${label}`);
};

/** A GET answered in a rendered form (not JSON): status, content type and the text itself. */
export const getRendered = async (
  t: IdentityTestApp,
  url: string,
  token: string,
  headers: Record<string, string> = {},
) => {
  const response = await t.app.inject({
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
  return {
    status: response.statusCode,
    type: String(response.headers['content-type'] ?? ''),
    body: response.body,
  };
};

/** What POS wrote about a ticket's refunds, read straight from the tenant's tables. */
export const refundRowsOf = async (t: IdentityTestApp, tenantId: string, ticketId: string) => ({
  refunds: await tenantRows<{ id: string; amount: string }>(
    t,
    tenantId,
    sql`select id, amount from pos_refunds where ticket_id = ${ticketId}`,
  ),
  refundLines: await tenantRows<{ line_id: string }>(
    t,
    tenantId,
    sql`select l.line_id from pos_refund_lines l join pos_refunds r
        on r.tenant_id = l.tenant_id and r.id = l.refund_id where r.ticket_id = ${ticketId}`,
  ),
  ticket: (
    await tenantRows<{ refunded_total: string }>(
      t,
      tenantId,
      sql`select refunded_total from pos_tickets where id = ${ticketId}`,
    )
  )[0],
  lines: await tenantRows<{ id: string; refunded_quantity: number }>(
    t,
    tenantId,
    sql`select id, refunded_quantity from pos_ticket_lines where ticket_id = ${ticketId} order by position`,
  ),
});
