import { describe, expect, it } from "vitest";
import { getDb } from "../db";
import { createBusiness, queueRun } from "../../test-support/fixtures";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { ALL_BUSINESSES, businessScope } from "../tenancy/scope";
import { listActiveJobRuns, TOTAL_COUNT_CAP } from "./list-service";

useTempDatabase();

const minutesAgo = (minutes: number) => new Date(Date.UTC(2026, 10, 30, 12) - minutes * 60_000);

describe("the active runs list", () => {
  it("shows running runs first, then the queued ones by due time, a page of 100 with the full count", async () => {
    const acme = await createBusiness({ name: "Acme" });
    const birch = await createBusiness({ name: "Birch" });
    const queued = [];
    for (let index = 0; index < 110; index++) {
      queued.push(await queueRun({ businessId: acme.id, jobType: "sync-calendar", runAt: minutesAgo(index) }));
    }
    const running = [];
    for (const minutes of [5, 50]) {
      const run = await queueRun({ businessId: acme.id, jobType: "sync-calendar", runAt: minutesAgo(minutes) });
      await getDb().jobRun.update({ where: { id: run.id }, data: { status: "running" } });
      running.push(run);
    }
    await getDb().jobRun.update({ where: { id: queued[0]!.id }, data: { status: "succeeded" } });
    const birchRun = await queueRun({ businessId: birch.id, jobType: "sync-calendar", runAt: minutesAgo(500) });

    const { runs, total } = await listActiveJobRuns({ scope: businessScope(acme.id) });
    expect(total).toEqual({ count: 111, atLeast: false });
    expect(runs).toHaveLength(100);
    expect(runs.slice(0, 2).map((run) => run.id)).toEqual([running[1]!.id, running[0]!.id]);
    const oldestQueuedFirst = queued.slice(1).reverse().slice(0, 98).map((run) => run.id);
    expect(runs.slice(2).map((run) => run.id)).toEqual(oldestQueuedFirst);
    expect(runs.map((run) => run.id)).not.toContain(birchRun.id);

    const everyone = await listActiveJobRuns({ scope: ALL_BUSINESSES });
    expect(everyone.total).toEqual({ count: 112, atLeast: false });
    expect(everyone.runs[2]!.id).toBe(birchRun.id);
  });

  it("counts a deep queue no further than the cap, and says so, while a business's own count stays exact", async () => {
    const deep = await createBusiness({ name: "Deep" });
    const small = await createBusiness({ name: "Small" });
    const at = minutesAgo(1);
    const rows = (businessId: string, n: number) => Array.from({ length: n }, () => ({ businessId, jobType: "sync-calendar", params: {}, runAt: at }));
    await getDb().jobRun.createMany({ data: [...rows(deep.id, TOTAL_COUNT_CAP + 5), ...rows(small.id, 3)] });

    expect((await listActiveJobRuns({ scope: businessScope(deep.id) })).total).toEqual({ count: TOTAL_COUNT_CAP, atLeast: true });
    expect((await listActiveJobRuns({ scope: businessScope(small.id) })).total).toEqual({ count: 3, atLeast: false });
    expect((await listActiveJobRuns({ scope: ALL_BUSINESSES, businessFilter: small.id })).total).toEqual({ count: 3, atLeast: false });
  });
});
