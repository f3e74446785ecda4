import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db";
import type { JobRun } from "../db/generated/sqlite/client";
import { seedDemo } from "../demo-data/seed-demo";
import { expectPercentilesNear } from "../../test-support/duration-percentiles";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { ALL_BUSINESSES, businessScope, type Scope } from "../tenancy/scope";
import { RUN_STATUSES, STATS_WINDOWS, type JobRunFilters, type StatsWindow } from "./schemas";
import { getJobRunStats } from "./stats-service";
import { listJobRuns } from "./list-service";

/** The services' SQL against a brute-force computation over the very same seeded rows. */

const NOW = Date.UTC(2026, 10, 23, 15, 30);
useTempDatabase();
let rows: JobRun[];
let acmeId: string;
let birchId: string;

beforeAll(async () => {
  await seedDemo(getDb(), { now: NOW });
  rows = await getDb().jobRun.findMany();
  acmeId = (await getDb().business.findUniqueOrThrow({ where: { slug: "acme" } })).id;
  birchId = (await getDb().business.findUniqueOrThrow({ where: { slug: "birch" } })).id;
});

type Case = { label: string; scope: () => Scope; filter?: () => string; keep: (run: JobRun) => boolean };

const CASES: Case[] = [
  { label: "Acme member", scope: () => businessScope(acmeId), keep: (run) => run.businessId === acmeId },
  { label: "Birch admin", scope: () => businessScope(birchId), keep: (run) => run.businessId === birchId },
  { label: "system admin, all", scope: () => ALL_BUSINESSES, keep: () => true },
  { label: "system admin, Birch", scope: () => ALL_BUSINESSES, filter: () => birchId, keep: (run) => run.businessId === birchId },
  { label: "system admin, system runs", scope: () => ALL_BUSINESSES, filter: () => "system", keep: (run) => run.businessId === null && run.scope === "system" },
  { label: "system admin, orphans", scope: () => ALL_BUSINESSES, filter: () => "orphan", keep: (run) => run.businessId === null && run.scope === "tenant" },
];

function durations(runs: JobRun[]): number[] {
  return runs
    .filter((run) => (run.status === "succeeded" || run.status === "failed") && run.startedAt && run.finishedAt)
    .map((run) => run.finishedAt!.getTime() - run.startedAt!.getTime());
}

describe.each(CASES)("stats for $label", ({ scope, filter, keep }) => {
  it.each(Object.keys(STATS_WINDOWS) as StatsWindow[])("agree with a brute-force count over %s", async (window) => {
    const stats = await getJobRunStats({ scope: scope(), window, businessFilter: filter?.(), now: new Date(NOW) });
    const since = NOW - STATS_WINDOWS[window];
    const inWindow = rows.filter((run) => keep(run) && run.createdAt.getTime() >= since);

    expect(stats.total).toBe(inWindow.length);
    for (const status of RUN_STATUSES) {
      expect(stats.byStatus[status], status).toBe(inWindow.filter((run) => run.status === status).length);
    }
    const succeeded = inWindow.filter((run) => run.status === "succeeded").length;
    const failed = inWindow.filter((run) => run.status === "failed").length;
    expect(stats.successRate).toBe(succeeded + failed ? succeeded / (succeeded + failed) : null);
    expectPercentilesNear(stats.durationMs, durations(inWindow));

    const types = [...new Set(inWindow.map((run) => run.jobType))].sort();
    expect(stats.byJobType.map((row) => row.jobType).sort()).toEqual(types);
    for (const row of stats.byJobType) {
      const ofType = inWindow.filter((run) => run.jobType === row.jobType);
      expect(row.total).toBe(ofType.length);
      expectPercentilesNear(row.durationMs, durations(ofType), row.jobType);
    }

    const { bucketMs, points } = stats.series;
    const seriesStart = new Date(points[0]!.start).getTime();
    for (const [index, point] of points.entries()) {
      const start = seriesStart + index * bucketMs;
      const inBucket = rows.filter((run) => keep(run) && run.createdAt.getTime() >= start && run.createdAt.getTime() < start + bucketMs);
      for (const status of RUN_STATUSES) {
        expect(point.byStatus[status], `${point.start} ${status}`).toBe(inBucket.filter((run) => run.status === status).length);
      }
    }
    // The series ends with the bucket holding "now".
    expect(seriesStart + points.length * bucketMs).toBeGreaterThan(NOW);
    expect(seriesStart + (points.length - 1) * bucketMs).toBeLessThanOrEqual(NOW);
  });
});

