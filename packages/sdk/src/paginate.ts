import type { components } from './schema';
import { type ApiResult, successBody } from './unwrap';

export type Pagination = components['schemas']['Pagination'];

/** A list route's success body. */
export interface Page<TItem> {
  data: TItem[];
  pagination: Pagination;
}

/**
 * Every item of a cursor-paginated list, page after page, following
 * `pagination.next_cursor` until it is null. `fetchPage` asks for one page
 * (`undefined` is the first); a failed page throws a TenantryApiError.
 */
export async function* paginate<TItem>(
  fetchPage: (cursor: string | undefined) => Promise<ApiResult<Page<TItem>>>,
): AsyncGenerator<TItem, void, undefined> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = successBody(await fetchPage(cursor));
    yield* page.data;
    const next = page.pagination.next_cursor;
    if (next === null) return;
    // A cursor seen before would loop forever: fail loudly instead.
    if (seen.has(next)) throw new Error(`paginate: the API returned cursor ${next} twice`);
    seen.add(next);
    cursor = next;
  }
}
