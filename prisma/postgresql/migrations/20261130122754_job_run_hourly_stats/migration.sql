-- CreateTable
CREATE TABLE "job_run_hourly_stats" (
    "business_id" TEXT NOT NULL,
    "job_type" TEXT NOT NULL,
    "hour_start" TIMESTAMPTZ(3) NOT NULL,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "duration_count" INTEGER NOT NULL DEFAULT 0,
    "duration_sum_ms" BIGINT NOT NULL DEFAULT 0,
    "duration_histogram" JSONB NOT NULL,

    CONSTRAINT "job_run_hourly_stats_pkey" PRIMARY KEY ("business_id","hour_start","job_type")
);

-- CreateTable
CREATE TABLE "job_run_hourly_stats_all" (
    "job_type" TEXT NOT NULL,
    "hour_start" TIMESTAMPTZ(3) NOT NULL,
    "shard" INTEGER NOT NULL,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "duration_count" INTEGER NOT NULL DEFAULT 0,
    "duration_sum_ms" BIGINT NOT NULL DEFAULT 0,
    "duration_histogram" JSONB NOT NULL,

    CONSTRAINT "job_run_hourly_stats_all_pkey" PRIMARY KEY ("hour_start","job_type","shard")
);

-- CreateIndex
CREATE INDEX "job_run_hourly_stats_all_job_type_idx" ON "job_run_hourly_stats_all"("job_type");

-- The rollups are kept by statement-level triggers on job_runs: each statement's terminal rows
-- leave (old) and enter (new) the rollup as one set of deltas, summed per row of the rollup and
-- written in key order, so two transactions settling batches lock rollup rows in the same order
-- and cannot deadlock. A duration's bucket is 0 below 1 ms, else 1 + floor(log_1.05(ms)): the
-- histogram's buckets grow by 5 % (lib/job-runs/duration-buckets.ts reads them).

CREATE TYPE "job_run_stat_delta" AS (
  "business_id" TEXT,
  "job_type" TEXT,
  "hour_start" TIMESTAMPTZ(3),
  "sign" INTEGER,
  "status" TEXT,
  "duration_ms" BIGINT
);

CREATE FUNCTION "job_run_stat_deltas"(runs_status TEXT, business_id TEXT, job_type TEXT, created_at TIMESTAMPTZ, started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ, sign INTEGER)
RETURNS "job_run_stat_delta" LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(
    business_id,
    job_type,
    to_timestamp(floor(extract(epoch FROM created_at) / 3600) * 3600),
    sign,
    runs_status,
    CASE WHEN runs_status IN ('succeeded', 'failed') AND started_at IS NOT NULL AND finished_at IS NOT NULL
      THEN GREATEST(round(extract(epoch FROM finished_at - started_at) * 1000), 0)::bigint END
  )::"job_run_stat_delta"
$$;

CREATE FUNCTION "job_run_stats_merge_histogram"(total JSONB, delta JSONB) RETURNS JSONB LANGUAGE sql IMMUTABLE AS $$
  SELECT total || COALESCE(jsonb_object_agg(key, COALESCE((total ->> key)::bigint, 0) + value::bigint), '{}'::jsonb)
  FROM jsonb_each_text(delta)
$$;

