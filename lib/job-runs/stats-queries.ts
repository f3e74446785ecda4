import { Prisma } from "../db/sql";
import { sqlDialect } from "../db/sql-dialect";
import { queryScoped } from "../tenancy/scoped-db";
import type { Scope } from "../tenancy/scope";
import type { JobRunFilters, RunStatus } from "./schemas";
import { businessFilterSql } from "./queries";

export const HOUR_MS = 3600_000;

type BusinessFilter = JobRunFilters["businessId"];

/** One job type's runs created in one hour: counts by status and, for settled runs, durations. */
export interface RollupRow {
  jobType: string;
  hourStart: number;
  counts: Partial<Record<RunStatus, number>>;
  /** {"<bucket>": count}, parsed or as JSON text (lib/job-runs/duration-buckets.ts) */
  histogram: Record<string, number | string> | string;
}

type RollupRecord = {
  job_type: string;
  hour_start: Date | number | bigint;
  succeeded: number | bigint;
  failed: number | bigint;
  cancelled: number | bigint;
  duration_histogram: Record<string, number | string> | string;
};

/**
 * Terminal runs per job type and hour from the rollups, for hours starting at or after `from`.
 * A business (the scope's, or the one a system admin filters on) reads its own rollup; a system
 * admin without a filter reads the all-business one, whose shard rows come back separately.
 */
export async function readHourlyRollup({
  scope,
  businessId,
  from,
}: {
  scope: Scope;
  /** undefined: all businesses, which only the all-business scope may read */
  businessId: string | undefined;
  from: Date;
}): Promise<RollupRow[]> {
  const { time } = sqlDialect();
  const columns = Prisma.sql`job_type, hour_start, succeeded, failed, cancelled, duration_histogram`;
  const rows = await queryScoped<RollupRecord>(scope, (tenant) =>
    businessId === undefined
      ? Prisma.sql`SELECT ${columns} FROM job_run_hourly_stats_all WHERE ${allBusinessesOnly(scope, tenant)} AND hour_start >= ${time(from)}`
      : Prisma.sql`SELECT ${columns} FROM job_run_hourly_stats WHERE ${tenant} AND business_id = ${businessId} AND hour_start >= ${time(from)}`,
  );
  return rows.map((row) => ({
    jobType: row.job_type,
    hourStart: row.hour_start instanceof Date ? row.hour_start.getTime() : Number(row.hour_start),
    counts: { succeeded: Number(row.succeeded), failed: Number(row.failed), cancelled: Number(row.cancelled) },
    histogram: row.duration_histogram,
  }));
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
