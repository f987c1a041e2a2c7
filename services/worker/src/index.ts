export type { WorkerConfig } from './config';
export { workerConfigFromEnv } from './config';
export type { MailDeps } from './email-jobs';
export { platformHandlers } from './handlers';
export { buildWorkerHttp } from './http';
export { startMaintenance } from './maintenance';
export { platformMail } from './platform-mail';
export type { WorkerDeps, WorkerRuntime } from './worker-runtime';
export { createWorkerRuntime } from './worker-runtime';
