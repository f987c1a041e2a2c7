import { register } from 'node:module';
import { startTracing, tracingEnabled } from '@tenantry/observability';

// Loaded with --import before the API's modules, so pg and ioredis are patched when they load.
if (tracingEnabled()) {
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  startTracing('tenantry-api');
}
