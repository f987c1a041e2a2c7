-- Wakes relays the moment events commit: NOTIFY is delivered only on commit,
-- once per transaction for one channel and payload. Relays still poll as a
-- fallback (a storage nobody listens to, a dropped listener).
CREATE FUNCTION "outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tenantry_outbox', '');
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "event_outbox_notify" AFTER INSERT ON "event_outbox"
  FOR EACH STATEMENT EXECUTE FUNCTION "outbox_notify"();
