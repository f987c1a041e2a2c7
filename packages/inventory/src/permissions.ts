/** Inventory's permission keys, as module-registry.json defines them. */
export const inventoryPermissions = {
  itemRead: 'inventory.item.read',
  itemManage: 'inventory.item.manage',
  locationManage: 'inventory.location.manage',
  stockRead: 'inventory.stock.read',
  stockAdjust: 'inventory.stock.adjust',
  transferManage: 'inventory.transfer.manage',
  countManage: 'inventory.count.manage',
} as const;
