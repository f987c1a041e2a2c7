import type { Clock, IdGenerator } from '@tenantry/core';
import type { TenancyRouter } from '@tenantry/db';
import { insertDevMail, selectDevMail } from './dev-mailbox.repository';
import type { Mailer, MailMessage } from './mailer';

/** A message kept by the dev mailbox. */
export interface DevMailboxEntry {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  template: string;
  tenantId: string | null;
  createdAt: Date;
}

export interface DevMailboxDeps {
  clock: Clock;
  newId: IdGenerator;
  /** Told when a row could not be written (the message is then lost); stderr by default. */
  onError?: (error: unknown, message: MailMessage) => void;
}

/**
 * A Mailer that keeps each message as a dev_mailbox row instead of sending it
 * (development without an SMTP server; read back with listDevMailbox).
 *
 * send() resolves once the message is accepted and writes the row in a
 * platform transaction of its own, without waiting for it. Its caller is
 * almost always inside a tenant transaction (an email handler composes and
 * sends in one), and waiting there for a second transaction deadlocks the
 * embedded database, which is a single connection, and can starve a small
 * pool of its last connections. Like an SMTP relay, the mailbox shows the
 * message shortly after accepting it; close() waits for every accepted row.
 */
export const createDevMailbox = (router: TenancyRouter, deps: DevMailboxDeps): Mailer => {
  const pending = new Set<Promise<void>>();
  const onError =
    deps.onError ??
    ((error: unknown, message: MailMessage) =>
      console.error(`dev mailbox: could not store "${message.subject}" to ${message.to}`, error));
  return {
    async send(message) {
      const row = {
        id: deps.newId(),
        recipient: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? null,
        template: message.template,
        tenantId: message.tenantId,
        createdAt: deps.clock.now(),
      };
      const write = router
        .withPlatform((tx) => insertDevMail(tx, row))
        .catch((error: unknown) => onError(error, message))
        .finally(() => pending.delete(write));
      pending.add(write);
      return { messageId: row.id };
    },
    async close() {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
};

/** Messages in the dev mailbox, newest first; `to` keeps one recipient's. */
export const listDevMailbox = async (
  router: TenancyRouter,
  options: { to?: string; limit?: number } = {},
): Promise<DevMailboxEntry[]> => {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const rows = await router.withPlatform((tx) => selectDevMail(tx, { recipient: options.to }, limit));
  return rows.map(({ recipient, ...row }) => ({ ...row, to: recipient }));
};
