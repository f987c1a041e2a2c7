-- Row level security for every tenant table: enabled and forced (so even the
-- owner is held to it), one policy for reads and writes. current_setting
-- without missing_ok raises when no tenant is set, and an empty value fails
-- the uuid cast: a missing tenant is an error, never "all rows".
ALTER TABLE "tenant_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tenant_settings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "tenant_settings"
  USING ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid))
  WITH CHECK ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid));--> statement-breakpoint
ALTER TABLE "idempotency_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "idempotency_keys" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "idempotency_keys"
  USING ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid))
  WITH CHECK ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid));--> statement-breakpoint
CREATE INDEX "idempotency_keys_expires_at_idx" ON "idempotency_keys" ("tenant_id", "expires_at");
