import { expect, it } from "vitest";
import { ALL_BUSINESSES, businessScope } from "../tenancy";
import { createBusiness, queueRun } from "../../test-support/fixtures";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { getJobRunStats } from "./stats-service";

useTempDatabase();

it("counts queued runs due later as scheduled, apart from the runs waiting for a worker", async () => {
  const now = new Date();
  const [business, other] = [await createBusiness(), await createBusiness()];
  await queueRun({ businessId: business.id, jobType: "due-now", runAt: new Date(now.getTime() - 60_000) });
  await queueRun({ businessId: business.id, jobType: "due-later", runAt: new Date(now.getTime() + 30 * 60_000) });
  await queueRun({ businessId: business.id, jobType: "due-later", runAt: new Date(now.getTime() + 2 * 3600_000) });
  await queueRun({ businessId: other.id, jobType: "due-later", runAt: new Date(now.getTime() + 30 * 60_000) });

  const stats = await getJobRunStats({ scope: businessScope(business.id), window: "24h", now });
  expect(stats.byStatus.queued).toBe(3);
  expect(stats.scheduled).toBe(2);

  const everyone = await getJobRunStats({ scope: ALL_BUSINESSES, window: "24h", now });
  expect(everyone.scheduled).toBe(3);
  const filtered = await getJobRunStats({ scope: ALL_BUSINESSES, window: "24h", businessFilter: other.id, now });
  expect(filtered.scheduled).toBe(1);
});
