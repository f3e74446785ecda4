import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { ALL_BUSINESSES, businessScope, scopedDb } from "../tenancy";
import { actorFor, createBusiness, createUser, queueRun, readRun } from "../../test-support/fixtures";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { bulkChangeJobRuns, type BulkResult } from "./bulk-service";
import { BULK_LIMIT, JobRunBulkRequest } from "./schemas";

useTempDatabase();
const db = () => scopedDb(ALL_BUSINESSES);
const MISSING_ID = "00000000-0000-4000-8000-000000000000";

async function runIn(businessId: string, status: string, jobType = "bulk-test") {
  const run = await queueRun({ businessId, jobType });
  if (status !== "queued") {
    await db().jobRun.update({ where: { id: run.id }, data: { status, attempt: 1, startedAt: new Date(), finishedAt: status === "running" ? null : new Date() } });
  }
  return run.id;
}

async function adminOf() {
  const business = await createBusiness();
  const admin = await createUser({ memberships: [{ businessId: business.id, role: "admin" }] });
  return { business, actor: actorFor(admin, business.id), scope: businessScope(business.id) };
}

const parse = (body: unknown) => JobRunBulkRequest.parse(body);
const auditsOf = (ids: string[]) => db().auditEvent.findMany({ where: { targetId: { in: ids } } });

