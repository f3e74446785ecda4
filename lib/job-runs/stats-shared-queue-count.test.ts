import { beforeAll, expect, it } from "vitest";
import { businessScope } from "../tenancy";
import { createBusiness, queueRun } from "../../test-support/fixtures";
import { installStatementTrace, traceStatements } from "../../test-support/statement-trace";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { getJobRunStats } from "./stats-service";

useTempDatabase();
beforeAll(() => installStatementTrace());

const readsUnfinished = (sql: string) => /status IN \((\?|\$)/.test(sql) && /\bjob_runs\b/.test(sql);

it("shares live statistics' read of the queue between callers of one business, and not with another business or a past moment", async () => {
  const [acme, birch] = [await createBusiness(), await createBusiness()];
  await queueRun({ businessId: acme.id, jobType: "sync-calendar" });
  await queueRun({ businessId: birch.id, jobType: "sync-calendar" });
  await queueRun({ businessId: birch.id, jobType: "sync-calendar" });

  let acmeQueued: number[] = [];
  const statements = await traceStatements(async () => {
    const acmeStats = await Promise.all([getJobRunStats({ scope: businessScope(acme.id), window: "24h" }), getJobRunStats({ scope: businessScope(acme.id), window: "24h" })]);
    acmeQueued = acmeStats.map((stats) => stats.byStatus.queued);
    const birchStats = await getJobRunStats({ scope: businessScope(birch.id), window: "24h" });
    expect(birchStats.byStatus.queued).toBe(2);
  });
  expect(acmeQueued).toEqual([1, 1]);
  expect(statements.filter((statement) => readsUnfinished(statement.sql))).toHaveLength(2);

  const asOf = await traceStatements(async () => {
    await getJobRunStats({ scope: businessScope(acme.id), window: "24h", now: new Date() });
    await getJobRunStats({ scope: businessScope(acme.id), window: "24h", now: new Date() });
  });
  expect(asOf.filter((statement) => readsUnfinished(statement.sql))).toHaveLength(2);
});
