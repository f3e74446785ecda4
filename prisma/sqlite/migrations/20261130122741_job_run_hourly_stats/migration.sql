-- CreateTable
CREATE TABLE "job_run_hourly_stats" (
    "business_id" TEXT NOT NULL,
    "job_type" TEXT NOT NULL,
    "hour_start" DATETIME NOT NULL,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "duration_count" INTEGER NOT NULL DEFAULT 0,
    "duration_sum_ms" BIGINT NOT NULL DEFAULT 0,
    "duration_histogram" JSONB NOT NULL,

    PRIMARY KEY ("business_id", "hour_start", "job_type")
);

-- CreateTable
CREATE TABLE "job_run_hourly_stats_all" (
    "job_type" TEXT NOT NULL,
    "hour_start" DATETIME NOT NULL,
    "shard" INTEGER NOT NULL,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "duration_count" INTEGER NOT NULL DEFAULT 0,
    "duration_sum_ms" BIGINT NOT NULL DEFAULT 0,
    "duration_histogram" JSONB NOT NULL,

    PRIMARY KEY ("hour_start", "job_type", "shard")
);

-- CreateIndex
CREATE INDEX "job_run_hourly_stats_all_job_type_idx" ON "job_run_hourly_stats_all"("job_type");

-- The rollups are kept by triggers on job_runs: a terminal run enters its hour's row when it is
-- inserted or settles, and leaves it when it is retried, reassigned, changed or deleted, in the
-- same transaction. SQLite has one writer at a time, so the all-business rollup needs one shard
-- only. A duration's bucket is 0 below 1 ms, else 1 + floor(log_1.05(ms)): the histogram's buckets
-- grow by 5 % (lib/job-runs/duration-buckets.ts reads them).

