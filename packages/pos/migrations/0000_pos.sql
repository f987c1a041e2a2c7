CREATE TABLE "pos_payments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"method" text NOT NULL,
	"amount" bigint NOT NULL,
	"tendered" bigint NOT NULL,
	"change" bigint DEFAULT 0 NOT NULL,
	"reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pos_payments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "pos_payments_amount_positive" CHECK ("pos_payments"."amount" > 0),
	CONSTRAINT "pos_payments_change" CHECK ("pos_payments"."change" = "pos_payments"."tendered" - "pos_payments"."amount" and "pos_payments"."change" >= 0)
);
--> statement-breakpoint
CREATE TABLE "pos_receipt_sequences" (
	"tenant_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "pos_receipt_sequences_tenant_id_location_id_pk" PRIMARY KEY("tenant_id","location_id")
);
--> statement-breakpoint
CREATE TABLE "pos_refund_lines" (
	"tenant_id" uuid NOT NULL,
	"refund_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"amount" bigint NOT NULL,
	"tax" bigint NOT NULL,
	CONSTRAINT "pos_refund_lines_tenant_id_refund_id_line_id_pk" PRIMARY KEY("tenant_id","refund_id","line_id"),
	CONSTRAINT "pos_refund_lines_quantity_positive" CHECK ("pos_refund_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "pos_refunds" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"shift_id" uuid,
	"location_id" uuid NOT NULL,
	"method" text NOT NULL,
	"amount" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"reason" text NOT NULL,
	"restock" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pos_refunds_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "pos_refunds_amount_positive" CHECK ("pos_refunds"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "pos_registers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pos_registers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "pos_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"prices_include_tax" boolean DEFAULT false NOT NULL,
	"tax_rates" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pos_shifts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"register_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opening_float" bigint NOT NULL,
	"opened_by" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"counted_cash" bigint,
	"expected_cash" bigint,
	"variance" bigint,
	CONSTRAINT "pos_shifts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "pos_shifts_float_nonnegative" CHECK ("pos_shifts"."opening_float" >= 0)
);
--> statement-breakpoint
CREATE TABLE "pos_ticket_lines" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"item_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"name" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" bigint NOT NULL,
	"price_overridden" boolean DEFAULT false NOT NULL,
	"line_discount" bigint DEFAULT 0 NOT NULL,
	"tax_category" text NOT NULL,
	"tax_rate_bps" integer NOT NULL,
	"gross" bigint DEFAULT 0 NOT NULL,
	"ticket_discount_share" bigint DEFAULT 0 NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"tax" bigint DEFAULT 0 NOT NULL,
	"refunded_quantity" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "pos_ticket_lines_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "pos_ticket_lines_quantity_positive" CHECK ("pos_ticket_lines"."quantity" > 0),
	CONSTRAINT "pos_ticket_lines_refund_within_quantity" CHECK ("pos_ticket_lines"."refunded_quantity" between 0 and "pos_ticket_lines"."quantity")
);
--> statement-breakpoint
CREATE TABLE "pos_tickets" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"shift_id" uuid NOT NULL,
	"register_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"currency" text NOT NULL,
	"prices_include_tax" boolean NOT NULL,
	"ticket_discount" bigint DEFAULT 0 NOT NULL,
	"subtotal" bigint DEFAULT 0 NOT NULL,
	"discount_total" bigint DEFAULT 0 NOT NULL,
	"tax_total" bigint DEFAULT 0 NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"paid" bigint DEFAULT 0 NOT NULL,
	"change_given" bigint DEFAULT 0 NOT NULL,
	"refunded_total" bigint DEFAULT 0 NOT NULL,
	"receipt_number" integer,
	"opened_by" uuid,
	"settled_by" uuid,
	"void_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	CONSTRAINT "pos_tickets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "pos_tickets_receipt_number_key" UNIQUE("tenant_id","location_id","receipt_number"),
	CONSTRAINT "pos_tickets_settled_numbered" CHECK (("pos_tickets"."status" = 'settled') = ("pos_tickets"."receipt_number" is not null))
);
--> statement-breakpoint
ALTER TABLE "pos_payments" ADD CONSTRAINT "pos_payments_ticket_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "public"."pos_tickets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_refund_lines" ADD CONSTRAINT "pos_refund_lines_refund_fk" FOREIGN KEY ("tenant_id","refund_id") REFERENCES "public"."pos_refunds"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_refund_lines" ADD CONSTRAINT "pos_refund_lines_line_fk" FOREIGN KEY ("tenant_id","line_id") REFERENCES "public"."pos_ticket_lines"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_refunds" ADD CONSTRAINT "pos_refunds_ticket_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "public"."pos_tickets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_shifts" ADD CONSTRAINT "pos_shifts_register_fk" FOREIGN KEY ("tenant_id","register_id") REFERENCES "public"."pos_registers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_ticket_lines" ADD CONSTRAINT "pos_ticket_lines_ticket_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "public"."pos_tickets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_tickets" ADD CONSTRAINT "pos_tickets_shift_fk" FOREIGN KEY ("tenant_id","shift_id") REFERENCES "public"."pos_shifts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pos_payments_ticket_idx" ON "pos_payments" USING btree ("tenant_id","ticket_id");--> statement-breakpoint
CREATE INDEX "pos_refunds_ticket_idx" ON "pos_refunds" USING btree ("tenant_id","ticket_id");--> statement-breakpoint
CREATE INDEX "pos_refunds_shift_idx" ON "pos_refunds" USING btree ("tenant_id","shift_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pos_registers_name_key" ON "pos_registers" USING btree ("tenant_id","location_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "pos_shifts_one_open_per_register" ON "pos_shifts" USING btree ("tenant_id","register_id") WHERE "pos_shifts"."status" = 'open';--> statement-breakpoint
CREATE INDEX "pos_ticket_lines_ticket_idx" ON "pos_ticket_lines" USING btree ("tenant_id","ticket_id","position");--> statement-breakpoint
CREATE INDEX "pos_tickets_shift_idx" ON "pos_tickets" USING btree ("tenant_id","shift_id");--> statement-breakpoint
CREATE INDEX "pos_tickets_settled_idx" ON "pos_tickets" USING btree ("tenant_id","location_id","settled_at");--> statement-breakpoint
ALTER TABLE "pos_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "pos_settings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "pos_settings"
  USING ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid))
  WITH CHECK ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid));
