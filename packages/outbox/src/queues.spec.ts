import { describe, expect, it } from 'vitest';
import { dedupeJobId, jobOptions, retryDelayMs } from './queues';

describe('queue conventions', () => {
  it('builds one job id per tenant and business key, without the colon BullMQ reserves', () => {
    const id = dedupeJobId('0190f0c2-0000-7000-8000-000000000001', 'receipt:42');
    expect(id).toBe('0190f0c2-0000-7000-8000-000000000001.receipt_42');
    expect(dedupeJobId('0190f0c2-0000-7000-8000-000000000001', 'receipt:42')).toBe(id);
    expect(dedupeJobId('0190f0c2-0000-7000-8000-000000000002', 'receipt:42')).not.toBe(id);
  });

  it('retries with exponential backoff', () => {
    const policy = { maxAttempts: 4, backoffMs: 100 };
    expect([1, 2, 3].map((attempt) => retryDelayMs(policy, attempt))).toEqual([100, 200, 400]);
    expect(jobOptions(policy)).toMatchObject({ attempts: 4, backoff: { type: 'exponential', delay: 100 } });
  });
});
