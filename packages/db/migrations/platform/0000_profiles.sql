CREATE TABLE "tenant_connection_profiles" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"mode" text NOT NULL,
	"schema_name" text,
	"database_name" text,
	"host" text,
	"port" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_connection_profiles_mode_check" CHECK ("tenant_connection_profiles"."mode" in ('shared', 'schema', 'database')),
	CONSTRAINT "tenant_connection_profiles_target_check" CHECK (("tenant_connection_profiles"."mode" = 'shared') or ("tenant_connection_profiles"."mode" = 'schema' and "tenant_connection_profiles"."schema_name" is not null) or ("tenant_connection_profiles"."mode" = 'database' and "tenant_connection_profiles"."database_name" is not null))
);
