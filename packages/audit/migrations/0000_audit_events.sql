CREATE TABLE "audit_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"module" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text,
	"entity_id" text,
	"diff" jsonb,
	"request_id" text,
	"metadata" jsonb,
	CONSTRAINT "audit_events_tenant_id_created_at_id_pk" PRIMARY KEY("tenant_id","created_at","id")
) PARTITION BY RANGE ("created_at");
--> statement-breakpoint
CREATE INDEX "audit_events_tenant_action_idx" ON "audit_events" ("tenant_id", "action", "created_at");--> statement-breakpoint
CREATE INDEX "audit_events_tenant_entity_idx" ON "audit_events" ("tenant_id", "entity_type", "entity_id");--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "audit_events"
  USING ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid))
  WITH CHECK ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid));--> statement-breakpoint
-- Creates the monthly partitions from `from_date` to `months_ahead` months
-- later, in the schema of audit_events. A partition queried by name skips the
-- parent's policy, so each gets RLS and the same policy of its own. Runs as
-- the owner (at migration and from the worker's maintenance job).
CREATE OR REPLACE FUNCTION audit_ensure_partitions(months_ahead integer DEFAULT 3, from_date date DEFAULT current_date)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  target_schema text := (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                          WHERE c.oid = 'audit_events'::regclass);
  month_start date;
  partition_name text;
  created integer := 0;
BEGIN
  FOR step IN 0..months_ahead LOOP
    month_start := (date_trunc('month', from_date) + make_interval(months => step))::date;
    partition_name := 'audit_events_' || to_char(month_start, 'YYYY_MM');
    IF to_regclass(format('%I.%I', target_schema, partition_name)) IS NULL THEN
      EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.audit_events FOR VALUES FROM (%L) TO (%L)',
        target_schema, partition_name, target_schema, month_start, (month_start + interval '1 month')::date);
      EXECUTE format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY', target_schema, partition_name);
      EXECUTE format('ALTER TABLE %I.%I FORCE ROW LEVEL SECURITY', target_schema, partition_name);
      EXECUTE format($p$CREATE POLICY tenant_isolation ON %I.%I
        USING (tenant_id = (select current_setting('app.current_tenant_id')::uuid))
        WITH CHECK (tenant_id = (select current_setting('app.current_tenant_id')::uuid))$p$,
        target_schema, partition_name);
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END $$;--> statement-breakpoint
SELECT audit_ensure_partitions(3);
