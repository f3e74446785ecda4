import { authorizeBusinessFilter } from "../tenancy/business-filter";
import type { Scope } from "../tenancy/scope";
import { addHistogram, bucketOf, histogramPercentile, type Histogram } from "./duration-buckets";
import { RUN_STATUSES, STATS_WINDOWS, type RunStatus, type StatsWindow } from "./schemas";
import { countScheduledRuns } from "./scheduled-count";
import { createSharedReads } from "./shared-read";
import { DAY_MS, HOUR_MS, nextMidnight, readRollupCounts, readRollupDurations, readRunGroups, type RollupCountRow, type RunGroupRow } from "./stats-queries";

const SERIES = { "24h": { bucketMs: HOUR_MS, buckets: 24 }, "7d": { bucketMs: DAY_MS, buckets: 7 }, "30d": { bucketMs: DAY_MS, buckets: 30 } };
const UNFINISHED: readonly RunStatus[] = ["queued", "running"];

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
 *
 * Finished runs come from the hourly rollups for the whole hours of the window (over all
 * businesses in 7 d and 30 d, from the daily rollup for its whole UTC days); the hour the window
 * starts in, queued and running runs, and system runs and orphans (which have no rollup of their
 * own) are read from the runs, so every count is exact. Durations are read from the rollups'
 * log-bucket histograms: p50 and p95 are within 2.5 % of the exact nearest-rank values.
 */
export async function getJobRunStats({
  scope,
  window,
  businessFilter,
  now: asOf,
}: {
  scope: Scope;
  window: StatsWindow;
  businessFilter?: string;
  /** A past moment to answer for; without it the statistics are live and share their queue count. */
  now?: Date;
}): Promise<JobRunStats> {
  const now = asOf ?? new Date();
  const filter = authorizeBusinessFilter(scope, businessFilter) as Parameters<typeof readRunGroups>[0]["businessFilter"];
  const since = new Date(now.getTime() - STATS_WINDOWS[window]);
  const { bucketMs, buckets } = SERIES[window];
  const seriesStart = new Date(Math.floor(now.getTime() / bucketMs) * bucketMs - (buckets - 1) * bucketMs);
  const scheduledCount = countScheduledRuns({ scope, businessFilter: filter, since, now });
  const firstWholeHour = new Date(Math.ceil(since.getTime() / HOUR_MS) * HOUR_MS);

  const cells = new Cells(seriesStart.getTime(), bucketMs);
  if (filter === "system" || filter === "orphan") {
    cells.addRuns(await readRunGroups({ scope, businessFilter: filter, from: since }));
  } else {
    const businessId = scope.kind === "business" ? scope.businessId : filter;
    // A series of days can take whole days at once, each day lying in one of its buckets.
    const wholeDaysFrom = businessId === undefined && bucketMs === DAY_MS ? nextMidnight(firstWholeHour) : undefined;
    const read = { scope, businessId, from: firstWholeHour, wholeDaysFrom };
    const [counts, durations, firstHour, unfinished] = await Promise.all([
      readRollupCounts({ ...read, seriesStart, bucketMs }),
      readRollupDurations(read),
      readRunGroups({ scope, businessFilter: filter, from: since, to: firstWholeHour }),
      asOf ? readUnfinished(scope, filter, firstWholeHour) : sharedUnfinished(unfinishedKey(scope, filter, firstWholeHour), () => readUnfinished(scope, filter, firstWholeHour)),
    ]);
    cells.addRollup(counts, durations);
    cells.addRuns(firstHour);
    cells.addRuns(unfinished);
  }

  const scheduled = await scheduledCount;
  const byStatus = emptyCounts();
  const perType = new Map<string, StatusCounts>();
  const points = Array.from({ length: buckets }, (_, index) => ({
    start: new Date(seriesStart.getTime() + index * bucketMs).toISOString(),
    byStatus: emptyCounts(),
  }));
  for (const cell of cells.values()) {
    const typeCounts = perType.get(cell.jobType) ?? emptyCounts();
    for (const status of RUN_STATUSES) {
      byStatus[status] += cell.counts[status];
      typeCounts[status] += cell.counts[status];
      const point = points[cell.point];
      if (point) point.byStatus[status] += cell.counts[status];
    }
    if (sum(typeCounts) > 0) perType.set(cell.jobType, typeCounts);
  }
  const allDurations: Histogram = new Map();
  for (const histogram of cells.durations.values()) addHistogram(allDurations, histogram);
  const finished = byStatus.succeeded + byStatus.failed;

  return {
    window,
    since: since.toISOString(),
    total: sum(byStatus),
    byStatus,
    scheduled,
    successRate: finished ? byStatus.succeeded / finished : null,
    durationMs: percentiles(allDurations),
    byJobType: [...perType.entries()]
      .map(([jobType, typeCounts]) => ({
        jobType,
        total: sum(typeCounts),
        byStatus: typeCounts,
        durationMs: percentiles(cells.durations.get(jobType) ?? new Map()),
      }))
      .sort((a, b) => b.total - a.total || a.jobType.localeCompare(b.jobType)),
    series: { bucketMs, points },
  };
}

