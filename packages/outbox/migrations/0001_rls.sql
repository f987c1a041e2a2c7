-- Tenant isolation as on every tenant table.
ALTER TABLE "event_outbox" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "event_outbox" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "event_outbox"
  USING ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid))
  WITH CHECK ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid));--> statement-breakpoint
-- The relay claims every tenant's pending events: a policy of its own role, so
-- the app role's single tenant predicate stays as it is (no OR in its policy).
CREATE POLICY "relay_access" ON "event_outbox" TO "tenantry_relay" USING (true) WITH CHECK (true);--> statement-breakpoint
GRANT SELECT, UPDATE ON "event_outbox" TO "tenantry_relay";--> statement-breakpoint
ALTER TABLE "event_inbox" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "event_inbox" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "event_inbox"
  USING ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid))
  WITH CHECK ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid));
