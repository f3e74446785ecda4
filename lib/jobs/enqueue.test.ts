import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { createBusiness } from "../../test-support/fixtures";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { testNoop, testSystemNoop } from "../../test-support/test-jobs";
import type { JobDefinition } from "./define-job";
import { enqueueJob } from "./enqueue";
import { FailClosedError, PermanentJobError } from "./errors";

useTempDatabase();
const tenantJob = testNoop as JobDefinition;
const systemJob = testSystemNoop as JobDefinition;

describe("enqueueJob", () => {
  it("refuses a tenant job without a business before writing anything", async () => {
    const before = await getDb().jobRun.count();
    await expect(enqueueJob({ job: tenantJob, businessId: null, params: {}, triggerSource: "api" })).rejects.toThrow(FailClosedError);
    await expect(enqueueJob({ job: tenantJob, businessId: null, params: {}, triggerSource: "api" })).rejects.toThrow(/tenant job and needs a business id/);
    expect(await getDb().jobRun.count()).toBe(before);
  });

  it("refuses unknown and suspended businesses, and a business for a system job", async () => {
    const suspended = await createBusiness({ status: "suspended" });
    const active = await createBusiness();
    await expect(enqueueJob({ job: tenantJob, businessId: "no-such-business", params: {}, triggerSource: "api" })).rejects.toThrow(/does not exist/);
    await expect(enqueueJob({ job: tenantJob, businessId: suspended.id, params: {}, triggerSource: "api" })).rejects.toThrow(/suspended/);
    await expect(enqueueJob({ job: systemJob, businessId: active.id, params: {}, triggerSource: "api" })).rejects.toThrow(/system job/);
    await expect(enqueueJob({ job: tenantJob, businessId: active.id, params: { extra: 1 }, triggerSource: "api" })).rejects.toThrow(PermanentJobError);
  });

  it("stores the standard payload and deduplicates by business and key", async () => {
    const business = await createBusiness();
    const other = await createBusiness();
    const first = await enqueueJob({ job: tenantJob, businessId: business.id, actorUserId: null, params: {}, idempotencyKey: "k1", triggerSource: "api" });
    const again = await enqueueJob({ job: tenantJob, businessId: business.id, params: {}, idempotencyKey: "k1", triggerSource: "api" });
    const elsewhere = await enqueueJob({ job: tenantJob, businessId: other.id, params: {}, idempotencyKey: "k1", triggerSource: "api" });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ id: first.id, businessId: business.id, created: false, row: { id: first.id } });
    expect(elsewhere.created).toBe(true);
    const row = await getDb().jobRun.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ businessId: business.id, jobType: "test-noop", idempotencyKey: "k1", dedupeKey: `${business.id}:user:k1`, status: "queued", scope: "tenant" });
    expect(row.createdAt).toBeInstanceOf(Date);
  });

  it("creates one run when the same key is queued concurrently", async () => {
    const business = await createBusiness();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => enqueueJob({ job: tenantJob, businessId: business.id, params: {}, idempotencyKey: "race", triggerSource: "schedule" })),
    );
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
  });
});
