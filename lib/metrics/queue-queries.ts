import { Prisma } from "../db/sql";
import { sqlDialect } from "../db/sql-dialect";
import { queryScoped } from "../tenancy/scoped-db";
import { ALL_BUSINESSES } from "../tenancy/scope";

export interface ActiveRunCount {
  jobType: string;
  status: "queued" | "running";
  count: number;
}

/** Queued and running runs of every business, counted per job type in one grouped query. */
export async function countActiveRuns(): Promise<ActiveRunCount[]> {
  const rows = await queryScoped<{ job_type: string; status: ActiveRunCount["status"]; n: bigint | number }>(
    ALL_BUSINESSES,
    (tenant) => Prisma.sql`
      SELECT job_type, status, COUNT(*) AS n FROM job_runs
      WHERE ${tenant} AND status IN ('queued', 'running')
      GROUP BY job_type, status`,
  );
  return rows.map((row) => ({ jobType: row.job_type, status: row.status, count: Number(row.n) }));
}

/**
 * How long the queued run that has waited longest has been due, in seconds by the database's
 * clock; 0 when no queued run is due. Runs queued for later (retries in backoff, delayed runs)
 * are not waiting yet.
 */
export async function oldestQueuedRunAgeSeconds(): Promise<number> {
  const dialect = sqlDialect();
  const [row] = await queryScoped<{ age_ms: bigint | number | null }>(
    ALL_BUSINESSES,
    (tenant) => Prisma.sql`
      SELECT ${dialect.epochMs(dialect.now)} - MIN(${dialect.epochMs(Prisma.raw("run_at"))}) AS age_ms FROM job_runs
      WHERE ${tenant} AND status = 'queued' AND run_at <= ${dialect.now}`,
  );
  return row?.age_ms == null ? 0 : Math.max(0, Number(row.age_ms) / 1000);
}
