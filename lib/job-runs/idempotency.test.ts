import { describe, expect, it } from "vitest";
import { getDb } from "../db";
import { jobRegistry } from "../jobs/registry";
import { scheduledRunKey } from "../jobs/handlers/schedule-fan-out";
import { executeNow } from "../../test-support/execute-now";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { createTriggerCallers } from "../../test-support/trigger-callers";
import { triggerJobRun } from "./trigger-service";

useTempDatabase();

describe("idempotency keys", () => {
  it("cannot pre-empt a scheduled run: user keys and the scheduler's live apart", async () => {
    const { business, admin } = await createTriggerCallers();
    const slot = new Date("2026-11-30T10:00:00.000Z");
    const idempotencyKey = scheduledRunKey({ schedule: "retention-cleanup-hourly", slot });
    const byUser = await triggerJobRun({ ...admin, input: { jobType: "retention-cleanup", params: {}, idempotencyKey } });
    expect(byUser.created).toBe(true);

    const fanOut = await executeNow({
      jobs: jobRegistry,
      jobType: "schedule-fan-out",
      businessId: null,
      params: { schedule: "retention-cleanup-hourly", slot: slot.toISOString(), jobType: "retention-cleanup", params: {} },
    });
    expect(fanOut.outcome).toMatchObject({ status: "succeeded" });
    const scheduled = await getDb().jobRun.findMany({ where: { businessId: business.id, triggerSource: "schedule" } });
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]).toMatchObject({ jobType: "retention-cleanup", parentRunId: fanOut.runId });
    expect(scheduled[0]!.id).not.toBe(byUser.run.id);
  });

  it("returns the existing run for the same key, type and params, whatever their key order", async () => {
    const { member } = await createTriggerCallers();
    const input = { jobType: "export-report", params: { from: "2026-11-01T00:00:00.000Z", to: "2026-11-02T00:00:00.000Z" }, idempotencyKey: "same" };
    const first = await triggerJobRun({ ...member, input });
    const again = await triggerJobRun({ ...member, input: { ...input, params: { to: input.params.to, from: input.params.from } } });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, run: { id: first.run.id } });
  });

  it("refuses the same key for another job type or other params with 409 idempotency_conflict", async () => {
    const { business, member } = await createTriggerCallers();
    const first = await triggerJobRun({ ...member, input: { jobType: "sync-calendar", params: { calendar: "front-desk" }, idempotencyKey: "k" } });
    const otherParams = triggerJobRun({ ...member, input: { jobType: "sync-calendar", params: { calendar: "back-office" }, idempotencyKey: "k" } });
    await expect(otherParams).rejects.toMatchObject({ code: "idempotency_conflict", status: 409 });
    const otherType = triggerJobRun({ ...member, input: { jobType: "export-report", params: {}, idempotencyKey: "k" } });
    await expect(otherType).rejects.toMatchObject({ code: "idempotency_conflict", status: 409 });
    const runs = await getDb().jobRun.findMany({ where: { businessId: business.id }, select: { id: true } });
    expect(runs).toEqual([{ id: first.run.id }]);
  });
});
