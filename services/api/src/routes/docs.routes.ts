import scalar from '@scalar/fastify-api-reference';
import type { FastifyInstance } from 'fastify';

/** GET /v1/openapi.json and the human docs page at /v1/docs. */
export const registerDocs = async (app: FastifyInstance, document: object): Promise<void> => {
  const body = JSON.stringify(document);
  app.get('/v1/openapi.json', { config: { rateLimit: false } }, async (_request, reply) =>
    reply.type('application/json').send(body),
  );
  await app.register(scalar, { routePrefix: '/v1/docs', configuration: { url: '/v1/openapi.json' } });
};
