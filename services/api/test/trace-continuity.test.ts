import FastifyOtelInstrumentation from '@fastify/otel';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { newId, systemClock } from '@tenantry/core';
import { appendEvent, type EventHandler } from '@tenantry/outbox';
import { testRedisUrl } from '@tenantry/testing';
import { createWorkerRuntime, type WorkerRuntime, workerConfigFromEnv } from '@tenantry/worker';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoute } from '../src';
import { asUser, createTestApp, type TestApp } from './helpers';

describe('trace continuity', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const instrumentation = new FastifyOtelInstrumentation({ registerOnInitialization: true });
  let testApp: TestApp;
  let worker: WorkerRuntime;
  const seen: { traceId: string; eventId: string }[] = [];

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
    instrumentation.setTracerProvider(provider);
    instrumentation.enable();

    const emitRoute = defineRoute({
      method: 'POST',
      path: '/v1/probe/emit',
      operationId: 'probeEmit',
      summary: 'Append an event',
      module: 'probe',
      access: { permission: 'probe.emit' },
      response: z.object({ eventId: z.string() }),
      successStatus: 201,
      handler: async ({ principal }) => {
        const tenantId = principal?.tenantId as string;
        const event = await testApp.db.router.withTenant(tenantId, (tx) =>
          appendEvent(
            tx,
            { tenantId, type: 'probe.emitted', entityId: 'e', data: {} },
            { clock: systemClock, newId },
          ),
        );
        return { data: { eventId: event.event_id } };
      },
    });
    testApp = await createTestApp({ routes: [emitRoute] });
    const recorder: EventHandler = {
      consumer: 'test.trace',
      eventTypes: ['probe.emitted'],
      async handle(event) {
        seen.push({ traceId: trace.getActiveSpan()?.spanContext().traceId ?? '', eventId: event.event_id });
      },
    };
    worker = createWorkerRuntime({
      config: {
        ...workerConfigFromEnv({}),
        redisUrl: testRedisUrl(),
        queuePrefix: `tenantry-trace-${newId()}`,
      },
      db: testApp.db,
      handlers: [recorder],
      logger: pino({ level: 'silent' }),
    });
    worker.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await testApp?.close();
    instrumentation.disable();
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('continues the request’s trace in the job its event caused', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/v1/probe/emit',
      headers: asUser(newId(), newId(), ['probe.emit']),
    });
    expect(response.statusCode).toBe(201);
    const eventId = response.json().data.eventId as string;
    // The consume span ends after the handler ran (its transaction commits first): wait for both.
    const consumeSpanOf = () =>
      exporter.getFinishedSpans().find((span) => span.name === 'consume probe.emitted');
    for (
      let wait = 0;
      wait < 200 && !(seen.some((entry) => entry.eventId === eventId) && consumeSpanOf());
      wait++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const consumed = seen.find((entry) => entry.eventId === eventId);
    expect(consumed).toBeDefined();

    const requestSpans = exporter
      .getFinishedSpans()
      .filter(
        (span) => span.attributes['url.path'] === '/v1/probe/emit' || span.name.includes('/v1/probe/emit'),
      );
    expect(requestSpans.length).toBeGreaterThan(0);
    const requestTraceId = requestSpans[0]?.spanContext().traceId;
    expect(requestTraceId).toMatch(/^[0-9a-f]{32}$/);
    expect(consumed?.traceId).toBe(requestTraceId);
    const consumeSpan = consumeSpanOf();
    expect(consumeSpan?.spanContext().traceId).toBe(requestTraceId);
  });
});
