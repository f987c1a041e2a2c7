-- Expired idempotency keys of every tenant are deleted by the worker's upkeep,
-- running as the cross-tenant worker role: it sees and deletes expired rows only.
CREATE POLICY "upkeep_select_expired" ON "idempotency_keys" FOR SELECT TO "tenantry_relay"
  USING ("expires_at" < now());--> statement-breakpoint
CREATE POLICY "upkeep_delete_expired" ON "idempotency_keys" FOR DELETE TO "tenantry_relay"
  USING ("expires_at" < now());--> statement-breakpoint
GRANT SELECT, DELETE ON "idempotency_keys" TO "tenantry_relay";
