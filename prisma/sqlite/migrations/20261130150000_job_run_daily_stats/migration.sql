-- CreateTable
CREATE TABLE "job_run_period_counts" (
    "business_id" TEXT NOT NULL,
    "period_days" INTEGER NOT NULL,
    "period_start" DATETIME NOT NULL,
    "finished" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("period_days", "period_start", "business_id")
);

-- CreateTable
CREATE TABLE "job_run_daily_stats_all" (
    "job_type" TEXT NOT NULL,
    "day_start" DATETIME NOT NULL,
    "shard" INTEGER NOT NULL,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "duration_count" INTEGER NOT NULL DEFAULT 0,
    "duration_sum_ms" BIGINT NOT NULL DEFAULT 0,
    "duration_histogram" JSONB NOT NULL,

    PRIMARY KEY ("day_start", "job_type", "shard")
);

-- The daily rollups follow the hourly ones: every change to an hourly row moves its UTC day's row
-- by the same amount, in the same statement, and a business's 7-day period's row too (periods from
-- the epoch: Thursday 00:00 UTC), so that the breakdown reads a month of a thousand businesses as a
-- few days and weeks each rather than thirty days. An hourly row keeps its key (the triggers on
-- job_runs only ever add to it), so a change is NEW minus OLD on one row per period; a re-keyed row
-- is refused rather than counted twice. Histograms are merged key by key: a bucket's count is the
-- sum of its hours' counts.

CREATE TRIGGER "job_run_hourly_stats_keep_key" BEFORE UPDATE OF "business_id", "job_type", "hour_start" ON "job_run_hourly_stats"
WHEN OLD.business_id IS NOT NEW.business_id OR OLD.job_type IS NOT NEW.job_type OR OLD.hour_start IS NOT NEW.hour_start
BEGIN
  SELECT RAISE(ABORT, 'job_run_hourly_stats rows keep their key');
END;

CREATE TRIGGER "job_run_hourly_stats_all_keep_key" BEFORE UPDATE OF "job_type", "hour_start", "shard" ON "job_run_hourly_stats_all"
WHEN OLD.job_type IS NOT NEW.job_type OR OLD.hour_start IS NOT NEW.hour_start OR OLD.shard IS NOT NEW.shard
BEGIN
  SELECT RAISE(ABORT, 'job_run_hourly_stats_all rows keep their key');
END;

CREATE TRIGGER "job_run_hourly_stats_period_insert" AFTER INSERT ON "job_run_hourly_stats"
BEGIN
  INSERT INTO "job_run_period_counts" ("business_id", "period_days", "period_start", "finished", "failed")
  VALUES (NEW.business_id, 1, NEW.hour_start - NEW.hour_start % 86400000, NEW.succeeded + NEW.failed + NEW.cancelled, NEW.failed),
    (NEW.business_id, 7, NEW.hour_start - NEW.hour_start % 604800000, NEW.succeeded + NEW.failed + NEW.cancelled, NEW.failed)
  ON CONFLICT ("period_days", "period_start", "business_id") DO UPDATE SET
    "finished" = "finished" + excluded."finished",
    "failed" = "failed" + excluded."failed";
END;

CREATE TRIGGER "job_run_hourly_stats_period_update" AFTER UPDATE ON "job_run_hourly_stats"
WHEN NEW.succeeded + NEW.failed + NEW.cancelled IS NOT OLD.succeeded + OLD.failed + OLD.cancelled OR NEW.failed IS NOT OLD.failed
BEGIN
  INSERT INTO "job_run_period_counts" ("business_id", "period_days", "period_start", "finished", "failed")
  SELECT NEW.business_id, days, NEW.hour_start - NEW.hour_start % (days * 86400000),
    (NEW.succeeded + NEW.failed + NEW.cancelled) - (OLD.succeeded + OLD.failed + OLD.cancelled), NEW.failed - OLD.failed
  FROM (SELECT 1 AS days UNION ALL SELECT 7) WHERE true
  ON CONFLICT ("period_days", "period_start", "business_id") DO UPDATE SET
    "finished" = "finished" + excluded."finished",
    "failed" = "failed" + excluded."failed";
END;

CREATE TRIGGER "job_run_hourly_stats_period_delete" AFTER DELETE ON "job_run_hourly_stats"
BEGIN
  UPDATE "job_run_period_counts" SET
    "finished" = "finished" - (OLD.succeeded + OLD.failed + OLD.cancelled),
    "failed" = "failed" - OLD.failed
  WHERE "business_id" = OLD.business_id
    AND (("period_days" = 1 AND "period_start" = OLD.hour_start - OLD.hour_start % 86400000)
      OR ("period_days" = 7 AND "period_start" = OLD.hour_start - OLD.hour_start % 604800000));
END;

