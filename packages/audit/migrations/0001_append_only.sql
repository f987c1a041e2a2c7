-- The audit trail is append-only: grants leave the app role INSERT and SELECT only
-- (roles.ts reads this comment, for the table and its partitions).
COMMENT ON TABLE "audit_events" IS 'append-only';
