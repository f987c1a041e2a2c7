import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '@tenantry/core';
import { createDatabaseRuntime, type DatabaseRuntime, dbConfigFromEnv } from '@tenantry/db';
import { createInProcessDispatcher, createRelay } from '@tenantry/outbox';
import { migrationPlan } from '@tenantry/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailHandler, listDevMailbox, type Mailer, mailerFromEnv } from '../src';
import { emitWelcome, ids, mintedTokens, welcomeComposers } from './support';

// The embedded default: PGlite (one connection), in-process worker, no SMTP_URL.
describe('email on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tenantry-mail-'));
  let db: DatabaseRuntime;
  let mailer: Mailer;

  // PGlite starts and migrates from nothing here, which is slow on a busy machine.
  beforeAll(async () => {
    db = await createDatabaseRuntime({ ...dbConfigFromEnv({}), dataDir }, migrationPlan);
    await db.migrate();
    mailer = mailerFromEnv({}, { router: db.router, ...ids });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps in-process email in the dev mailbox without waiting on a second transaction', async () => {
    const tenant = newId();
    const event = await emitWelcome(db, tenant, 'embedded@example.com');
    const relay = createRelay({
      router: db.router,
      dispatcher: createInProcessDispatcher(db.router, [
        createEmailHandler({ composers: welcomeComposers, mailer }),
      ]),
    });
    expect(await relay.drain()).toBe(1);
    await mailer.close?.();
    const [kept] = await listDevMailbox(db.router, { to: 'embedded@example.com' });
    const [minted] = await mintedTokens(db, tenant);
    expect(kept).toMatchObject({
      subject: `Welcome ${event.event_id}`,
      tenantId: tenant,
      template: 'test.welcome',
    });
    expect(kept?.text).toContain(`token=${minted?.token}`);
  });
});
