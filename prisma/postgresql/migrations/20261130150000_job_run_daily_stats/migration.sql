-- CreateTable
CREATE TABLE "job_run_period_counts" (
    "business_id" TEXT NOT NULL,
    "period_days" INTEGER NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "finished" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "job_run_period_counts_pkey" PRIMARY KEY ("period_days","period_start","business_id")
);

-- CreateTable
CREATE TABLE "job_run_daily_stats_all" (
    "job_type" TEXT NOT NULL,
    "day_start" TIMESTAMPTZ(3) NOT NULL,
    "shard" INTEGER NOT NULL,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "duration_count" INTEGER NOT NULL DEFAULT 0,
    "duration_sum_ms" BIGINT NOT NULL DEFAULT 0,
    "duration_histogram" JSONB NOT NULL,

    CONSTRAINT "job_run_daily_stats_all_pkey" PRIMARY KEY ("day_start","job_type","shard")
);

-- The daily rollups take the very deltas the hourly ones take, in the same statement, so a UTC
-- day's row is always the sum of its hours' rows; so does a business's 7-day period's row (periods
-- from the epoch: Thursday 00:00 UTC), so that the breakdown reads a month of a thousand businesses
-- as a few days and weeks each rather than thirty days. The hourly rows are written by nothing
-- else. Each rollup's rows are written in key order, so two transactions lock them in the same
-- order. The all-business day row takes the shard of the connection, like the hour row: workers do
-- not queue on one row per day either.
CREATE OR REPLACE FUNCTION "job_run_stats_apply"(deltas "job_run_stat_delta"[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  one "job_run_stat_delta";
  one_histogram JSONB;
  one_day TIMESTAMPTZ(3);
BEGIN
  IF cardinality(deltas) = 0 THEN
    RETURN;
  END IF;
  IF cardinality(deltas) = 1 THEN
    one := deltas[1];
    one_histogram := CASE WHEN one.duration_ms IS NULL THEN '{}'::jsonb
      ELSE jsonb_build_object((CASE WHEN one.duration_ms < 1 THEN 0 ELSE 1 + floor(ln(one.duration_ms) / ln(1.05))::int END)::text, one.sign) END;
    one_day := to_timestamp(floor(extract(epoch FROM one.hour_start) / 86400) * 86400);
    -- In the order the statement for several runs below writes them (the main INSERT first, then
    -- those of its WITH from the last to the first), so that a run settling and a batch lock the
    -- rollups in the same order.
    INSERT INTO "job_run_daily_stats_all" AS t
      ("job_type", "day_start", "shard", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
    VALUES (one.job_type, one_day, pg_backend_pid() % 4, one.sign * (one.status = 'succeeded')::int, one.sign * (one.status = 'failed')::int,
      one.sign * (one.status = 'cancelled')::int, one.sign * (one.duration_ms IS NOT NULL)::int, one.sign * COALESCE(one.duration_ms, 0), one_histogram)
    ON CONFLICT ("day_start", "job_type", "shard") DO UPDATE SET
      "succeeded" = t."succeeded" + excluded."succeeded",
      "failed" = t."failed" + excluded."failed",
      "cancelled" = t."cancelled" + excluded."cancelled",
      "duration_count" = t."duration_count" + excluded."duration_count",
      "duration_sum_ms" = t."duration_sum_ms" + excluded."duration_sum_ms",
      "duration_histogram" = "job_run_stats_merge_histogram"(t."duration_histogram", excluded."duration_histogram");
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
    IF one.business_id IS NOT NULL THEN
      INSERT INTO "job_run_period_counts" AS t ("business_id", "period_days", "period_start", "finished", "failed")
      VALUES (one.business_id, 1, one_day, one.sign, one.sign * (one.status = 'failed')::int),
        (one.business_id, 7, to_timestamp(floor(extract(epoch FROM one.hour_start) / 604800) * 604800), one.sign, one.sign * (one.status = 'failed')::int)
      ON CONFLICT ("period_days", "period_start", "business_id") DO UPDATE SET
        "finished" = t."finished" + excluded."finished",
        "failed" = t."failed" + excluded."failed";
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
  per_business_period AS (
    INSERT INTO "job_run_period_counts" AS t ("business_id", "period_days", "period_start", "finished", "failed")
    SELECT c.business_id, p.days, to_timestamp(floor(extract(epoch FROM c.hour_start) / (p.days * 86400)) * (p.days * 86400)) AS period_start,
      SUM(c.succeeded + c.failed + c.cancelled), SUM(c.failed)
    FROM changes AS c, (VALUES (1), (7)) AS p (days) WHERE c.business_id IS NOT NULL
    GROUP BY p.days, period_start, c.business_id HAVING SUM(c.succeeded + c.failed + c.cancelled) <> 0 OR SUM(c.failed) <> 0
    ORDER BY p.days, period_start, c.business_id
    ON CONFLICT ("period_days", "period_start", "business_id") DO UPDATE SET
      "finished" = t."finished" + excluded."finished",
      "failed" = t."failed" + excluded."failed"
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
  ),
  -- One shard per connection: workers on their own connections write their own rows.
  per_hour AS (
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
      "duration_histogram" = "job_run_stats_merge_histogram"(t."duration_histogram", excluded."duration_histogram")
  ),
  day_changes AS (
    SELECT job_type, to_timestamp(floor(extract(epoch FROM hour_start) / 86400) * 86400) AS day_start,
      SUM(succeeded) AS succeeded, SUM(failed) AS failed, SUM(cancelled) AS cancelled,
      SUM(duration_count) AS duration_count, SUM(duration_sum_ms) AS duration_sum_ms
    FROM all_changes GROUP BY 1, 2
  ),
  day_histograms AS (
    SELECT job_type, day_start, jsonb_object_agg(bucket::text, n) AS histogram
    FROM (
      SELECT job_type, to_timestamp(floor(extract(epoch FROM hour_start) / 86400) * 86400) AS day_start, bucket, SUM(n) AS n
      FROM per_bucket GROUP BY 1, 2, 3 HAVING SUM(n) <> 0
    ) b
    GROUP BY job_type, day_start
  )
  INSERT INTO "job_run_daily_stats_all" AS t
    ("job_type", "day_start", "shard", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
  SELECT a.job_type, a.day_start, pg_backend_pid() % 4, a.succeeded, a.failed, a.cancelled, a.duration_count, a.duration_sum_ms,
    COALESCE(h.histogram, '{}'::jsonb)
  FROM day_changes a LEFT JOIN day_histograms h ON h.job_type = a.job_type AND h.day_start = a.day_start
  ORDER BY a.day_start, a.job_type
  ON CONFLICT ("day_start", "job_type", "shard") DO UPDATE SET
    "succeeded" = t."succeeded" + excluded."succeeded",
    "failed" = t."failed" + excluded."failed",
    "cancelled" = t."cancelled" + excluded."cancelled",
    "duration_count" = t."duration_count" + excluded."duration_count",
    "duration_sum_ms" = t."duration_sum_ms" + excluded."duration_sum_ms",
    "duration_histogram" = "job_run_stats_merge_histogram"(t."duration_histogram", excluded."duration_histogram");
END;
$$;

CREATE OR REPLACE FUNCTION "job_runs_stats_after_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "job_run_hourly_stats", "job_run_hourly_stats_all", "job_run_period_counts", "job_run_daily_stats_all";
  RETURN NULL;
END;
$$;

-- As for the hourly rollups: a business scope reads its own business's periods; the all-business
-- days are for the all-businesses access only; writes come from the triggers or that access.
ALTER TABLE "job_run_period_counts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "job_run_period_counts" FORCE ROW LEVEL SECURITY;
CREATE POLICY "read" ON "job_run_period_counts" FOR SELECT
  USING ("business_id" = "app_setting"('app.business_id') OR "app_rls_bypass"() OR pg_trigger_depth() > 0);
CREATE POLICY "insert" ON "job_run_period_counts" FOR INSERT WITH CHECK (pg_trigger_depth() > 0 OR "app_rls_bypass"());
CREATE POLICY "update" ON "job_run_period_counts" FOR UPDATE
  USING (pg_trigger_depth() > 0 OR "app_rls_bypass"()) WITH CHECK (pg_trigger_depth() > 0 OR "app_rls_bypass"());
CREATE POLICY "delete" ON "job_run_period_counts" FOR DELETE USING ("app_rls_bypass"());

ALTER TABLE "job_run_daily_stats_all" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "job_run_daily_stats_all" FORCE ROW LEVEL SECURITY;
CREATE POLICY "read" ON "job_run_daily_stats_all" FOR SELECT USING ("app_rls_bypass"() OR pg_trigger_depth() > 0);
CREATE POLICY "insert" ON "job_run_daily_stats_all" FOR INSERT WITH CHECK (pg_trigger_depth() > 0 OR "app_rls_bypass"());
CREATE POLICY "update" ON "job_run_daily_stats_all" FOR UPDATE
  USING (pg_trigger_depth() > 0 OR "app_rls_bypass"()) WITH CHECK (pg_trigger_depth() > 0 OR "app_rls_bypass"());
CREATE POLICY "delete" ON "job_run_daily_stats_all" FOR DELETE USING ("app_rls_bypass"());

-- Backfill from the hourly rollups, shard by shard, in key order: a window of periods is then read
-- from adjacent pages, as the periods written from now on will be.
SELECT set_config('app.bypass_rls', 'on', false);
INSERT INTO "job_run_period_counts" ("business_id", "period_days", "period_start", "finished", "failed")
SELECT h.business_id, p.days, to_timestamp(floor(extract(epoch FROM h.hour_start) / (p.days * 86400)) * (p.days * 86400)) AS period_start,
  SUM(h.succeeded + h.failed + h.cancelled), SUM(h.failed)
FROM "job_run_hourly_stats" AS h, (VALUES (1), (7)) AS p (days)
GROUP BY p.days, period_start, h.business_id ORDER BY p.days, period_start, h.business_id;

INSERT INTO "job_run_daily_stats_all" ("job_type", "day_start", "shard", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
SELECT c.job_type, c.day_start, c.shard, c.succeeded, c.failed, c.cancelled, c.duration_count, c.duration_sum_ms, COALESCE(h.histogram, '{}'::jsonb)
FROM (
  SELECT job_type, to_timestamp(floor(extract(epoch FROM hour_start) / 86400) * 86400) AS day_start, shard, SUM(succeeded) AS succeeded,
    SUM(failed) AS failed, SUM(cancelled) AS cancelled, SUM(duration_count) AS duration_count, SUM(duration_sum_ms) AS duration_sum_ms
  FROM "job_run_hourly_stats_all" GROUP BY 1, 2, 3
) AS c
LEFT JOIN (
  SELECT job_type, day_start, shard, jsonb_object_agg(bucket, n) AS histogram
  FROM (
    SELECT h.job_type, to_timestamp(floor(extract(epoch FROM h.hour_start) / 86400) * 86400) AS day_start, h.shard, e.key AS bucket,
      SUM(e.value::bigint) AS n
    FROM "job_run_hourly_stats_all" AS h, jsonb_each_text(h.duration_histogram) AS e GROUP BY 1, 2, 3, 4
  ) AS b GROUP BY 1, 2, 3
) AS h ON h.job_type = c.job_type AND h.day_start = c.day_start AND h.shard = c.shard
ORDER BY c.day_start, c.job_type, c.shard;
SELECT set_config('app.bypass_rls', '', false);
ANALYZE "job_run_period_counts", "job_run_daily_stats_all";
