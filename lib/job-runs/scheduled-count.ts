import { Prisma } from "../db/sql";
import { sqlDialect } from "../db/sql-dialect";
import { queryScoped } from "../tenancy/scoped-db";
import type { Scope } from "../tenancy/scope";
import { businessFilterSql } from "./queries";
import type { JobRunFilters } from "./schemas";

/**
 * Queued runs created since `since` that are not due yet: a worker will not take them before
 * their run_at, so the page counts them apart from the queue.
 */
export async function countScheduledRuns({
  scope,
  businessFilter,
  since,
  now,
}: {
  scope: Scope;
  businessFilter: JobRunFilters["businessId"];
  since: Date;
  now: Date;
}): Promise<number> {
  const { time } = sqlDialect();
  const [row] = await queryScoped<{ n: bigint | number }>(
    scope,
    (tenant) => Prisma.sql`
      SELECT COUNT(*) AS n FROM job_runs
      WHERE ${tenant} AND ${businessFilterSql(businessFilter)} AND status = 'queued'
        AND run_at > ${time(now)} AND created_at >= ${time(since)}`,
  );
  return Number(row?.n ?? 0);
}
