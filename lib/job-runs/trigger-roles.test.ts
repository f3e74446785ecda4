import { describe, expect, it } from "vitest";
import { getDb } from "../db";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { createTriggerCallers } from "../../test-support/trigger-callers";
import { triggerJobRun } from "./trigger-service";
import { listJobTypes } from "./types-service";

useTempDatabase();

describe("who may trigger which job type", () => {
  it("refuses retention-cleanup to a plain member with 403 and queues nothing", async () => {
    const { business, member } = await createTriggerCallers();
    const attempt = triggerJobRun({ ...member, input: { jobType: "retention-cleanup", params: { runRetentionDays: 1 } } });
    await expect(attempt).rejects.toMatchObject({ code: "forbidden", status: 403 });
    expect(await getDb().jobRun.count({ where: { businessId: business.id } })).toBe(0);
  });

  it("lets a business admin and a system admin queue retention-cleanup", async () => {
    const { business, admin, sysadmin } = await createTriggerCallers();
    const byAdmin = await triggerJobRun({ ...admin, input: { jobType: "retention-cleanup", params: {} } });
    const bySysadmin = await triggerJobRun({ ...sysadmin, input: { jobType: "retention-cleanup", params: {}, businessId: business.id } });
    expect(byAdmin.run).toMatchObject({ businessId: business.id, jobType: "retention-cleanup" });
    expect(bySysadmin.run).toMatchObject({ businessId: business.id, jobType: "retention-cleanup" });
  });

  it("keeps system jobs to system admins", async () => {
    const { admin, sysadmin } = await createTriggerCallers();
    await expect(triggerJobRun({ ...admin, input: { jobType: "vacuum-database", params: {} } })).rejects.toMatchObject({ code: "forbidden" });
    const run = await triggerJobRun({ ...sysadmin, input: { jobType: "vacuum-database", params: {} } });
    expect(run.run).toMatchObject({ businessId: null, scope: "system" });
  });

  it("lists for each role exactly the types it may trigger", async () => {
    const { member, admin, sysadmin } = await createTriggerCallers();
    const typesOf = async (access: typeof member) => (await listJobTypes(access)).registered.map((type) => type.type).sort();
    expect(await typesOf(member)).toEqual(["export-report", "send-appointment-reminders", "sync-calendar"]);
    expect(await typesOf(admin)).toEqual(["export-report", "retention-cleanup", "send-appointment-reminders", "sync-calendar"]);
    expect(await typesOf(sysadmin)).toEqual(
      ["export-report", "retention-cleanup", "schedule-fan-out", "send-appointment-reminders", "sync-calendar", "vacuum-database"],
    );
  });
});
