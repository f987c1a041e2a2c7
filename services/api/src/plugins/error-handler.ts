import {
  AppError,
  errorCodes,
  internalError,
  isAppError,
  notFoundError,
  validationError,
} from '@tenantry/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Postgres errors a client can act on; everything else stays INTERNAL. */
const fromDatabase = (error: { code?: string }): AppError | undefined => {
  switch (error.code) {
    case '23505':
      return new AppError('CONFLICT', 'A record with the same unique value already exists');
    case '23503':
      return validationError('A referenced record does not exist', { status: 422 });
    case '40001':
    case '40P01':
      return new AppError('CONFLICT', 'Concurrent update, retry the request', { code: 'CONCURRENT_UPDATE' });
    default:
      return undefined;
  }
};

/** Fastify's own errors (parsing, limits) mapped into the taxonomy. */
const fromFastify = (error: FastifyError): AppError | undefined => {
  const status = error.statusCode;
  if (status === undefined || status >= 500) return undefined;
  if (status === 413)
    return validationError('Request body is too large', { status, code: errorCodes.PAYLOAD_TOO_LARGE });
  if (status === 415)
    return validationError('Unsupported content type; send application/json', {
      status,
      code: errorCodes.UNSUPPORTED_MEDIA_TYPE,
    });
  if (status === 404) return notFoundError('Not found');
  if (status === 429) return new AppError('RATE_LIMIT', error.message);
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.name === 'SyntaxError')
    return validationError('Request body is not valid JSON');
  return validationError(error.message.replace(/^body\/?/, '') || 'Invalid request');
};

const toAppError = (error: unknown): AppError => {
  if (isAppError(error)) return error;
  const cause = (error as { cause?: { code?: string } }).cause;
  return (
    fromDatabase(error as { code?: string }) ??
    (cause ? fromDatabase(cause) : undefined) ??
    fromFastify(error as FastifyError) ??
    internalError('Something went wrong on our side')
  );
};

/** One error handler: every failure leaves as `{ error: { code, message, details? } }`, never a stack. */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    // A refused request (bad input, a rule not met) changed nothing, so its key is
    // released rather than stored, as Stripe does: the client may fix it and retry.
    if (
      appError.code === 'CONCURRENT_UPDATE' ||
      appError.kind === 'RATE_LIMIT' ||
      appError.kind === 'VALIDATION'
    )
      request.retryableFailure = true;
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code, status: appError.status }, appError.message);
    if (appError.kind === 'RATE_LIMIT' && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
    return reply.code(appError.status).send({ error: appError.toBody() });
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ error: notFoundError(`No route for ${request.method} ${request.url.split('?')[0]}`).toBody() }),
  );
});
