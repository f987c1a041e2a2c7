import type { Tx } from '@tenantry/db';
import { eventInbox } from './schema';

/** Records that a consumer applies an event; false when it already has (a redelivery). */
export const claimInbox = async (
  tx: Tx,
  entry: { tenantId: string; consumer: string; eventId: string },
): Promise<boolean> => {
  const inserted = await tx
    .insert(eventInbox)
    .values(entry)
    .onConflictDoNothing()
    .returning({ eventId: eventInbox.eventId });
  return inserted.length === 1;
};
