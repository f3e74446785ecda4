import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { RunQueue } from "../worker/claim";
import { startRun } from "../worker/execute-run";
import { LeaseKeeper } from "../worker/lease-keeper";
import { executeNow } from "../../test-support/execute-now";
import { createBusiness } from "../../test-support/fixtures";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { testRegistry } from "../../test-support/test-jobs";
import { tickScheduler } from "./tick";

useTempDatabase();
const jobs = testRegistry();

async function executeQueuedRun(runId: string) {
  const queue = new RunQueue();
  const run = await queue.claimById({ runId, workerId: "test" });
  if (!run) throw new Error(`run ${runId} is not runnable`);
  return startRun({ run, queue, leases: new LeaseKeeper(queue, 1_000), jobs }).settled;
}

describe("scheduled fan-out", () => {
  it("creates one fan-out per slot and one run per active business, even when ticks and fan-outs repeat", async () => {
    const acme = await createBusiness({ name: "Acme" });
    const birch = await createBusiness({ name: "Birch" });
    const suspended = await createBusiness({ name: "Closed", status: "suspended" });
    const now = new Date("2026-11-23T10:17:00.000Z");

    // Two schedulers ticking at the same moment (and a third a bit later in the same slot).
    const ticks = await Promise.all([tickScheduler({ now }), tickScheduler({ now })]);
    const later = await tickScheduler({ now: new Date("2026-11-23T10:45:00.000Z") });
    for (const result of [...ticks.flat(), ...later]) expect(result.fanOutRunId).toBeTruthy();
    const exportFanOuts = await getDb().jobRun.findMany({ where: { jobType: "schedule-fan-out", params: { equals: { schedule: "export-report-daily", slot: "2026-11-23T03:00:00.000Z", jobType: "export-report", params: { days: 1 } } } } });
    expect(exportFanOuts).toHaveLength(1);
    const fanOut = exportFanOuts[0]!;
    expect(fanOut).toMatchObject({ scope: "system", businessId: null, triggerSource: "schedule", dedupeKey: "system:schedule-fan-out:export-report-daily:2026-11-23T03:00:00.000Z" });
    expect([...ticks.flat(), ...later].filter((result) => result.schedule === "export-report-daily" && result.created)).toHaveLength(1);

    expect(await executeQueuedRun(fanOut.id)).toMatchObject({ status: "succeeded", result: { created: 2, existing: 0 } });
    // The same slot fanned out again (a retried or duplicated parent) finds the children already there.
    const duplicate = await executeNow({ jobs, jobType: "schedule-fan-out", businessId: null, params: { schedule: "export-report-daily", slot: "2026-11-23T03:00:00.000Z", jobType: "export-report", params: { days: 1 } } });
    expect(duplicate.outcome).toMatchObject({ status: "succeeded", result: { created: 0, existing: 2 } });

    const children = await getDb().jobRun.findMany({ where: { jobType: "export-report" } });
    expect(children.map((child) => child.businessId).sort()).toEqual([acme.id, birch.id].sort());
    expect(children.some((child) => child.businessId === suspended.id)).toBe(false);
    for (const child of children) {
      expect(child).toMatchObject({
        parentRunId: fanOut.id,
        triggerSource: "schedule",
        scope: "tenant",
        status: "queued",
        params: { days: 1, format: "csv" },
        dedupeKey: `${child.businessId}:schedule:export-report-daily:2026-11-23T03:00:00.000Z`,
      });
    }
  });

  it("gives a system schedule one system run per slot", async () => {
    const now = new Date("2026-11-29T05:00:00.000Z");
    const [result] = (await tickScheduler({ now })).filter((entry) => entry.schedule === "vacuum-database-weekly");
    expect(result?.slot).toBe("2026-11-29T04:30:00.000Z");
    await executeQueuedRun(result!.fanOutRunId);
    const again = await tickScheduler({ now });
    expect(again.find((entry) => entry.schedule === "vacuum-database-weekly")?.created).toBe(false);
    const systemRuns = await getDb().jobRun.findMany({ where: { jobType: "vacuum-database", dedupeKey: "system:schedule:vacuum-database-weekly:2026-11-29T04:30:00.000Z" } });
    expect(systemRuns).toHaveLength(1);
    expect(systemRuns[0]).toMatchObject({ scope: "system", businessId: null, parentRunId: result!.fanOutRunId });
  });

  it("starts a new fan-out when the next slot begins", async () => {
    const first = await tickScheduler({ now: new Date("2026-11-24T11:05:00.000Z") });
    const second = await tickScheduler({ now: new Date("2026-11-24T12:05:00.000Z") });
    const hourlyFirst = first.find((entry) => entry.schedule === "retention-cleanup-hourly")!;
    const hourlySecond = second.find((entry) => entry.schedule === "retention-cleanup-hourly")!;
    expect(hourlyFirst.created && hourlySecond.created).toBe(true);
    expect(hourlyFirst.fanOutRunId).not.toBe(hourlySecond.fanOutRunId);
    expect(second.find((entry) => entry.schedule === "export-report-daily")?.created).toBe(false);
  });
});

describe("a slot whose fan-out was queued with other params", () => {
  it("keeps that fan-out and still queues every other schedule's slot", async () => {
    const now = new Date("2026-12-15T10:17:00.000Z");
    const slot = "2026-12-15T03:00:00.000Z";
    // The fan-out as an earlier version queued it, with only the schedule and the slot.
    const earlier = await getDb().jobRun.create({
      data: {
        jobType: "schedule-fan-out",
        scope: "system",
        businessId: null,
        params: { schedule: "export-report-daily", slot },
        dedupeKey: `system:schedule-fan-out:export-report-daily:${slot}`,
        triggerSource: "schedule",
      },
    });
    const results = await tickScheduler({ now });
    expect(results.find((result) => result.schedule === "export-report-daily")).toMatchObject({ fanOutRunId: earlier.id, created: false });
    expect(results.filter((result) => result.schedule !== "export-report-daily").every((result) => result.created)).toBe(true);
  });
});
