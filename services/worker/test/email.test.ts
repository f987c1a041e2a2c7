import { type EventEnvelope, newId, systemClock } from '@tenantry/core';
import { tenantSettings } from '@tenantry/db';
import { createSmtpMailer, type EmailComposer } from '@tenantry/mail';
import { appendEvent, dedupeJobId, findEvent, queueNames } from '@tenantry/outbox';
import { testRedisUrl, useTestDatabase, useTestSmtpServer } from '@tenantry/testing';
import { like } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerRuntime, type WorkerRuntime, workerConfigFromEnv } from '../src';
import { uniquePrefix, waitFor } from './support';

/** Mints a token row in the sending transaction; the first attempt of `test.flaky` fails after minting. */
const attempts = new Map<string, number>();
const compose: EmailComposer = async (event: EventEnvelope, tx) => {
  const attempt = (attempts.get(event.event_id) ?? 0) + 1;
  attempts.set(event.event_id, attempt);
  await tx.insert(tenantSettings).values({
    tenantId: event.tenant_id as string,
    key: `token:${event.event_id}`,
    value: { attempt },
  });
  if (event.type === 'test.flaky' && attempt === 1) throw new Error('composer failed once');
  return {
    to: (event.data as { email: string }).email,
    subject: `Invitation ${event.event_id}`,
    text: `attempt ${attempt}`,
    template: 'test.invitation',
    tenantId: event.tenant_id,
  };
};

describe('worker email', () => {
  const db = useTestDatabase();
  const smtp = useTestSmtpServer();
  const tenant = newId();
  const runtimeWith = (redisUrl: string | undefined) =>
    createWorkerRuntime({
      config: {
        ...workerConfigFromEnv({}),
        redisUrl,
        queuePrefix: uniquePrefix(),
        retry: { maxAttempts: 3, backoffMs: 20 },
      },
      db: db,
      handlers: [],
      logger: pino({ level: 'silent' }),
      mail: {
        composers: { 'test.invited': compose, 'test.flaky': compose },
        // One connection per message: the mailer needs no closing.
        mailer: createSmtpMailer({ url: smtp.url, from: 'no-reply@tenantry.test' }),
      },
    });

  const emit = (type: string, email: string) =>
    db.router.withTenant(tenant, (tx) =>
      appendEvent(
        tx,
        { tenantId: tenant, type, entityId: newId(), data: { email } },
        { clock: systemClock, newId },
      ),
    );
  const tokens = (event: EventEnvelope) =>
    db.router.withTenant(tenant, (tx) =>
      tx
        .select()
        .from(tenantSettings)
        .where(like(tenantSettings.key, `token:${event.event_id}`)),
    );
  const receivedBy = (to: string) => smtp.messages.filter((message) => message.to === to);

  describe('in-process (no Redis)', () => {
    it('sends the email of an appended event from the relay', async () => {
      const runtime = runtimeWith(undefined);
      runtime.start();
      try {
        const event = await emit('test.invited', 'inline@example.com');
        const received = await smtp.waitFor((message) => message.to === 'inline@example.com', 10_000);
        expect(received.subject).toBe(`Invitation ${event.event_id}`);
      } finally {
        await runtime.stop();
      }
      expect(receivedBy('inline@example.com')).toHaveLength(1);
    });
  });

  describe('through the email-send queue', () => {
    let runtime: WorkerRuntime;
    beforeAll(() => {
      runtime = runtimeWith(testRedisUrl());
      runtime.start();
    });
    afterAll(async () => {
      await runtime?.stop();
    });
    const queue = (name: string) => runtime.queues.find((candidate) => candidate.name === name);
    const emailJob = (event: EventEnvelope) =>
      queue(queueNames.emailSend)?.getJob(dedupeJobId(tenant, event.event_id));

    it('sends an appended event’s email exactly once, as an email-send job', async () => {
      const event = await emit('test.invited', 'invitee@example.com');
      const received = await smtp.waitFor((message) => message.to === 'invitee@example.com', 20_000);
      expect(received.subject).toBe(`Invitation ${event.event_id}`);

      await waitFor(
        async () => (await (await emailJob(event))?.getState()) === 'completed',
        5_000,
        'job done',
      );
      const job = await emailJob(event);
      expect(job?.name).toBe('email');
      expect(job?.data.event_id).toBe(event.event_id);
      await waitFor(
        async () =>
          Boolean(
            (
              await db.router.withTenant(tenant, (tx) =>
                findEvent(tx, { tenantId: tenant, eventId: event.event_id }),
              )
            )?.completedAt,
          ),
        5_000,
        'outbox event completed',
      );
      // Give a stray second delivery time to show up before counting.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receivedBy('invitee@example.com')).toHaveLength(1);
      expect(await tokens(event)).toHaveLength(1);
    });

    it('retries a failed email job on its own, and the failed attempt’s writes roll back', async () => {
      const event = await emit('test.flaky', 'flaky@example.com');
      const received = await smtp.waitFor((message) => message.to === 'flaky@example.com', 20_000);
      expect(received.text).toBe('attempt 2');
      await waitFor(
        async () => (await (await emailJob(event))?.getState()) === 'completed',
        5_000,
        'job done',
      );
      expect((await emailJob(event))?.attemptsMade).toBe(2);
      // The event itself was applied once: only its email job was retried.
      expect((await queue(queueNames.outboxDispatch)?.getJob(event.event_id))?.attemptsMade).toBe(1);
      expect((await tokens(event)).map((row) => row.value)).toEqual([{ attempt: 2 }]);
      expect(receivedBy('flaky@example.com')).toHaveLength(1);
    });
  });
});
