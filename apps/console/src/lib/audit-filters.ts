/** The audit viewer's filter form, as typed. */
export interface AuditFilters {
  tenantId: string;
  action: string;
  actorId: string;
  entityType: string;
  entityId: string;
  /** yyyy-mm-dd from a date input. */
  from: string;
  to: string;
}

export const emptyAuditFilters: AuditFilters = {
  tenantId: '',
  action: '',
  actorId: '',
  entityType: '',
  entityId: '',
  from: '',
  to: '',
};

/** The query of GET /v1/superadmin/audit-events: only the filled fields, trimmed; days as UTC midnights. */
export const auditQueryFrom = (filters: AuditFilters) => {
  const query: {
    tenantId?: string;
    action?: string;
    actorId?: string;
    entityType?: string;
    entityId?: string;
    from?: string;
    to?: string;
    limit: number;
  } = { limit: 50 };
  for (const key of ['tenantId', 'action', 'actorId', 'entityType', 'entityId'] as const) {
    const value = filters[key].trim();
    if (value) query[key] = value;
  }
  if (filters.from) query.from = `${filters.from}T00:00:00Z`;
  if (filters.to) query.to = `${filters.to}T00:00:00Z`;
  return query;
};
