import { platformTenantId, type TenancyRouter } from '@tenantry/db';
import { createEmailHandler, deliverEmail, type EmailComposers, type Mailer } from '@tenantry/mail';
import { dedupeJobId, type EventHandler, jobOptions, queueNames } from '@tenantry/outbox';
import { Queue } from 'bullmq';
import { createEventWorker, type EventWorker, type QueueContext } from './event-worker';

/** What the worker sends email with: composers by event type, and the mailer. */
export interface MailDeps {
  composers: EmailComposers;
  mailer: Mailer;
}

export interface EmailJobs {
  queue: Queue;
  worker: EventWorker;
  /** The outbox consumer that enqueues one email-send job per event. */
  handler: EventHandler;
}

/**
 * Queue mode of email: the outbox consumer only enqueues, and the email-send
 * job composes and sends in a transaction of its own, retried on failure
 * apart from the other consumers of the event.
 */
export const createEmailJobs = (context: QueueContext, router: TenancyRouter, mail: MailDeps): EmailJobs => {
  const queue = new Queue(queueNames.emailSend, context.queueOptions);
  const worker = createEventWorker(context, {
    queueName: queueNames.emailSend,
    process: (event) => deliverEmail(router, mail.composers, mail.mailer, event),
    messages: { start: 'sending email', done: 'email sent', failed: 'email delivery failed' },
  });
  const handler = createEmailHandler({
    ...mail,
    // jobId dedupes a redelivered event while the job is kept (jobOptions).
    enqueue: async (event) => {
      await queue.add('email', event, {
        ...jobOptions(context.config.retry),
        jobId: dedupeJobId(event.tenant_id ?? platformTenantId, event.event_id),
      });
    },
  });
  return { queue, worker, handler };
};