--> statement-breakpoint
ALTER TABLE "pos_registers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "pos_registers" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "pos_registers"
  USING ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid))
  WITH CHECK ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid));
--> statement-breakpoint
ALTER TABLE "pos_shifts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "pos_shifts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "pos_shifts"
  USING ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid))
  WITH CHECK ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid));
--> statement-breakpoint
ALTER TABLE "pos_tickets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "pos_tickets" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "pos_tickets"
  USING ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid))
  WITH CHECK ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid));
--> statement-breakpoint
ALTER TABLE "pos_ticket_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "pos_ticket_lines" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "pos_ticket_lines"
  USING ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid))
  WITH CHECK ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid));
--> statement-breakpoint
ALTER TABLE "pos_payments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "pos_payments" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "pos_payments"
  USING ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid))
  WITH CHECK ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid));
--> statement-breakpoint
ALTER TABLE "pos_receipt_sequences" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "pos_receipt_sequences" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "pos_receipt_sequences"
  USING ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid))
  WITH CHECK ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid));
--> statement-breakpoint
ALTER TABLE "pos_refunds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "pos_refunds" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "pos_refunds"
  USING ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid))
  WITH CHECK ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid));
--> statement-breakpoint
ALTER TABLE "pos_refund_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "pos_refund_lines" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "pos_refund_lines"
  USING ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid))
  WITH CHECK ("tenant_id" = (select current_setting('app.current_tenant_id')::uuid));