const LIST_FILTERS: { label: string; filters: JobRunFilters; keep: (run: JobRun) => boolean }[] = [
  { label: "no filter", filters: {}, keep: () => true },
  { label: "failed or cancelled", filters: { status: ["failed", "cancelled"] }, keep: (run) => ["failed", "cancelled"].includes(run.status) },
  { label: "one job type", filters: { jobType: "sync-calendar" }, keep: (run) => run.jobType === "sync-calendar" },
  { label: "tag", filters: { tag: ["manual"] }, keep: (run) => run.tags.split(",").includes("manual") },
  {
    label: "date range",
    filters: { from: new Date(NOW - 10 * 86400_000), to: new Date(NOW - 3 * 86400_000) },
    keep: (run) => run.createdAt.getTime() >= NOW - 10 * 86400_000 && run.createdAt.getTime() <= NOW - 3 * 86400_000,
  },
  { label: "search on type", filters: { q: "REMINDER" }, keep: (run) => run.jobType.includes("reminder") },
  { label: "two tags", filters: { tag: ["manual", "priority"] }, keep: (run) => hasTags(run, "manual", "priority") },
  { label: "two tags never together", filters: { tag: ["nightly", "manual"] }, keep: (run) => hasTags(run, "nightly", "manual") },
  { label: "search on a run id prefix", filters: { q: "4" }, keep: (run) => searchMatches(run, "4") },
  { label: "search on type or id prefix", filters: { q: "B" }, keep: (run) => searchMatches(run, "B") },
  { label: "search with a tag", filters: { q: "c", tag: ["nightly"] }, keep: (run) => searchMatches(run, "c") && hasTags(run, "nightly") },
  { label: "search matching nothing", filters: { q: "zz%" }, keep: () => false },
];

function hasTags(run: JobRun, ...tags: string[]): boolean {
  return tags.every((tag) => run.tags.split(",").includes(tag));
}

/** A search matches a job type containing it or a run id starting with it, ignoring case. */
function searchMatches(run: JobRun, q: string): boolean {
  return run.jobType.toLowerCase().includes(q.toLowerCase()) || run.id.startsWith(q.toLowerCase());
}

it("lists filters that each select some runs but not all, but for the one that selects none", () => {
  for (const { label, keep } of LIST_FILTERS.slice(1)) {
    const matching = rows.filter(keep).length;
    if (label === "search matching nothing" || label === "two tags never together") expect(matching, label).toBe(0);
    else expect(matching, label).toBeGreaterThan(0);
    expect(matching, label).toBeLessThan(rows.length);
  }
  // Both search paths contribute to the union: some runs match only by type, some only by id.
  expect(rows.some((run) => run.id.startsWith("b") && !run.jobType.includes("b"))).toBe(true);
  expect(rows.some((run) => !run.id.startsWith("b") && run.jobType.includes("b"))).toBe(true);
});

describe.each(CASES)("listing for $label", ({ scope, filter, keep }) => {
  const ORDERS = LIST_FILTERS.flatMap((list) => (["newest", "oldest"] as const).map((order) => ({ ...list, order })));

  it.each(ORDERS)("pages through exactly the matching runs, $order first, with their total ($label)", async ({ filters, keep: match, order }) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let total: { count: number; atLeast: boolean } | undefined;
    do {
      const page = await listJobRuns({ scope: scope(), filters: { ...filters, businessId: filter?.() }, cursor, limit: 37, order });
      if (!cursor) total = page.total;
      else expect(page.total).toBeUndefined();
      seen.push(...page.runs.map((run) => run.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const newestFirst = rows
      .filter((run) => keep(run) && match(run))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((run) => run.id);
    expect(seen).toEqual(order === "newest" ? newestFirst : [...newestFirst].reverse());
    expect(total).toEqual({ count: newestFirst.length, atLeast: false });
  });
});
