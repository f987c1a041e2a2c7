import { isUuid } from '@tenantry/core';

/**
 * The audit list's page cursor: the last row's (createdAt, id), the keyset
 * listAudit continues from. Opaque to clients (base64url), so its layout can
 * change without breaking them. created_at holds whole milliseconds
 * (recordAudit stamps it from the clock), so the ISO string keeps the position exact.
 */
export interface AuditCursor {
  createdAt: Date;
  id: string;
}

export const encodeAuditCursor = (row: AuditCursor): string =>
  Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');

/** The cursor's position, or null when the text is not a cursor this API issued. */
export const decodeAuditCursor = (text: string): AuditCursor | null => {
  const [at, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !at || !id || !isUuid(id)) return null;
  const createdAt = new Date(at);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id };
};
