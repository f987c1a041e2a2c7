import { fileURLToPath } from 'node:url';
import type { MigrationSet } from '@tenantry/db';

/** Platform-set migrations: the dev mailbox lives in the shared database only. */
export const mailMigrations: MigrationSet = {
  name: 'mail.platform',
  folder: fileURLToPath(new URL('../migrations', import.meta.url)),
};
