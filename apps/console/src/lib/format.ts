import { TenantryApiError } from '@tenantry/sdk';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const numberFormat = new Intl.NumberFormat('en-GB');

const parse = (value: string | Date): Date | null => {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** `12 Mar 2025` (UTC, as the API stores it); an em dash for no date. */
export const formatDate = (value: string | Date | null | undefined): string => {
  const date = value == null ? null : parse(value);
  return date ? dateFormat.format(date) : '—';
};

/** `12 Mar 2025, 14:05` in UTC; an em dash for no date. */
export const formatDateTime = (value: string | Date | null | undefined): string => {
  const date = value == null ? null : parse(value);
  return date ? `${dateTimeFormat.format(date)} UTC` : '—';
};

/** A chart axis label for a UTC day (`2025-03-12` -> `12 Mar`). */
export const formatDay = (day: string): string => {
  const date = parse(`${day}T00:00:00Z`);
  return date ? dayFormat.format(date) : day;
};

export const formatNumber = (value: number): string => numberFormat.format(value);

/** A percentage as the flag editor shows it: at most two decimals, no trailing zeros. */
export const formatPercent = (value: number): string => `${Number(value.toFixed(2))} %`;

export interface ShownError {
  message: string;
  code?: string;
  requestId?: string;
}

/**
 * What the console shows for a failure: the API's own message and code when
 * the API answered, a plain sentence when the network did not.
 */
export const describeError = (error: unknown): ShownError => {
  if (error instanceof TenantryApiError) {
    return { message: error.message, code: error.code, requestId: error.requestId };
  }
  if (error instanceof TypeError) return { message: 'The API could not be reached. Check your connection.' };
  if (error instanceof Error && error.message) return { message: error.message };
  return { message: 'Something went wrong.' };
};

/**
 * Field messages from a VALIDATION error's details (`[{ location, path, message }]`),
 * by the body field they name: the form shows them beside the field.
 */
export const fieldErrorsFrom = (error: unknown): Record<string, string> => {
  if (!(error instanceof TenantryApiError) || !Array.isArray(error.details)) return {};
  const errors: Record<string, string> = {};
  for (const issue of error.details as { location?: unknown; path?: unknown; message?: unknown }[]) {
    if (issue?.location !== 'body' || typeof issue.path !== 'string' || typeof issue.message !== 'string')
      continue;
    const field = issue.path.split('.')[0] ?? '';
    if (field && !(field in errors)) errors[field] = issue.message;
  }
  return errors;
};
