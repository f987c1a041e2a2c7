import { platformModuleManage } from '@tenantry/module-registry';

/** The access of every registry superadmin route. */
export const manageRegistry = { permission: platformModuleManage };
