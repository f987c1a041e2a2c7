export type { AuditFilter, AuditRow } from './audit.repository';
export { listAudit } from './audit.repository';
export type { AuditEntry } from './audit.service';
export { recordAudit } from './audit.service';
export type { FieldChange } from './diff';
export { diffStates } from './diff';
export { auditMigrations } from './migrations';
export { ensureAuditPartitions } from './partitions';
export { auditEvents } from './schema';