-- PL/pgSQL rather than SQL: it keeps its statements' plans for the session, where a SQL function
-- would plan them again on every settle. One run (a settle, a cancel, a retry: the common case)
-- takes two plain upserts; a set of runs is summed per rollup row first.
CREATE FUNCTION "job_run_stats_apply"(deltas "job_run_stat_delta"[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  one "job_run_stat_delta";
  one_histogram JSONB;
BEGIN
  IF cardinality(deltas) = 0 THEN
    RETURN;
  END IF;
  IF cardinality(deltas) = 1 THEN
    one := deltas[1];
    one_histogram := CASE WHEN one.duration_ms IS NULL THEN '{}'::jsonb
      ELSE jsonb_build_object((CASE WHEN one.duration_ms < 1 THEN 0 ELSE 1 + floor(ln(one.duration_ms) / ln(1.05))::int END)::text, one.sign) END;
    IF one.business_id IS NOT NULL THEN
      INSERT INTO "job_run_hourly_stats" AS t
        ("business_id", "job_type", "hour_start", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
      VALUES (one.business_id, one.job_type, one.hour_start, one.sign * (one.status = 'succeeded')::int, one.sign * (one.status = 'failed')::int,
        one.sign * (one.status = 'cancelled')::int, one.sign * (one.duration_ms IS NOT NULL)::int, one.sign * COALESCE(one.duration_ms, 0), one_histogram)
      ON CONFLICT ("business_id", "hour_start", "job_type") DO UPDATE SET
        "succeeded" = t."succeeded" + excluded."succeeded",
        "failed" = t."failed" + excluded."failed",
        "cancelled" = t."cancelled" + excluded."cancelled",
        "duration_count" = t."duration_count" + excluded."duration_count",
        "duration_sum_ms" = t."duration_sum_ms" + excluded."duration_sum_ms",
        "duration_histogram" = "job_run_stats_merge_histogram"(t."duration_histogram", excluded."duration_histogram");
    END IF;
    INSERT INTO "job_run_hourly_stats_all" AS t
      ("job_type", "hour_start", "shard", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
    VALUES (one.job_type, one.hour_start, pg_backend_pid() % 4, one.sign * (one.status = 'succeeded')::int, one.sign * (one.status = 'failed')::int,
      one.sign * (one.status = 'cancelled')::int, one.sign * (one.duration_ms IS NOT NULL)::int, one.sign * COALESCE(one.duration_ms, 0), one_histogram)
    ON CONFLICT ("hour_start", "job_type", "shard") DO UPDATE SET
      "succeeded" = t."succeeded" + excluded."succeeded",
      "failed" = t."failed" + excluded."failed",
      "cancelled" = t."cancelled" + excluded."cancelled",
      "duration_count" = t."duration_count" + excluded."duration_count",
      "duration_sum_ms" = t."duration_sum_ms" + excluded."duration_sum_ms",
      "duration_histogram" = "job_run_stats_merge_histogram"(t."duration_histogram", excluded."duration_histogram");
    RETURN;
  END IF;
  WITH bucketed AS (
    SELECT d.*,
      CASE WHEN d.duration_ms IS NULL THEN NULL WHEN d.duration_ms < 1 THEN 0
        ELSE 1 + floor(ln(d.duration_ms) / ln(1.05))::int END AS bucket
    FROM unnest(deltas) AS d
  ),
  per_key AS (
    SELECT business_id, job_type, hour_start,
      SUM(sign * (status = 'succeeded')::int) AS succeeded,
      SUM(sign * (status = 'failed')::int) AS failed,
      SUM(sign * (status = 'cancelled')::int) AS cancelled,
      SUM(sign * (duration_ms IS NOT NULL)::int) AS duration_count,
      SUM(sign * COALESCE(duration_ms, 0)) AS duration_sum_ms
    FROM bucketed GROUP BY business_id, job_type, hour_start
  ),
  per_bucket AS (
    SELECT business_id, job_type, hour_start, bucket, SUM(sign) AS n
    FROM bucketed WHERE bucket IS NOT NULL
    GROUP BY business_id, job_type, hour_start, bucket HAVING SUM(sign) <> 0
  ),
  histograms AS (
    SELECT business_id, job_type, hour_start, jsonb_object_agg(bucket::text, n) AS histogram
    FROM per_bucket GROUP BY business_id, job_type, hour_start
  ),
  changes AS (
    SELECT k.*, COALESCE(h.histogram, '{}'::jsonb) AS histogram
    FROM per_key k LEFT JOIN histograms h
      ON h.business_id IS NOT DISTINCT FROM k.business_id AND h.job_type = k.job_type AND h.hour_start = k.hour_start
    WHERE k.succeeded <> 0 OR k.failed <> 0 OR k.cancelled <> 0 OR k.duration_count <> 0 OR k.duration_sum_ms <> 0 OR h.histogram IS NOT NULL
  ),
  per_business AS (
    INSERT INTO "job_run_hourly_stats" AS t
      ("business_id", "job_type", "hour_start", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
    SELECT business_id, job_type, hour_start, succeeded, failed, cancelled, duration_count, duration_sum_ms, histogram
    FROM changes WHERE business_id IS NOT NULL
    ORDER BY business_id, hour_start, job_type
    ON CONFLICT ("business_id", "hour_start", "job_type") DO UPDATE SET
      "succeeded" = t."succeeded" + excluded."succeeded",
      "failed" = t."failed" + excluded."failed",
      "cancelled" = t."cancelled" + excluded."cancelled",
      "duration_count" = t."duration_count" + excluded."duration_count",
      "duration_sum_ms" = t."duration_sum_ms" + excluded."duration_sum_ms",
      "duration_histogram" = "job_run_stats_merge_histogram"(t."duration_histogram", excluded."duration_histogram")
  ),
  all_changes AS (
    SELECT job_type, hour_start, SUM(succeeded) AS succeeded, SUM(failed) AS failed, SUM(cancelled) AS cancelled,
      SUM(duration_count) AS duration_count, SUM(duration_sum_ms) AS duration_sum_ms
    FROM changes GROUP BY job_type, hour_start
  ),
  all_histograms AS (
    SELECT job_type, hour_start, jsonb_object_agg(bucket::text, n) AS histogram
    FROM (SELECT job_type, hour_start, bucket, SUM(n) AS n FROM per_bucket GROUP BY job_type, hour_start, bucket HAVING SUM(n) <> 0) b
    GROUP BY job_type, hour_start
  )
  -- One shard per connection: workers on their own connections write their own rows.
  INSERT INTO "job_run_hourly_stats_all" AS t
    ("job_type", "hour_start", "shard", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
  SELECT a.job_type, a.hour_start, pg_backend_pid() % 4, a.succeeded, a.failed, a.cancelled, a.duration_count, a.duration_sum_ms,
    COALESCE(h.histogram, '{}'::jsonb)
  FROM all_changes a LEFT JOIN all_histograms h ON h.job_type = a.job_type AND h.hour_start = a.hour_start
  ORDER BY a.hour_start, a.job_type
  ON CONFLICT ("hour_start", "job_type", "shard") DO UPDATE SET
    "succeeded" = t."succeeded" + excluded."succeeded",
    "failed" = t."failed" + excluded."failed",
    "cancelled" = t."cancelled" + excluded."cancelled",
    "duration_count" = t."duration_count" + excluded."duration_count",
    "duration_sum_ms" = t."duration_sum_ms" + excluded."duration_sum_ms",
    "duration_histogram" = "job_run_stats_merge_histogram"(t."duration_histogram", excluded."duration_histogram");
END;
$$;

CREATE FUNCTION "job_runs_stats_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "job_run_stats_apply"(ARRAY(
    SELECT "job_run_stat_deltas"(status, business_id, job_type, created_at, started_at, finished_at, 1)
    FROM new_runs WHERE status IN ('succeeded', 'failed', 'cancelled')));
  RETURN NULL;
END;
$$;

-- An update that touches no terminal row (a claim, a heartbeat, progress) costs one empty scan.
CREATE FUNCTION "job_runs_stats_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_runs WHERE status IN ('succeeded', 'failed', 'cancelled'))
     OR EXISTS (SELECT 1 FROM old_runs WHERE status IN ('succeeded', 'failed', 'cancelled')) THEN
    PERFORM "job_run_stats_apply"(ARRAY(
      SELECT "job_run_stat_deltas"(status, business_id, job_type, created_at, started_at, finished_at, -1)
      FROM old_runs WHERE status IN ('succeeded', 'failed', 'cancelled')
      UNION ALL
      SELECT "job_run_stat_deltas"(status, business_id, job_type, created_at, started_at, finished_at, 1)
      FROM new_runs WHERE status IN ('succeeded', 'failed', 'cancelled')));
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION "job_runs_stats_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "job_run_stats_apply"(ARRAY(
    SELECT "job_run_stat_deltas"(status, business_id, job_type, created_at, started_at, finished_at, -1)
    FROM old_runs WHERE status IN ('succeeded', 'failed', 'cancelled')));
  RETURN NULL;
END;
$$;

CREATE FUNCTION "job_runs_stats_after_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "job_run_hourly_stats", "job_run_hourly_stats_all";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "job_runs_stats_insert" AFTER INSERT ON "job_runs"
  REFERENCING NEW TABLE AS new_runs FOR EACH STATEMENT EXECUTE FUNCTION "job_runs_stats_after_insert"();
CREATE TRIGGER "job_runs_stats_update" AFTER UPDATE ON "job_runs"
  REFERENCING OLD TABLE AS old_runs NEW TABLE AS new_runs FOR EACH STATEMENT EXECUTE FUNCTION "job_runs_stats_after_update"();
CREATE TRIGGER "job_runs_stats_delete" AFTER DELETE ON "job_runs"
  REFERENCING OLD TABLE AS old_runs FOR EACH STATEMENT EXECUTE FUNCTION "job_runs_stats_after_delete"();
CREATE TRIGGER "job_runs_stats_truncate" AFTER TRUNCATE ON "job_runs"
  FOR EACH STATEMENT EXECUTE FUNCTION "job_runs_stats_after_truncate"();

-- A business scope reads its own business's rollup; the all-business rollup is for the
-- all-businesses access only. Writes come from the triggers above (pg_trigger_depth() > 0 cannot
-- be reached by a statement of its own) or the all-businesses access.
ALTER TABLE "job_run_hourly_stats" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "job_run_hourly_stats" FORCE ROW LEVEL SECURITY;
CREATE POLICY "read" ON "job_run_hourly_stats" FOR SELECT
  USING ("business_id" = "app_setting"('app.business_id') OR "app_rls_bypass"() OR pg_trigger_depth() > 0);
CREATE POLICY "insert" ON "job_run_hourly_stats" FOR INSERT WITH CHECK (pg_trigger_depth() > 0 OR "app_rls_bypass"());
CREATE POLICY "update" ON "job_run_hourly_stats" FOR UPDATE
  USING (pg_trigger_depth() > 0 OR "app_rls_bypass"()) WITH CHECK (pg_trigger_depth() > 0 OR "app_rls_bypass"());
CREATE POLICY "delete" ON "job_run_hourly_stats" FOR DELETE USING ("app_rls_bypass"());

ALTER TABLE "job_run_hourly_stats_all" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "job_run_hourly_stats_all" FORCE ROW LEVEL SECURITY;
CREATE POLICY "read" ON "job_run_hourly_stats_all" FOR SELECT USING ("app_rls_bypass"() OR pg_trigger_depth() > 0);
CREATE POLICY "insert" ON "job_run_hourly_stats_all" FOR INSERT WITH CHECK (pg_trigger_depth() > 0 OR "app_rls_bypass"());
CREATE POLICY "update" ON "job_run_hourly_stats_all" FOR UPDATE
  USING (pg_trigger_depth() > 0 OR "app_rls_bypass"()) WITH CHECK (pg_trigger_depth() > 0 OR "app_rls_bypass"());
CREATE POLICY "delete" ON "job_run_hourly_stats_all" FOR DELETE USING ("app_rls_bypass"());

-- Backfill from the runs already there. Row-level security is forced on job_runs: the migration
-- reads every business's runs.
SELECT set_config('app.bypass_rls', 'on', false);
SELECT "job_run_stats_apply"(ARRAY(
  SELECT "job_run_stat_deltas"(status, business_id, job_type, created_at, started_at, finished_at, 1)
  FROM "job_runs" WHERE status IN ('succeeded', 'failed', 'cancelled')));
SELECT set_config('app.bypass_rls', '', false);