CREATE TRIGGER "job_run_hourly_stats_all_daily_insert" AFTER INSERT ON "job_run_hourly_stats_all"
BEGIN
  INSERT INTO "job_run_daily_stats_all" ("job_type", "day_start", "shard", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
  VALUES (NEW.job_type, NEW.hour_start - NEW.hour_start % 86400000, NEW.shard, NEW.succeeded, NEW.failed, NEW.cancelled,
    NEW.duration_count, NEW.duration_sum_ms, NEW.duration_histogram)
  ON CONFLICT ("day_start", "job_type", "shard") DO UPDATE SET
    "succeeded" = "succeeded" + excluded."succeeded",
    "failed" = "failed" + excluded."failed",
    "cancelled" = "cancelled" + excluded."cancelled",
    "duration_count" = "duration_count" + excluded."duration_count",
    "duration_sum_ms" = "duration_sum_ms" + excluded."duration_sum_ms",
    "duration_histogram" = json_patch("duration_histogram", (
      SELECT json_group_object(d.key, COALESCE(json_extract("duration_histogram", '$."' || d.key || '"'), 0) + d.value)
      FROM json_each(excluded."duration_histogram") AS d));
END;

-- The histogram's change is its buckets whose count moved, and any bucket that disappeared.
CREATE TRIGGER "job_run_hourly_stats_all_daily_update" AFTER UPDATE ON "job_run_hourly_stats_all"
BEGIN
  INSERT INTO "job_run_daily_stats_all" ("job_type", "day_start", "shard", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
  VALUES (NEW.job_type, NEW.hour_start - NEW.hour_start % 86400000, NEW.shard,
    NEW.succeeded - OLD.succeeded, NEW.failed - OLD.failed, NEW.cancelled - OLD.cancelled,
    NEW.duration_count - OLD.duration_count, NEW.duration_sum_ms - OLD.duration_sum_ms,
    (SELECT json_group_object(key, n) FROM (
      SELECT n.key AS key, n.value - COALESCE(json_extract(OLD.duration_histogram, '$."' || n.key || '"'), 0) AS n
      FROM json_each(NEW.duration_histogram) AS n
      WHERE n.value IS NOT json_extract(OLD.duration_histogram, '$."' || n.key || '"')
      UNION ALL
      SELECT o.key, -o.value FROM json_each(OLD.duration_histogram) AS o
      WHERE json_type(NEW.duration_histogram, '$."' || o.key || '"') IS NULL)))
  ON CONFLICT ("day_start", "job_type", "shard") DO UPDATE SET
    "succeeded" = "succeeded" + excluded."succeeded",
    "failed" = "failed" + excluded."failed",
    "cancelled" = "cancelled" + excluded."cancelled",
    "duration_count" = "duration_count" + excluded."duration_count",
    "duration_sum_ms" = "duration_sum_ms" + excluded."duration_sum_ms",
    "duration_histogram" = json_patch("duration_histogram", (
      SELECT json_group_object(d.key, COALESCE(json_extract("duration_histogram", '$."' || d.key || '"'), 0) + d.value)
      FROM json_each(excluded."duration_histogram") AS d));
END;

CREATE TRIGGER "job_run_hourly_stats_all_daily_delete" AFTER DELETE ON "job_run_hourly_stats_all"
BEGIN
  UPDATE "job_run_daily_stats_all" SET
    "succeeded" = "succeeded" - OLD.succeeded,
    "failed" = "failed" - OLD.failed,
    "cancelled" = "cancelled" - OLD.cancelled,
    "duration_count" = "duration_count" - OLD.duration_count,
    "duration_sum_ms" = "duration_sum_ms" - OLD.duration_sum_ms,
    "duration_histogram" = json_patch("duration_histogram", (
      SELECT json_group_object(d.key, COALESCE(json_extract("duration_histogram", '$."' || d.key || '"'), 0) - d.value)
      FROM json_each(OLD.duration_histogram) AS d))
  WHERE "day_start" = OLD.hour_start - OLD.hour_start % 86400000 AND "job_type" = OLD.job_type AND "shard" = OLD.shard;
END;

-- Backfill from the hourly rollups, in key order: a window of periods is then read from adjacent
-- pages, as the periods written from now on will be.
INSERT INTO "job_run_period_counts" ("business_id", "period_days", "period_start", "finished", "failed")
SELECT h.business_id, p.days, h.hour_start - h.hour_start % (p.days * 86400000) AS period_start,
  SUM(h.succeeded + h.failed + h.cancelled), SUM(h.failed)
FROM "job_run_hourly_stats" AS h, (SELECT 1 AS days UNION ALL SELECT 7) AS p
GROUP BY p.days, period_start, h.business_id ORDER BY p.days, period_start, h.business_id;

INSERT INTO "job_run_daily_stats_all" ("job_type", "day_start", "shard", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
SELECT c.job_type, c.day_start, c.shard, c.succeeded, c.failed, c.cancelled, c.duration_count, c.duration_sum_ms,
  COALESCE((SELECT json_group_object(bucket, n) FROM (
    SELECT e.key AS bucket, SUM(e.value) AS n
    FROM "job_run_hourly_stats_all" AS h, json_each(h.duration_histogram) AS e
    WHERE h.job_type = c.job_type AND h.shard = c.shard AND h.hour_start >= c.day_start AND h.hour_start < c.day_start + 86400000
    GROUP BY e.key)), '{}')
FROM (
  SELECT job_type, hour_start - hour_start % 86400000 AS day_start, shard, SUM(succeeded) AS succeeded, SUM(failed) AS failed,
    SUM(cancelled) AS cancelled, SUM(duration_count) AS duration_count, SUM(duration_sum_ms) AS duration_sum_ms
  FROM "job_run_hourly_stats_all" GROUP BY job_type, hour_start - hour_start % 86400000, shard
) AS c
ORDER BY c.day_start, c.job_type, c.shard;
