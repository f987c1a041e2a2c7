export { listAlerts } from './alerts.service';
export * as inventoryContracts from './contracts';
export type { CountView } from './counts.service';
export { finalizeCount, getCount, openCount, recordCountLines } from './counts.service';
export type { InventoryDeps, RequestMeta } from './deps';
export { inventoryCodes, inventoryErrors } from './errors';
export { inventoryEvents, posEventTypes } from './events';
// The item list's query as built, for checks of its plan (tests, benchmarks).
export { listItems as listItemRows } from './items.repository';
export type { ItemView } from './items.service';
export { createItem, getItem, itemsForSale, listItems, updateItem } from './items.service';
export type { LedgerScope, MovementInput, RecordedMovement, ShortfallPolicy } from './ledger';
export { recordMovements } from './ledger';
export { checkLedger } from './ledger-check.service';
export type { LocationQuotaGate } from './locations.service';
export {
  activeLocationCount,
  createLocation,
  findLocationView,
  listLocations,
  requireLocation,
} from './locations.service';
export { inventoryMigrations } from './migrations';
export type { MovementRecordView } from './movements.service';
export { createMovement, itemStock, listMovements } from './movements.service';
export { inventoryPermissions } from './permissions';
export type { TicketRefundedPayload, TicketSettledPayload } from './sales.handler';
export { createStockFromSalesHandler, ticketRefundedPayload, ticketSettledPayload } from './sales.handler';
export { type MovementType, movementTypes } from './schema';
export { getInventorySettings, updateInventorySettings } from './settings.service';
export type { TransferView } from './transfers.service';
export { createTransfer, getTransfer, receiveTransfer, shipTransfer } from './transfers.service';
