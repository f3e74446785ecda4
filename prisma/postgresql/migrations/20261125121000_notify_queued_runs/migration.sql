-- Wakes idle workers the moment a run becomes claimable (a new run, a retry, a release or a
-- rescue), so trigger-to-start latency does not wait for a poll interval. Notifications with
-- the same channel and payload in one transaction are delivered once, so a bulk insert sends one.
-- A run scheduled for later wakes the workers once for nothing: cheaper than comparing run_at,
-- which the application sets from its own clock, with the database's.
CREATE FUNCTION "notify_run_queued"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('automation_run_queued', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER "job_runs_notify_queued"
  AFTER INSERT OR UPDATE OF "status" ON "job_runs"
  FOR EACH ROW
  WHEN (NEW."status" = 'queued')
  EXECUTE FUNCTION "notify_run_queued"();
