-- Tells open pages that a run was created or changed state, so they refresh at once instead of
-- waiting for a poll. The payload names the run, its business (null for a system run) and the new
-- status; the web process sends each one only to the pages whose scope covers that business.
-- The queued wake-up of the workers stays on its own channel: workers do not pay for this one.
CREATE FUNCTION "notify_run_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(
    'automation_run_changed',
    json_build_object('id', NEW."id", 'businessId', NEW."business_id", 'status', NEW."status")::text
  );
  RETURN NULL;
END;
$$;

CREATE TRIGGER "job_runs_notify_created"
  AFTER INSERT ON "job_runs"
  FOR EACH ROW
  EXECUTE FUNCTION "notify_run_changed"();

CREATE TRIGGER "job_runs_notify_changed"
  AFTER UPDATE OF "status" ON "job_runs"
  FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status")
  EXECUTE FUNCTION "notify_run_changed"();
