import type { AddressInfo } from 'node:net';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the test SMTP server received it. */
export interface ParsedMessage {
  /** The To addresses, comma-separated. */
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port>, for createSmtpMailer or SMTP_URL. */
  url: string;
  /** Every message received, oldest first. */
  messages: ParsedMessage[];
  /** The first message (received or still to come) that satisfies the predicate. */
  waitFor(predicate: (message: ParsedMessage) => boolean, timeoutMs?: number): Promise<ParsedMessage>;
  close(): Promise<void>;
}

const addresses = (to: AddressObject | AddressObject[] | undefined): string =>
  [to ?? []]
    .flat()
    .flatMap((object) => object.value.map((address) => address.address ?? ''))
    .join(', ');

/**
 * A real SMTP server on an ephemeral port of 127.0.0.1 that keeps what it is
 * sent: plain SMTP (no TLS), any credentials or none.
 */
export const startTestSmtpServer = async (): Promise<TestSmtpServer> => {
  const messages: ParsedMessage[] = [];
  const waiters = new Set<(message: ParsedMessage) => void>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    onData(stream, _session, callback) {
      simpleParser(stream).then((parsed) => {
        const message: ParsedMessage = {
          to: addresses(parsed.to),
          subject: parsed.subject ?? '',
          // A text-only body arrives with the line break that ends its last line.
          text: (parsed.text ?? '').replace(/\r?\n$/, ''),
          html: parsed.html === false || parsed.html === undefined ? null : parsed.html,
        };
        messages.push(message);
        for (const waiter of waiters) waiter(message);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(predicate, timeoutMs = 5_000) {
      const received = messages.find(predicate);
      if (received) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const waiter = (message: ParsedMessage) => {
          if (!predicate(message)) return;
          finish();
          resolve(message);
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`no matching message within ${timeoutMs} ms (received ${messages.length})`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(waiter);
        };
        waiters.add(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
