import { newId } from '@tenantry/core';
import {
  consumeEvent,
  createInProcessDispatcher,
  createRelay,
  type EventHandler,
  findEvent,
} from '@tenantry/outbox';
import { startTestSmtpServer, useTestDatabase, useTestSmtpServer } from '@tenantry/testing';
import { describe, expect, it } from 'vitest';
import { createEmailHandler, createSmtpMailer, deliverEmail } from '../src';
import { emitWelcome, mintedTokens, welcomeComposers, welcomeType } from './support';

describe('email handler', () => {
  const db = useTestDatabase();
  const smtp = useTestSmtpServer();
  const tenant = newId();
  // One connection per message: a mailer needs no closing.
  const smtpMailer = () => createSmtpMailer({ url: smtp.url, from: 'no-reply@tenantry.test' });

  const relayWith = (handlers: EventHandler[]) =>
    createRelay({
      router: db.router,
      dispatcher: createInProcessDispatcher(db.router, handlers),
      retry: { maxAttempts: 3, backoffMs: 1 },
    });
  const receivedBy = (to: string) => smtp.messages.filter((message) => message.to === to);

  it('consumes the event types that have a composer', () => {
    const handler = createEmailHandler({ composers: welcomeComposers, mailer: smtpMailer() });
    expect(handler).toMatchObject({ consumer: 'email-send', eventTypes: [welcomeType] });
  });

  it('sends one email per event in-process, even when the event is delivered twice', async () => {
    const handler = createEmailHandler({ composers: welcomeComposers, mailer: smtpMailer() });
    const event = await emitWelcome(db, tenant, 'once@example.com');
    await relayWith([handler]).drain();
    await consumeEvent(db.router, [handler], event);

    const received = await smtp.waitFor((message) => message.to === 'once@example.com');
    const minted = (await mintedTokens(db, tenant)).filter((row) => row.eventId === event.event_id);
    expect(minted).toHaveLength(1);
    expect(received.subject).toBe(`Welcome ${event.event_id}`);
    expect(received.text).toContain(`token=${minted[0]?.token}`);
    expect(received.html).toContain(`token=${minted[0]?.token}`);
    expect(receivedBy('once@example.com')).toHaveLength(1);
  });

  it('rolls the composer’s write back when sending fails, and sends on the next attempt', async () => {
    const gone = await startTestSmtpServer();
    await gone.close();
    const unreachable = createSmtpMailer({ url: gone.url, from: 'no-reply@tenantry.test' });
    const event = await emitWelcome(db, tenant, 'retry@example.com');

    await relayWith([createEmailHandler({ composers: welcomeComposers, mailer: unreachable })]).drainOnce();
    const ref = { tenantId: tenant, eventId: event.event_id };
    expect(await db.router.withTenant(tenant, (tx) => findEvent(tx, ref))).toMatchObject({
      status: 'pending',
      attempts: 1,
    });
    expect((await mintedTokens(db, tenant)).map((row) => row.eventId)).not.toContain(event.event_id);
    expect(receivedBy('retry@example.com')).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, 20));
    await relayWith([createEmailHandler({ composers: welcomeComposers, mailer: smtpMailer() })]).drain();
    await smtp.waitFor((message) => message.to === 'retry@example.com');
    expect((await mintedTokens(db, tenant)).filter((row) => row.eventId === event.event_id)).toHaveLength(1);
  });

  it('delivers a queued event in the tenant’s transaction, once however often the job runs', async () => {
    const event = await emitWelcome(db, tenant, 'queued@example.com');
    await deliverEmail(db.router, welcomeComposers, smtpMailer(), event);
    await deliverEmail(db.router, welcomeComposers, smtpMailer(), event);
    await smtp.waitFor((message) => message.to === 'queued@example.com');
    expect(receivedBy('queued@example.com')).toHaveLength(1);
    expect((await mintedTokens(db, tenant)).filter((row) => row.eventId === event.event_id)).toHaveLength(1);
  });

  it('sends nothing when the composer returns null', async () => {
    const handler = createEmailHandler({
      composers: { [welcomeType]: async () => null },
      mailer: smtpMailer(),
    });
    await emitWelcome(db, tenant, 'nobody@example.com');
    await relayWith([handler]).drain();
    expect(receivedBy('nobody@example.com')).toEqual([]);
  });
});
