import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where the superadmin console's client routes live: every other path stays the API's. */
export const consoleBasePath = '/master-admin';

// The console is its own origin-bound app: scripts and data only from here. Inline styles are
// allowed for the dev mailbox's HTML e-mails, which render in a sandboxed srcdoc iframe.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** True when `dir` holds a built console (its index.html). */
export const consoleBuildExists = (dir: string | undefined): dir is string =>
  dir !== undefined && existsSync(join(dir, 'index.html'));

/**
 * Serves the built console (apps/console/dist): `/assets/*` as files, and the
 * SPA's index.html for `/` and every client route under /master-admin. Only
 * those paths are claimed, so /v1, /health, /ready, /metrics and unknown
 * paths keep the API's own answers (a 404 envelope, never the SPA).
 */
export const consolePlugin = async (app: FastifyInstance, options: { root: string }): Promise<void> => {
  // serve: false: no catch-all route of the library's; only sendFile, on the routes below.
  await app.register(fastifyStatic, { root: options.root, serve: false });

  const assets = join(options.root, 'assets');
  const sendIndex = (reply: FastifyReply) =>
    reply
      .header('cache-control', 'no-cache')
      .header('content-security-policy', contentSecurityPolicy)
      .sendFile('index.html', { cacheControl: false });
  // Static files cost no database work: the per-IP limit is for the API.
  const config = { rateLimit: false } as const;

  app.get('/', { config }, (_request, reply) => sendIndex(reply));
  app.get(consoleBasePath, { config }, (_request, reply) => sendIndex(reply));
  app.get(`${consoleBasePath}/*`, { config }, (_request, reply) => sendIndex(reply));
  // Vite fingerprints every asset name, so a year of caching is safe; a missing one is a 404.
  app.get<{ Params: { '*': string } }>('/assets/*', { config }, (request, reply) =>
    // Rooted at assets/ itself, so `..` cannot reach the rest of the folder (send refuses it).
    reply.sendFile(request.params['*'], assets, { immutable: true, maxAge: '365d' }),
  );
};
