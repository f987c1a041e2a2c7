import { uuidv7 } from 'uuidv7';

/** Time-ordered ids (UUIDv7): index-friendly and sortable by creation. */
export type IdGenerator = () => string;

export const newId: IdGenerator = uuidv7;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => uuidPattern.test(value);
