import { identityEmailComposers } from '@tenantry/identity';
import { createEmailHandler, createSmtpMailer } from '@tenantry/mail';
import { createInProcessDispatcher, createRelay } from '@tenantry/outbox';
import { type ParsedMessage, startTestSmtpServer } from '@tenantry/testing';
import type { IdentityTestApp } from './support';

export interface IdentityMail {
  /** Delivers what every storage's outbox holds, then the newest message to an address whose subject starts so. */
  newest(to: string, subjectStart: string): Promise<ParsedMessage>;
  /** Messages received so far for an address whose subject starts so, oldest first. */
  messagesTo(to: string, subjectStart: string): ParsedMessage[];
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** The token of the link in a message, as a browser would read it from the URL. */
export const tokenIn = (message: ParsedMessage): string => {
  const match = /[?&]token=([^\s&"<]+)/.exec(message.text);
  if (!match?.[1]) throw new Error(`no link token in: ${message.text}`);
  return decodeURIComponent(match[1]);
};

/**
 * Identity's e-mails as the worker's in-process mode delivers them: the relay
 * hands outbox events to the e-mail handler, whose composers run in the
 * event's transaction (minting tokens there) and send over real SMTP.
 */
export const startIdentityMail = async (t: IdentityTestApp): Promise<IdentityMail> => {
  const smtp = await startTestSmtpServer();
  const mailer = createSmtpMailer({ url: smtp.url, from: 'Tenantry <no-reply@tenantry.test>' });
  const handler = createEmailHandler({ composers: identityEmailComposers(t.identity.deps), mailer });
  const relay = createRelay({
    router: t.db.router,
    dispatcher: createInProcessDispatcher(t.db.router, [handler]),
    retry: { maxAttempts: 3, backoffMs: 1 },
    // Tenants approved in schema mode during a test are drained at once.
    storageRefreshMs: 0,
  });
  const messagesTo = (to: string, subjectStart: string) =>
    smtp.messages.filter((message) => message.to === to && message.subject.startsWith(subjectStart));
  return {
    messagesTo,
    drain: async () => {
      await relay.drain();
    },
    async newest(to, subjectStart) {
      await relay.drain();
      const message = messagesTo(to, subjectStart).at(-1);
      if (!message) throw new Error(`no "${subjectStart}" message to ${to}`);
      return message;
    },
    async close() {
      await mailer.close?.();
      await smtp.close();
    },
  };
};
