import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db";
import { inAccess } from "../db/database-access";
import type { JobRun } from "../db/generated/sqlite/client";
import { Prisma } from "../db/sql";
import { sqlDialect } from "../db/sql-dialect";
import { seededRandom, type SeededRandom } from "../demo-data/random";
import { expectPercentilesNear } from "../../test-support/duration-percentiles";
import { testDatabaseProvider } from "../../test-support/test-database-provider";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { queryScoped, scopedDb } from "../tenancy/scoped-db";
import { ALL_BUSINESSES, businessScope, type Scope } from "../tenancy/scope";
import { RUN_STATUSES, STATS_WINDOWS, type StatsWindow } from "./schemas";
import { listFinishedJobTypes } from "./stats-queries";
import { getJobRunStats } from "./stats-service";

/**
 * The hourly and daily rollups against a brute-force computation over the runs, after a random
 * history of every change that moves a run into or out of a terminal state: settling (one run and
 * batches), cancelling (also from a business's own scope), retrying, rescuing, assigning orphans to
 * a business, deleting orphans and retention deletes. Counts must agree exactly; percentiles within
 * one histogram bucket; the daily rows with their hours summed, histograms included.
 */

const NOW = Date.UTC(2026, 10, 23, 15, 17, 23, 456);
// Windows read whole days from the daily rollup after a partial first day, or start at midnight
// (Thursday 19th: a 7-day period starts there too), or half an hour past it.
const NOWS = [NOW, Date.UTC(2026, 10, 19), Date.UTC(2026, 10, 21, 0, 30)].map((now) => new Date(now).toISOString());
const WINDOWS_AT = (Object.keys(STATS_WINDOWS) as StatsWindow[]).flatMap((window) => NOWS.map((now) => [window, now] as const));
const HOUR = 3600_000;
const TYPES = ["sync-calendar", "export-report", "send-reminders"];
useTempDatabase();
let businessIds: string[];

beforeAll(async () => {
  const db = getDb();
  businessIds = [];
  for (const slug of ["acme", "birch", "cedar"]) {
    businessIds.push((await db.business.create({ data: { name: slug, slug } })).id);
  }
  await playHistory(seededRandom(20261130));
}, 120_000);

