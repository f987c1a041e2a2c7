/**
 * P4's lower bounds: a POS sale's rows written with raw SQL as the database
 * owner (no API, no RLS), one transaction per sale.
 *
 * - `raw`: the rows the full stack leaves for a sale, outbox apart: ticket,
 *   line, payment, receipt counter, settle, the settle's audit row, and the
 *   deduction done inline (the handler's reads of settings and item, the
 *   level, the movement, the adjustment's audit row).
 * - `outbox`: the same sale rows and settle audit row, plus the
 *   `pos.ticket.settled` outbox row the settle emits, in the same transaction;
 *   the deduction is left to the relay, BullMQ and the worker's real handler
 *   (which writes the level, movement and audit row plus its inbox row and an
 *   `inventory.stock.adjusted` event of its own).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

export interface RawSaleContext {
  pool: pg.Pool;
  tenantId: string;
  locationId: string;
  registerIds: string[];
  shiftIds: string[];
  items: { id: string; price: number }[];
  /** Stands in for the cashier in audit rows and the event's actor. */
  actorId: string;
}

export type RawSaleKind = 'raw' | 'outbox';

const insertAudit = (
  client: pg.PoolClient,
  row: {
    tenantId: string;
    at: Date;
    actor: [string, string | null];
    module: string;
    action: string;
    entity: [string, string];
    diff: unknown;
  },
) =>
  client.query(
    `insert into audit_events (tenant_id, id, created_at, actor_type, actor_id, module, action, entity_type, entity_id, diff, request_id, metadata)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, null, '{}')`,
    [
      row.tenantId,
      randomUUID(),
      row.at,
      ...row.actor,
      row.module,
      row.action,
      ...row.entity,
      JSON.stringify(row.diff),
    ],
  );

/** Writes one sale; answers its ticket id. */
export const rawSale = async (context: RawSaleContext, kind: RawSaleKind, till: number): Promise<string> => {
  const { tenantId, locationId } = context;
  const item = context.items[Math.floor(Math.random() * context.items.length)] as {
    id: string;
    price: number;
  };
  const shiftId = context.shiftIds[till % context.shiftIds.length];
  const registerId = context.registerIds[till % context.registerIds.length];
  const ticketId = randomUUID();
  const lineId = randomUUID();
  const now = new Date();
  const client = await context.pool.connect();
  try {
    await client.query('begin');
    await client.query(
      `insert into pos_tickets (tenant_id, id, shift_id, register_id, location_id, status, currency, prices_include_tax, subtotal, total, paid, opened_by, created_at, updated_at)
       values ($1, $2, $3, $4, $5, 'open', 'USD', false, $6, $6, $6, $7, $8, $8)`,
      [tenantId, ticketId, shiftId, registerId, locationId, item.price, context.actorId, now],
    );
    await client.query(
      `insert into pos_ticket_lines (tenant_id, id, ticket_id, position, item_id, sku, name, quantity, unit_price, tax_category, tax_rate_bps, gross, total)
       values ($1, $2, $3, 1, $4, 'SKU', 'Item', 1, $5, 'standard', 0, $5, $5)`,
      [tenantId, lineId, ticketId, item.id, item.price],
    );
    await client.query(
      `insert into pos_payments (tenant_id, id, ticket_id, method, amount, tendered) values ($1, $2, $3, 'cash', $4, $4)`,
      [tenantId, randomUUID(), ticketId, item.price],
    );
    const { rows } = await client.query<{ last_number: number }>(
      `insert into pos_receipt_sequences (tenant_id, location_id, last_number) values ($1, $2, 1)
       on conflict (tenant_id, location_id) do update set last_number = pos_receipt_sequences.last_number + 1
       returning last_number`,
      [tenantId, locationId],
    );
    const receiptNumber = rows[0]?.last_number as number;
    await client.query(
      `update pos_tickets set status = 'settled', receipt_number = $3, settled_by = $4, settled_at = $5, updated_at = $5
        where tenant_id = $1 and id = $2`,
      [tenantId, ticketId, receiptNumber, context.actorId, now],
    );
    await insertAudit(client, {
      tenantId,
      at: now,
      actor: ['user', context.actorId],
      module: 'pos',
      action: 'ticket.settled',
      entity: ['ticket', ticketId],
      diff: {
        status: { before: null, after: 'settled' },
        receiptNumber: { before: null, after: receiptNumber },
        total: { before: null, after: item.price },
        paid: { before: null, after: item.price },
      },
    });
    const lines = [{ lineId, itemId: item.id, quantity: 1 }];
    if (kind === 'outbox') {
      await client.query(
        `insert into event_outbox (tenant_id, event_id, type, entity_id, version, occurred_at, data, trace)
         values ($1, $2, 'pos.ticket.settled', $3, 1, $4, $5, '{}')`,
        [
          tenantId,
          randomUUID(),
          ticketId,
          now,
          JSON.stringify({
            ticketId,
            locationId,
            receiptNumber,
            shiftId,
            registerId,
            currency: 'USD',
            total: item.price,
            taxTotal: 0,
            lines,
            actor: { type: 'user', id: context.actorId },
          }),
        ],
      );
    } else {
      // The deduction inline: what the stock-from-sales handler reads and writes, without inbox or event.
      await client.query('select * from inventory_settings where tenant_id = $1', [tenantId]);
      await client.query('select * from inventory_items where tenant_id = $1 and id = any($2::uuid[])', [
        tenantId,
        [item.id],
      ]);
      const level = await client.query<{ on_hand: string }>(
        `insert into stock_levels (tenant_id, item_id, location_id, on_hand, updated_at) values ($1, $2, $3, -1, $4)
         on conflict (tenant_id, item_id, location_id) do update set on_hand = stock_levels.on_hand - 1, updated_at = $4
         returning on_hand, (xmax = 0) as created`,
        [tenantId, item.id, locationId, now],
      );
      const movementId = randomUUID();
      await client.query(
        `insert into stock_movements (tenant_id, id, item_id, location_id, type, quantity, reason, actor_type, source_type, source_id, source_line, created_at)
         values ($1, $2, $3, $4, 'sale', -1, $5, 'system', 'pos_ticket', $6, $7, $8)`,
        [tenantId, movementId, item.id, locationId, `Sale, receipt ${receiptNumber}`, ticketId, lineId, now],
      );
      const movements = [
        {
          movementId,
          itemId: item.id,
          locationId,
          type: 'sale',
          quantity: -1,
          onHand: Number(level.rows[0]?.on_hand),
          flaggedForReview: false,
        },
      ];
      await insertAudit(client, {
        tenantId,
        at: now,
        actor: ['system', null],
        module: 'inventory',
        action: 'stock.adjusted',
        entity: ['pos_ticket', ticketId],
        diff: { movements: { before: null, after: movements } },
      });
    }
    await client.query('commit');
    return ticketId;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
};
