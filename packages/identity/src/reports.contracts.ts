import { z } from 'zod';
import { decodeAuditCursor } from './audit-cursor';
import { timestampSchema } from './contracts';

/** Request and response shapes of the audit-event and statistics routes (OpenAPI is built from them). */

/** An instant or a whole day (midnight UTC), both ISO 8601. */
const isoInstant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((text) => new Date(text))
  .meta({ type: 'string', format: 'date-time', description: 'ISO 8601 date or date-time' });

// Decoded while parsing, so a cursor this API did not issue is a 400 like any bad parameter.
const auditCursor = z
  .string()
  .max(200)
  .transform((text, context) => {
    const cursor = decodeAuditCursor(text);
    if (!cursor) {
      context.addIssue({ code: 'custom', message: 'not a cursor this API issued' });
      return z.NEVER;
    }
    return cursor;
  })
  .meta({ type: 'string', description: 'pagination.next_cursor of the previous page' });

const filterText = z.string().trim().min(1).max(200);

export const auditEventsQuery = z
  .object({
    action: filterText.optional(),
    actorId: filterText.optional(),
    entityType: filterText.optional(),
    entityId: filterText.optional(),
    from: isoInstant.optional().meta({ description: 'Events at or after this instant' }),
    to: isoInstant.optional().meta({ description: 'Events before this instant' }),
    cursor: auditCursor.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const platformAuditEventsQuery = auditEventsQuery
  .extend({
    tenantId: z
      .uuid()
      .optional()
      .meta({ description: "Read this tenant's own trail instead of the platform scope" }),
  })
  .strict();

export const auditEventSchema = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid().nullable().meta({ description: 'null for the platform scope' }),
    createdAt: timestampSchema,
    actorType: z.string(),
    actorId: z.string().nullable(),
    module: z.string(),
    action: z.string(),
    entityType: z.string().nullable(),
    entityId: z.string().nullable(),
    diff: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).nullable(),
    requestId: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditEvent' });

export const statsDaysQuery = z
  .object({ days: z.coerce.number().int().min(1).max(366).default(30) })
  .strict();

const count = z.number().int().min(0);
const day = z.iso.date();

export const userActivitySchema = z
  .object({
    daily: count.meta({ description: 'Distinct users seen (login or refresh) in the last 24 hours' }),
    weekly: count.meta({ description: '… in the last 7 days' }),
    monthly: count.meta({ description: '… in the last 30 days' }),
  })
  .meta({ id: 'UserActivity' });

export const failedLoginsSchema = z.array(z.object({ day, failed: count })).meta({
  id: 'FailedLoginsPerDay',
  description:
    'One entry per UTC day, oldest first, days without failures included; attempts are kept 90 days, so older days read 0',
});

export const tenantStatsSchema = z
  .object({
    byStatus: z.object({ pending: count, active: count, suspended: count }),
    growth: z.array(
      z.object({
        day,
        created: count,
        total: count.meta({ description: 'Tenants created up to the end of the day' }),
      }),
    ),
  })
  .meta({ id: 'TenantStats' });
