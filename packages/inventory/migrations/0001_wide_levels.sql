ALTER TABLE "stock_alerts" ALTER COLUMN "on_hand" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "stock_count_lines" ALTER COLUMN "expected_quantity" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "stock_count_lines" ALTER COLUMN "difference" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "stock_levels" ALTER COLUMN "on_hand" SET DATA TYPE bigint;