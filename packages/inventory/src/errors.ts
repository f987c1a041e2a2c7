import { AppError, conflictError, notFoundError } from '@tenantry/core';

/** Inventory's error catalogue: codes refine the taxonomy's kinds. */
export const inventoryCodes = {
  SKU_TAKEN: 'SKU_TAKEN',
  LOCATION_CODE_TAKEN: 'LOCATION_CODE_TAKEN',
  INSUFFICIENT_STOCK: 'INSUFFICIENT_STOCK',
  ITEM_ARCHIVED: 'ITEM_ARCHIVED',
  LOCATION_INACTIVE: 'LOCATION_INACTIVE',
  INVALID_STATE: 'INVALID_STATE',
  SAME_LOCATION: 'SAME_LOCATION',
  DUPLICATE_ITEMS: 'DUPLICATE_ITEMS',
  ITEM_NOT_ON_TRANSFER: 'ITEM_NOT_ON_TRANSFER',
  EXCEEDS_OUTSTANDING: 'EXCEEDS_OUTSTANDING',
} as const;

const unprocessable = (message: string, code: string, details?: unknown) =>
  new AppError('VALIDATION', message, { status: 422, code, details });

export const inventoryErrors = {
  notFound: (what: string) => notFoundError(`${what} not found`),
  skuTaken: () =>
    conflictError('An item with this SKU exists', {
      code: inventoryCodes.SKU_TAKEN,
      details: { field: 'sku' },
    }),
  locationCodeTaken: () =>
    conflictError('A location with this code exists', {
      code: inventoryCodes.LOCATION_CODE_TAKEN,
      details: { field: 'code' },
    }),
  insufficientStock: (details: { itemId: string; locationId: string; onHand: number; requested: number }) =>
    conflictError('Not enough stock, and this tenant does not allow negative stock', {
      code: inventoryCodes.INSUFFICIENT_STOCK,
      details,
    }),
  itemArchived: (itemId: string) =>
    unprocessable('The item is archived', inventoryCodes.ITEM_ARCHIVED, { itemId }),
  locationInactive: (locationId: string) =>
    unprocessable('The location is inactive', inventoryCodes.LOCATION_INACTIVE, { locationId }),
  invalidState: (message: string, details?: unknown) =>
    conflictError(message, { code: inventoryCodes.INVALID_STATE, details }),
  invalid: (message: string, details?: unknown) => unprocessable(message, 'VALIDATION', details),
  sameLocation: (locationId: string) =>
    unprocessable('A transfer moves stock between two different locations', inventoryCodes.SAME_LOCATION, {
      locationId,
    }),
  duplicateItems: (itemIds: readonly string[]) =>
    unprocessable('Each item may appear once', inventoryCodes.DUPLICATE_ITEMS, { itemIds }),
  itemNotOnTransfer: (itemId: string) =>
    unprocessable('The item is not on this transfer', inventoryCodes.ITEM_NOT_ON_TRANSFER, { itemId }),
  exceedsOutstanding: (details: { itemId: string; outstanding: number; requested: number }) =>
    unprocessable('More than was shipped and not yet received', inventoryCodes.EXCEEDS_OUTSTANDING, details),
};
