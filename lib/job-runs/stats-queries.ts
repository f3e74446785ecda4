import { Prisma } from "../db/sql";
import { sqlDialect } from "../db/sql-dialect";
import { queryScoped } from "../tenancy/scoped-db";
import type { Scope } from "../tenancy/scope";
import type { JobRunFilters } from "./schemas";
import { businessFilterSql } from "./queries";

// Durations and buckets are arithmetic on epoch milliseconds (see SqlDialect.epochMs). Bound numbers
// may arrive as REAL, hence the CAST that makes each bucket one integer group.

interface StatsArgs {
  scope: Scope;
  businessFilter: JobRunFilters["businessId"];
  since: Date;
}

export interface StatusCountRow {
  jobType: string;
  status: string;
  count: number;
}

export async function countByTypeAndStatus({ scope, businessFilter, since }: StatsArgs): Promise<StatusCountRow[]> {
  const rows = await queryScoped<{ job_type: string; status: string; n: bigint | number }>(
    scope,
    (tenant) => Prisma.sql`
      SELECT job_type, status, COUNT(*) AS n FROM job_runs
      WHERE ${tenant} AND ${businessFilterSql(businessFilter)} AND created_at >= ${sqlDialect().time(since)}
      GROUP BY ${sqlDialect().withoutIndex(Prisma.raw("job_type"))}, status`,
  );
  return rows.map((row) => ({ jobType: row.job_type, status: row.status, count: Number(row.n) }));
}

export interface DurationRow {
  /** null for the row covering every job type */
  jobType: string | null;
  p50: number | null;
  p95: number | null;
}

/**
 * Nearest-rank percentiles of finished runs' durations, per job type and over all types. The window
 * is read by created_at from the covering list-order index; most runs in it are finished, so the
 * status condition only filters.
 */
export async function durationPercentiles({ scope, businessFilter, since }: StatsArgs): Promise<DurationRow[]> {
  const rows = await queryScoped<{ job_type: string | null; p50: bigint | number | null; p95: bigint | number | null }>(
    scope,
    (tenant) => Prisma.sql`
      WITH finished AS (
        SELECT job_type, ${ms("finished_at")} - ${ms("started_at")} AS ms FROM job_runs
        WHERE ${tenant} AND ${businessFilterSql(businessFilter)} AND created_at >= ${sqlDialect().time(since)}
          AND ${sqlDialect().withoutIndex(Prisma.raw("status"))} IN ('succeeded', 'failed') AND started_at IS NOT NULL AND finished_at IS NOT NULL
      ),
      ranked AS (
        SELECT job_type, ms,
          ROW_NUMBER() OVER (PARTITION BY job_type ORDER BY ms) AS type_rank,
          COUNT(*) OVER (PARTITION BY job_type) AS type_count,
          ROW_NUMBER() OVER (ORDER BY ms) AS all_rank,
          COUNT(*) OVER () AS all_count
        FROM finished
      )
      SELECT job_type,
        MIN(CASE WHEN type_rank >= 0.5 * type_count THEN ms END) AS p50,
        MIN(CASE WHEN type_rank >= 0.95 * type_count THEN ms END) AS p95
      FROM ranked GROUP BY job_type
      UNION ALL
      SELECT NULL,
        MIN(CASE WHEN all_rank >= 0.5 * all_count THEN ms END),
        MIN(CASE WHEN all_rank >= 0.95 * all_count THEN ms END)
      FROM ranked`,
  );
  return rows.map((row) => ({ jobType: row.job_type, p50: toNumber(row.p50), p95: toNumber(row.p95) }));
}

export interface BucketRow {
  bucket: number;
  status: string;
  count: number;
}

export async function countByBucket({
  scope,
  businessFilter,
  since,
  bucketMs,
}: StatsArgs & { bucketMs: number }): Promise<BucketRow[]> {
  const start = since.getTime();
  const { time } = sqlDialect();
  const rows = await queryScoped<{ bucket: bigint | number; status: string; n: bigint | number }>(
    scope,
    (tenant) => Prisma.sql`
      SELECT CAST(FLOOR((${ms("created_at")} - ${start}) / ${bucketMs}) AS INTEGER) AS bucket, status, COUNT(*) AS n FROM job_runs
      WHERE ${tenant} AND ${businessFilterSql(businessFilter)} AND created_at >= ${time(since)}
      GROUP BY bucket, status`,
  );
  return rows.map((row) => ({ bucket: Number(row.bucket), status: row.status, count: Number(row.n) }));
}

function ms(column: string): Prisma.Sql {
  return sqlDialect().epochMs(Prisma.raw(column));
}

function toNumber(value: bigint | number | null): number | null {
  return value === null ? null : Number(value);
}
