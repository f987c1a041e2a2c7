export { assertHolds, holds, holdsAnywhere, tenantOfHolder, tenantScopeOf } from './access';
export type { Clock } from './clock';
export { ManualClock, systemClock } from './clock';
export { envWholeNumber } from './env';
export type { AppErrorOptions, ErrorBody, ErrorKind } from './errors';
export {
  AppError,
  authnError,
  authzError,
  conflictError,
  errorCodes,
  errorKinds,
  internalError,
  isAppError,
  notFoundError,
  rateLimitError,
  validationError,
} from './errors';
export type { EventEnvelope, NewEvent, TraceCarrier } from './events';
export { createEnvelope } from './events';
export type { IdGenerator } from './ids';
export { isUuid, newId } from './ids';
export type { Principal } from './tenant-context';
