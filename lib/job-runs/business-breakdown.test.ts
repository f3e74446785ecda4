import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db";
import type { JobRun } from "../db/generated/sqlite/client";
import { seededRandom } from "../demo-data/random";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { ALL_BUSINESSES, businessScope } from "../tenancy/scope";
import { getBusinessBreakdown } from "./business-breakdown";
import { STATS_WINDOWS, type StatsWindow } from "./schemas";

/**
 * The breakdown by business against a brute-force count over random runs created in and out of
 * every window, in every status, queued ones due now and scheduled for later, several businesses,
 * system runs and orphans.
 */

const NOW = Date.UTC(2026, 10, 23, 15, 17, 23, 456);
// Windows read whole 7-day periods and days after a partial first day, or start at midnight
// (Thursday 19th: a 7-day period starts there too), or half an hour past it.
const NOWS = [NOW, Date.UTC(2026, 10, 19), Date.UTC(2026, 10, 21, 0, 30)].map((now) => new Date(now).toISOString());
const HOUR = 3600_000;
const STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"];
useTempDatabase();
let businessIds: string[];

beforeAll(async () => {
  const db = getDb();
  const random = seededRandom(20261201);
  businessIds = [];
  for (const slug of ["acme", "birch", "cedar", "dormant"]) {
    businessIds.push((await db.business.create({ data: { name: slug, slug } })).id);
  }
  const active = businessIds.slice(0, 3);
  const runs = Array.from({ length: 600 }, () => {
    const owner = random.next();
    const businessId = owner < 0.85 ? random.pick(active) : null;
    // Most across 40 days; a fifth within an hour of some window's start, the hour the rollups cannot answer.
    const edge = NOW - STATS_WINDOWS[random.pick(Object.keys(STATS_WINDOWS) as StatsWindow[])];
    const createdAt = new Date(random.next() < 0.2 ? edge + random.int(-HOUR, HOUR) : NOW - Math.floor(random.next() * 40 * 24 * HOUR));
    const status = random.pick(STATUSES);
    const runAt = status === "queued" && random.next() < 0.3 ? new Date(NOW + random.int(1, 48 * HOUR)) : new Date(createdAt.getTime() + random.int(0, 60_000));
    const finished = ["succeeded", "failed", "cancelled"].includes(status);
    return {
      id: random.uuid(),
      businessId,
      scope: businessId || owner < 0.92 ? "tenant" : "system",
      jobType: random.pick(["sync-calendar", "export-report"]),
      params: {},
      status,
      createdAt,
      runAt,
      startedAt: status === "queued" ? null : new Date(createdAt.getTime() + 1000),
      finishedAt: finished ? new Date(createdAt.getTime() + 5000) : null,
    };
  });
  await db.jobRun.createMany({ data: runs });
}, 120_000);

function expected(rows: JobRun[], window: StatsWindow, now: number) {
  const due = (run: JobRun) => run.status === "queued" && run.runAt.getTime() <= now;
  return businessIds
    .map((businessId) => {
      const own = rows.filter((run) => run.businessId === businessId);
      const inWindow = own.filter((run) => run.createdAt.getTime() >= now - STATS_WINDOWS[window]);
      const waiting = own.filter(due);
      return {
        businessId,
        runs: inWindow.length,
        failures: inWindow.filter((run) => run.status === "failed").length,
        queued: waiting.length,
        scheduled: own.filter((run) => run.status === "queued" && !due(run)).length,
        running: own.filter((run) => run.status === "running").length,
        oldestQueuedMs: waiting.length ? now - Math.min(...waiting.map((run) => run.runAt.getTime())) : null,
      };
    })
    .filter((row) => row.runs || row.queued || row.scheduled || row.running);
}

describe("the breakdown by business", () => {
  const windowsAt = (Object.keys(STATS_WINDOWS) as StatsWindow[]).flatMap((window) => NOWS.map((now) => [window, now] as const));
  it.each(windowsAt)("agrees with the runs over %s at %s", async (window, now) => {
    const rows = await getDb().jobRun.findMany();
    const breakdown = await getBusinessBreakdown({ scope: ALL_BUSINESSES, window, now: new Date(now) });
    const got = breakdown.businesses
      .map(({ name: _name, slug: _slug, ...row }) => row)
      .sort((a, b) => a.businessId.localeCompare(b.businessId));
    const want = expected(rows, window, Date.parse(now)).sort((a, b) => a.businessId.localeCompare(b.businessId));
    expect(want.length).toBe(3);
    expect(got).toEqual(want);
    expect(breakdown.businesses.map((row) => row.slug).sort()).toEqual(["acme", "birch", "cedar"]);
  });

  it("is refused to a business's own scope", async () => {
    await expect(getBusinessBreakdown({ scope: businessScope(businessIds[0]!), window: "24h" })).rejects.toMatchObject({ code: "forbidden" });
  });
});
