import { authorizeBusinessFilter } from "../tenancy/business-filter";
import type { Scope } from "../tenancy/scope";
import { RUN_STATUSES, STATS_WINDOWS, type RunStatus, type StatsWindow } from "./schemas";
import { countScheduledRuns } from "./scheduled-count";
import { countByBucket, countByTypeAndStatus, durationPercentiles } from "./stats-queries";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const SERIES = { "24h": { bucketMs: HOUR, buckets: 24 }, "7d": { bucketMs: DAY, buckets: 7 }, "30d": { bucketMs: DAY, buckets: 30 } };

type StatusCounts = Record<RunStatus, number>;

export interface JobRunStats {
  window: StatsWindow;
  since: string;
  total: number;
  byStatus: StatusCounts;
  /** Of byStatus.queued, the runs due only later (run_at after now): scheduled, not waiting for a worker. */
  scheduled: number;
  /** succeeded / (succeeded + failed); null when nothing has finished */
  successRate: number | null;
  durationMs: { p50: number | null; p95: number | null };
  byJobType: { jobType: string; total: number; byStatus: StatusCounts; durationMs: { p50: number | null; p95: number | null } }[];
  series: { bucketMs: number; points: { start: string; byStatus: StatusCounts }[] };
}

/**
 * Counts and durations of runs created in the window. The series covers the same span in whole
 * hours (24 h) or whole UTC days (7 d, 30 d), the last bucket being the current, partial one.
 */
export async function getJobRunStats({
  scope,
  window,
  businessFilter,
  now = new Date(),
}: {
  scope: Scope;
  window: StatsWindow;
  businessFilter?: string;
  now?: Date;
}): Promise<JobRunStats> {
  const filter = authorizeBusinessFilter(scope, businessFilter) as Parameters<typeof countByTypeAndStatus>[0]["businessFilter"];
  const since = new Date(now.getTime() - STATS_WINDOWS[window]);
  const { bucketMs, buckets } = SERIES[window];
  const seriesStart = new Date(Math.floor(now.getTime() / bucketMs) * bucketMs - (buckets - 1) * bucketMs);
  const [counts, durations, bucketRows, scheduled] = await Promise.all([
    countByTypeAndStatus({ scope, businessFilter: filter, since }),
    durationPercentiles({ scope, businessFilter: filter, since }),
    countByBucket({ scope, businessFilter: filter, since: seriesStart, bucketMs }),
    countScheduledRuns({ scope, businessFilter: filter, since, now }),
  ]);

  const byStatus = emptyCounts();
  const perType = new Map<string, StatusCounts>();
  for (const row of counts) {
    const status = row.status as RunStatus;
    if (!(status in byStatus)) continue;
    byStatus[status] += row.count;
    const typeCounts = perType.get(row.jobType) ?? emptyCounts();
    typeCounts[status] += row.count;
    perType.set(row.jobType, typeCounts);
  }
  const durationOf = (jobType: string | null) => {
    const row = durations.find((candidate) => candidate.jobType === jobType);
    return { p50: row?.p50 ?? null, p95: row?.p95 ?? null };
  };
  const finished = byStatus.succeeded + byStatus.failed;

  const points = Array.from({ length: buckets }, (_, index) => ({
    start: new Date(seriesStart.getTime() + index * bucketMs).toISOString(),
    byStatus: emptyCounts(),
  }));
  for (const row of bucketRows) {
    const point = points[row.bucket];
    if (point && row.status in point.byStatus) point.byStatus[row.status as RunStatus] += row.count;
  }

  return {
    window,
    since: since.toISOString(),
    total: sum(byStatus),
    byStatus,
    scheduled,
    successRate: finished ? byStatus.succeeded / finished : null,
    durationMs: durationOf(null),
    byJobType: [...perType.entries()]
      .map(([jobType, typeCounts]) => ({ jobType, total: sum(typeCounts), byStatus: typeCounts, durationMs: durationOf(jobType) }))
      .sort((a, b) => b.total - a.total || a.jobType.localeCompare(b.jobType)),
    series: { bucketMs, points },
  };
}

function emptyCounts(): StatusCounts {
  return Object.fromEntries(RUN_STATUSES.map((status) => [status, 0])) as StatusCounts;
}

function sum(counts: StatusCounts): number {
  return Object.values(counts).reduce((total, count) => total + count, 0);
}
