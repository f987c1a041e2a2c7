-- The default plan (tenants without a tenant_plans row are on 'free') and a larger one.
-- Additive: a plan a superadmin has since edited is left as it is.
INSERT INTO "plans" ("key", "name", "limits") VALUES
  ('free', 'Free', '{"users":{"soft":4,"hard":5},"locations":{"soft":null,"hard":1},"pos_tickets_per_month":{"soft":400,"hard":500},"api_calls_per_minute":{"soft":null,"hard":120}}'),
  ('pro', 'Pro', '{"users":{"soft":40,"hard":50},"locations":{"soft":8,"hard":10},"pos_tickets_per_month":{"soft":16000,"hard":20000},"api_calls_per_minute":{"soft":null,"hard":1200}}')
ON CONFLICT ("key") DO NOTHING;