async function playHistory(random: SeededRandom): Promise<void> {
  const db = getDb();
  const runs = Array.from({ length: 400 }, () => {
    const owner = random.next();
    const businessId = owner < 0.8 ? random.pick(businessIds) : null;
    return {
      id: random.uuid(),
      businessId,
      scope: businessId || owner < 0.9 ? "tenant" : "system",
      jobType: random.pick(TYPES),
      params: {},
      status: "queued",
      // Across 40 days, so that every window has runs before and after its start.
      createdAt: new Date(NOW - Math.floor(random.next() * 40 * 24 * HOUR)),
    };
  });
  // Some runs arrive already finished, as imports and bulk inserts write them.
  for (const run of runs.slice(0, 40)) Object.assign(run, settled(random, run.createdAt, random.pick(["succeeded", "failed", "cancelled"])));
  await db.jobRun.createMany({ data: runs });

  for (let step = 0; step < 900; step++) {
    const all = await db.jobRun.findMany({ select: { id: true, status: true, businessId: true, scope: true, createdAt: true } });
    if (!all.length) break;
    const run = random.pick(all);
    const move = random.next();
    if (run.status === "queued" && move < 0.7) {
      await db.jobRun.update({ where: { id: run.id }, data: { status: "running", startedAt: new Date(run.createdAt.getTime() + random.int(0, 5000)) } });
    } else if (run.status === "running" && move < 0.6) {
      const finished = settled(random, run.createdAt, random.next() < 0.8 ? "succeeded" : "failed");
      await db.jobRun.update({ where: { id: run.id }, data: finished });
    } else if (run.status === "running" && move < 0.7) {
      // A batch settles several running runs in one statement, as the worker's completer does.
      const running = all.filter((candidate) => candidate.status === "running").slice(0, random.int(2, 6));
      await db.jobRun.updateMany({ where: { id: { in: running.map((r) => r.id) } }, data: { status: "succeeded", finishedAt: new Date(NOW + random.int(0, HOUR)) } });
    } else if (run.status === "running" && move < 0.8) {
      // Rescue: a run whose worker died fails where it stands.
      await db.jobRun.updateMany({ where: { id: run.id, status: "running" }, data: { status: "failed", finishedAt: new Date(run.createdAt.getTime() + random.int(10_000, 20 * 60_000)) } });
    } else if ((run.status === "queued" || run.status === "running") && move < 0.9) {
      const data = { status: "cancelled", finishedAt: new Date(run.createdAt.getTime() + random.int(1, 60_000)) };
      if (run.businessId) await scopedDb(businessScope(run.businessId)).jobRun.updateMany({ where: { id: run.id }, data });
      else await db.jobRun.update({ where: { id: run.id }, data });
    } else if (["succeeded", "failed", "cancelled"].includes(run.status) && move < 0.5) {
      // Retry: back to the queue, its finish forgotten.
      await db.jobRun.update({ where: { id: run.id }, data: { status: "queued", startedAt: null, finishedAt: null, attempt: 0 } });
    } else if (run.businessId === null && run.scope === "tenant" && move < 0.7) {
      await db.jobRun.updateMany({ where: { businessId: null, scope: "tenant", id: run.id }, data: { businessId: random.pick(businessIds) } });
    } else if (run.businessId === null && run.scope === "tenant" && move < 0.8) {
      await db.jobRun.deleteMany({ where: { businessId: null, scope: "tenant", id: run.id } });
    } else if (move > 0.97) {
      // Retention: a business's finished runs older than some day go at once.
      await db.jobRun.deleteMany({
        where: { businessId: random.pick(businessIds), status: { in: ["succeeded", "failed", "cancelled"] }, createdAt: { lt: new Date(NOW - random.int(20, 45) * 24 * HOUR) } },
      });
    } else if (move > 0.95) {
      // A correction of a finished run's times moves it to another duration bucket.
      await db.jobRun.updateMany({
        where: { id: run.id, status: { in: ["succeeded", "failed"] } },
        data: { finishedAt: new Date(run.createdAt.getTime() + random.int(50_000, 200_000)) },
      });
    }
  }
}

function settled(random: SeededRandom, createdAt: Date, status: string) {
  const startedAt = new Date(createdAt.getTime() + random.int(0, 5000));
  // Durations over five orders of magnitude, 0 ms included.
  const durationMs = random.next() < 0.05 ? 0 : Math.round(Math.exp(random.next() * 12));
  return { status, startedAt, finishedAt: new Date(startedAt.getTime() + durationMs) };
}

function durations(runs: JobRun[]): number[] {
  return runs
    .filter((run) => (run.status === "succeeded" || run.status === "failed") && run.startedAt && run.finishedAt)
    .map((run) => run.finishedAt!.getTime() - run.startedAt!.getTime());
}

type Case = { label: string; scope: () => Scope; filter?: () => string; keep: (run: JobRun) => boolean };

const CASES: Case[] = [
  { label: "a business's own scope", scope: () => businessScope(businessIds[0]!), keep: (run) => run.businessId === businessIds[0] },
  { label: "another business's own scope", scope: () => businessScope(businessIds[1]!), keep: (run) => run.businessId === businessIds[1] },
  { label: "system admin, all", scope: () => ALL_BUSINESSES, keep: () => true },
  { label: "system admin, one business", scope: () => ALL_BUSINESSES, filter: () => businessIds[2]!, keep: (run) => run.businessId === businessIds[2] },
  { label: "system admin, system runs", scope: () => ALL_BUSINESSES, filter: () => "system", keep: (run) => run.businessId === null && run.scope === "system" },
  { label: "system admin, orphans", scope: () => ALL_BUSINESSES, filter: () => "orphan", keep: (run) => run.businessId === null && run.scope === "tenant" },
];

