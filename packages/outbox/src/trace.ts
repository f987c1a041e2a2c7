import { type Context, context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import type { TraceCarrier } from '@tenantry/core';

/** The active trace context as W3C headers, to travel inside an event envelope. */
export const currentTraceCarrier = (): TraceCarrier => {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const result: TraceCarrier = {};
  if (carrier.traceparent) result.traceparent = carrier.traceparent;
  if (carrier.tracestate) result.tracestate = carrier.tracestate;
  return result;
};

/** The context an event was emitted in, so the work it causes joins the same trace. */
export const contextFromCarrier = (carrier: TraceCarrier): Context =>
  propagation.extract(ROOT_CONTEXT, { ...carrier });
