import type { Clock } from './clock';
import type { IdGenerator } from './ids';

/** W3C trace context carried inside an event so jobs continue the request's trace. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** The envelope every domain event travels in (see ARCHITECTURE.md, "Writes, events and jobs"). */
export interface EventEnvelope<TData = unknown> {
  event_id: string;
  tenant_id: string | null;
  type: string;
  entity_id: string;
  version: number;
  occurred_at: string;
  data: TData;
  trace: TraceCarrier;
}

export interface NewEvent<TData = unknown> {
  tenantId: string | null;
  type: string;
  entityId: string;
  version?: number;
  data: TData;
  trace?: TraceCarrier;
}

/** Builds an envelope with a fresh id and the clock's time. */
export const createEnvelope = <TData>(
  event: NewEvent<TData>,
  deps: { clock: Clock; newId: IdGenerator },
): EventEnvelope<TData> => ({
  event_id: deps.newId(),
  tenant_id: event.tenantId,
  type: event.type,
  entity_id: event.entityId,
  version: event.version ?? 1,
  occurred_at: deps.clock.now().toISOString(),
  data: event.data,
  trace: event.trace ?? {},
});