describe.each(CASES)("rolled-up statistics for $label", ({ scope, filter, keep }) => {
  it.each(WINDOWS_AT)("agree with the runs over %s at %s", async (window, now) => {
    const rows = await getDb().jobRun.findMany();
    const stats = await getJobRunStats({ scope: scope(), window, businessFilter: filter?.(), now: new Date(now) });
    const inWindow = rows.filter((run) => keep(run) && run.createdAt.getTime() >= Date.parse(now) - STATS_WINDOWS[window]);

    expect(stats.total).toBe(inWindow.length);
    for (const status of RUN_STATUSES) expect(stats.byStatus[status], status).toBe(inWindow.filter((run) => run.status === status).length);
    expectPercentilesNear(stats.durationMs, durations(inWindow), "all types");
    expect(stats.byJobType.map((row) => row.jobType).sort()).toEqual([...new Set(inWindow.map((run) => run.jobType))].sort());
    for (const row of stats.byJobType) {
      const ofType = inWindow.filter((run) => run.jobType === row.jobType);
      for (const status of RUN_STATUSES) expect(row.byStatus[status], `${row.jobType} ${status}`).toBe(ofType.filter((run) => run.status === status).length);
      expectPercentilesNear(row.durationMs, durations(ofType), row.jobType);
    }
    const { bucketMs, points } = stats.series;
    for (const point of points) {
      const start = new Date(point.start).getTime();
      const inBucket = rows.filter((run) => keep(run) && run.createdAt.getTime() >= start && run.createdAt.getTime() < start + bucketMs);
      for (const status of RUN_STATUSES) expect(point.byStatus[status], `${point.start} ${status}`).toBe(inBucket.filter((run) => run.status === status).length);
    }
  });
});

describe("the daily rollups", () => {
  type Counts = Record<string, number | Record<string, number>>;
  const num = (value: unknown) => Number(value ?? 0);
  const histogram = (value: unknown): Record<string, number> =>
    Object.fromEntries(
      Object.entries((typeof value === "string" ? JSON.parse(value) : value) as Record<string, unknown>)
        .map(([bucket, n]) => [bucket, num(n)] as const)
        .filter(([, n]) => n !== 0)
        .sort(([a], [b]) => Number(a) - Number(b)),
    );
  const add = (into: Map<string, Counts>, key: string, counts: Counts) => {
    const total = into.get(key) ?? {};
    for (const [name, value] of Object.entries(counts)) {
      if (typeof value === "number") {
        total[name] = num(total[name]) + value;
        continue;
      }
      const sum = { ...(total[name] as Record<string, number> | undefined) };
      for (const [bucket, n] of Object.entries(value)) sum[bucket] = (sum[bucket] ?? 0) + n;
      total[name] = histogram(sum);
    }
    into.set(key, total);
  };
  // A row whose runs have all left it stays behind with zeros, in the hours as in the days.
  const nonZero = (rows: Map<string, Counts>) =>
    new Map([...rows].filter(([, counts]) => Object.values(counts).some((value) => (typeof value === "number" ? value !== 0 : Object.keys(value).length > 0))));
  const read = <T>(statement: Prisma.Sql) => queryScoped<T>(ALL_BUSINESSES, () => statement);

  it("are their hours summed: a business's by day and by 7-day period, all businesses' by day and shard", async () => {
    const { epochMs } = sqlDialect();
    const day = 24 * HOUR;
    const hours = await read<Record<string, unknown>>(Prisma.sql`SELECT *, ${epochMs(Prisma.raw("hour_start"))} AS at FROM job_run_hourly_stats`);
    const wantPeriods = new Map<string, Counts>();
    for (const row of hours) {
      for (const days of [1, 7]) {
        const start = num(row.at) - (num(row.at) % (days * day));
        add(wantPeriods, `${row.business_id} ${days} ${start}`, { finished: num(row.succeeded) + num(row.failed) + num(row.cancelled), failed: num(row.failed) });
      }
    }
    const periods = await read<Record<string, unknown>>(Prisma.sql`SELECT *, ${epochMs(Prisma.raw("period_start"))} AS at FROM job_run_period_counts`);
    const gotPeriods = new Map<string, Counts>();
    for (const row of periods) add(gotPeriods, `${row.business_id} ${num(row.period_days)} ${num(row.at)}`, { finished: num(row.finished), failed: num(row.failed) });
    expect(wantPeriods.size).toBeGreaterThan(0);
    expect(nonZero(gotPeriods)).toEqual(nonZero(wantPeriods));

    const stats = (row: Record<string, unknown>): Counts => ({
      succeeded: num(row.succeeded),
      failed: num(row.failed),
      cancelled: num(row.cancelled),
      durationCount: num(row.duration_count),
      durationSumMs: num(row.duration_sum_ms),
      histogram: histogram(row.duration_histogram),
    });
    const wantDays = new Map<string, Counts>();
    for (const row of await read<Record<string, unknown>>(Prisma.sql`SELECT *, ${epochMs(Prisma.raw("hour_start"))} AS at FROM job_run_hourly_stats_all`)) {
      add(wantDays, `${row.job_type} ${num(row.at) - (num(row.at) % day)} ${num(row.shard)}`, stats(row));
    }
    const gotDays = new Map<string, Counts>();
    for (const row of await read<Record<string, unknown>>(Prisma.sql`SELECT *, ${epochMs(Prisma.raw("day_start"))} AS at FROM job_run_daily_stats_all`)) {
      add(gotDays, `${row.job_type} ${num(row.at)} ${num(row.shard)}`, stats(row));
    }
    expect(wantDays.size).toBeGreaterThan(0);
    expect(nonZero(gotDays)).toEqual(nonZero(wantDays));
  });
});

