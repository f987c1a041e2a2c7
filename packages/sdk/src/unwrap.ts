import { apiErrorFrom } from './errors';

/** What every client method answers (openapi-fetch's result): a body or an error, and the response. */
export interface ApiResult<TBody> {
  data?: TBody;
  error?: unknown;
  response: Response;
}

/** The success envelope's `data`, typed from the route. */
export type DataOf<TBody> = TBody extends { data: infer TData } ? TData : TBody;

/** The whole success body, or the failure thrown as a TenantryApiError. */
export const successBody = <TBody>(result: ApiResult<TBody>): TBody => {
  // A failure with an empty body has `error: undefined`: the status decides, not the field.
  if (!result.response.ok || result.error !== undefined) throw apiErrorFrom(result.response, result.error);
  return result.data as TBody;
};

/**
 * The `data` of a success envelope, or the failure thrown as a TenantryApiError:
 * `const me = unwrap(await client.GET('/v1/account'))`.
 */
export const unwrap = <TBody>(result: ApiResult<TBody>): DataOf<TBody> => {
  const body = successBody(result) as { data?: unknown } | undefined;
  return body?.data as DataOf<TBody>;
};
