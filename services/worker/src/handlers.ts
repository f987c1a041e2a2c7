import type { EventHandler } from '@tenantry/outbox';

/** Event consumers of the platform's modules; each module adds its handlers here as it arrives. */
export const platformHandlers: readonly EventHandler[] = [];
