import { Prisma } from "../db/sql";
import { sqlDialect } from "../db/sql-dialect";
import { queryScoped } from "../tenancy/scoped-db";
import type { Scope } from "../tenancy/scope";
import type { Histogram } from "./duration-buckets";
import type { JobRunFilters, RunStatus } from "./schemas";
import { businessFilterSql } from "./queries";

export const HOUR_MS = 3600_000;

type BusinessFilter = JobRunFilters["businessId"];

/** Terminal runs of one job type in one bucket of the series (-1: before the series starts). */
export interface RollupCountRow {
  jobType: string;
  point: number;
  succeeded: number;
  failed: number;
  cancelled: number;
}

export const DAY_MS = 24 * HOUR_MS;

interface RollupRead {
  scope: Scope;
  /** undefined: all businesses, which only the all-business scope may read */
  businessId: string | undefined;
  /** The first hour read; rollup rows cover whole hours. */
  from: Date;
  /**
   * All businesses only: from this UTC midnight on, whole days are read from the daily rollup, and
   * the hours before it from the hourly one. A month is then 30 rows per type and shard, not 720.
   */
  wholeDaysFrom?: Date;
}

// Rows go through the driver adapter one by one, which costs far more than summing them: both reads
// below return a handful of rows per job type, whatever the window. Both read the window's hours by
// the key's range; the job-type index (for listFinishedJobTypes) would serve their GROUP BY but walk
// every hour of the history.

/**
 * Counts of terminal runs per job type and series bucket from the hourly rollups. A business (the
 * scope's, or the one a system admin filters on) reads its own rollup; a system admin without a
 * filter reads the all-business one, summing its shard rows.
 */
export async function readRollupCounts({
  seriesStart,
  bucketMs,
  ...read
}: RollupRead & { seriesStart: Date; bucketMs: number }): Promise<RollupCountRow[]> {
  const { time, epochMs, withoutIndex } = sqlDialect();
  const hour = epochMs(Prisma.raw("hour_start"));
  const point = Prisma.sql`CASE WHEN hour_start < ${time(seriesStart)} THEN -1
    ELSE CAST(FLOOR((${hour} - ${seriesStart.getTime()}) / ${bucketMs}) AS INTEGER) END`;
  const rows = await queryRollup<{ job_type: string; point: number | bigint; s: number | bigint; f: number | bigint; c: number | bigint }>(
    read,
    (table, where) => Prisma.sql`
      SELECT job_type, ${point} AS point, SUM(succeeded) AS s, SUM(failed) AS f, SUM(cancelled) AS c
      FROM ${table} WHERE ${where} GROUP BY ${withoutIndex(Prisma.raw("job_type"))}, point`,
  );
  return rows.map((row) => ({ jobType: row.job_type, point: Number(row.point), succeeded: Number(row.s), failed: Number(row.f), cancelled: Number(row.c) }));
}

/**
 * The duration histogram per job type over the rollup rows from `from` on, summed in the database
 * and handed back as one "bucket:count,…" text per job type.
 */
export async function readRollupDurations(read: RollupRead): Promise<Map<string, Histogram>> {
  const { name, withoutIndex } = sqlDialect();
  const postgres = name === "postgresql";
  const entries = postgres ? Prisma.sql`jsonb_each_text(duration_histogram) AS entry` : Prisma.sql`json_each(duration_histogram) AS entry`;
  const count = postgres ? Prisma.sql`SUM(CAST(entry.value AS BIGINT))` : Prisma.sql`SUM(entry.value)`;
  const joined = postgres ? Prisma.sql`string_agg(bucket || ':' || n, ',')` : Prisma.sql`group_concat(bucket || ':' || n, ',')`;
  const rows = await queryRollup<{ job_type: string; histogram: string | null }>(
    read,
    (table, where) => Prisma.sql`
      SELECT job_type, ${joined} AS histogram FROM (
        SELECT job_type, entry.key AS bucket, ${count} AS n FROM ${table}, ${entries}
        WHERE ${where} GROUP BY ${withoutIndex(Prisma.raw("job_type"))}, entry.key
      ) AS buckets WHERE n <> 0 GROUP BY job_type`,
  );
  const histograms = new Map<string, Histogram>();
  for (const row of rows) {
    const histogram: Histogram = new Map();
    for (const pair of row.histogram ? row.histogram.split(",") : []) {
      const [bucket, n] = pair.split(":");
      histogram.set(Number(bucket), Number(n));
    }
    histograms.set(row.job_type, histogram);
  }
  return histograms;
}

