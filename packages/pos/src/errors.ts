import { AppError, conflictError, notFoundError } from '@tenantry/core';

/** POS's error catalogue: codes refine the taxonomy's kinds. */
export const posCodes = {
  SHIFT_ALREADY_OPEN: 'SHIFT_ALREADY_OPEN',
  SHIFT_CLOSED: 'SHIFT_CLOSED',
  SHIFT_HAS_OPEN_TICKETS: 'SHIFT_HAS_OPEN_TICKETS',
  TICKET_NOT_OPEN: 'TICKET_NOT_OPEN',
  TICKET_NOT_SETTLED: 'TICKET_NOT_SETTLED',
  TICKET_EMPTY: 'TICKET_EMPTY',
  NOT_PAID_IN_FULL: 'NOT_PAID_IN_FULL',
  TOTAL_BELOW_PAID: 'TOTAL_BELOW_PAID',
  TOTAL_TOO_LARGE: 'TOTAL_TOO_LARGE',
  REGISTER_NAME_TAKEN: 'REGISTER_NAME_TAKEN',
  REGISTER_INACTIVE: 'REGISTER_INACTIVE',
  NOTHING_TO_REFUND: 'NOTHING_TO_REFUND',
  CASH_REFUND_NEEDS_OPEN_SHIFT: 'CASH_REFUND_NEEDS_OPEN_SHIFT',
  REFUND_SHIFT_ELSEWHERE: 'REFUND_SHIFT_ELSEWHERE',
  REFUND_SHIFT_FOR_CARD: 'REFUND_SHIFT_FOR_CARD',
} as const;

const unprocessable = (message: string, code: string, details?: unknown) =>
  new AppError('VALIDATION', message, { status: 422, code, details });

export const posErrors = {
  notFound: (what: string) => notFoundError(`${what} not found`),
  shiftAlreadyOpen: (registerId: string) =>
    conflictError('This register already has an open shift', {
      code: posCodes.SHIFT_ALREADY_OPEN,
      details: { registerId },
    }),
  shiftClosed: () => conflictError('The shift is closed', { code: posCodes.SHIFT_CLOSED }),
  shiftHasOpenTickets: (ticketIds: string[]) =>
    conflictError('Settle or void the open tickets before closing the shift', {
      code: posCodes.SHIFT_HAS_OPEN_TICKETS,
      details: { ticketIds },
    }),
  ticketNotOpen: (status: string) =>
    conflictError(`The ticket is ${status}: settled and voided tickets do not change`, {
      code: posCodes.TICKET_NOT_OPEN,
      details: { status },
    }),
  ticketNotSettled: (status: string, action: 'be refunded' | 'have a receipt') =>
    conflictError(`Only a settled ticket can ${action}; this one is ${status}`, {
      code: posCodes.TICKET_NOT_SETTLED,
      details: { status },
    }),
  ticketEmpty: () => unprocessable('The ticket has no lines', posCodes.TICKET_EMPTY),
  notPaidInFull: (details: { total: number; paid: number; due: number }) =>
    unprocessable('The ticket is not paid in full', posCodes.NOT_PAID_IN_FULL, details),
  totalBelowPaid: (details: { total: number; paid: number }) =>
    unprocessable(
      'The change would take the total below what is already paid',
      posCodes.TOTAL_BELOW_PAID,
      details,
    ),
  totalTooLarge: (details: { limit: number }) =>
    unprocessable(
      'The ticket would exceed the largest total a ticket may carry',
      posCodes.TOTAL_TOO_LARGE,
      details,
    ),
  registerNameTaken: () =>
    conflictError('A register with this name exists at the location', {
      code: posCodes.REGISTER_NAME_TAKEN,
      details: { field: 'name' },
    }),
  registerInactive: () => unprocessable('The register is inactive', posCodes.REGISTER_INACTIVE),
  nothingToRefund: (details: { amount: number }) =>
    unprocessable('Nothing is left to refund on these lines', posCodes.NOTHING_TO_REFUND, details),
  cashRefundNeedsOpenShift: (details: { shiftId: string; status: string }) =>
    unprocessable(
      "A cash refund is paid from an open shift's drawer: pass the shiftId of an open shift at the ticket's location",
      posCodes.CASH_REFUND_NEEDS_OPEN_SHIFT,
      details,
    ),
  refundShiftElsewhere: (details: { shiftId: string; shiftLocationId: string; ticketLocationId: string }) =>
    unprocessable(
      "A cash refund is paid from a drawer at the ticket's location",
      posCodes.REFUND_SHIFT_ELSEWHERE,
      details,
    ),
  refundShiftForCard: () =>
    unprocessable(
      'A card refund leaves the drawer alone: shiftId is for cash refunds',
      posCodes.REFUND_SHIFT_FOR_CARD,
      {
        field: 'shiftId',
      },
    ),
};
