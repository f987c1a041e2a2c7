import {
  type Clock,
  createEnvelope,
  type EventEnvelope,
  type IdGenerator,
  type NewEvent,
} from '@tenantry/core';
import { platformTenantId, type Tx } from '@tenantry/db';
import { insertEvent } from './outbox.repository';
import { currentTraceCarrier } from './trace';

/**
 * Appends an event in the caller's transaction: it is relayed only if that
 * transaction commits. The trace context of the caller travels with it.
 */
export const appendEvent = async <TData>(
  tx: Tx,
  event: NewEvent<TData>,
  deps: { clock: Clock; newId: IdGenerator },
): Promise<EventEnvelope<TData>> => {
  const envelope = createEnvelope(
    { ...event, tenantId: event.tenantId ?? platformTenantId, trace: event.trace ?? currentTraceCarrier() },
    deps,
  );
  await insertEvent(tx, envelope);
  return envelope;
};