function queryRollup<T>(
  { scope, businessId, from, wholeDaysFrom }: RollupRead,
  build: (table: Prisma.Sql, where: Prisma.Sql) => Prisma.Sql,
): Promise<T[]> {
  const { time } = sqlDialect();
  const since = Prisma.sql`hour_start >= ${time(from)}`;
  return queryScoped<T>(scope, (tenant) => {
    if (businessId !== undefined) {
      return build(Prisma.raw("job_run_hourly_stats"), Prisma.sql`${tenant} AND business_id = ${businessId} AND ${since}`);
    }
    const all = allBusinessesOnly(scope, tenant);
    if (!wholeDaysFrom) return build(Prisma.raw("job_run_hourly_stats_all"), Prisma.sql`${all} AND ${since}`);
    // A day row goes by its midnight as hour_start: the readers bucket by it, and a series of days
    // puts a whole day in one bucket.
    const columns = Prisma.raw("job_type, succeeded, failed, cancelled, duration_histogram");
    const rollup = Prisma.sql`(
      SELECT ${columns}, hour_start FROM job_run_hourly_stats_all
      WHERE ${all} AND ${since} AND hour_start < ${time(wholeDaysFrom)}
      UNION ALL
      SELECT ${columns}, day_start AS hour_start FROM job_run_daily_stats_all
      WHERE ${all} AND day_start >= ${time(wholeDaysFrom)}
    ) AS rollup`;
    return build(rollup, Prisma.sql`1 = 1`);
  });
}

/** The first UTC midnight at or after `from`. */
export function nextMidnight(from: Date): Date {
  return new Date(Math.ceil(from.getTime() / DAY_MS) * DAY_MS);
}

/** One group of runs read from job_runs itself. */
export interface RunGroupRow {
  jobType: string;
  status: string;
  hourStart: number;
  /** Duration of settled runs with a start and a finish; null otherwise. */
  durationMs: number | null;
  count: number;
}

/**
 * Runs created in [from, to) straight from job_runs, grouped by type, status, hour and duration:
 * the part of a window the hourly rollups cannot answer (the hour it starts in, runs not yet
 * finished, system runs and orphans). `statuses` narrows to some statuses.
 */
export async function readRunGroups({
  scope,
  businessFilter,
  from,
  to,
  statuses,
}: {
  scope: Scope;
  businessFilter: BusinessFilter;
  from: Date;
  to?: Date;
  statuses?: readonly RunStatus[];
}): Promise<RunGroupRow[]> {
  const { time, epochMs, name } = sqlDialect();
  const conditions = [businessFilterSql(businessFilter), Prisma.sql`created_at >= ${time(from)}`];
  if (to) conditions.push(Prisma.sql`created_at < ${time(to)}`);
  if (statuses) conditions.push(Prisma.sql`status IN (${Prisma.join([...statuses])})`);
  const created = epochMs(Prisma.raw("created_at"));
  const span = Prisma.sql`${epochMs(Prisma.raw("finished_at"))} - ${epochMs(Prisma.raw("started_at"))}`;
  // The rollup triggers round PostgreSQL's microsecond durations to whole milliseconds; so does this.
  const duration = name === "postgresql" ? Prisma.sql`GREATEST(ROUND(${span}), 0)` : Prisma.sql`MAX(${span}, 0)`;
  const rows = await queryScoped<{ job_type: string; status: string; hour: bigint | number; ms: bigint | number | null; n: bigint | number }>(
    scope,
    (tenant) => Prisma.sql`
      SELECT job_type, status, CAST(FLOOR(${created} / ${HOUR_MS}) AS BIGINT) AS hour,
        CASE WHEN status IN ('succeeded', 'failed') AND started_at IS NOT NULL AND finished_at IS NOT NULL THEN ${duration} END AS ms,
        COUNT(*) AS n
      FROM job_runs
      WHERE ${tenant} AND ${Prisma.join(conditions, " AND ")}
      GROUP BY job_type, status, hour, ms`,
  );
  return rows.map((row) => ({
    jobType: row.job_type,
    status: row.status,
    hourStart: Number(row.hour) * HOUR_MS,
    durationMs: row.ms === null ? null : Number(row.ms),
    count: Number(row.n),
  }));
}

/**
 * Job types that have finished runs, from the rollups: every business's for the all-business
 * scope, the business's own otherwise. Cheap: one row per type and hour, no run is read.
 */
export async function listFinishedJobTypes({ scope }: { scope: Scope }): Promise<string[]> {
  const rows = await queryScoped<{ job_type: string }>(scope, (tenant) =>
    scope.kind === "all"
      ? Prisma.sql`SELECT job_type FROM job_run_hourly_stats_all WHERE ${tenant}
          GROUP BY job_type HAVING SUM(succeeded + failed + cancelled) > 0 ORDER BY job_type`
      : Prisma.sql`SELECT job_type FROM job_run_hourly_stats WHERE ${tenant}
          GROUP BY job_type HAVING SUM(succeeded + failed + cancelled) > 0 ORDER BY job_type`,
  );
  return rows.map((row) => row.job_type);
}

// The all-business rollup has no business column to scope on: a business scope reaching it is a bug.
function allBusinessesOnly(scope: Scope, tenant: Prisma.Sql): Prisma.Sql {
  if (scope.kind !== "all") throw new Error("The all-business rollup is for the all-business scope only");
  return tenant;
}
