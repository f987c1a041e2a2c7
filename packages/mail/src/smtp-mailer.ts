import nodemailer from 'nodemailer';
import type { Mailer } from './mailer';

export interface SmtpMailerOptions {
  /** smtp://user:pass@host:port (STARTTLS when the server offers it) or smtps://... (TLS from the start). */
  url: string;
  /** The From header of every message, e.g. `Tenantry <no-reply@example.com>`. */
  from: string;
}

/** Sends through an SMTP server (nodemailer), one connection per message. */
export const createSmtpMailer = (options: SmtpMailerOptions): Mailer => {
  // Composing and sending share a database transaction: a server that hangs
  // must fail the send in seconds, not hold the transaction for nodemailer's
  // default minutes.
  const transport = nodemailer.createTransport(
    { url: options.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
    { from: options.from },
  );
  return {
    async send(message) {
      const info = await transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
      });
      return { messageId: info.messageId };
    },
    async close() {
      transport.close();
    },
  };
};
