import { describe, expect, it } from "vitest";
import { ALL_BUSINESSES, businessScope } from "../tenancy/scope";
import { RunQueue } from "../worker/claim";
import { createBusiness, queueRun } from "../../test-support/fixtures";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { getJobRunDetail } from "./detail-service";
import { listJobRuns } from "./list-service";

useTempDatabase();

const WORKER = "build-host-7:4242:abcd";

describe("worker ids", () => {
  it("are shown to system admins only, in lists and in a run's detail", async () => {
    const business = await createBusiness();
    const queued = await queueRun({ businessId: business.id, jobType: "sync-calendar", params: { calendar: "x" } });
    expect(await new RunQueue().claimById({ runId: queued.id, workerId: WORKER })).toBeTruthy();

    const tenant = businessScope(business.id);
    const memberDetail = await getJobRunDetail({ scope: tenant, id: queued.id });
    const memberList = await listJobRuns({ scope: tenant, filters: {}, limit: 10 });
    expect(memberDetail.run.lockedBy).toBeNull();
    expect(memberDetail.attempts.map((attempt) => attempt.workerId)).toEqual([null]);
    expect(memberList.runs.map((run) => run.lockedBy)).toEqual([null]);
    expect(JSON.stringify([memberDetail, memberList])).not.toContain("build-host-7");

    const adminDetail = await getJobRunDetail({ scope: ALL_BUSINESSES, id: queued.id });
    const adminList = await listJobRuns({ scope: ALL_BUSINESSES, filters: { businessId: business.id }, limit: 10 });
    expect(adminDetail.run.lockedBy).toBe(WORKER);
    expect(adminDetail.attempts.map((attempt) => attempt.workerId)).toEqual([WORKER]);
    expect(adminList.runs.map((run) => run.lockedBy)).toEqual([WORKER]);
  });
});
