import { AppError } from "../errors/app-error";
import { Prisma } from "../db/sql";
import { sqlDialect } from "../db/sql-dialect";
import { queryScoped, scopedDb } from "../tenancy/scoped-db";
import type { Scope } from "../tenancy/scope";
import { STATS_WINDOWS, type StatsWindow } from "./schemas";
import { DAY_MS, HOUR_MS, nextMidnight } from "./stats-queries";

/** The business rollup's long periods: 7 days from the epoch (Thursday 00:00 UTC). */
const WEEK_MS = 7 * DAY_MS;

export interface BusinessBreakdownRow {
  businessId: string;
  name: string;
  slug: string;
  /** Runs created in the window, whatever their status. */
  runs: number;
  /** Of those, the failed ones. */
  failures: number;
  /** Queued runs due now, however old: the business's share of the queue. */
  queued: number;
  /** Queued runs due only later (run_at in the future): not waiting for a worker yet. */
  scheduled: number;
  running: number;
  /** now − the earliest run_at of the queued runs due now; null when none waits. */
  oldestQueuedMs: number | null;
}

export interface BusinessBreakdown {
  window: StatsWindow;
  since: string;
  businesses: BusinessBreakdownRow[];
}

type Counts = Omit<BusinessBreakdownRow, "businessId" | "name" | "slug">;
type Num = number | bigint | null;

/**
 * One row per business with activity: runs created in the window and its failures, counted as the
 * statistics count them (finished runs of the window's whole 7-day periods and the whole UTC days
 * before them from the period rollup, of the hours before its first midnight from the hourly one,
 * the hour the window starts in and unfinished runs from the runs), and the live state of its
 * queue. System runs and orphans belong to no business and are left out. System admins only.
 */
export async function getBusinessBreakdown({
  scope,
  window,
  now = new Date(),
}: {
  scope: Scope;
  window: StatsWindow;
  now?: Date;
}): Promise<BusinessBreakdown> {
  if (scope.kind !== "all") throw new AppError("forbidden", "Only system admins can see the breakdown by business");
  const since = new Date(now.getTime() - STATS_WINDOWS[window]);
  const firstWholeHour = new Date(Math.ceil(since.getTime() / HOUR_MS) * HOUR_MS);
  const firstWholeDay = nextMidnight(firstWholeHour);
  const firstWholeWeek = new Date(Math.ceil(firstWholeDay.getTime() / WEEK_MS) * WEEK_MS);
  const { time, epochMs } = sqlDialect();

  const [rollup, firstHour, live] = await Promise.all([
    queryScoped<{ business_id: string; finished: Num; failed: Num }>(
      scope,
      (tenant) => Prisma.sql`
        SELECT business_id, SUM(finished) AS finished, SUM(failed) AS failed FROM (
          SELECT business_id, succeeded + failed + cancelled AS finished, failed FROM job_run_hourly_stats
          WHERE ${tenant} AND hour_start >= ${time(firstWholeHour)} AND hour_start < ${time(firstWholeDay)}
          UNION ALL
          SELECT business_id, finished, failed FROM job_run_period_counts
          WHERE ${tenant} AND period_days = 1 AND period_start >= ${time(firstWholeDay)} AND period_start < ${time(firstWholeWeek)}
          UNION ALL
          SELECT business_id, finished, failed FROM job_run_period_counts
          WHERE ${tenant} AND period_days = 7 AND period_start >= ${time(firstWholeWeek)}
        ) AS rollup
        GROUP BY business_id`,
    ),
    queryScoped<{ business_id: string; runs: Num; failed: Num }>(
      scope,
      (tenant) => Prisma.sql`
        SELECT business_id, COUNT(*) AS runs, SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed
        FROM job_runs
        WHERE ${tenant} AND business_id IS NOT NULL AND created_at >= ${time(since)} AND created_at < ${time(firstWholeHour)}
        GROUP BY business_id`,
    ),
    // Unfinished runs through the claim index (status, business_id, priority, run_at); created_at is
    // read only for the few runs in flight.
    queryScoped<{ business_id: string; status: string; n: Num; due: Num; oldest: Num; recent: Num }>(
      scope,
      (tenant) => Prisma.sql`
        SELECT business_id, status, COUNT(*) AS n,
          SUM(CASE WHEN run_at <= ${time(now)} THEN 1 ELSE 0 END) AS due,
          MIN(CASE WHEN status = 'queued' AND run_at <= ${time(now)} THEN ${epochMs(Prisma.raw("run_at"))} END) AS oldest,
          SUM(CASE WHEN created_at >= ${time(firstWholeHour)} THEN 1 ELSE 0 END) AS recent
        FROM job_runs
        WHERE ${tenant} AND status IN ('queued', 'running') AND business_id IS NOT NULL
        GROUP BY status, business_id`,
    ),
  ]);

  const counts = new Map<string, Counts>();
  const of = (businessId: string): Counts => {
    let row = counts.get(businessId);
    if (!row) {
      row = { runs: 0, failures: 0, queued: 0, scheduled: 0, running: 0, oldestQueuedMs: null };
      counts.set(businessId, row);
    }
    return row;
  };
  for (const row of rollup) {
    const target = of(row.business_id);
    target.runs += Number(row.finished ?? 0);
    target.failures += Number(row.failed ?? 0);
  }
  for (const row of firstHour) {
    const target = of(row.business_id);
    target.runs += Number(row.runs ?? 0);
    target.failures += Number(row.failed ?? 0);
  }
  for (const row of live) {
    const target = of(row.business_id);
    target.runs += Number(row.recent ?? 0);
    if (row.status === "running") {
      target.running += Number(row.n ?? 0);
      continue;
    }
    target.queued += Number(row.due ?? 0);
    target.scheduled += Number(row.n ?? 0) - Number(row.due ?? 0);
    if (row.oldest !== null) target.oldestQueuedMs = Math.max(0, now.getTime() - Math.round(Number(row.oldest)));
  }
  // Rollup rows of businesses whose runs were all deleted stay behind with zero counts.
  for (const [businessId, row] of counts) {
    if (!row.runs && !row.queued && !row.scheduled && !row.running) counts.delete(businessId);
  }

  const names = counts.size
    ? await scopedDb(scope).business.findMany({ where: { id: { in: [...counts.keys()] } }, select: { id: true, name: true, slug: true } })
    : [];
  const businesses = names
    .map((business) => ({ businessId: business.id, name: business.name, slug: business.slug, ...counts.get(business.id)! }))
    .sort((a, b) => b.runs - a.runs || a.name.localeCompare(b.name));
  return { window, since: since.toISOString(), businesses };
}
