-- Idempotency keys sent by users live under "user:" so that none can equal a key the scheduler
-- uses for its own runs; keys the system chose (schedules, fan-outs) keep their form.
UPDATE "job_runs"
SET "dedupe_key" = COALESCE("business_id", 'system') || ':user:' || "idempotency_key"
WHERE "dedupe_key" IS NOT NULL
  AND "idempotency_key" IS NOT NULL
  AND "trigger_source" NOT IN ('schedule', 'system');
