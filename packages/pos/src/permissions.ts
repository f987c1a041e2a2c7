/** POS's permission keys, as module-registry.json defines them. */
export const posPermissions = {
  registerManage: 'pos.register.manage',
  shiftOpen: 'pos.shift.open',
  shiftClose: 'pos.shift.close',
  ticketRead: 'pos.ticket.read',
  ticketCreate: 'pos.ticket.create',
  ticketSettle: 'pos.ticket.settle',
  ticketVoid: 'pos.ticket.void',
  ticketRefund: 'pos.ticket.refund',
  priceOverride: 'pos.price.override',
  reportRead: 'pos.report.read',
} as const;
