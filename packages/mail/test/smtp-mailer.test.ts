import { startTestSmtpServer, useTestSmtpServer } from '@tenantry/testing';
import { describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../src';

describe('SMTP mailer', () => {
  const smtp = useTestSmtpServer();

  it('delivers a message the SMTP server receives, with its recipient, subject and bodies', async () => {
    const mailer = createSmtpMailer({ url: smtp.url, from: 'Tenantry <no-reply@tenantry.test>' });
    try {
      const sent = await mailer.send({
        to: 'ada@example.com',
        subject: 'Your sign-in code',
        text: 'Code: 123456',
        html: '<p>Code: <b>123456</b></p>',
        template: 'test.code',
        tenantId: null,
      });
      expect(sent.messageId).toMatch(/@/);
      const received = await smtp.waitFor((message) => message.subject === 'Your sign-in code');
      expect(received).toEqual({
        to: 'ada@example.com',
        subject: 'Your sign-in code',
        text: 'Code: 123456',
        html: '<p>Code: <b>123456</b></p>',
      });
    } finally {
      await mailer.close?.();
    }
  });

  it('authenticates with the credentials of the URL and sends text-only mail', async () => {
    const mailer = createSmtpMailer({
      url: smtp.url.replace('smtp://', 'smtp://mailer:secret@'),
      from: 'no-reply@tenantry.test',
    });
    try {
      await mailer.send({
        to: 'grace@example.com',
        subject: 'Plain',
        text: 'Only text',
        template: 'test.plain',
        tenantId: null,
      });
      const received = await smtp.waitFor((message) => message.to === 'grace@example.com');
      expect(received).toMatchObject({ subject: 'Plain', text: 'Only text', html: null });
    } finally {
      await mailer.close?.();
    }
  });

  it('rejects when the server cannot be reached', async () => {
    const gone = await startTestSmtpServer();
    await gone.close();
    const mailer = createSmtpMailer({ url: gone.url, from: 'no-reply@tenantry.test' });
    await expect(
      mailer.send({ to: 'x@example.com', subject: 'Lost', text: '', template: 'test.lost', tenantId: null }),
    ).rejects.toThrow();
  });
});
