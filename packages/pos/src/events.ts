import { posEventTypes } from '@tenantry/inventory';

/** Events POS emits through the outbox. Settled and refunded are inventory's contract (its payload schemas). */
export const posEvents = {
  settingsUpdated: 'pos.settings.updated',
  registerCreated: 'pos.register.created',
  shiftOpened: 'pos.shift.opened',
  shiftClosed: 'pos.shift.closed',
  ticketSettled: posEventTypes.ticketSettled,
  ticketVoided: 'pos.ticket.voided',
  ticketRefunded: posEventTypes.ticketRefunded,
} as const;
