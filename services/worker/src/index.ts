export type { WorkerConfig } from './config';
export { workerConfigFromEnv } from './config';
export { platformHandlers } from './handlers';
export { buildWorkerHttp } from './http';
export { startMaintenance } from './maintenance';
export type { WorkerDeps, WorkerRuntime } from './worker-runtime';
export { createWorkerRuntime } from './worker-runtime';