CREATE TRIGGER "job_runs_stats_insert" AFTER INSERT ON "job_runs"
WHEN NEW.status IN ('succeeded', 'failed', 'cancelled')
BEGIN
  INSERT INTO "job_run_hourly_stats" ("business_id", "job_type", "hour_start", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
  SELECT NEW.business_id, NEW.job_type, NEW.created_at - NEW.created_at % 3600000,
    1 * (NEW.status = 'succeeded'), 1 * (NEW.status = 'failed'), 1 * (NEW.status = 'cancelled'),
    1 * (NEW.status IN ('succeeded', 'failed') AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL), CASE WHEN (NEW.status IN ('succeeded', 'failed') AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL) THEN 1 * MAX(NEW.finished_at - NEW.started_at, 0) ELSE 0 END,
    CASE WHEN (NEW.status IN ('succeeded', 'failed') AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL) THEN json_object(CAST(CASE WHEN MAX(NEW.finished_at - NEW.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(NEW.finished_at - NEW.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT), 1) ELSE '{}' END
  WHERE NEW.status IN ('succeeded', 'failed', 'cancelled') AND NEW.business_id IS NOT NULL
  ON CONFLICT ("business_id", "hour_start", "job_type") DO UPDATE SET
    "succeeded" = "succeeded" + excluded."succeeded",
    "failed" = "failed" + excluded."failed",
    "cancelled" = "cancelled" + excluded."cancelled",
    "duration_count" = "duration_count" + excluded."duration_count",
    "duration_sum_ms" = "duration_sum_ms" + excluded."duration_sum_ms",
    "duration_histogram" = CASE WHEN (NEW.status IN ('succeeded', 'failed') AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL)
      THEN json_set("duration_histogram", '$."' || CAST(CASE WHEN MAX(NEW.finished_at - NEW.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(NEW.finished_at - NEW.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT) || '"', COALESCE(json_extract("duration_histogram", '$."' || CAST(CASE WHEN MAX(NEW.finished_at - NEW.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(NEW.finished_at - NEW.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT) || '"'), 0) + 1)
      ELSE "duration_histogram" END;
  INSERT INTO "job_run_hourly_stats_all" ("job_type", "hour_start", "shard", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
  SELECT NEW.job_type, NEW.created_at - NEW.created_at % 3600000, 0,
    1 * (NEW.status = 'succeeded'), 1 * (NEW.status = 'failed'), 1 * (NEW.status = 'cancelled'),
    1 * (NEW.status IN ('succeeded', 'failed') AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL), CASE WHEN (NEW.status IN ('succeeded', 'failed') AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL) THEN 1 * MAX(NEW.finished_at - NEW.started_at, 0) ELSE 0 END,
    CASE WHEN (NEW.status IN ('succeeded', 'failed') AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL) THEN json_object(CAST(CASE WHEN MAX(NEW.finished_at - NEW.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(NEW.finished_at - NEW.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT), 1) ELSE '{}' END
  WHERE NEW.status IN ('succeeded', 'failed', 'cancelled')
  ON CONFLICT ("hour_start", "job_type", "shard") DO UPDATE SET
    "succeeded" = "succeeded" + excluded."succeeded",
    "failed" = "failed" + excluded."failed",
    "cancelled" = "cancelled" + excluded."cancelled",
    "duration_count" = "duration_count" + excluded."duration_count",
    "duration_sum_ms" = "duration_sum_ms" + excluded."duration_sum_ms",
    "duration_histogram" = CASE WHEN (NEW.status IN ('succeeded', 'failed') AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL)
      THEN json_set("duration_histogram", '$."' || CAST(CASE WHEN MAX(NEW.finished_at - NEW.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(NEW.finished_at - NEW.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT) || '"', COALESCE(json_extract("duration_histogram", '$."' || CAST(CASE WHEN MAX(NEW.finished_at - NEW.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(NEW.finished_at - NEW.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT) || '"'), 0) + 1)
      ELSE "duration_histogram" END;
END;

CREATE TRIGGER "job_runs_stats_update" AFTER UPDATE OF "status", "business_id", "job_type", "created_at", "started_at", "finished_at" ON "job_runs"
WHEN (OLD.status IN ('succeeded', 'failed', 'cancelled') OR NEW.status IN ('succeeded', 'failed', 'cancelled'))
  AND (OLD.status IS NOT NEW.status OR OLD.business_id IS NOT NEW.business_id OR OLD.job_type IS NOT NEW.job_type OR OLD.created_at IS NOT NEW.created_at OR OLD.started_at IS NOT NEW.started_at OR OLD.finished_at IS NOT NEW.finished_at)
BEGIN
  INSERT INTO "job_run_hourly_stats" ("business_id", "job_type", "hour_start", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
  SELECT OLD.business_id, OLD.job_type, OLD.created_at - OLD.created_at % 3600000,
    -1 * (OLD.status = 'succeeded'), -1 * (OLD.status = 'failed'), -1 * (OLD.status = 'cancelled'),
    -1 * (OLD.status IN ('succeeded', 'failed') AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL), CASE WHEN (OLD.status IN ('succeeded', 'failed') AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL) THEN -1 * MAX(OLD.finished_at - OLD.started_at, 0) ELSE 0 END,
    CASE WHEN (OLD.status IN ('succeeded', 'failed') AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL) THEN json_object(CAST(CASE WHEN MAX(OLD.finished_at - OLD.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(OLD.finished_at - OLD.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT), -1) ELSE '{}' END
  WHERE OLD.status IN ('succeeded', 'failed', 'cancelled') AND OLD.business_id IS NOT NULL
  ON CONFLICT ("business_id", "hour_start", "job_type") DO UPDATE SET
    "succeeded" = "succeeded" + excluded."succeeded",
    "failed" = "failed" + excluded."failed",
    "cancelled" = "cancelled" + excluded."cancelled",
    "duration_count" = "duration_count" + excluded."duration_count",
    "duration_sum_ms" = "duration_sum_ms" + excluded."duration_sum_ms",
    "duration_histogram" = CASE WHEN (OLD.status IN ('succeeded', 'failed') AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL)
      THEN json_set("duration_histogram", '$."' || CAST(CASE WHEN MAX(OLD.finished_at - OLD.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(OLD.finished_at - OLD.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT) || '"', COALESCE(json_extract("duration_histogram", '$."' || CAST(CASE WHEN MAX(OLD.finished_at - OLD.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(OLD.finished_at - OLD.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT) || '"'), 0) + -1)
      ELSE "duration_histogram" END;
  INSERT INTO "job_run_hourly_stats_all" ("job_type", "hour_start", "shard", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
  SELECT OLD.job_type, OLD.created_at - OLD.created_at % 3600000, 0,
    -1 * (OLD.status = 'succeeded'), -1 * (OLD.status = 'failed'), -1 * (OLD.status = 'cancelled'),
    -1 * (OLD.status IN ('succeeded', 'failed') AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL), CASE WHEN (OLD.status IN ('succeeded', 'failed') AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL) THEN -1 * MAX(OLD.finished_at - OLD.started_at, 0) ELSE 0 END,
    CASE WHEN (OLD.status IN ('succeeded', 'failed') AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL) THEN json_object(CAST(CASE WHEN MAX(OLD.finished_at - OLD.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(OLD.finished_at - OLD.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT), -1) ELSE '{}' END
  WHERE OLD.status IN ('succeeded', 'failed', 'cancelled')
  ON CONFLICT ("hour_start", "job_type", "shard") DO UPDATE SET
    "succeeded" = "succeeded" + excluded."succeeded",
    "failed" = "failed" + excluded."failed",
    "cancelled" = "cancelled" + excluded."cancelled",
    "duration_count" = "duration_count" + excluded."duration_count",
    "duration_sum_ms" = "duration_sum_ms" + excluded."duration_sum_ms",
    "duration_histogram" = CASE WHEN (OLD.status IN ('succeeded', 'failed') AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL)
      THEN json_set("duration_histogram", '$."' || CAST(CASE WHEN MAX(OLD.finished_at - OLD.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(OLD.finished_at - OLD.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT) || '"', COALESCE(json_extract("duration_histogram", '$."' || CAST(CASE WHEN MAX(OLD.finished_at - OLD.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(OLD.finished_at - OLD.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT) || '"'), 0) + -1)
      ELSE "duration_histogram" END;
  INSERT INTO "job_run_hourly_stats" ("business_id", "job_type", "hour_start", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
  SELECT NEW.business_id, NEW.job_type, NEW.created_at - NEW.created_at % 3600000,
    1 * (NEW.status = 'succeeded'), 1 * (NEW.status = 'failed'), 1 * (NEW.status = 'cancelled'),
    1 * (NEW.status IN ('succeeded', 'failed') AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL), CASE WHEN (NEW.status IN ('succeeded', 'failed') AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL) THEN 1 * MAX(NEW.finished_at - NEW.started_at, 0) ELSE 0 END,
    CASE WHEN (NEW.status IN ('succeeded', 'failed') AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL) THEN json_object(CAST(CASE WHEN MAX(NEW.finished_at - NEW.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(NEW.finished_at - NEW.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT), 1) ELSE '{}' END
  WHERE NEW.status IN ('succeeded', 'failed', 'cancelled') AND NEW.business_id IS NOT NULL
  ON CONFLICT ("business_id", "hour_start", "job_type") DO UPDATE SET
    "succeeded" = "succeeded" + excluded."succeeded",
    "failed" = "failed" + excluded."failed",
    "cancelled" = "cancelled" + excluded."cancelled",
    "duration_count" = "duration_count" + excluded."duration_count",
    "duration_sum_ms" = "duration_sum_ms" + excluded."duration_sum_ms",
    "duration_histogram" = CASE WHEN (NEW.status IN ('succeeded', 'failed') AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL)
      THEN json_set("duration_histogram", '$."' || CAST(CASE WHEN MAX(NEW.finished_at - NEW.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(NEW.finished_at - NEW.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT) || '"', COALESCE(json_extract("duration_histogram", '$."' || CAST(CASE WHEN MAX(NEW.finished_at - NEW.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(NEW.finished_at - NEW.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT) || '"'), 0) + 1)
      ELSE "duration_histogram" END;
  INSERT INTO "job_run_hourly_stats_all" ("job_type", "hour_start", "shard", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
  SELECT NEW.job_type, NEW.created_at - NEW.created_at % 3600000, 0,
    1 * (NEW.status = 'succeeded'), 1 * (NEW.status = 'failed'), 1 * (NEW.status = 'cancelled'),
    1 * (NEW.status IN ('succeeded', 'failed') AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL), CASE WHEN (NEW.status IN ('succeeded', 'failed') AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL) THEN 1 * MAX(NEW.finished_at - NEW.started_at, 0) ELSE 0 END,
    CASE WHEN (NEW.status IN ('succeeded', 'failed') AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL) THEN json_object(CAST(CASE WHEN MAX(NEW.finished_at - NEW.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(NEW.finished_at - NEW.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT), 1) ELSE '{}' END
  WHERE NEW.status IN ('succeeded', 'failed', 'cancelled')
  ON CONFLICT ("hour_start", "job_type", "shard") DO UPDATE SET
    "succeeded" = "succeeded" + excluded."succeeded",
    "failed" = "failed" + excluded."failed",
    "cancelled" = "cancelled" + excluded."cancelled",
    "duration_count" = "duration_count" + excluded."duration_count",
    "duration_sum_ms" = "duration_sum_ms" + excluded."duration_sum_ms",
    "duration_histogram" = CASE WHEN (NEW.status IN ('succeeded', 'failed') AND NEW.started_at IS NOT NULL AND NEW.finished_at IS NOT NULL)
      THEN json_set("duration_histogram", '$."' || CAST(CASE WHEN MAX(NEW.finished_at - NEW.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(NEW.finished_at - NEW.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT) || '"', COALESCE(json_extract("duration_histogram", '$."' || CAST(CASE WHEN MAX(NEW.finished_at - NEW.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(NEW.finished_at - NEW.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT) || '"'), 0) + 1)
      ELSE "duration_histogram" END;
END;

CREATE TRIGGER "job_runs_stats_delete" AFTER DELETE ON "job_runs"
WHEN OLD.status IN ('succeeded', 'failed', 'cancelled')
BEGIN
  INSERT INTO "job_run_hourly_stats" ("business_id", "job_type", "hour_start", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
  SELECT OLD.business_id, OLD.job_type, OLD.created_at - OLD.created_at % 3600000,
    -1 * (OLD.status = 'succeeded'), -1 * (OLD.status = 'failed'), -1 * (OLD.status = 'cancelled'),
    -1 * (OLD.status IN ('succeeded', 'failed') AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL), CASE WHEN (OLD.status IN ('succeeded', 'failed') AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL) THEN -1 * MAX(OLD.finished_at - OLD.started_at, 0) ELSE 0 END,
    CASE WHEN (OLD.status IN ('succeeded', 'failed') AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL) THEN json_object(CAST(CASE WHEN MAX(OLD.finished_at - OLD.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(OLD.finished_at - OLD.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT), -1) ELSE '{}' END
  WHERE OLD.status IN ('succeeded', 'failed', 'cancelled') AND OLD.business_id IS NOT NULL
  ON CONFLICT ("business_id", "hour_start", "job_type") DO UPDATE SET
    "succeeded" = "succeeded" + excluded."succeeded",
    "failed" = "failed" + excluded."failed",
    "cancelled" = "cancelled" + excluded."cancelled",
    "duration_count" = "duration_count" + excluded."duration_count",
    "duration_sum_ms" = "duration_sum_ms" + excluded."duration_sum_ms",
    "duration_histogram" = CASE WHEN (OLD.status IN ('succeeded', 'failed') AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL)
      THEN json_set("duration_histogram", '$."' || CAST(CASE WHEN MAX(OLD.finished_at - OLD.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(OLD.finished_at - OLD.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT) || '"', COALESCE(json_extract("duration_histogram", '$."' || CAST(CASE WHEN MAX(OLD.finished_at - OLD.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(OLD.finished_at - OLD.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT) || '"'), 0) + -1)
      ELSE "duration_histogram" END;
  INSERT INTO "job_run_hourly_stats_all" ("job_type", "hour_start", "shard", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
  SELECT OLD.job_type, OLD.created_at - OLD.created_at % 3600000, 0,
    -1 * (OLD.status = 'succeeded'), -1 * (OLD.status = 'failed'), -1 * (OLD.status = 'cancelled'),
    -1 * (OLD.status IN ('succeeded', 'failed') AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL), CASE WHEN (OLD.status IN ('succeeded', 'failed') AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL) THEN -1 * MAX(OLD.finished_at - OLD.started_at, 0) ELSE 0 END,
    CASE WHEN (OLD.status IN ('succeeded', 'failed') AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL) THEN json_object(CAST(CASE WHEN MAX(OLD.finished_at - OLD.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(OLD.finished_at - OLD.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT), -1) ELSE '{}' END
  WHERE OLD.status IN ('succeeded', 'failed', 'cancelled')
  ON CONFLICT ("hour_start", "job_type", "shard") DO UPDATE SET
    "succeeded" = "succeeded" + excluded."succeeded",
    "failed" = "failed" + excluded."failed",
    "cancelled" = "cancelled" + excluded."cancelled",
    "duration_count" = "duration_count" + excluded."duration_count",
    "duration_sum_ms" = "duration_sum_ms" + excluded."duration_sum_ms",
    "duration_histogram" = CASE WHEN (OLD.status IN ('succeeded', 'failed') AND OLD.started_at IS NOT NULL AND OLD.finished_at IS NOT NULL)
      THEN json_set("duration_histogram", '$."' || CAST(CASE WHEN MAX(OLD.finished_at - OLD.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(OLD.finished_at - OLD.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT) || '"', COALESCE(json_extract("duration_histogram", '$."' || CAST(CASE WHEN MAX(OLD.finished_at - OLD.started_at, 0) < 1 THEN 0 ELSE 1 + CAST(floor(ln(MAX(OLD.finished_at - OLD.started_at, 0)) / ln(1.05)) AS INTEGER) END AS TEXT) || '"'), 0) + -1)
      ELSE "duration_histogram" END;
END;

-- Backfill from the runs already there.
CREATE TEMP TABLE "job_run_stats_backfill" AS
SELECT business_id, job_type, hour_start, bucket,
  SUM(status = 'succeeded') AS succeeded, SUM(status = 'failed') AS failed, SUM(status = 'cancelled') AS cancelled,
  COUNT(duration_ms) AS duration_count, COALESCE(SUM(duration_ms), 0) AS duration_sum_ms, COUNT(duration_ms) AS n
FROM (
  SELECT business_id, job_type, status, created_at - created_at % 3600000 AS hour_start, duration_ms,
    CASE WHEN duration_ms IS NULL THEN NULL WHEN duration_ms < 1 THEN '0'
      ELSE CAST(1 + CAST(floor(ln(duration_ms) / ln(1.05)) AS INTEGER) AS TEXT) END AS bucket
  FROM (
    SELECT business_id, job_type, status, created_at,
      CASE WHEN status IN ('succeeded', 'failed') AND started_at IS NOT NULL AND finished_at IS NOT NULL
        THEN MAX(finished_at - started_at, 0) END AS duration_ms
    FROM "job_runs" WHERE status IN ('succeeded', 'failed', 'cancelled')
  )
) GROUP BY business_id, job_type, hour_start, bucket;

INSERT INTO "job_run_hourly_stats" ("business_id", "job_type", "hour_start", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
SELECT business_id, job_type, hour_start, SUM(succeeded), SUM(failed), SUM(cancelled), SUM(duration_count), SUM(duration_sum_ms),
  COALESCE(json_group_object(bucket, n) FILTER (WHERE bucket IS NOT NULL), '{}')
FROM (
  SELECT business_id, job_type, hour_start, bucket, SUM(succeeded) AS succeeded, SUM(failed) AS failed, SUM(cancelled) AS cancelled,
    SUM(duration_count) AS duration_count, SUM(duration_sum_ms) AS duration_sum_ms, SUM(n) AS n
  FROM "job_run_stats_backfill" WHERE business_id IS NOT NULL GROUP BY business_id, job_type, hour_start, bucket
) GROUP BY business_id, job_type, hour_start;

INSERT INTO "job_run_hourly_stats_all" ("job_type", "hour_start", "shard", "succeeded", "failed", "cancelled", "duration_count", "duration_sum_ms", "duration_histogram")
SELECT job_type, hour_start, 0, SUM(succeeded), SUM(failed), SUM(cancelled), SUM(duration_count), SUM(duration_sum_ms),
  COALESCE(json_group_object(bucket, n) FILTER (WHERE bucket IS NOT NULL), '{}')
FROM (
  SELECT business_id, job_type, hour_start, bucket, SUM(succeeded) AS succeeded, SUM(failed) AS failed, SUM(cancelled) AS cancelled,
    SUM(duration_count) AS duration_count, SUM(duration_sum_ms) AS duration_sum_ms, SUM(n) AS n
  FROM "job_run_stats_backfill" GROUP BY job_type, hour_start, bucket
) GROUP BY job_type, hour_start;

DROP TABLE "job_run_stats_backfill";
