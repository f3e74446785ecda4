import { describe, expect, it } from "vitest";
import { getDb } from "../db";
import { ALL_BUSINESSES, businessScope } from "../tenancy/scope";
import { createBusiness, queueRun } from "../../test-support/fixtures";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { listJobRuns } from "./list-service";
import type { JobRunFilters } from "./schemas";
import { encodeTags } from "../jobs/run-tags";

useTempDatabase();

async function runWith(businessId: string, jobType: string, tags: string[] = []) {
  const run = await queueRun({ businessId, jobType });
  await getDb().jobRun.update({ where: { id: run.id }, data: { tags: encodeTags(tags) } });
  return run.id;
}

describe("text filters match literally", () => {
  it("treats %, _ and \\ in q and tag as themselves, in a business scope and across businesses", async () => {
    const business = await createBusiness();
    const ids = {
      percent: await runWith(business.id, "report%daily"),
      underscore: await runWith(business.id, "report_daily"),
      backslash: await runWith(business.id, "report\\daily"),
      plain: await runWith(business.id, "reportxdaily", ["nightly"]),
      tagged: await runWith(business.id, "sync-calendar", ["nightl_"]),
    };
    const cases: { filters: JobRunFilters; expected: string[] }[] = [
      { filters: { q: "%" }, expected: [ids.percent] },
      { filters: { q: "t%d" }, expected: [ids.percent] },
      { filters: { q: "_" }, expected: [ids.underscore] },
      { filters: { q: "t_d" }, expected: [ids.underscore] },
      { filters: { q: "\\" }, expected: [ids.backslash] },
      { filters: { q: "REPORTXDAILY" }, expected: [ids.plain] },
      { filters: { tag: ["nightl_"] }, expected: [ids.tagged] },
      { filters: { tag: ["nightly"] }, expected: [ids.plain] },
      { filters: { tag: ["_"] }, expected: [] },
    ];
    for (const scope of [businessScope(business.id), ALL_BUSINESSES]) {
      for (const { filters, expected } of cases) {
        const page = await listJobRuns({ scope, filters: { ...filters, ...(scope.kind === "all" ? { businessId: business.id } : {}) }, limit: 50 });
        expect(page.runs.map((run) => run.id).sort(), JSON.stringify(filters)).toEqual([...expected].sort());
      }
    }
  });
});
