-- The item list's sort key as a stored column: a keyset condition on a plain
-- column is leakproof, so under RLS it becomes an index condition.
ALTER TABLE "inventory_items" ADD COLUMN "sku_key" text GENERATED ALWAYS AS (lower("sku")) STORED NOT NULL;--> statement-breakpoint
DROP INDEX "inventory_items_sku_key";--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_items_sku_key" ON "inventory_items" USING btree ("tenant_id","sku_key");
