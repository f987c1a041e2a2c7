import type { JobsOptions } from 'bullmq';

/** The job categories of the platform (ARCHITECTURE.md, "Writes, events and jobs"). */
export const queueNames = {
  outboxDispatch: 'outbox-dispatch',
  emailSend: 'email-send',
  reportExport: 'report-export',
  backupRun: 'backup-run',
  billingWebhookRetry: 'billing-webhook-retry',
  tenantMigrate: 'tenant-migrate',
  maintenance: 'maintenance',
} as const;

export type QueueName = (typeof queueNames)[keyof typeof queueNames];

/** Redis keys of every queue start with this, apart from other users of the same Redis. */
export const queuePrefix = 'tenantry';

export interface RetryPolicy {
  /** Attempts before an event or job is given up as failed. */
  maxAttempts: number;
  /** First retry delay; doubled each attempt. */
  backoffMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, backoffMs: 1_000 };

export const retryDelayMs = (policy: RetryPolicy, attemptsMade: number): number =>
  policy.backoffMs * 2 ** Math.max(0, attemptsMade - 1);

/** Job options shared by every queue: exponential retries, finished jobs kept a while for dedupe. */
export const jobOptions = (policy: RetryPolicy): JobsOptions => ({
  attempts: policy.maxAttempts,
  backoff: { type: 'exponential', delay: policy.backoffMs },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
});

/**
 * A job id from a tenant and a business key: the same work enqueued twice is
 * one job. BullMQ reserves ':' in ids, so it is replaced.
 */
export const dedupeJobId = (tenantId: string, businessKey: string): string =>
  `${tenantId}.${businessKey}`.replaceAll(':', '_');
