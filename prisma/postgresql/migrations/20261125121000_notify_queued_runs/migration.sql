-- Wakes idle workers the moment a run becomes claimable (a new run, a retry, a release or a
-- rescue), so trigger-to-start latency does not wait for a poll interval. Notifications with
-- the same channel and payload in one transaction are delivered once, so a bulk insert sends one.
-- Runs scheduled for later wake nobody; the workers' polling finds them when their time comes.
CREATE FUNCTION "notify_run_queued"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('automation_run_queued', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER "job_runs_notify_queued"
  AFTER INSERT OR UPDATE OF "status" ON "job_runs"
  FOR EACH ROW
  WHEN (NEW."status" = 'queued' AND NEW."run_at" <= now())
  EXECUTE FUNCTION "notify_run_queued"();
