import { type EventEnvelope, newId, systemClock } from '@tenantry/core';
import { type DatabaseRuntime, tenantSettings } from '@tenantry/db';
import { appendEvent } from '@tenantry/outbox';
import { like } from 'drizzle-orm';
import type { EmailComposers } from '../src';

export const ids = { clock: systemClock, newId };

export const welcomeType = 'test.user.welcomed';

/**
 * A composer like a real one: it mints a token in the transaction it runs in
 * (a tenant_settings row standing in for a token hash) and mails a link with it.
 */
export const welcomeComposers: EmailComposers = {
  [welcomeType]: async (event: EventEnvelope, tx) => {
    const { email } = event.data as { email: string };
    const token = newId();
    await tx.insert(tenantSettings).values({
      tenantId: event.tenant_id as string,
      key: `token:${event.event_id}`,
      value: { token },
    });
    return {
      to: email,
      subject: `Welcome ${event.event_id}`,
      text: `Sign in: https://tenantry.local/welcome?token=${token}`,
      html: `<p><a href="https://tenantry.local/welcome?token=${token}">Sign in</a></p>`,
      template: 'test.welcome',
      tenantId: event.tenant_id,
    };
  },
};

export const emitWelcome = (db: DatabaseRuntime, tenantId: string, email: string) =>
  db.router.withTenant(tenantId, (tx) =>
    appendEvent(tx, { tenantId, type: welcomeType, entityId: newId(), data: { email } }, ids),
  );

/** The tokens the composer minted and kept (rows its committed transactions left), by event id. */
export const mintedTokens = (db: DatabaseRuntime, tenantId: string) =>
  db.router.withTenant(tenantId, async (tx) =>
    (await tx.select().from(tenantSettings).where(like(tenantSettings.key, 'token:%'))).map((row) => ({
      eventId: row.key.slice('token:'.length),
      token: (row.value as { token: string }).token,
    })),
  );
