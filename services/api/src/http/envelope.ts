import { z } from 'zod';

export const errorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .meta({ description: 'Taxonomy kind or a code that refines it', example: 'VALIDATION' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'ErrorEnvelope' });

export const paginationSchema = z
  .object({ next_cursor: z.string().nullable(), limit: z.number().int() })
  .meta({ id: 'Pagination' });

export type Pagination = z.infer<typeof paginationSchema>;

/** What a handler returns: the data, and pagination for lists. */
export interface HandlerResult<T> {
  data: T;
  pagination?: Pagination;
}

/** A keyset page as the envelope carries it: the items, and the cursor of the next page. */
export const pageOf = <T>(
  page: { items: T[]; nextCursor: string | null },
  limit: number,
): HandlerResult<T[]> => ({
  data: page.items,
  pagination: { next_cursor: page.nextCursor, limit },
});