type RunGroupFilter = Parameters<typeof readRunGroups>[0]["businessFilter"];

function readUnfinished(scope: Scope, businessFilter: RunGroupFilter, from: Date): Promise<RunGroupRow[]> {
  return readRunGroups({ scope, businessFilter, from, statuses: UNFINISHED });
}

/** Queued and running runs are read row by row, a deep queue's every row: shared between callers. */
const sharedUnfinished = createSharedReads<RunGroupRow[]>();

function unfinishedKey(scope: Scope, businessFilter: RunGroupFilter, from: Date): string {
  return JSON.stringify([scope.kind === "business" ? scope.businessId : "all", businessFilter ?? null, from.toISOString()]);
}

interface Cell {
  jobType: string;
  /** Index of the series point, -1 before the series starts. */
  point: number;
  counts: StatusCounts;
}

/** Counts per job type and series point, and durations per job type, from the rollups and the runs. */
class Cells {
  private readonly byKey = new Map<string, Cell>();
  readonly durations = new Map<string, Histogram>();

  constructor(
    private readonly seriesStart: number,
    private readonly bucketMs: number,
  ) {}

  addRollup(counts: RollupCountRow[], durations: Map<string, Histogram>): void {
    for (const row of counts) {
      const cell = this.cell(row.jobType, row.point);
      cell.counts.succeeded += row.succeeded;
      cell.counts.failed += row.failed;
      cell.counts.cancelled += row.cancelled;
    }
    for (const [jobType, histogram] of durations) addHistogram(this.histogram(jobType), histogram);
  }

  addRuns(rows: RunGroupRow[]): void {
    for (const row of rows) {
      if (!RUN_STATUSES.includes(row.status as RunStatus)) continue;
      const point = row.hourStart < this.seriesStart ? -1 : Math.floor((row.hourStart - this.seriesStart) / this.bucketMs);
      this.cell(row.jobType, point).counts[row.status as RunStatus] += row.count;
      if (row.durationMs !== null) {
        const histogram = this.histogram(row.jobType);
        const bucket = bucketOf(row.durationMs);
        histogram.set(bucket, (histogram.get(bucket) ?? 0) + row.count);
      }
    }
  }

  values(): IterableIterator<Cell> {
    return this.byKey.values();
  }

  private cell(jobType: string, point: number): Cell {
    const key = `${point}\u0000${jobType}`;
    let cell = this.byKey.get(key);
    if (!cell) {
      cell = { jobType, point, counts: emptyCounts() };
      this.byKey.set(key, cell);
    }
    return cell;
  }

  private histogram(jobType: string): Histogram {
    let histogram = this.durations.get(jobType);
    if (!histogram) {
      histogram = new Map();
      this.durations.set(jobType, histogram);
    }
    return histogram;
  }
}

function percentiles(histogram: Histogram): { p50: number | null; p95: number | null } {
  return { p50: histogramPercentile(histogram, 0.5), p95: histogramPercentile(histogram, 0.95) };
}

function emptyCounts(): StatusCounts {
  return Object.fromEntries(RUN_STATUSES.map((status) => [status, 0])) as StatusCounts;
}

function sum(counts: StatusCounts): number {
  return Object.values(counts).reduce((total, count) => total + count, 0);
}
