export * as posContracts from './contracts';
export type { PosDeps, RequestMeta } from './deps';
export { posCodes, posErrors } from './errors';
export { posEvents } from './events';
export { posMigrations } from './migrations';
export { posPermissions } from './permissions';
export { applyPayment, priceTicket, refundShare, roundHalfEven } from './pricing';
export { getReceipt, receiptDocument } from './receipt.service';
export { RECEIPT_WIDTH, receiptHtml, receiptText } from './receipt-render';
export type { ReceiptDocument } from './receipts.contracts';
export type { RefundInput, RefundView } from './refunds.service';
export { listRefunds, refundTicket } from './refunds.service';
export { createRegister, listRegisters } from './registers.service';
export { getDailyReport, getShiftReport } from './reports.service';
export { getPosSettings, updatePosSettings } from './settings.service';
export { settleTicket, voidTicket } from './settle.service';
export { closeShift, getShift, openShift } from './shifts.service';
export type { TicketView } from './ticket-view';
export {
  addLine,
  addPayment,
  changeLine,
  getTicket,
  openTicket,
  removeLine,
  setTicketDiscount,
} from './tickets.service';
