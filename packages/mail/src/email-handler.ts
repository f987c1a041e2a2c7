import type { EventEnvelope } from '@tenantry/core';
import type { TenancyRouter, Tx } from '@tenantry/db';
import { consumeEvent, type EventHandler } from '@tenantry/outbox';
import type { Mailer, MailMessage } from './mailer';

/**
 * Builds the email an event calls for, or null when there is none to send.
 * It runs in the transaction the email is sent in and may write there (mint a
 * one-time token, store its hash): if sending fails, that write rolls back
 * with it and the job is retried.
 */
export type EmailComposer = (event: EventEnvelope, tx: Tx) => Promise<MailMessage | null>;

/** Composers by the event type they answer. */
export type EmailComposers = Readonly<Record<string, EmailComposer>>;

export interface EmailHandlerOptions {
  composers: EmailComposers;
  mailer: Mailer;
  /** Queue mode: hand the event to the email-send queue instead of sending here. */
  enqueue?: (event: EventEnvelope) => Promise<void>;
}

/** The inbox name of the outbox consumer that turns events into email. */
export const emailConsumer = 'email-send';

/**
 * Inbox name of the email-send job's own transaction: a job run again after
 * its transaction committed (a worker killed before acknowledging it) does
 * not send a second email.
 */
const deliveryConsumer = 'email-send.delivery';

const composeAndSend = async (
  composers: EmailComposers,
  mailer: Mailer,
  event: EventEnvelope,
  tx: Tx,
): Promise<void> => {
  const message = await composers[event.type]?.(event, tx);
  if (message) await mailer.send(message);
};

/**
 * The outbox consumer of every event type that has a composer. In-process
 * (no enqueue) it composes in the handler's own transaction and sends before
 * that transaction commits; the embedded database is one connection, so it
 * must not open another. With enqueue it only queues the event, and the
 * email-send job delivers it (deliverEmail).
 */
export const createEmailHandler = (options: EmailHandlerOptions): EventHandler => {
  const { composers, mailer, enqueue } = options;
  return {
    consumer: emailConsumer,
    eventTypes: Object.keys(composers),
    handle: (event, tx) => (enqueue ? enqueue(event) : composeAndSend(composers, mailer, event, tx)),
  };
};

/**
 * The email-send job: composes and sends in one transaction of the event's
 * tenant (the platform scope for platform events), once per event.
 */
export const deliverEmail = (
  router: TenancyRouter,
  composers: EmailComposers,
  mailer: Mailer,
  event: EventEnvelope,
): Promise<void> =>
  consumeEvent(
    router,
    [
      {
        consumer: deliveryConsumer,
        eventTypes: Object.keys(composers),
        handle: (delivered, tx) => composeAndSend(composers, mailer, delivered, tx),
      },
    ],
    event,
  );
