export type { MetricSources } from './metrics';
export { registerMetrics, registerPlatformGauges } from './metrics';
export { queueTelemetry, startTracing, tracingEnabled } from './tracing';
