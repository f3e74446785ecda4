-- A statement that hands a run a lease records the attempt in the same statement, so a worker
-- killed in between cannot leave a running run without the attempt row that says who runs it.
-- SQLite has no data-modifying CTEs (PostgreSQL writes both in one statement, see
-- lib/worker/claim/claim-runs.ts), and a transaction would hold the write lock across two
-- round trips of a synchronous driver. Only the run queue sets lease_id to a new value.
CREATE TRIGGER "job_runs_lease_records_attempt" AFTER UPDATE OF "lease_id" ON "job_runs"
WHEN NEW."status" = 'running' AND NEW."lease_id" IS NOT NULL AND NEW."lease_id" IS NOT OLD."lease_id"
BEGIN
  INSERT INTO "job_run_attempts" ("id", "run_id", "business_id", "attempt", "worker_id", "lease_id", "status", "started_at")
  VALUES (lower(hex(randomblob(16))), NEW."id", NEW."business_id", NEW."attempt", NEW."locked_by", NEW."lease_id", 'running', NEW."started_at");
END;

CREATE TRIGGER "job_runs_leased_insert_records_attempt" AFTER INSERT ON "job_runs"
WHEN NEW."status" = 'running' AND NEW."lease_id" IS NOT NULL
BEGIN
  INSERT INTO "job_run_attempts" ("id", "run_id", "business_id", "attempt", "worker_id", "lease_id", "status", "started_at")
  VALUES (lower(hex(randomblob(16))), NEW."id", NEW."business_id", NEW."attempt", NEW."locked_by", NEW."lease_id", 'running', NEW."started_at");
END;
