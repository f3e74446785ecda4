import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { createBusiness, queueRun } from "../../test-support/fixtures";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { testNoop, testSystemNoop } from "../../test-support/test-jobs";
import type { JobDefinition } from "./define-job";
import { enqueueJob } from "./enqueue";

useTempDatabase();

async function tagRows(runId: string) {
  const rows = await getDb().jobRunTag.findMany({ where: { runId }, select: { businessId: true, tag: true }, orderBy: { tag: "asc" } });
  return rows.map((row) => `${row.businessId ?? "none"}:${row.tag}`);
}

describe("a run's tag rows", () => {
  it("are written with the run, once per tag, with the run's business", async () => {
    const business = await createBusiness();
    const tenant = await enqueueJob({ job: testNoop as JobDefinition, businessId: business.id, params: {}, triggerSource: "api", tags: ["b", "a", "b"] });
    const system = await enqueueJob({ job: testSystemNoop as JobDefinition, businessId: null, params: {}, triggerSource: "api", tags: ["nightly"] });
    const untagged = await enqueueJob({ job: testNoop as JobDefinition, businessId: business.id, params: {}, triggerSource: "api" });

    expect(await tagRows(tenant.id)).toEqual([`${business.id}:a`, `${business.id}:b`]);
    expect(await tagRows(system.id)).toEqual(["none:nightly"]);
    expect(await tagRows(untagged.id)).toEqual([]);
  });

  it("follow the run when it gets a business or new tags, and go when it is deleted", async () => {
    const business = await createBusiness();
    const orphan = await queueRun({ businessId: null, scope: "tenant", jobType: "legacy-import" });
    await getDb().jobRun.update({ where: { id: orphan.id }, data: { tags: ",x,y," } });
    expect(await tagRows(orphan.id)).toEqual(["none:x", "none:y"]);

    await getDb().jobRun.updateMany({ where: { id: orphan.id }, data: { businessId: business.id } });
    expect(await tagRows(orphan.id)).toEqual([`${business.id}:x`, `${business.id}:y`]);

    await getDb().jobRun.update({ where: { id: orphan.id }, data: { tags: ",y,z," } });
    expect(await tagRows(orphan.id)).toEqual([`${business.id}:y`, `${business.id}:z`]);

    await getDb().jobRun.update({ where: { id: orphan.id }, data: { tags: "" } });
    expect(await tagRows(orphan.id)).toEqual([]);

    await getDb().jobRun.update({ where: { id: orphan.id }, data: { tags: ",y," } });
    await getDb().jobRun.delete({ where: { id: orphan.id } });
    expect(await getDb().jobRunTag.count({ where: { runId: orphan.id } })).toBe(0);
  });

  it("leave every job type a run was created with among the types seen, registered or not", async () => {
    const business = await createBusiness();
    await queueRun({ businessId: business.id, jobType: "retired-type" });
    await queueRun({ businessId: business.id, jobType: "retired-type" });

    const seen = (await getDb().jobTypeSeen.findMany()).map((row) => row.jobType);
    expect(seen).toContain("retired-type");
    expect(seen.filter((type) => type === "retired-type")).toHaveLength(1);
  });
});
