export * as posContracts from './contracts';
export type { PosDeps, RequestMeta } from './deps';
export { posCodes, posErrors } from './errors';
export { posEvents } from './events';
export { posMigrations } from './migrations';
export { posPermissions } from './permissions';
export { applyPayment, priceTicket, refundShare, roundHalfEven } from './pricing';
export { createRegister, listRegisters } from './registers.service';
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