describe("job types seen in the rollups", () => {
  it("are the types with finished runs, of every business or of one", async () => {
    const rows = await getDb().jobRun.findMany();
    const finishedTypes = (keep: (run: JobRun) => boolean) =>
      [...new Set(rows.filter((run) => keep(run) && ["succeeded", "failed", "cancelled"].includes(run.status)).map((run) => run.jobType))].sort();
    expect(await listFinishedJobTypes({ scope: ALL_BUSINESSES })).toEqual(finishedTypes(() => true));
    const own = businessIds[0]!;
    expect(await listFinishedJobTypes({ scope: businessScope(own) })).toEqual(finishedTypes((run) => run.businessId === own));
  });
});

describe.runIf(testDatabaseProvider() === "postgresql")("row-level security on the rollups", () => {
  it.each([
    ["job_run_hourly_stats", "job_run_hourly_stats_all"],
    ["job_run_period_counts", "job_run_daily_stats_all"],
  ])("shows a business its own rows of %s and none of %s", async (perBusiness, allBusinesses) => {
    const own = businessIds[0]!;
    const read = (table: string) =>
      queryScoped<{ business_id?: string }>(businessScope(own), () => Prisma.sql`SELECT * FROM ${Prisma.raw(table)}`);
    const rows = await read(perBusiness);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.business_id))).toEqual(new Set([own]));
    expect(await read(allBusinesses)).toEqual([]);
  });

  it("refuses a business's own writes to the rollups: only the triggers keep them", async () => {
    const own = businessIds[0]!;
    const write = (statement: Prisma.Sql) => inAccess({ kind: "business", businessId: own }, () => getDb().$executeRaw(statement));
    await expect(
      write(Prisma.sql`INSERT INTO job_run_hourly_stats (business_id, job_type, hour_start, succeeded, duration_histogram)
        VALUES (${own}, 'forged', now(), 1000, '{}')`),
    ).rejects.toThrow(/row-level security/);
    await expect(
      write(Prisma.sql`INSERT INTO job_run_hourly_stats_all (job_type, hour_start, shard, succeeded, duration_histogram)
        VALUES ('forged', now(), 0, 1000, '{}')`),
    ).rejects.toThrow(/row-level security/);
    expect(await write(Prisma.sql`UPDATE job_run_hourly_stats SET succeeded = succeeded + 1000 WHERE business_id = ${own}`)).toBe(0);
    await expect(
      write(Prisma.sql`INSERT INTO job_run_period_counts (business_id, period_days, period_start, finished)
        VALUES (${own}, 1, now(), 1000)`),
    ).rejects.toThrow(/row-level security/);
    await expect(
      write(Prisma.sql`INSERT INTO job_run_daily_stats_all (job_type, day_start, shard, succeeded, duration_histogram)
        VALUES ('forged', now(), 0, 1000, '{}')`),
    ).rejects.toThrow(/row-level security/);
    expect(await write(Prisma.sql`UPDATE job_run_period_counts SET finished = finished + 1000 WHERE business_id = ${own}`)).toBe(0);
  });
});
