/** Events inventory emits through the outbox. */
export const inventoryEvents = {
  itemCreated: 'inventory.item.created',
  itemUpdated: 'inventory.item.updated',
  locationCreated: 'inventory.location.created',
  settingsUpdated: 'inventory.settings.updated',
  /** Stock moved: one event per document (a receipt, an adjustment, a sale's deduction, ...). */
  stockAdjusted: 'inventory.stock.adjusted',
  /** A level fell to or below its reorder point (once per crossing). */
  stockLow: 'inventory.stock.low',
  /** A low level rose above its reorder point again: the alert is cleared. */
  stockRestocked: 'inventory.stock.restocked',
  transferCreated: 'inventory.transfer.created',
  transferShipped: 'inventory.transfer.shipped',
  transferReceived: 'inventory.transfer.received',
  countOpened: 'inventory.count.opened',
  /** Counted quantities entered or replaced on an open count. */
  countUpdated: 'inventory.count.updated',
  countFinalized: 'inventory.count.finalized',
} as const;

/** POS events inventory consumes: their payloads are the contract between the two modules. */
export const posEventTypes = {
  ticketSettled: 'pos.ticket.settled',
  ticketRefunded: 'pos.ticket.refunded',
} as const;