describe("bulk cancel and retry", () => {
  it("cancels the eligible runs named by id, skips the rest and cannot tell another business's run from a missing one", async () => {
    const { actor, scope } = await adminOf();
    const other = await createBusiness();
    const businessId = scope.kind === "business" ? scope.businessId : "";
    const queued = await runIn(businessId, "queued");
    const running = await runIn(businessId, "running");
    const succeeded = await runIn(businessId, "succeeded");
    const foreign = await runIn(other.id, "queued");

    const result = (await bulkChangeJobRuns({
      scope,
      actor,
      input: parse({ action: "cancel", ids: [queued, running, succeeded, foreign, MISSING_ID, queued] }),
    })) as BulkResult;

    expect(result.results).toEqual([
      { id: queued, outcome: "done", status: "cancelled" },
      { id: running, outcome: "done", status: "cancelled" },
      { id: succeeded, outcome: "skipped", status: "succeeded" },
      { id: foreign, outcome: "not_found" },
      { id: MISSING_ID, outcome: "not_found" },
    ]);
    expect(result.counts).toEqual({ done: 2, skipped: 1, notFound: 2 });
    expect((await readRun(queued)).status).toBe("cancelled");
    expect((await readRun(running)).status).toBe("cancelled");
    expect((await readRun(succeeded)).status).toBe("succeeded");
    expect((await readRun(foreign)).status).toBe("queued");

    const audits = await auditsOf([queued, running, succeeded, foreign]);
    expect(audits.map((audit) => [audit.targetId, audit.action, audit.actorUserId]).sort()).toEqual(
      [
        [queued, "run.cancelled", actor.userId],
        [running, "run.cancelled", actor.userId],
      ].sort(),
    );
  });

  it("retries every failed run a filter matches, granting one more attempt, and leaves other runs alone", async () => {
    const { actor, scope, business } = await adminOf();
    const failedA = await runIn(business.id, "failed", "bulk-retry");
    const failedB = await runIn(business.id, "failed", "bulk-retry");
    await db().jobRun.update({ where: { id: failedB }, data: { attempt: 3, maxAttempts: 3 } });
    const otherType = await runIn(business.id, "failed", "bulk-other");

    const result = (await bulkChangeJobRuns({
      scope,
      actor,
      input: parse({ action: "retry", filter: { status: "failed", jobType: "bulk-retry" } }),
    })) as BulkResult;

    expect(result.results.map((item) => item.id).sort()).toEqual([failedA, failedB].sort());
    expect(result.counts).toEqual({ done: 2, skipped: 0, notFound: 0 });
    const retried = await readRun(failedB);
    expect(retried.status).toBe("queued");
    expect(retried.maxAttempts).toBe(4);
    expect((await readRun(otherType)).status).toBe("failed");
    expect(await auditsOf([failedA, failedB])).toHaveLength(2);
  });

  it("lets a system admin act across businesses", async () => {
    const [a, b] = [await createBusiness(), await createBusiness()];
    const sysadmin = await createUser({ isSystemAdmin: true });
    const ids = [await runIn(a.id, "cancelled"), await runIn(b.id, "failed")];
    const result = (await bulkChangeJobRuns({ scope: ALL_BUSINESSES, actor: actorFor(sysadmin), input: parse({ action: "retry", ids }) })) as BulkResult;
    expect(result.counts.done).toBe(2);
    const audits = await auditsOf(ids);
    expect(audits.map((audit) => audit.businessId).sort()).toEqual([a.id, b.id].sort());
  });

  it("refuses a filter naming another business in a business scope", async () => {
    const { actor, scope } = await adminOf();
    const other = await createBusiness();
    await expect(bulkChangeJobRuns({ scope, actor, input: parse({ action: "cancel", filter: { businessId: other.id } }) })).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it(`refuses more than ${BULK_LIMIT} ids before reading anything`, () => {
    const ids = Array.from({ length: BULK_LIMIT + 1 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`);
    const parsed = JobRunBulkRequest.safeParse({ action: "cancel", ids });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("at most 1,000 runs can be changed in one request");
    expect(JobRunBulkRequest.safeParse({ action: "cancel", ids: ids.slice(0, BULK_LIMIT) }).success).toBe(true);
  });

  it("refuses names by both ids and filter, or by neither", () => {
    expect(JobRunBulkRequest.safeParse({ action: "cancel" }).success).toBe(false);
    expect(JobRunBulkRequest.safeParse({ action: "cancel", ids: [MISSING_ID], filter: {} }).success).toBe(false);
    expect(JobRunBulkRequest.safeParse({ action: "delete", ids: [MISSING_ID] }).success).toBe(false);
  });

  it(`refuses a filter matching more than ${BULK_LIMIT} runs with the count, and changes none of them`, async () => {
    const { actor, scope, business } = await adminOf();
    await db().jobRun.createMany({
      data: Array.from({ length: BULK_LIMIT + 1 }, () => ({
        businessId: business.id,
        scope: "tenant",
        jobType: "bulk-many",
        params: {},
        triggerSource: "api",
      })),
    });

    const attempt = bulkChangeJobRuns({ scope, actor, input: parse({ action: "cancel", filter: { jobType: "bulk-many" } }) });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      code: "bad_request",
      message: "The filter matches 1,001 runs; at most 1,000 can be changed in one request. Narrow the filter and try again.",
    });
    expect(await db().jobRun.count({ where: { businessId: business.id, status: "queued" } })).toBe(BULK_LIMIT + 1);
    expect(await db().auditEvent.count({ where: { businessId: business.id } })).toBe(0);

    const preview = await bulkChangeJobRuns({ scope, actor, input: parse({ action: "cancel", dryRun: true, filter: { jobType: "bulk-many" } }) });
    expect(preview).toEqual({ action: "cancel", dryRun: true, matched: BULK_LIMIT + 1, eligible: BULK_LIMIT + 1, limit: BULK_LIMIT });
  });

  it("previews without changing anything", async () => {
    const { actor, scope, business } = await adminOf();
    const ids = [await runIn(business.id, "failed"), await runIn(business.id, "succeeded"), await runIn(business.id, "queued")];
    const byIds = await bulkChangeJobRuns({ scope, actor, input: parse({ action: "retry", dryRun: true, ids: [...ids, MISSING_ID] }) });
    expect(byIds).toEqual({ action: "retry", dryRun: true, matched: 3, eligible: 1, limit: BULK_LIMIT });
    const byFilter = await bulkChangeJobRuns({ scope, actor, input: parse({ action: "retry", dryRun: true, filter: { status: "failed,succeeded" } }) });
    expect(byFilter).toMatchObject({ matched: 2, eligible: 1 });
    expect((await readRun(ids[0]!)).status).toBe("failed");
    expect(await auditsOf(ids)).toHaveLength(0);
  });
});
