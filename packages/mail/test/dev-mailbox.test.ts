import { ManualClock, newId } from '@tenantry/core';
import { useTestDatabase, useTestSmtpServer } from '@tenantry/testing';
import { describe, expect, it } from 'vitest';
import { createDevMailbox, listDevMailbox, type MailMessage, mailerFromEnv } from '../src';

const message = (to: string, subject: string, tenantId: string | null = null): MailMessage => ({
  to,
  subject,
  text: `text of ${subject}`,
  template: 'test.note',
  tenantId,
});

describe('dev mailbox', () => {
  const db = useTestDatabase();
  const smtp = useTestSmtpServer();

  it('keeps sent messages and lists them newest first, by recipient and up to a limit', async () => {
    const { router } = db;
    const clock = new ManualClock(new Date('2026-03-01T10:00:00Z'));
    const mailbox = createDevMailbox(router, { clock, newId });
    const tenantId = newId();
    const first = await mailbox.send({ ...message('lin@example.com', 'First', tenantId), html: '<p>1</p>' });
    clock.advance(1_000);
    await mailbox.send(message('sam@example.com', 'Other'));
    clock.advance(1_000);
    await mailbox.send(message('lin@example.com', 'Second', tenantId));
    await mailbox.close?.();

    const lins = await listDevMailbox(router, { to: 'lin@example.com' });
    expect(lins.map((entry) => entry.subject)).toEqual(['Second', 'First']);
    expect(lins[1]).toEqual({
      id: first.messageId,
      to: 'lin@example.com',
      subject: 'First',
      text: 'text of First',
      html: '<p>1</p>',
      template: 'test.note',
      tenantId,
      createdAt: new Date('2026-03-01T10:00:00Z'),
    });
    expect(lins[0]?.html).toBeNull();
    expect((await listDevMailbox(router, { limit: 2 })).map((entry) => entry.subject)).toEqual([
      'Second',
      'Other',
    ]);
  });

  it('is the mailer without SMTP_URL; with it, mail goes to that server', async () => {
    const { router } = db;
    const deps = { router, clock: new ManualClock(), newId };
    const local = mailerFromEnv({}, deps);
    await local.send(message('kept@example.com', 'Kept'));
    await local.close?.();
    expect(await listDevMailbox(router, { to: 'kept@example.com' })).toHaveLength(1);

    const remote = mailerFromEnv({ SMTP_URL: smtp.url, MAIL_FROM: 'Ops <ops@tenantry.test>' }, deps);
    await remote.send(message('sent@example.com', 'Sent'));
    await remote.close?.();
    expect((await smtp.waitFor((received) => received.subject === 'Sent')).to).toBe('sent@example.com');
    expect(await listDevMailbox(router, { to: 'sent@example.com' })).toEqual([]);
  });
});
